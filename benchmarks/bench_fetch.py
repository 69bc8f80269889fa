"""How much the concurrent fetcher buys: pages per second from a slow local server.

A threaded HTTP server on 127.0.0.1 answers every request after a fixed latency (50 ms by
default, a typical round trip to a distant host). In the same run we fetch N pages:

1. one by one with a plain `httpx.Client` loop (what a naive crawler does);
2. with `Fetcher` at the default limits (`FetchConfig()`: 16 in flight, 6 per host);
3. with `Fetcher` and the per-host limit raised to the global one (every page here is on one
   host, so the per-host limit is the ceiling in 2);
4. through `fetch_sources` end to end — a feed of N entries, each page fetched, its main text
   and table extracted by trafilatura and stored — with a no-op checker, to show where the time
   goes once the network is no longer the bottleneck.

Usage: python benchmarks/bench_fetch.py [--pages 200] [--latency 0.05]
Prints figures; never fails on time.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from claimcheck.models import CheckedDocument, Document
from claimcheck.services.ingest import fetch_sources
from claimcheck.sources import FetchConfig, Fetcher, Source
from claimcheck.store import Store

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Release note {n}</title>
<script>var tracker = {n};</script><style>body {{ margin: 0 }}</style></head>
<body><nav>Home | Blog | Careers</nav><article><h1>Release note {n}</h1>
<p>Model-{n} is the newest member of our family. It beats Model-{m} on MMLU and matches it on
HumanEval, while costing less to serve. We evaluated both with identical prompts.</p>
<table><tr><th>Benchmark</th><th>Model-{n}</th><th>Model-{m}</th></tr>
<tr><td>MMLU</td><td>7{d}.1</td><td>7{d}.0</td></tr>
<tr><td>HumanEval</td><td>6{d}.4</td><td>6{d}.9</td></tr></table>
<p>The weights are available today. Thanks to everyone who tested early builds of the model
and sent us their reports; the next release will follow the same evaluation protocol.</p>
</article><footer>Example Lab</footer></body></html>"""


def make_server(pages: int, latency: float) -> ThreadingHTTPServer:
    bodies = {f"/p/{n}": PAGE.format(n=n, m=n + 1, d=n % 10).encode() for n in range(pages)}
    items = "".join(
        f"<item><title>Release note {n}</title><link>/p/{n}</link></item>" for n in range(pages)
    )
    bodies["/feed.xml"] = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}'
        "</channel></rss>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm and the
            # client's delayed ACK add ~40 ms to every keep-alive response
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            time.sleep(latency)
            body = bodies.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sequential(urls: list[str]) -> float:
    start = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(url).raise_for_status()
    return time.perf_counter() - start


def concurrent(urls: list[str], config: FetchConfig) -> float:
    async def go() -> float:
        start = time.perf_counter()
        async with Fetcher(config) as fetcher:
            results = await asyncio.gather(*(fetcher.get(u) for u in urls))
        assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
        return time.perf_counter() - start

    return asyncio.run(go())


class NoCheck:
    def check_document(self, doc: Document) -> CheckedDocument:
        return CheckedDocument(doc)


def end_to_end(feed: str, pages: int) -> tuple[float, int]:
    store = Store("", memory=True)
    start = time.perf_counter()
    summary = fetch_sources(
        store,
        [Source("bench", feed, "feed")],
        checker=NoCheck(),
        config=FetchConfig(max_entries=pages),
    )
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, summary.new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per response")
    args = parser.parse_args()

    server = make_server(args.pages, args.latency)
    host, port = server.server_address[:2]
    urls = [f"http://{host}:{port}/p/{n}" for n in range(args.pages)]
    default = FetchConfig()
    print(f"{args.pages} pages, {args.latency * 1000:.0f} ms latency per response")

    def line(label: str, seconds: float, n: int, base: float | None = None) -> None:
        speedup = f"  ({base / seconds:.1f}x sequential)" if base else ""
        print(f"{label:<52} {seconds:6.2f} s {n / seconds:7.1f} pages/s{speedup}")

    seq = sequential(urls)
    line("sequential httpx.Client loop", seq, args.pages)
    conc = concurrent(urls, default)
    label = f"Fetcher, default limits ({default.concurrency} / {default.per_host} per host)"
    line(label, conc, args.pages, seq)
    wide = FetchConfig(per_host=default.concurrency)
    line(f"Fetcher, {wide.per_host} per host", concurrent(urls, wide), args.pages, seq)
    e2e, stored = end_to_end(f"http://{host}:{port}/feed.xml", args.pages)
    line("fetch_sources end to end (fetch, extract, store)", e2e, stored, seq)
    server.shutdown()


if __name__ == "__main__":
    main()
