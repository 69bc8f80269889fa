"""The fetch stage: announcement sources in, clean article text (tables kept) stored and checked.

Sources are feeds (RSS/Atom, including GitHub release feeds), single pages, and READMEs /
model cards (read as Markdown from their raw URLs). Everything goes through one
`httpx.AsyncClient` wrapped in `Fetcher`, which adds what a polite, robust crawler needs and
httpx does not do by itself: a global and a per-host concurrency limit, retries with backoff on
connect errors / 429 / 5xx honouring a capped Retry-After, a streamed body cap, and conditional
requests whose validators (ETag / Last-Modified) live in the store, so a 304 costs nothing.

Main text comes from trafilatura: it is actively maintained, scores at or near the top of the
published main-text extraction benchmarks (ScrapingHub's article-extraction benchmark and
Bevendorff et al., SIGIR 2023), needs no browser, and — the reason it wins here — it can emit
Markdown with tables kept as pipe tables, so a vendor's benchmark table survives extraction and
`parse_vendor_tables` can read it. readability-lxml and jusText drop or flatten tables.

Web text is hostile: bytes are decoded with the charset that actually works (pages lie about
their encoding), ANSI / control / bidi sequences are stripped, and nothing is ever interpreted as
markup. Validators are written only after an article is safely stored, so a fetch killed at any
point is completed by the next one.
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import hashlib
import random
import re
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from claimcheck.models import CheckedDocument, Document
from claimcheck.text import strip_controls

SOURCE_KINDS: tuple[str, ...] = ("feed", "page", "readme")
DEFAULT_USER_AGENT = "claimcheck/0.1 (+https://github.com/claimcheck/claimcheck)"


class FetchError(Exception):
    """A URL could not be fetched or read; the message is one line meant for the user."""


# -- configuration and results ------------------------------------------------------------


@dataclass(frozen=True)
class FetchConfig:
    """How hard and how politely to fetch. Tests shrink the timeouts and the delays."""

    concurrency: int = 16  # requests in flight overall
    per_host: int = 6  # requests in flight per host, as browsers do
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # a trickling server cannot hold a request longer than this
    retries: int = (
        3  # extra attempts after the first: connect errors, dropped connections, 429, 5xx
    )
    backoff: float = 0.5  # first retry delay in seconds; doubles each attempt, with jitter
    max_retry_after: float = 30.0  # a server asking for longer waits this long, no more
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024
    max_entries: int = 30  # feed entries read per source and run
    user_agent: str = DEFAULT_USER_AGENT

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> FetchConfig:
        ua = getattr(settings, "user_agent", None) or DEFAULT_USER_AGENT
        return cls(user_agent=ua, **overrides)


@dataclass(frozen=True)
class Fetched:
    """The outcome of one GET: a body, a 304, or a one-line error."""

    url: str
    final_url: str = ""
    status: int = 0
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Source:
    """Where announcements come from: a feed, a page, or a README / model card."""

    name: str
    url: str
    kind: str = "feed"

    @classmethod
    def coerce(cls, value: Source | Mapping[str, Any]) -> Source:
        if isinstance(value, Source):
            return value
        return cls(name=str(value["name"]), url=str(value["url"]), kind=str(value["kind"]))


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
    def check_document(self, doc: Document) -> CheckedDocument: ...


ProgressCallback = Callable[[FetchEvent], None]
Sleep = Callable[[float], Awaitable[None]]


# -- text hygiene --------------------------------------------------------------------------


def sanitize_text(text: str) -> str:
    """Strip terminal escape sequences and control characters; keep the words, as plain data.

    Also folds CRLF/CR line ends and runs of blank lines, as page text arrives full of them.
    """
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def one_line(text: str, limit: int = 200) -> str:
    """A hostile or multi-line string made safe for a one-line message."""
    flat = " ".join(sanitize_text(str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LATIN1_NAMES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _LATIN1_NAMES:
        # WHATWG: pages labelled latin-1 are decoded as windows-1252 by every browser
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_body(content: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a body, trusting the bytes over the label. Returns (text, encoding used).

    Valid UTF-8 is almost never anything else, so it wins even over a contrary label (the
    most common lie: a UTF-8 page served as latin-1). Otherwise the declared charset (header,
    then `<meta charset>`) if it decodes cleanly, else charset-normalizer's best guess —
    preferring windows-1252 among equally plausible single-byte guesses, as browsers do.
    """
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", "replace"), "utf-8"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(bom):
            return content[2:].decode(enc, "replace"), enc
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET_RE.search(content[:4096])
    in_page = match.group(1).decode("ascii", "ignore") if match else None
    # the header first, then the page's own <meta>: when one of them lies, the other may not
    for label in (declared, in_page):
        codec = _codec(label)
        if codec and codec not in ("utf-8", "utf_8"):
            try:
                return content.decode(codec), codec
            except (UnicodeDecodeError, LookupError):
                pass
    guess = _guess_encoding(content)
    if guess:
        return content.decode(guess, "replace"), guess
    return content.decode("cp1252", "replace"), "cp1252"


