"""The app's work off the UI thread: checking, fetching, exporting, gathering links.

Each is a Textual worker. Reading the store happens in short thread workers (each opens its
own SQLite connection). Checking text needs the expensive pipeline objects (registry, spaCy,
evaluation index) and a store connection, which must stay in the thread that made them; so
every check runs on one long-lived thread (`CheckerThread`) that builds them once, and the
workers await it. A draft check is an exclusive worker: a newer edit cancels the older one,
which then never runs if it had not started.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work

from claimcheck.services import reader
from claimcheck.services.app import (
    article_origin,
    export_documents,
    load_document,
    sample_files,
    warm_up,
    write_export,
)
from claimcheck.tui.data import one_line, rows_from_checked
from claimcheck.tui.messages import (
    ArticleChecked,
    DraftChecked,
    ExportFinished,
    FetchFinished,
    LinksFound,
    Progress,
    WorkFailed,
)
from claimcheck.tui.screens import ExportRequest, Link
from claimcheck.tui.startup import StartupMixin

if TYPE_CHECKING:
    import httpx

    from claimcheck.services.stores import Store
    from claimcheck.tui.views import CheckView

T = TypeVar("T")


class CheckerThread:
    """The one thread that checks. It owns a store connection and the checker, built on
    first use and never shared with another thread; jobs run one at a time, in the order
    they were asked for, after the start-up has made the store ready."""

    def __init__(self, app: WorkMixin) -> None:
        self.app = app
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checker")
        self._closing = threading.Event()
        self._store: Store | None = None
        self._checker: Any = None
        self._executor.submit(self._prepare)

    async def run(self, job: Callable[[Store, Any], T]) -> T:
        """Run `job(store, checker)` on the checker's thread; a cancelled caller's job that
        has not started never runs."""
        return await asyncio.wrap_future(self._executor.submit(self._call, job))

    def close(self) -> None:
        """Skip the jobs not yet started and close the store in its own thread."""
        self._closing.set()
        self._executor.submit(self._close_store)
        self._executor.shutdown(wait=False)

    def _prepare(self) -> None:
        """Wait for the start-up to make the store ready. On a first run, load what the
        checker needs without the store meanwhile, once the first screen is drawn, so the
        first sample's verdicts come sooner."""
        app, warmed = self.app, False
        while not app.store_ready.wait(0.05):
            if self._closing.is_set():
                return
            if not warmed and app.warm_checker.is_set() and app.first_screen.is_set():
                warmed = True
                if app.checker_factory is None:
                    warm_up()

    def _call(self, job: Callable[[Store, Any], T]) -> T:
        if self._closing.is_set():
            raise RuntimeError("the app is closing")
        if self._store is None:
            self._store = self.app.open_store()
        if self._checker is None:
            self.app.post_message(Progress("Loading the checker…"))
            try:
                self._checker = self.app.make_checker(self._store)
            finally:
                self.app.post_message(Progress("", finished=True))
        return job(self._store, self._checker)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()


