"""The HTTP client of the sources stage: one `httpx.AsyncClient` made polite and robust.

`Fetcher` adds what a crawler needs and httpx does not do by itself: a global and a per-host
concurrency limit, retries with backoff on connect errors / dropped connections / 429 / 5xx
honouring a capped Retry-After, a streamed body cap, and conditional requests (the caller
passes the ETag / Last-Modified it kept, so a 304 costs nothing). Network trouble never
raises: every outcome is a `Fetched`, with a one-line error when it failed.

The retry loop is ours rather than stamina's or httpx-retries': the waits happen outside the
concurrency slots (other hosts carry on), a host found unreachable is not asked again in the
run, and tests observe the delays through an injected `sleep` instead of waiting for them.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import httpx

from claimcheck.config import Settings
from claimcheck.sources.urls import host_of, is_http_url
from claimcheck.text import one_line

DEFAULT_USER_AGENT = "claimcheck/0.1 (+https://github.com/claimcheck/claimcheck)"

Sleep = Callable[[float], Awaitable[None]]


class FetchError(Exception):
    """A URL could not be fetched or read; the message is one line meant for the user."""


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
    def from_settings(cls, settings: Settings) -> FetchConfig:
        """The configuration for the user's settings (their User-Agent, if they set one)."""
        return cls(user_agent=settings.user_agent or DEFAULT_USER_AGENT)


@dataclass(frozen=True)
class Validators:
    """What a server said of a body last time (ETag, Last-Modified), for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


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
        host = host_of(url)
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
        host = host_of(url)
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