def _guess_encoding(content: bytes) -> str | None:
    from claimcheck.documents import guess_legacy_encoding

    return guess_legacy_encoding(content)


# -- URLs ----------------------------------------------------------------------------------

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)


def normalize_url(url: str) -> str:
    """The URL an article is stored under: no fragment, no tracking parameters."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": left as written, and is_http_url refuses it
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not _TRACKING_PARAMS.match(k)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def is_http_url(url: str) -> bool:
    """An http(s) URL with a host that the HTTP client can request (never raises)."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return False
    return True


def readme_raw_url(url: str) -> str:
    """Map a GitHub / Hugging Face repository or README page to its raw Markdown URL.

    `github.com/O/R` → `raw.githubusercontent.com/O/R/HEAD/README.md`; a `blob/REF/PATH` page →
    its raw file; `huggingface.co/O/M` (a model card) → `huggingface.co/O/M/raw/main/README.md`.
    Anything else (already raw, or another host) is returned unchanged.
    """
    parts = urlsplit(url)
    host = parts.netloc.lower()
    segs = [s for s in parts.path.split("/") if s]
    if host in ("github.com", "www.github.com") and len(segs) >= 2:
        owner, repo = segs[0], segs[1].removesuffix(".git")
        if len(segs) >= 5 and segs[2] == "blob":
            rest = "/".join(segs[3:])
            return f"https://raw.githubusercontent.com/{owner}/{repo}/{rest}"
        if len(segs) == 2:
            return f"https://raw.githubusercontent.com/{owner}/{repo}/HEAD/README.md"
    if host in ("huggingface.co", "www.huggingface.co") and segs:
        if segs[0] in ("datasets", "spaces"):
            prefix, segs = segs[0] + "/", segs[1:]
        else:
            prefix = ""
        if len(segs) >= 5 and segs[2] == "blob":
            rest = "/".join(segs[3:])
            return f"https://huggingface.co/{prefix}{segs[0]}/{segs[1]}/raw/{rest}"
        if len(segs) == 2:
            return f"https://huggingface.co/{prefix}{segs[0]}/{segs[1]}/raw/main/README.md"
    return url


def guess_kind(url: str) -> str:
    """A sensible default kind for a URL the user adds without saying."""
    parts = urlsplit(url)
    host, path = parts.netloc.lower(), parts.path.lower()
    if path.endswith((".atom", ".rss", ".xml", "/feed", "/feed/", "/rss", "/rss/")):
        return "feed"
    if host.endswith(("github.com", "huggingface.co", "raw.githubusercontent.com")):
        return "readme"
    if path.endswith((".md", ".markdown")):
        return "readme"
    return "page"


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


# -- the HTTP client -----------------------------------------------------------------------


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} kB"


class _Retry(Exception):
    def __init__(
        self,
        result: Fetched,
        delay: float | None,
        *,
        connect: bool = False,
        unreachable: bool = False,
    ) -> None:
        super().__init__(result.error)
        self.result = result
        self.delay = delay
        self.connect = connect  # the connection itself failed (not a 5xx or a drop)
        self.unreachable = unreachable  # no route or no such name: retrying cannot help