class WorkMixin(StartupMixin):
    """The app's actions that run off the UI thread."""

    fetch_transport: httpx.AsyncBaseTransport | None  # tests fetch through a mock transport
    checker_factory: Callable[[Store], Any] | None  # tests may judge with a stand-in checker
    checker: CheckerThread  # made on mount

    def make_checker(self, store: Store) -> Any:
        """The pipeline's Checker (built once per thread that checks), or the test's stand-in."""
        if self.checker_factory is not None:
            return self.checker_factory(store)
        from claimcheck.services.check import make_checker

        return make_checker(store)

    # -- checking ----------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="draft")
    async def check_draft(self, seq: int, text: str, view: CheckView) -> None:
        """Judge the text being edited; the answer carries `seq`, the edit it belongs to."""
        if not text.strip():
            view.post_message(DraftChecked(seq, []))
            return
        try:
            rows = await self.checker.run(lambda _, c: rows_from_checked(c.check_text(text)))
        except Exception as exc:  # noqa: BLE001 - shown in the view, the app goes on
            view.post_message(DraftChecked(seq, [], error=str(exc)))
            return
        view.post_message(DraftChecked(seq, rows))

    @work(exit_on_error=False, group="check")
    async def check_samples(self) -> None:
        """Check the bundled samples into the store (a first run), selecting the first."""

        def job(store: Store, checker: Any) -> None:
            paths = sample_files(self.settings.data_dir)
            for i, path in enumerate(paths):
                self.post_message(Progress(f"Checking sample {path.name}", i, len(paths)))
                self._check_and_save(store, checker, path, select=i == 0)
            self.post_message(Progress("Samples checked", len(paths), len(paths), finished=True))

        await self._checking("check the bundled samples", job)

    @work(exit_on_error=False, group="check")
    async def check_file(self, path: Path) -> None:
        """Check one file into the store and show it."""

        def job(store: Store, checker: Any) -> None:
            self.post_message(Progress(f"Checking {path.name}"))
            self._check_and_save(store, checker, path, select=True)
            self.post_message(Progress("", finished=True))

        await self._checking("check the file", job)

    async def _checking(self, action: str, job: Callable[[Store, Any], None]) -> None:
        try:
            await self.checker.run(job)
        except Exception as exc:  # noqa: BLE001 - one failed check never stops the app
            self.post_message(Progress("", finished=True))
            self.post_message(WorkFailed(action, str(exc)))

    def _check_and_save(self, store: Store, checker: Any, path: Path, *, select: bool) -> None:
        document = load_document(path)
        checked = checker.check_document(document)
        aid = store.save(checked)
        self.post_message(ArticleChecked(aid, document.title, select=select))

    # -- exporting ---------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="export")
    def export(
        self,
        request: ExportRequest,
        article_id: str | None = None,
        shown: list[dict[str, Any]] | None = None,
    ) -> None:
        """Write a report: the article shown, the claims view as filtered, or everything."""
        try:
            with self.open_store() as store:
                docs = export_documents(store, request.scope, article_id, shown)
            orgs = self.model_orgs()
            write_export(request.path, docs, request.fmt, orgs=orgs, overwrite=request.overwrite)
        except Exception as exc:  # noqa: BLE001 - a failed export is a notification
            self.post_message(WorkFailed(f"export to {request.path}", str(exc)))
            return
        self.post_message(
            ExportFinished(
                request.path, len(docs), sum(len(d.claims) for d in docs), fmt=request.fmt
            )
        )

    # -- links -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="links")
    def gather_links(
        self, article_id: str | None, claim: dict[str, Any] | None, selected: int
    ) -> None:
        """The article's web address and each evidence row's source, for the links dialog."""
        links: list[Link] = []
        article = None
        if article_id and article_id != "draft":
            read = reader.article_with_claims(self.settings.db_path, article_id)
            article = read[0] if read else None
        if article is not None:
            url, _ = article_origin(article)
            if url:
                title = one_line(article.get("title"), 60) or "the article"
                links.append(Link(f"Article: {title}", url))
            else:
                selected -= 1  # no article link heads the list
        evidence = list((claim or {}).get("evidence") or ())
        missing = [e.get("snapshot") for e in evidence if not e.get("source_url")]
        pinned = reader.snapshot_urls(self.settings.db_path, [m for m in missing if m])
        from claimcheck.services.export import web_url

        for e in evidence:
            source = web_url(e.get("source_url") or pinned.get(e.get("snapshot") or ""))
            if source:
                bench, where = one_line(e.get("benchmark"), 30), one_line(e.get("source"))
                links.append(Link(f"Evidence: {bench} · {where}", source))
        self.post_message(LinksFound(links, max(selected, 0)))

    # -- fetching ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch")
    def fetch(self) -> None:
        """Fetch every stored source; fetch_sources stores and checks each new article itself."""
        from claimcheck.services.ingest import ensure_bundled_sources, fetch_sources

        self.post_message(Progress("Fetching sources…"))
        seen = 0
        expected = 0

        def progress(event: Any) -> None:
            nonlocal seen, expected
            if event.total:
                expected += event.total
            if event.outcome in {"new", "changed", "unchanged", "failed"}:
                seen += 1
            label = f"{event.source}: {event.outcome} {event.detail}"
            self.post_message(Progress(label, seen, max(expected, seen)))
            if event.outcome in {"new", "changed"}:
                # new articles appear in the list as soon as they are stored
                self.post_message(ArticleChecked("", event.detail))

        try:
            with self.open_store() as store:
                if not store.sources():
                    ensure_bundled_sources(store)
                summary = fetch_sources(
                    store,
                    store.sources(),
                    progress=progress,
                    transport=self.fetch_transport,
                    checker=self.make_checker(store) if self.checker_factory else None,
                )
        except Exception as exc:  # noqa: BLE001 - network trouble is a notification
            self.post_message(Progress("", finished=True))
            self.post_message(WorkFailed("fetch", str(exc)))
            return
        for error in summary.errors[:3]:
            self.post_message(WorkFailed("fetch", error))
        text = (
            f"Fetched {summary.new} new and {summary.changed} changed articles "
            f"({summary.unchanged} unchanged)"
        )
        failed = summary.failed + summary.failed_sources
        self.post_message(FetchFinished(summary.new + summary.changed, failed, text))
