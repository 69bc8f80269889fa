"""A real HTTP server on 127.0.0.1 for the fetch tests, and a stand-in checker.

The server serves `tests/fixtures/web/` with ETag / Last-Modified (and 304s), plus the misbehaving
routes a crawler meets in the wild: redirect chains and loops, 404, 429 with Retry-After,
500-then-success, a response slower than any sane timeout, a 50 MB body (generated, never stored)
and pages served with a charset that lies. It records every request so tests can assert what
was asked (conditional headers, User-Agent) as well as what was stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from claimcheck.models import CheckedClaim, CheckedDocument, Claim, Document, Verdict

WEB = Path(__file__).parent / "fixtures" / "web"
HUGE_BYTES = 50 * 1024 * 1024
LAST_MODIFIED = formatdate(1_726_000_000, usegmt=True)

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".xml": "application/rss+xml",  # not-a-feed.xml claims to be a feed, as broken servers do
    ".md": "text/markdown; charset=utf-8",
}
# pages whose header states a charset different from their bytes (or none at all)
_CHARSET_OVERRIDES = {
    "/posts/lying-utf8.html": "text/html; charset=utf-8",  # bytes are windows-1252
    "/posts/lying-latin1.html": "text/html; charset=iso-8859-1",  # bytes are UTF-8
    "/posts/no-charset.html": "text/html",  # windows-1252, no label anywhere
}


@dataclass
class ServerState:
    """What the handler threads share with the test (guarded by `lock`)."""

    slow_delay: float = 2.0
    retry_after: str = "1"
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    huge_sent: int = 0
    overrides: dict[str, bytes] = field(default_factory=dict)  # path -> replacement body
    errors: list[str] = field(default_factory=list)  # connections the client dropped
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> int:
        with self.lock:
            return self.hits.get(path, 0)

    def seen(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    server_version = "claimcheck-test"
    protocol_version = "HTTP/1.1"
    state: ServerState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        st = self.state
        with st.lock:
            st.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            st.hits[path] = st.hits.get(path, 0) + 1
            hit = st.hits[path]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(path, hit)

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, headers={"Location": location})

    def _route(self, path: str, hit: int) -> None:
        st = self.state
        if m := re.fullmatch(r"/redirect/(\d+)", path):
            n = int(m.group(1))
            return self._redirect(f"/redirect/{n - 1}" if n > 0 else "/posts/plain.html")
        if path == "/loop/a":
            return self._redirect("/loop/b")
        if path == "/loop/b":
            return self._redirect("/loop/a")
        if path == "/rate-limited":
            if hit == 1:
                return self._send(429, b"slow down", {"Retry-After": st.retry_after})
            return self._file("/posts/mini.html")
        if path == "/flaky":
            if hit == 1:
                return self._send(500, b"oops")
            return self._file("/posts/plain.html")
        if path == "/slow":
            time.sleep(st.slow_delay)
            return self._file("/posts/mini.html")
        if path in ("/huge", "/huge-declared"):
            return self._huge(declare=path == "/huge-declared")
        return self._file(path)

    def _huge(self, *, declare: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declare:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Connection", "close")  # body ends when the connection does
            self.close_connection = True
        self.end_headers()
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        sent = 0
        try:
            while sent < HUGE_BYTES:
                self.wfile.write(chunk)
                sent += len(chunk)
                with self.state.lock:
                    self.state.huge_sent = sent
        finally:
            with self.state.lock:
                self.state.huge_sent = sent

    def _file(self, path: str) -> None:
        st = self.state
        with st.lock:
            body = st.overrides.get(path)
        if body is None:
            target = (WEB / path.lstrip("/")).resolve()
            if WEB.resolve() not in target.parents or not target.is_file():
                return self._send(404, b"not found", {"Content-Type": "text/plain"})
            body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, headers={"ETag": etag})
        ctype = _CHARSET_OVERRIDES.get(path) or _TYPES.get(Path(path).suffix, "text/plain")
        self._send(200, body, {"Content-Type": ctype, "ETag": etag, "Last-Modified": LAST_MODIFIED})


class _QuietServer(ThreadingHTTPServer):
    """Clients here hang up on purpose (a body past the cap, a timeout): that is not an error.

    socketserver prints such tracebacks to sys.stderr from its own thread, where they land in
    whatever a CliRunner happens to be capturing at that moment; keep them in the state instead.
    """

    state: ServerState

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        with self.state.lock:
            self.state.errors.append(repr(sys.exc_info()[1]))


class WebServer:
    """`with WebServer() as web: web.url("/feeds/lab.atom")` — a threaded server on port 0."""

    def __init__(self) -> None:
        self.state = ServerState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.state = self.state
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> WebServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeChecker:
    """Stands in for `pipeline.Checker`: one `surpasses` claim per sentence that says so.

    Enough to show that fetched articles are checked and their claims stored, without
    loading spaCy or the evaluation data in every fetch test.
    """

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def check_document(self, doc: Document) -> CheckedDocument:
        self.seen.append(doc)
        claims = []
        for m in re.finditer(r"[^.\n]*\b(beats|surpasses|outperforms)\b[^.\n]*\.", doc.text):
            claim = Claim(
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
                subject=None,
                relation="surpasses",
            )
            verdict = Verdict("unverifiable", reasons=("no independent evaluation in the test",))
            claims.append(CheckedClaim(claim, verdict))
        return CheckedDocument(doc, tuple(claims))


def quick_config(**overrides: Any) -> Any:
    """A FetchConfig with test-sized timeouts and delays (nothing in a test waits seconds)."""
    from claimcheck.sources import FetchConfig

    base: dict[str, Any] = {
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "total_timeout": 5.0,
        "retries": 2,
        "backoff": 0.01,
        "max_retry_after": 0.05,
    }
    base.update(overrides)
    return FetchConfig(**base)


class Cli:
    """Runs `claimcheck --db <tmp> ...` in-process on a store with no bundled data.

    The bundled evaluations and the real checker are the other engineers' stages: here they
    are replaced (no loading of 30k rows, no spaCy) so the fetch commands are what is tested.
    """

    def __init__(self, tmp_path: Path, monkeypatch: Any, sources_toml: str = "") -> None:
        from claimcheck.config import bundled_data_dir
        from claimcheck.services import ingest
        from claimcheck.sources import FetchConfig
        from claimcheck.store import Store

        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        (data / "sources.toml").write_text(sources_toml, encoding="utf-8")
        monkeypatch.setenv("CLAIMCHECK_DATA", str(data))
        bundled_data_dir.cache_clear()
        monkeypatch.setattr(Store, "ensure_bundled", lambda self, data_dir: False)
        self.checker = FakeChecker()
        monkeypatch.setattr(ingest, "default_checker", lambda store: self.checker)
        monkeypatch.setattr(
            FetchConfig, "from_settings", classmethod(lambda cls, s: quick_config())
        )
        self.db = tmp_path / "claimcheck.db"

    def __call__(self, *args: str) -> Any:
        from click.testing import CliRunner

        from claimcheck.cli import main

        return CliRunner().invoke(main, ["--db", str(self.db), *args], catch_exceptions=False)

    def store(self) -> Any:
        from claimcheck.store import Store

        return Store(self.db)
