"""The ingest service: fetch the sources, check what is new or changed, and store it.

This is where the sources stage (network, parsing), the checker (`claimcheck.pipeline`) and the
store meet; the CLI's `fetch` and the app's fetch action call `fetch_sources`, `claimcheck check
URL` calls `fetch_url`. Validators (ETag / Last-Modified) are written only after the article
they stand for is safely stored, so a fetch killed at any point is completed by the next one.
That is why they live in the store rather than in an HTTP cache such as hishel, which records
a response when it arrives and would keep every body a second time.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx

from claimcheck.models import CheckedDocument, Document
from claimcheck.sources import (
    FeedEntry,
    FetchConfig,
    Fetched,
    Fetcher,
    FetchError,
    Sleep,
    Source,
    Validators,
    document_from_fetched,
    entry_document,
    guess_kind,
    host_of,
    is_http_url,
    load_source_list,
    normalize_url,
    parse_feed,
    readme_raw_url,
)
from claimcheck.store import Store, StoreError
from claimcheck.text import one_line

# what the shells need besides the run itself, so that they import this service only
__all__ = [
    "ArticleOutcome",
    "FetchConfig",
    "FetchError",
    "FetchEvent",
    "FetchSummary",
    "SourceResult",
    "afetch_sources",
    "afetch_url",
    "ensure_bundled_sources",
    "fetch_sources",
    "fetch_url",
    "guess_kind",
    "is_http_url",
    "validators",
]


@dataclass(frozen=True)
class FetchEvent:
    """Reported to the progress callback as work completes (for a progress display)."""

    source: str
    url: str
    outcome: str  # source | source_failed | new | changed | unchanged | failed
    detail: str = ""
    total: int | None = None  # articles expected from this source, once known


@dataclass(frozen=True)
class ArticleOutcome:
    """A new or changed article of this run, for the summary the user reads."""

    outcome: str  # new | changed
    title: str
    url: str
    claims: int = 0


@dataclass(frozen=True)
class SourceResult:
    """What one source gave in one run."""

    name: str
    url: str
    ok: bool = True  # False when the source itself could not be read
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()  # one line each, already prefixed with the URL
    warning: str | None = None  # a malformed feed that was read anyway
    not_modified: bool = False
    articles: tuple[ArticleOutcome, ...] = ()


@dataclass(frozen=True)
class FetchSummary:
    """A run over several sources: counts for the summary line, errors for the user."""

    sources: tuple[SourceResult, ...] = ()
    claims: int = 0
    verdicts: Mapping[str, int] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def changed(self) -> int:
        return sum(s.changed for s in self.sources)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sources)

    @property
    def failed(self) -> int:
        return sum(s.failed for s in self.sources)

    @property
    def failed_sources(self) -> int:
        return sum(not s.ok for s in self.sources)

    @property
    def all_failed(self) -> bool:
        return bool(self.sources) and all(not s.ok for s in self.sources)

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(f"{s.name}: {e}" for s in self.sources for e in s.errors)

    @property
    def articles(self) -> tuple[ArticleOutcome, ...]:
        return tuple(a for s in self.sources for a in s.articles)


class DocumentChecker(Protocol):
    """What the run needs of a checker (`claimcheck.pipeline.Checker`, or a test's fake)."""

    def check_document(self, doc: Document) -> CheckedDocument: ...


ProgressCallback = Callable[[FetchEvent], None]


def validators(store: Store, url: str) -> Validators:
    """What the store kept from the last response for `url` (none: an unconditional GET)."""
    cached = store.http_cache(url) or {}
    return Validators(etag=cached.get("etag"), last_modified=cached.get("last_modified"))


@dataclass
class _Tally:
    """What one source's coroutines accumulate (mutable; frozen into a SourceResult)."""

    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    articles: list[ArticleOutcome] = field(default_factory=list)

    def result(
        self,
        src: Source,
        *,
        ok: bool = True,
        not_modified: bool = False,
        warning: str | None = None,
    ) -> SourceResult:
        return SourceResult(
            name=src.name,
            url=src.url,
            new=self.counts["new"],
            changed=self.counts["changed"],
            unchanged=self.counts["unchanged"],
            failed=self.counts["failed"],
            errors=tuple(self.errors),
            articles=tuple(self.articles),
            ok=ok,
            not_modified=not_modified,
            warning=warning,
        )


def default_checker(store: Store) -> DocumentChecker:
    """The checker used when the caller passes none: the real pipeline on this store."""
    from claimcheck.pipeline import Checker

    return Checker(store)


class _Run:
    """One `fetch_sources` call: shared state for the coroutines of every source.

    All store access happens in the event loop's thread (SQLite connections are per thread);
    only text extraction, which is CPU-bound and touches no shared state, runs in a worker.
    """

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        checker: DocumentChecker | None,
        progress: ProgressCallback | None,
        since: str | None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self._checker = checker
        self.progress = progress
        self.since = since
        self.claims = 0
        self.verdicts: Counter[str] = Counter()

    def checker(self) -> DocumentChecker:
        if self._checker is None:
            self._checker = default_checker(self.store)
        return self._checker

    def emit(self, event: FetchEvent) -> None:
        if self.progress is not None:
            self.progress(event)

    def validators(self, url: str) -> dict[str, str | None]:
        known = validators(self.store, url)
        return {"etag": known.etag, "last_modified": known.last_modified}

    def remember(self, fetched: Fetched) -> None:
        """Store validators — only once what they stand for is stored, never before."""
        if fetched.etag or fetched.last_modified:
            self.store.set_http_cache(
                fetched.url,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                status=fetched.status,
                error=None,
            )

    async def source(self, src: Source) -> SourceResult:
        """One source's run; whatever goes wrong is this source's error line, never the run's."""
        try:
            return await self._source(src)
        except Exception as exc:  # noqa: BLE001 - a bug or a surprise must not stop the others
            detail = one_line(f"{type(exc).__name__}: {exc}", 160)
            self.emit(FetchEvent(src.name, src.url, "source_failed", detail))
            return SourceResult(src.name, src.url, ok=False, errors=(f"{src.url}: {detail}",))

    async def _source(self, src: Source) -> SourceResult:
        if src.kind == "feed":
            return await self._feed(src)
        url = readme_raw_url(src.url) if src.kind == "readme" else src.url
        self.emit(FetchEvent(src.name, src.url, "source", total=1))
        tally = _Tally()
        outcome = await self._article(src, url, FeedEntry(link=url), tally)
        return tally.result(
            src, ok=outcome != "source_failed", not_modified=outcome == "not_modified"
        )

    async def _feed(self, src: Source) -> SourceResult:
        fetched = await self.fetcher.get(
            src.url,
            accept="application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5",
            **self.validators(src.url),
        )
        if not fetched.ok:
            self.emit(FetchEvent(src.name, src.url, "source_failed", fetched.error or ""))
            return SourceResult(
                src.name, src.url, ok=False, errors=(f"{src.url}: {fetched.error}",)
            )
        if fetched.not_modified:
            self.emit(FetchEvent(src.name, src.url, "source", "not modified", total=0))
            return SourceResult(src.name, src.url, not_modified=True)
        try:
            feed = parse_feed(fetched.content, fetched.final_url or src.url, fetched.content_type)
        except FetchError as exc:
            self.emit(FetchEvent(src.name, src.url, "source_failed", str(exc)))
            return SourceResult(src.name, src.url, ok=False, errors=(f"{src.url}: {exc}",))
        entries = [e for e in feed.entries if not (self.since and e.date and e.date < self.since)]
        entries = entries[: self.fetcher.config.max_entries]
        self.emit(FetchEvent(src.name, src.url, "source", feed.warning or "", total=len(entries)))
        tally = _Tally()
        await asyncio.gather(*(self._article(src, e.link, e, tally) for e in entries))
        if not tally.errors:
            # every entry is stored: next time an unchanged feed is a 304
            self.remember(fetched)
        return tally.result(src, warning=feed.warning)

    async def _article(self, src: Source, url: str, entry: FeedEntry, tally: _Tally) -> str:
        """Fetch, extract, check and store one article. Returns its outcome.

        One entry's failure, expected or not, is that entry's error line: the other articles
        of the feed and of the other feeds are still read and stored.
        """
        try:
            return await self._read_article(src, url, entry, tally)
        except Exception as exc:  # noqa: BLE001 - see the docstring
            message = f"{url or src.url}: {one_line(f'{type(exc).__name__}: {exc}', 160)}"
            tally.counts["failed"] += 1
            tally.errors.append(message)
            self.emit(FetchEvent(src.name, url, "failed", message))
            return "failed" if src.kind == "feed" else "source_failed"

    async def _read_article(
        self,
        src: Source,
        url: str,
        entry: FeedEntry,
        tally: _Tally,
    ) -> str:
        single = src.kind != "feed"

        def fail(message: str) -> str:
            # a page or README that fails is its source failing: counted once, as a source
            if not single:
                tally.counts["failed"] += 1
            tally.errors.append(message)
            self.emit(FetchEvent(src.name, url, "failed", message))
            return "source_failed" if single else "failed"

        doc: Document | None = None
        canonical = ""
        fetched: Fetched | None = None
        if not url or not is_http_url(url):
            if not entry.content:
                return fail(f"{url or entry.title or 'entry'}: entry has no http(s) link")
        else:
            fetched = await self.fetcher.get(url, **self.validators(url))
            if fetched.not_modified and not self.store.has_article_url(
                normalize_url(fetched.final_url or url)
            ):
                # validators outlived their article (deleted, or a store restored): read it again
                fetched = await self.fetcher.get(url)
            if not fetched.ok:
                if not entry.content:
                    return fail(f"{url}: {fetched.error}")
                fetched = None  # the feed carries the text itself: use it
            elif fetched.not_modified:
                tally.counts["unchanged"] += 1
                self.emit(FetchEvent(src.name, url, "unchanged", "not modified"))
                return "not_modified"
        try:
            if fetched is not None:
                try:
                    doc, canonical = await asyncio.to_thread(
                        document_from_fetched,
                        fetched,
                        kind=src.kind,
                        source=src.name,
                        title=entry.title,
                        date=entry.date,
                    )
                except FetchError:
                    if not entry.content:
                        raise
            if doc is None:
                doc, canonical = await asyncio.to_thread(entry_document, src, url, entry)
        except FetchError as exc:
            return fail(str(exc))
        except Exception as exc:  # an extractor crash on one hostile page skips that page only
            return fail(f"{url}: cannot read: {one_line(f'{type(exc).__name__}: {exc}', 160)}")
        assert doc is not None  # both branches above set it or returned
        try:
            outcome, claims = self.store_document(doc, canonical)
        except StoreError as exc:  # locked past the wait, read-only, disk full
            return fail(f"{url}: checked but not saved: {one_line(str(exc), 200)}")
        except FetchError as exc:
            return fail(f"{url}: check failed: {one_line(str(exc), 160)}")
        except Exception as exc:  # a checker bug must not lose the other articles
            return fail(f"{url}: check failed: {one_line(f'{type(exc).__name__}: {exc}', 160)}")
        if fetched is not None:
            self.remember(fetched)
        tally.counts[outcome] += 1
        if outcome != "unchanged":
            tally.articles.append(ArticleOutcome(outcome, doc.title, doc.path, claims))
        self.emit(FetchEvent(src.name, url, outcome, doc.title))
        return outcome

    def store_document(self, doc: Document, canonical: str) -> tuple[str, int]:
        """Check and save a document unless the same text is already stored.

        Returns the outcome (new | changed | unchanged) and the number of claims found.
        """
        existing = self.store.find_article(doc, canonical)
        if existing and existing.get("content_hash") == doc.sha256:
            return "unchanged", 0
        checked = self.checker().check_document(doc)
        if checked.error:
            raise FetchError(checked.error)
        self.store.save(checked, document=doc, canonical_url=canonical)
        self.claims += len(checked.claims)
        self.verdicts.update(c.verdict.verdict for c in checked.claims)
        return ("changed" if existing else "new"), len(checked.claims)


async def afetch_sources(
    store: Store,
    sources: Iterable[Source | Mapping[str, object]],
    since: str | None = None,
    progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    checker: DocumentChecker | None = None,
    config: FetchConfig | None = None,
    sleep: Sleep | None = None,
) -> FetchSummary:
    """`fetch_sources` for callers already inside an event loop (the TUI)."""
    srcs = [Source.coerce(s) for s in sources]
    async with Fetcher(config, transport=transport, sleep=sleep) as fetcher:
        run = _Run(store, fetcher, checker, progress, since)
        results = await asyncio.gather(*(run.source(s) for s in srcs))
    return FetchSummary(sources=tuple(results), claims=run.claims, verdicts=dict(run.verdicts))


def fetch_sources(
    store: Store,
    sources: Iterable[Source | Mapping[str, object]],
    since: str | None = None,
    progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    checker: DocumentChecker | None = None,
    config: FetchConfig | None = None,
    sleep: Sleep | None = None,
) -> FetchSummary:
    """Fetch every source, store new and changed articles, and check them right away.

    `sources` are `Source`s or rows of `store.sources()`. `since` (YYYY-MM-DD) skips older
    feed entries. `checker` defaults to `claimcheck.pipeline.Checker(store)`, built on the first
    article that needs it. Network trouble never raises: it is counted and reported per source.
    """
    return asyncio.run(
        afetch_sources(
            store,
            sources,
            since,
            progress,
            transport,
            checker=checker,
            config=config,
            sleep=sleep,
        )
    )


async def afetch_url(
    url: str,
    *,
    kind: str | None = None,
    config: FetchConfig | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Document:
    """`fetch_url` for callers already inside an event loop (the TUI's async workers)."""
    if not is_http_url(url):
        raise FetchError(f"{url}: not an http(s) URL")
    kind = kind or ("readme" if readme_raw_url(url) != url else "page")
    target = readme_raw_url(url) if kind == "readme" else url
    async with Fetcher(config, transport=transport) as fetcher:
        fetched = await fetcher.get(target)
    if not fetched.ok:
        raise FetchError(f"{url}: {fetched.error}")
    doc, _ = await asyncio.to_thread(document_from_fetched, fetched, kind=kind, source=host_of(url))
    return doc


def fetch_url(
    url: str,
    *,
    kind: str | None = None,
    config: FetchConfig | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Document:
    """Fetch one page or README as a Document (what `claimcheck check URL` reads).

    GitHub and Hugging Face repository URLs are read as Markdown from their raw README.
    Raises FetchError with a one-line message when the URL cannot be read. Inside a running
    event loop, await `afetch_url` instead.
    """
    return asyncio.run(afetch_url(url, kind=kind, config=config, transport=transport))


_OFFERED_KEY = "bundled_sources_offered"


def ensure_bundled_sources(store: Store, path: Path | None = None) -> int:
    """Add bundled sources the store has never been offered. Returns how many were added.

    A bundled source is offered once: if the user edits it (same name) or removes it, a later
    run does not put it back; a source added to a newer bundled list still arrives.
    """
    offered = set(json.loads(store.get_meta(_OFFERED_KEY) or "[]"))
    existing = {row["name"] for row in store.sources()}
    added = 0
    with store.transaction():
        for src in load_source_list(path).sources:
            if src.name in offered:
                continue
            offered.add(src.name)
            if src.name in existing:
                continue
            store.upsert_source(src.name, src.url, src.kind, bundled=True)
            added += 1
        store.set_meta(_OFFERED_KEY, json.dumps(sorted(offered)))
    return added