def _unreachable(exc: BaseException) -> bool:
    """True when a connect error means this machine cannot reach the host at all: the name
    does not resolve (offline, no DNS) or there is no route. Waiting a second won't fix it."""
    import errno
    import socket

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return True
        if isinstance(current, OSError) and current.errno in (
            errno.ENETUNREACH,
            errno.EHOSTUNREACH,
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


class Fetcher:
    """An `httpx.AsyncClient` with limits, retries, a body cap and conditional requests.

    Use as `async with Fetcher(config) as f: await f.get(url)`. `transport` replaces the
    network (tests pass an `httpx.MockTransport`); `sleep` replaces `asyncio.sleep` so retry
    delays can be observed without waiting for them.
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep | None = None,
    ) -> None:
        self.config = config or FetchConfig()
        self._transport = transport
        self._sleep = sleep or asyncio.sleep
        self._client: httpx.AsyncClient | None = None
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}
        # hosts that could not be reached in this run: later requests fail at once
        self._down: dict[str, str] = {}

    async def __aenter__(self) -> Fetcher:
        cfg = self.config
        self._client = httpx.AsyncClient(
            transport=self._transport,
            follow_redirects=True,
            max_redirects=cfg.max_redirects,
            timeout=httpx.Timeout(
                connect=cfg.connect_timeout,
                read=cfg.read_timeout,
                write=cfg.read_timeout,
                pool=None,  # waiting for a pooled connection is bounded by our semaphores
            ),
            limits=httpx.Limits(
                max_connections=cfg.concurrency, max_keepalive_connections=cfg.concurrency
            ),
            headers={"User-Agent": cfg.user_agent},
            verify=True,
        )
        self._global = asyncio.Semaphore(cfg.concurrency)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = _host(url)
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.config.per_host)
        return self._hosts[host]

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """GET a URL; never raises for network trouble (the result carries a one-line error)."""
        if self._client is None or self._global is None:
            raise RuntimeError("Fetcher.get() outside 'async with Fetcher(...)'")
        if not is_http_url(url):
            return Fetched(url=url, error="not an http(s) URL")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        cfg = self.config
        host = _host(url)
        result = Fetched(url=url, error="not attempted")
        for attempt in range(cfg.retries + 1):
            if host in self._down:
                # offline, or the host is gone: do not spend the backoff on it again
                return Fetched(url=url, error=self._down[host], attempts=attempt)
            try:
                # the host's slot first: a request queued behind its host's limit must not
                # sit on one of the global slots that requests to other hosts could use
                async with self._host_limit(url), self._global:
                    result = await self._attempt(url, headers)
                return replace(result, attempts=attempt + 1)
            except _Retry as retry:
                result = replace(retry.result, attempts=attempt + 1)
                if retry.unreachable:
                    self._down[host] = result.error or "cannot connect"
                    break
                if attempt == cfg.retries:
                    if retry.connect:
                        self._down[host] = result.error or "cannot connect"
                    break
                delay = retry.delay
                if delay is None:
                    delay = cfg.backoff * (2**attempt) * (1 + random.random() / 4)
                # the wait happens outside the semaphores so other requests carry on
                await self._sleep(min(delay, cfg.max_retry_after))
        return result

    async def _attempt(self, url: str, headers: dict[str, str]) -> Fetched:
        assert self._client is not None
        cfg = self.config
        try:
            async with asyncio.timeout(cfg.total_timeout):
                async with self._client.stream("GET", url, headers=headers) as resp:
                    return await self._read(url, resp)
        except TimeoutError:
            return Fetched(url=url, error=f"timed out after {cfg.total_timeout:g}s")
        except httpx.TooManyRedirects:
            return Fetched(
                url=url, error=f"redirect loop or more than {cfg.max_redirects} redirects"
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            # a redirect to "javascript:...", "data:..." or a malformed URL: not httpx.HTTPError
            detail = one_line(str(exc) or type(exc).__name__, 120)
            return Fetched(url=url, error=f"redirected to an unusable URL ({detail})")
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            what = (
                "connect timed out" if isinstance(exc, httpx.ConnectTimeout) else "cannot connect"
            )
            detail = one_line(str(exc) or type(exc).__name__, 120)
            raise _Retry(
                Fetched(url=url, error=f"{what}: {detail}"),
                None,
                connect=True,
                unreachable=_unreachable(exc),
            ) from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            # the server dropped the connection (a restart, an overloaded proxy): a GET is
            # safe to repeat, and these are as transient as a refused connection
            detail = one_line(str(exc) or type(exc).__name__, 120)
            raise _Retry(Fetched(url=url, error=f"connection dropped: {detail}"), None) from exc
        except httpx.TimeoutException as exc:
            kind = type(exc).__name__.replace("Timeout", " timeout").lower()
            return Fetched(url=url, error=f"{kind} after {cfg.read_timeout:g}s")
        except httpx.HTTPError as exc:
            detail = one_line(str(exc) or type(exc).__name__, 160)
            return Fetched(url=url, error=f"{type(exc).__name__}: {detail}")

    async def _read(self, url: str, resp: httpx.Response) -> Fetched:
        cfg = self.config
        final = str(resp.url)
        base = {
            "url": url,
            "final_url": final,
            "status": resp.status_code,
            "etag": resp.headers.get("etag"),
            "last_modified": resp.headers.get("last-modified"),
        }
        if resp.url.scheme not in ("http", "https"):
            return Fetched(**base, error=f"redirected to a non-http URL ({one_line(final, 80)})")
        if resp.status_code == 304:
            return Fetched(**base)
        if resp.status_code == 429 or resp.status_code >= 500:
            error = f"HTTP {resp.status_code} {resp.reason_phrase}".strip()
            raise _Retry(
                Fetched(**base, error=error), _retry_after(resp.headers.get("retry-after"))
            )
        if resp.status_code >= 400:
            return Fetched(**base, error=f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cfg.max_bytes:
            return Fetched(
                **base,
                error=f"body of {_size(int(declared))} is over the {_size(cfg.max_bytes)} cap",
            )
        chunks: list[bytes] = []
        total = 0
        async for chunk in resp.aiter_bytes():
            total += len(chunk)
            if total > cfg.max_bytes:
                # leaving the `stream` context closes the connection: the rest is never read
                return Fetched(**base, error=f"body over the {_size(cfg.max_bytes)} cap, aborted")
            chunks.append(chunk)
        return Fetched(
            **base,
            content=b"".join(chunks),
            content_type=resp.headers.get("content-type", ""),
            charset=resp.charset_encoding,
        )


# -- turning bodies into documents ---------------------------------------------------------


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    match = re.match(r"(\d{4}-\d{2}-\d{2})", str(value))
    return match.group(1) if match else None


def _is_markdown(fetched: Fetched) -> bool:
    ctype = fetched.content_type.lower()
    path = urlsplit(fetched.final_url or fetched.url).path.lower()
    return "markdown" in ctype or path.endswith((".md", ".markdown"))


def _looks_like_html(text: str, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[end + 4 :].lstrip("\n")
    return text


def markdown_document(
    text: str, url: str, *, source: str = "", title: str = "", date: str | None = None
) -> Document:
    """A README or model card: Markdown as published, minus its YAML front matter."""
    body = sanitize_text(_strip_front_matter(text))
    if not title:
        heading = re.search(r"^#\s+(.+)$", body, re.M)
        segs = [s for s in urlsplit(url).path.split("/") if s]
        title = heading.group(1) if heading else ("/".join(segs[:2]) or url)
    title = one_line(title, 300)
    return Document(text=body, path=url, title=title, date=date, source=source, sha256=_sha(body))


def _plain_text(html: str) -> str:
    """All visible text of a fragment trafilatura judged too short to be an article."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return sanitize_text(root.text_content())


def html_document(
    html: str, url: str, *, source: str = "", title: str = "", date: str | None = None
) -> tuple[Document, str]:
    """Main text of an HTML page as Markdown (tables kept). Returns (document, canonical URL).

    A canonical link is believed only when it stays on the same host: a page may not claim to
    be another site's article and overwrite it in the store.
    """
    import trafilatura

    from claimcheck.documents import strip_tags, too_many_tags

    if too_many_tags(html):  # no tree for a page of millions of tags (see documents.py)
        body = sanitize_text(strip_tags(html))
        doc = Document(
            body,
            path=url,
            title=one_line(title or url, 300),
            date=date,
            source=source,
            sha256=_sha(body),
        )
        return doc, url
    text = trafilatura.extract(
        html,
        url=url,
        output_format="markdown",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    meta = trafilatura.extract_metadata(html, default_url=url)
    canonical = url
    if meta is not None:
        title = title or (meta.title or "")
        date = date or _iso_date(meta.date)
        meta_url = meta.url or ""
        if is_http_url(meta_url) and _host(meta_url) == _host(url):
            canonical = normalize_url(meta_url)
    body = sanitize_text(text or "") or _plain_text(html)
    doc = Document(
        text=body,
        path=canonical,
        title=one_line(title or canonical, 300),
        date=date,
        source=source,
        sha256=_sha(body),
    )
    return doc, canonical


def document_from_fetched(
    fetched: Fetched,
    *,
    kind: str = "page",
    source: str = "",
    title: str = "",
    date: str | None = None,
) -> tuple[Document, str]:
    """Decode and extract a fetched body. Returns (document, canonical URL); raises FetchError."""
    from claimcheck.documents import binary_kind

    url = normalize_url(fetched.final_url or fetched.url)
    mime = fetched.content_type.split(";")[0].strip().lower()
    if mime and not (mime.startswith("text/") or mime.endswith(("xml", "markdown", "json"))):
        raise FetchError(f"{url}: not a text page ({one_line(mime, 60)})")
    # servers mislabel files: a PDF or a zip served as text/html is sniffed as a file would be
    binary = binary_kind(fetched.content)
    if binary:
        raise FetchError(f"{url}: {binary} (served as {one_line(mime or 'no type', 60)})")
    text, _ = decode_body(fetched.content, fetched.charset)
    if (
        kind == "readme"
        or _is_markdown(fetched)
        or not _looks_like_html(text, fetched.content_type)
    ):
        doc = markdown_document(text, url, source=source, title=title, date=date)
        canonical = url
    else:
        doc, canonical = html_document(text, url, source=source, title=title, date=date)
    if not doc.text.strip():
        raise FetchError(f"{url}: no readable text found")
    return doc, canonical


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str = ""
    date: str | None = None
    content: str = ""  # the entry's own HTML, used when its page has no readable text


@dataclass(frozen=True)
class ParsedFeed:
    entries: tuple[FeedEntry, ...]
    warning: str | None = None


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Entries of an RSS/Atom feed. Malformed feeds are read as far as feedparser can.

    Raises FetchError when the body is not a feed at all (an HTML page, plain text).
    """
    import feedparser

    parsed = feedparser.parse(
        content,
        response_headers={
            "content-type": content_type or "application/xml",
            "content-location": url,
        },
    )
    problem = parsed.get("bozo_exception")
    reason = one_line(f"{type(problem).__name__}: {problem}", 140) if problem else ""
    if not parsed.get("version") and not parsed.entries:
        raise FetchError("not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    entries: list[FeedEntry] = []
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link:
            for candidate in e.get("links", []):
                if candidate.get("href"):
                    link = candidate["href"]
                    break
        content_html = ""
        if e.get("content"):
            content_html = e["content"][0].get("value", "")
        content_html = content_html or e.get("summary", "")
        date = _iso_date(e.get("published_parsed") or e.get("updated_parsed"))
        date = date or _iso_date(e.get("published") or e.get("updated"))
        entries.append(
            FeedEntry(
                link=urljoin(url, link) if link else "",
                title=one_line(e.get("title", ""), 300),
                date=date,
                content=content_html,
            )
        )
    warning = None
    if parsed.get("bozo"):
        warning = f"malformed feed read anyway ({reason or 'not well-formed'})"
    return ParsedFeed(entries=tuple(entries), warning=warning)


# -- the run over sources ------------------------------------------------------------------


@dataclass
class _Tally:
    """What one source's coroutines accumulate (mutable; frozen into a SourceResult)."""

    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    articles: list[ArticleOutcome] = field(default_factory=list)

    def result(self, src: Source, **extra: Any) -> SourceResult:
        return SourceResult(
            name=src.name,
            url=src.url,
            new=self.counts["new"],
            changed=self.counts["changed"],
            unchanged=self.counts["unchanged"],
            failed=self.counts["failed"],
            errors=tuple(self.errors),
            articles=tuple(self.articles),
            **extra,
        )


def default_checker(store: Any) -> DocumentChecker:
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
        store: Any,
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
        cached = self.store.http_cache(url) if self.store is not None else None
        if not cached:
            return {}
        return {"etag": cached.get("etag"), "last_modified": cached.get("last_modified")}

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
        from claimcheck.store import StoreError

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
                doc, canonical = await asyncio.to_thread(_entry_document, src, url, entry)
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


def _entry_document(src: Source, url: str, entry: FeedEntry) -> tuple[Document, str]:
    """An article from the text a feed entry carries itself (when its page is unreadable)."""
    path = normalize_url(url) if is_http_url(url) else f"{src.url}#{_sha(entry.content)[:12]}"
    doc, _ = html_document(
        f"<html><body><article>{entry.content}</article></body></html>",
        path,
        source=src.name,
        title=entry.title,
        date=entry.date,
    )
    if not doc.text:
        raise FetchError(f"{url or src.url}: no readable text found")
    return doc, path


async def afetch_sources(
    store: Any,
    sources: Iterable[Source | Mapping[str, Any]],
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
    store: Any,
    sources: Iterable[Source | Mapping[str, Any]],
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
    doc, _ = await asyncio.to_thread(document_from_fetched, fetched, kind=kind, source=_host(url))
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


# -- the source list -----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceList:
    """`sources.toml`: the default sources and the public URLs of each leaderboard's files."""

    sources: tuple[Source, ...] = ()
    leaderboards: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def load_source_list(path: Path | None = None) -> SourceList:
    """Read a sources.toml (default: the bundled one). Raises FetchError naming the problem."""
    if path is None:
        from claimcheck.config import bundled_data_dir

        path = bundled_data_dir() / "sources.toml"
    if not path.is_file():
        return SourceList()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FetchError(f"{path}: {one_line(str(exc))}") from exc
    sources: list[Source] = []
    for i, row in enumerate(data.get("source", []), 1):
        try:
            src = Source(
                name=str(row["name"]), url=str(row["url"]), kind=str(row.get("kind", "feed"))
            )
        except (KeyError, TypeError) as exc:
            raise FetchError(f"{path}: [[source]] #{i} needs a name and a url") from exc
        if src.kind not in SOURCE_KINDS or not is_http_url(src.url):
            raise FetchError(f"{path}: [[source]] {src.name!r}: bad kind or URL")
        sources.append(src)
    boards: dict[str, tuple[str, ...]] = {}
    for name, urls in data.get("leaderboards", {}).items():
        boards[name] = (urls,) if isinstance(urls, str) else tuple(str(u) for u in urls)
    return SourceList(sources=tuple(sources), leaderboards=boards)


_OFFERED_KEY = "bundled_sources_offered"


def ensure_bundled_sources(store: Any, path: Path | None = None) -> int:
    """Add bundled sources the store has never been offered. Returns how many were added.

    A bundled source is offered once: if the user edits it (same name) or removes it, a later
    run does not put it back; a source added to a newer bundled list still arrives.
    """
    import json

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


# -- leaderboard updates -------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderboardResult:
    source: str
    ok: bool
    message: str  # one line: what happened to this leaderboard
    rows: int = 0
    new_rows: int = 0
    not_modified: bool = False


@dataclass(frozen=True)
class LeaderboardUpdate:
    results: tuple[LeaderboardResult, ...] = ()
    changes: tuple[Any, ...] = ()  # what pipeline.recheck reported

    @property
    def all_failed(self) -> bool:
        return bool(self.results) and all(not r.ok for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results)

    @property
    def not_modified(self) -> int:
        return sum(r.ok and r.not_modified for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.ok and not r.not_modified for r in self.results)


def _http_date(fetched: Fetched) -> str | None:
    """The file's date from its Last-Modified header (YYYY-MM-DD), when the server sends one."""
    if not fetched.last_modified:
        return None
    try:
        return email.utils.parsedate_to_datetime(fetched.last_modified).date().isoformat()
    except (TypeError, ValueError):
        return None


def _file_name(url: str, index: int) -> str:
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return name or f"download-{index}"


@dataclass(frozen=True)
class UpdateEvent:
    """Reported to `update_leaderboards`' progress callback (for a progress display)."""

    stage: str  # download | import | recheck | done
    source: str = ""
    done: int = 0
    total: int = 0
    detail: str = ""


UpdateProgress = Callable[[UpdateEvent], None]


async def _download_all(
    boards: Mapping[str, Sequence[str]],
    store: Any,
    config: FetchConfig | None,
    transport: httpx.AsyncBaseTransport | None,
    progress: UpdateProgress | None = None,
) -> dict[str, list[Fetched]]:
    """Every file of every leaderboard at once (the Fetcher's limits keep it polite)."""
    total = sum(len(urls) for urls in boards.values())
    done = 0
    async with Fetcher(config, transport=transport) as fetcher:

        async def one(name: str, url: str) -> Fetched:
            nonlocal done
            cached = store.http_cache(url) or {}
            fetched = await fetcher.get(
                url, etag=cached.get("etag"), last_modified=cached.get("last_modified")
            )
            done += 1
            if progress is not None:
                outcome = fetched.error or ("not modified" if fetched.not_modified else "ok")
                progress(UpdateEvent("download", name, done, total, outcome))
            return fetched

        names = list(boards)
        results = await asyncio.gather(
            *(asyncio.gather(*(one(n, u) for u in boards[n])) for n in names)
        )
        return {n: list(r) for n, r in zip(names, results, strict=True)}


def update_leaderboards(
    store: Any,
    boards: Mapping[str, Sequence[str]],
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    config: FetchConfig | None = None,
    recheck: Callable[[Any], Any] | None = None,
    importer: Callable[..., Any] | None = None,
    progress: UpdateProgress | None = None,
) -> LeaderboardUpdate:
    """Download each leaderboard's files, import them, then recheck the stored claims.

    A leaderboard is imported only when every one of its files arrived, so an offline run or a
    half-failed download touches nothing stored. Files unchanged since the last run (304) are
    not re-imported. Each file keeps its public URL as provenance, and its Last-Modified date
    as `as_of` when the server sends one (otherwise the importer falls back to the download
    date). `importer` defaults to `claimcheck.evaldata.import_file` and `recheck` to
    `claimcheck.pipeline.recheck`; recheck runs only when something new was imported.
    """
    downloads = asyncio.run(_download_all(boards, store, config, transport, progress))
    results: list[LeaderboardResult] = []
    imported_any = False
    with tempfile.TemporaryDirectory(prefix="claimcheck-") as tmp:
        for index, (name, fetched) in enumerate(downloads.items()):
            if progress is not None:
                progress(UpdateEvent("import", name, index, len(downloads)))
            failed = [f for f in fetched if not f.ok]
            if failed:
                first = failed[0]
                results.append(LeaderboardResult(name, False, f"{first.url}: {first.error}"))
                continue
            fresh = [f for f in fetched if not f.not_modified]
            if not fresh:
                results.append(LeaderboardResult(name, True, "not modified", not_modified=True))
                continue
            rows = new_rows = 0
            if importer is None:
                from claimcheck.evaldata import import_file

                importer = import_file
            try:
                for i, f in enumerate(fresh):
                    path = Path(tmp) / name / _file_name(f.final_url or f.url, i)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(f.content)
                    res = importer(
                        store, name, path, source_url=f.final_url or f.url, as_of=_http_date(f)
                    )
                    rows += int(getattr(res, "rows", 0) or 0)
                    new_rows += int(getattr(res, "new_rows", getattr(res, "new", 0)) or 0)
                    store.set_http_cache(
                        f.url,
                        etag=f.etag,
                        last_modified=f.last_modified,
                        status=f.status,
                        error=None,
                    )
            except Exception as exc:  # an importer's one-line error, reported per leaderboard
                results.append(
                    LeaderboardResult(name, False, one_line(str(exc) or type(exc).__name__))
                )
                continue
            imported_any = True
            results.append(
                LeaderboardResult(name, True, f"{rows} rows, {new_rows} new", rows, new_rows)
            )
    changes: tuple[Any, ...] = ()
    if imported_any:
        if progress is not None:
            progress(UpdateEvent("recheck"))
        if recheck is None:
            from claimcheck.services.recheck import recheck as pipeline_recheck

            recheck = pipeline_recheck
        outcome = recheck(store)
        if isinstance(outcome, list | tuple):
            changes = tuple(outcome)
        elif outcome is not None:
            changes = (outcome,)
    return LeaderboardUpdate(results=tuple(results), changes=changes)
