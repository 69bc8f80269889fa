"""Unit tests of the sources stage and the ingest service over `httpx.MockTransport`: no sockets."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fetch_fixtures import Cli, FakeChecker, quick_config

from claimcheck.decoding import decode_body
from claimcheck.models import CheckedDocument
from claimcheck.services.ingest import ensure_bundled_sources, fetch_sources, fetch_url
from claimcheck.services.leaderboards import update_leaderboards
from claimcheck.sources import (
    FetchConfig,
    Fetched,
    Fetcher,
    FetchError,
    Source,
    guess_kind,
    load_source_list,
    normalize_url,
    parse_feed,
    readme_raw_url,
)
from claimcheck.store import Store
from claimcheck.text import sanitize_text

REPO = Path(__file__).resolve().parent.parent


def fetch_one(handler, url="https://example.org/x", config=None, sleep=None, **kw):
    async def go():
        transport = httpx.MockTransport(handler)
        async with Fetcher(config or quick_config(), transport=transport, sleep=sleep) as f:
            return await f.get(url, **kw)

    return asyncio.run(go())


@pytest.fixture()
def store():
    s = Store("", memory=True)
    yield s
    s.close()


# -- text hygiene ----------------------------------------------------------------------------


def test_sanitize_strips_escapes_and_controls_but_keeps_markup_as_text():
    dirty = (
        "\x1b[1;31mred\x1b[0m [bold]x[/bold] \x1b]8;;https://e.vil\x07link\x1b]8;;\x07"
        " a\x07b\u202eZ"
    )
    assert sanitize_text(dirty) == "red [bold]x[/bold] link abZ"
    assert sanitize_text("a\r\nb\rc\x00d\x9b2Je") == "a\nb\ncde"


@pytest.mark.parametrize(
    ("raw", "declared", "encoding"),
    [
        ("naïve — “quoted”".encode(), "iso-8859-1", "utf-8"),  # UTF-8 served as latin-1
        ("naïve — “quoted”".encode("cp1252"), "utf-8", "cp1252"),  # cp1252 served as UTF-8
        ("naïve — “quoted”".encode("cp1252"), "iso-8859-1", "cp1252"),  # latin-1 means 1252
        ("日本語のテキストです。モデルの評価。".encode("shift_jis"), "shift_jis", "shift_jis"),
    ],
)
def test_decode_body_trusts_the_bytes_over_the_label(raw, declared, encoding):
    text, used = decode_body(raw, declared)
    assert used.replace("_", "-") == encoding.replace("_", "-")
    assert "\ufffd" not in text
    assert text == raw.decode(encoding)


@pytest.mark.parametrize("header", [None, "utf-8"])
def test_decode_body_reads_the_meta_charset_when_the_header_is_missing_or_lies(header):
    raw = '<meta charset="koi8-r"><p>Привет, модель</p>'.encode("koi8-r")
    assert decode_body(raw, header) == (raw.decode("koi8-r"), "koi8-r")


# -- URLs ------------------------------------------------------------------------------------


def test_normalize_url_drops_fragments_and_tracking():
    assert (
        normalize_url("HTTPS://Example.org/post?utm_source=x&id=3&fbclid=y#top")
        == "https://example.org/post?id=3"
    )


@pytest.mark.parametrize(
    ("url", "raw"),
    [
        (
            "https://github.com/deepseek-ai/DeepSeek-V3",
            "https://raw.githubusercontent.com/deepseek-ai/DeepSeek-V3/HEAD/README.md",
        ),
        (
            "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/MODEL_CARD.md",
            "https://raw.githubusercontent.com/meta-llama/llama-models/main/models/llama3_1/MODEL_CARD.md",
        ),
        (
            "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct",
            "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/raw/main/README.md",
        ),
        (
            "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/README.md",
            "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/raw/main/README.md",
        ),
        ("https://example.org/README.md", "https://example.org/README.md"),
    ],
)
def test_readme_urls_map_to_raw_markdown(url, raw):
    assert readme_raw_url(url) == raw


def test_guess_kind():
    assert guess_kind("https://github.com/QwenLM/Qwen2.5/releases.atom") == "feed"
    assert guess_kind("https://huggingface.co/google/gemma-2-27b-it") == "readme"
    assert guess_kind("https://example.org/blog/launch") == "page"


# -- the client ------------------------------------------------------------------------------


def test_user_agent_and_conditional_headers_are_sent_and_304_is_not_modified():
    seen = []

    def handler(request):
        seen.append(request.headers)
        return httpx.Response(304)

    result = fetch_one(
        handler,
        etag='"abc"',
        last_modified="Tue, 10 Sep 2024 20:26:40 GMT",
        config=quick_config(user_agent="claimcheck-test/9"),
    )
    assert result.not_modified and result.ok
    assert seen[0]["user-agent"] == "claimcheck-test/9"
    assert seen[0]["if-none-match"] == '"abc"'
    assert seen[0]["if-modified-since"] == "Tue, 10 Sep 2024 20:26:40 GMT"


def test_connect_errors_are_retried_with_doubling_backoff_then_reported():
    waits = []

    async def sleep(s):
        waits.append(s)

    def handler(request):
        raise httpx.ConnectError("Connection refused", request=request)

    result = fetch_one(
        handler, config=quick_config(retries=3, backoff=0.1, max_retry_after=10), sleep=sleep
    )
    assert result.error == "cannot connect: Connection refused"
    assert result.attempts == 4
    assert [int(w / 0.1 + 1e-9) for w in waits] == [1, 2, 4]  # jitter adds at most a quarter
    assert all(w <= base * 0.1 * 1.25 for w, base in zip(waits, (1, 2, 4), strict=True))


def test_a_dropped_connection_is_retried():
    calls = []

    def handler(request):
        calls.append(1)
        if len(calls) == 1:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return httpx.Response(200, text="ok")

    result = fetch_one(handler, sleep=_no_sleep)
    assert result.content == b"ok" and result.attempts == 2


def test_429_http_date_retry_after_is_capped_and_404_is_not_retried():
    waits, calls = [], []

    async def sleep(s):
        waits.append(s)

    def handler(request):
        calls.append(request.url.path)
        if request.url.path == "/limited" and len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
        if request.url.path == "/gone":
            return httpx.Response(404)
        return httpx.Response(200, text="ok")

    assert fetch_one(handler, "https://e.org/limited", sleep=sleep).content == b"ok"
    assert waits == [0.05]
    gone = fetch_one(handler, "https://e.org/gone", sleep=sleep)
    assert gone.error == "HTTP 404 Not Found" and gone.attempts == 1


def test_5xx_exhausting_retries_reports_the_last_status():
    result = fetch_one(lambda r: httpx.Response(503), sleep=_no_sleep)
    assert result.error == "HTTP 503 Service Unavailable" and result.attempts == 3


def test_body_cap_applies_to_streamed_bodies_without_content_length():
    async def stream():
        for _ in range(100):
            yield b"x" * 1024

    def handler(request):
        return httpx.Response(200, content=stream())

    result = fetch_one(handler, config=quick_config(max_bytes=10 * 1024))
    assert result.error == "body over the 10 kB cap, aborted"
    assert result.content == b""


def test_redirect_limit():
    def handler(request):
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"Location": f"/{n + 1}"})

    result = fetch_one(handler, "https://e.org/0", config=quick_config(max_redirects=3))
    assert result.error == "redirect loop or more than 3 redirects"


def test_global_and_per_host_concurrency_limits_hold():
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    peak_total = [0]

    async def handler(request):
        host = request.url.host
        active[host] = active.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), active[host])
        peak_total[0] = max(peak_total[0], sum(active.values()))
        await asyncio.sleep(0.01)
        active[host] -= 1
        return httpx.Response(200, text="ok")

    async def go():
        config = quick_config(concurrency=4, per_host=2)
        async with Fetcher(config, transport=httpx.MockTransport(handler)) as f:
            urls = [f"https://h{i % 3}.org/{i}" for i in range(18)]
            return await asyncio.gather(*(f.get(u) for u in urls))

    results = asyncio.run(go())
    assert all(r.ok for r in results)
    assert max(peak.values()) == 2  # reached, never exceeded
    assert peak_total[0] == 4


def test_requests_queued_behind_a_busy_host_do_not_block_other_hosts():
    starts: list[str] = []

    async def handler(request):
        starts.append(request.url.host)
        await asyncio.sleep(0.01)
        return httpx.Response(200, text="ok")

    async def go():
        config = quick_config(concurrency=2, per_host=1)
        async with Fetcher(config, transport=httpx.MockTransport(handler)) as f:
            urls = [f"https://busy.org/{i}" for i in range(5)] + ["https://other.org/"]
            await asyncio.gather(*(f.get(u) for u in urls))

    asyncio.run(go())
    assert starts.index("other.org") == 1  # not after the five queued for busy.org


def test_not_an_http_url_is_refused_without_a_request():
    assert fetch_one(lambda r: pytest.fail("requested"), "file:///etc/passwd").error == (
        "not an http(s) URL"
    )


async def _no_sleep(_seconds: float) -> None:
    return None


# -- feeds -----------------------------------------------------------------------------------


def test_a_malformed_feed_is_read_and_reported():
    raw = (REPO / "tests/fixtures/web/feeds/malformed.rss").read_bytes()
    feed = parse_feed(raw, "https://cirrus.example/feed.rss")
    assert feed.warning and feed.warning.startswith("malformed feed read anyway")
    (entry,) = feed.entries
    assert entry.link == "https://cirrus.example/posts/mini.html"
    assert entry.date == "2024-10-15"


def test_something_that_is_not_a_feed_raises():
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(b"just some text, no markup at all", "https://e.org/feed")


# -- fetch_sources over a mock web -----------------------------------------------------------

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Zephyr-9B beats Orion-8B on MMLU by four points according to our evaluation suite, "
    "which we ran with the same prompts for every model in the comparison.</p>"
    "<p>{extra} We release the weights under an open licence today.</p></article></body></html>"
)


def feed_xml(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Post {i}</title><link>{link}</link>"
        f"<pubDate>Mon, 0{i + 1} Sep 2024 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{items}</channel></rss>".encode()


def mock_web(pages: dict[str, bytes | int]) -> httpx.MockTransport:
    def handler(request):
        body = pages.get(request.url.path, 404)
        if isinstance(body, int):
            return httpx.Response(body)
        ctype = "application/rss+xml" if request.url.path.endswith(".xml") else "text/html"
        return httpx.Response(200, content=body, headers={"content-type": ctype})

    return httpx.MockTransport(handler)


def test_the_same_article_linked_twice_is_stored_once(store):
    web = mock_web(
        {
            "/feed.xml": feed_xml("https://e.org/a?utm_source=x", "https://e.org/a#comments"),
            "/a": ARTICLE.format(title="Zephyr", extra="").encode(),
        }
    )
    checker = FakeChecker()
    summary = fetch_sources(
        store,
        [Source("e", "https://e.org/feed.xml")],
        transport=web,
        checker=checker,
        config=quick_config(),
    )
    assert (summary.new, summary.unchanged) == (1, 1)
    assert store.db["articles"].count == 1
    assert len(checker.seen) == 1  # checked once
    assert summary.claims == 1 and summary.verdicts == {"unverifiable": 1}


def test_a_failing_checker_stores_nothing_for_that_article_and_the_rest_goes_on(store):
    class Picky(FakeChecker):
        def check_document(self, doc):
            if "# Bad" in doc.text:
                raise RuntimeError("boom")
            return super().check_document(doc)

    web = mock_web(
        {
            "/feed.xml": feed_xml("https://e.org/good", "https://e.org/bad"),
            "/good": ARTICLE.format(title="Good", extra="").encode(),
            "/bad": ARTICLE.format(title="Bad", extra="").encode(),
        }
    )
    summary = fetch_sources(
        store,
        [Source("e", "https://e.org/feed.xml")],
        transport=web,
        checker=Picky(),
        config=quick_config(),
    )
    assert (summary.new, summary.failed) == (1, 1)
    assert summary.errors == ("e: https://e.org/bad: check failed: RuntimeError: boom",)
    assert [r["url"] for r in store.db.query("SELECT url FROM articles")] == ["https://e.org/good"]
    assert store.http_cache("https://e.org/feed.xml") is None  # the feed will be read again


def test_a_checker_reporting_an_error_is_a_failure_not_an_empty_article(store):
    class Broken:
        def check_document(self, doc):
            return CheckedDocument(doc, error="cannot check: spaCy missing")

    web = mock_web({"/a": ARTICLE.format(title="A", extra="").encode()})
    summary = fetch_sources(
        store,
        [Source("a", "https://e.org/a", "page")],
        transport=web,
        checker=Broken(),
        config=quick_config(),
    )
    assert summary.all_failed and summary.errors == (
        "a: https://e.org/a: check failed: cannot check: spaCy missing",
    )
    assert store.db["articles"].count == 0


def test_a_hostile_entry_is_that_entrys_error_and_the_clean_feeds_are_stored(store):
    # issue 13: a 302 to javascript: raised httpx.InvalidURL (not an HTTPError) and aborted
    # the whole fetch, storing 0 of 20 clean articles; a PDF served as text/html was stored
    clean = {
        f"/c{i}": ARTICLE.format(title=f"Clean {i}", extra=f"Post {i}.").encode() for i in range(20)
    }

    def handler(request):
        path = request.url.path
        if path == "/js":
            return httpx.Response(302, headers={"location": "javascript:alert(1)"})
        if path == "/data":
            return httpx.Response(302, headers={"location": "data:text/html,<p>hi</p>"})
        if path == "/ftp":
            return httpx.Response(302, headers={"location": "ftp://e.org/file"})
        if path in ("/pdf", "/zip"):
            body = b"%PDF-1.7\n%\xe2\xe3" if path == "/pdf" else b"PK\x03\x04" + bytes(40)
            return httpx.Response(200, content=body, headers={"content-type": "text/html"})
        if path == "/hostile.xml":
            return httpx.Response(
                200,
                content=feed_xml(
                    "https://e.org/js",
                    "https://e.org/data",
                    "https://e.org/ftp",
                    "https://e.org/pdf",
                    "https://e.org/zip",
                ),
                headers={"content-type": "application/rss+xml"},
            )
        if path.startswith("/clean") and path.endswith(".xml"):
            half = range(10) if path == "/clean1.xml" else range(10, 20)
            return httpx.Response(
                200,
                content=feed_xml(*(f"https://e.org/c{i}" for i in half)),
                headers={"content-type": "application/rss+xml"},
            )
        if path in clean:
            return httpx.Response(200, content=clean[path], headers={"content-type": "text/html"})
        return httpx.Response(404)

    summary = fetch_sources(
        store,
        [
            Source("clean1", "https://e.org/clean1.xml"),
            Source("hostile", "https://e.org/hostile.xml"),
            Source("clean2", "https://e.org/clean2.xml"),
        ],
        transport=httpx.MockTransport(handler),
        checker=FakeChecker(),
        config=quick_config(),
    )
    assert (summary.new, summary.failed) == (20, 5)
    assert store.db["articles"].count == 20
    errors = sorted(summary.errors)
    assert len(errors) == 5 and all(e.startswith("hostile: https://e.org/") for e in errors)
    assert "redirected to an unusable URL" in errors[0]  # /data
    assert "redirected to a non-http URL" in errors[1]  # /ftp
    assert "redirected to an unusable URL" in errors[2]  # /js
    assert "a PDF file, not text" in errors[3] and errors[3].endswith("(served as text/html)")
    assert "a zip archive" in errors[4]


def test_urls_that_cannot_be_parsed_are_not_http_urls():
    from claimcheck.sources import is_http_url

    for bad in ("http://[::1", "http://host:port/", "http:///path", "javascript:alert(1)"):
        assert not is_http_url(bad), bad
    assert normalize_url("http://[::1") == "http://[::1"
    assert is_http_url("http://[::1]:8080/feed.xml")


def test_progress_events_describe_the_run(store):
    events = []
    web = mock_web(
        {
            "/feed.xml": feed_xml("https://e.org/a", "https://e.org/missing"),
            "/a": ARTICLE.format(title="A", extra="").encode(),
        }
    )
    fetch_sources(
        store,
        [Source("e", "https://e.org/feed.xml")],
        progress=events.append,
        transport=web,
        checker=FakeChecker(),
        config=quick_config(),
    )
    assert events[0].outcome == "source" and events[0].total == 2
    assert sorted(e.outcome for e in events[1:]) == ["failed", "new"]


def test_fetch_url_reads_a_github_repo_as_its_raw_readme():
    asked = []

    def handler(request):
        asked.append(str(request.url))
        return httpx.Response(200, text="# Zephyr-9B\n\nZephyr-9B beats Orion-8B on MMLU.\n")

    doc = fetch_url("https://github.com/zephyr/Zephyr-9B", transport=httpx.MockTransport(handler))
    assert asked == ["https://raw.githubusercontent.com/zephyr/Zephyr-9B/HEAD/README.md"]
    assert doc.title == "Zephyr-9B" and doc.text.startswith("# Zephyr-9B")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_readme_loses_its_front_matter_as_a_file_on_disk_does(newline):
    """One pattern (claimcheck.markup) for both stages: CRLF front matter once stayed in."""
    card = newline.join(["---", "license: mit", "tags: [text]", "---", "", "# Zephyr-9B", "x"])
    doc = fetch_url(
        "https://huggingface.co/zephyr/Zephyr-9B",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, text=card)),
    )
    assert doc.text == "# Zephyr-9B\nx" and doc.title == "Zephyr-9B"


def test_a_pdf_or_an_image_is_refused_not_decoded_as_text():
    transport = httpx.MockTransport(
        lambda r: httpx.Response(
            200, content=b"%PDF-1.7\x00\xff", headers={"content-type": "application/pdf"}
        )
    )
    with pytest.raises(
        FetchError, match=r"^https://e.org/paper.pdf: not a text page \(application/pdf\)$"
    ):
        fetch_url("https://e.org/paper.pdf", transport=transport)


def test_afetch_url_works_inside_a_running_loop():
    from claimcheck.services.ingest import afetch_url

    transport = httpx.MockTransport(lambda r: httpx.Response(200, text="# Notes\n\nSome text.\n"))

    async def inside_the_app():
        return await afetch_url("https://e.org/notes.md", transport=transport)

    assert asyncio.run(inside_the_app()).title == "Notes"


def test_fetch_url_failure_is_one_line():
    transport = httpx.MockTransport(lambda r: httpx.Response(410))
    with pytest.raises(FetchError) as info:
        fetch_url("https://e.org/old", transport=transport, config=quick_config())
    assert str(info.value) == "https://e.org/old: HTTP 410 Gone"


# -- the source list -------------------------------------------------------------------------


def test_the_bundled_source_list_is_valid():
    listed = load_source_list(REPO / "data" / "sources.toml")
    assert len(listed.sources) >= 15
    assert {s.kind for s in listed.sources} == {"feed", "readme"}
    assert len({s.name for s in listed.sources}) == len(listed.sources)
    assert any(s.url.endswith("/releases.atom") for s in listed.sources)
    assert any("huggingface.co" in s.url for s in listed.sources)
    assert all(u.startswith("https://") for urls in listed.leaderboards.values() for u in urls)


def test_bundled_sources_are_offered_once_and_user_edits_stick(store, tmp_path):
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "a"\nurl = "https://a.example/feed"\nkind = "feed"\n'
        '[[source]]\nname = "b"\nurl = "https://b.example/feed"\nkind = "feed"\n'
    )
    assert ensure_bundled_sources(store, toml) == 2
    store.remove_source("a")
    store.upsert_source("b", "https://b.example/mine.xml", "feed")  # the user's edit
    toml.write_text(toml.read_text() + '[[source]]\nname = "c"\nurl = "https://c.example/"\n')
    assert ensure_bundled_sources(store, toml) == 1  # only the new one
    rows = {r["name"]: r for r in store.sources()}
    assert sorted(rows) == ["b", "c"]
    assert rows["b"]["url"] == "https://b.example/mine.xml"


def test_a_broken_source_list_names_the_problem(tmp_path):
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "x"\nurl = "ftp://x"\n')
    with pytest.raises(FetchError, match=r"sources.toml: \[\[source\]\] 'x': bad kind or URL"):
        load_source_list(toml)


# -- leaderboard updates ---------------------------------------------------------------------


@dataclass
class FakeImport:
    rows: int
    new_rows: int


def test_update_leaderboards_imports_and_rechecks(store):
    imported = []

    def importer(store_, name, path, *, source_url, as_of):
        imported.append((name, path.name, path.read_text(), source_url, as_of))
        return FakeImport(rows=3, new_rows=2)

    web = httpx.MockTransport(
        lambda r: httpx.Response(
            200,
            text="model,score\nm,1\n",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 10 Sep 2024 20:26:40 GMT"},
        )
    )
    boards = {"aider": ["https://raw.example/a/polyglot_leaderboard.yml"]}
    update = update_leaderboards(
        store,
        boards,
        transport=web,
        importer=importer,
        recheck=lambda s: ["a change"],
        config=quick_config(),
    )
    url = boards["aider"][0]
    assert imported == [
        ("aider", "polyglot_leaderboard.yml", "model,score\nm,1\n", url, "2024-09-10")
    ]
    assert [r.message for r in update.results] == ["3 rows, 2 new"]
    assert update.changes == ("a change",)
    assert store.http_cache(boards["aider"][0])["etag"] == '"v1"'


def test_update_leaderboards_offline_touches_nothing(store):
    def offline(request):
        raise httpx.ConnectError("Name or service not known", request=request)

    def importer(*a):
        pytest.fail("nothing should be imported")

    boards = {"aider": ["https://raw.example/a.yml"], "evalplus": ["https://raw.example/r.json"]}
    update = update_leaderboards(
        store,
        boards,
        transport=httpx.MockTransport(offline),
        importer=importer,
        recheck=lambda s: pytest.fail("recheck"),
        config=quick_config(retries=0),
    )
    assert update.all_failed
    assert [r.message for r in update.results] == [
        "https://raw.example/a.yml: cannot connect: Name or service not known",
        "https://raw.example/r.json: cannot connect: Name or service not known",
    ]
    assert store.db["http_cache"].count == 0


# -- the commands ----------------------------------------------------------------------------


@pytest.fixture()
def cli(tmp_path, monkeypatch):
    toml = '[[source]]\nname = "bundled-feed"\nurl = "https://lab.example/rss.xml"\nkind = "feed"\n'
    yield Cli(tmp_path, monkeypatch, toml)
    from claimcheck.config import bundled_data_dir

    bundled_data_dir.cache_clear()


def test_sources_list_add_remove(cli):
    listed = cli("sources", "list")
    assert listed.exit_code == 0
    assert listed.stdout.split() == ["bundled-feed", "feed", "https://lab.example/rss.xml"]

    added = cli("sources", "add", "https://huggingface.co/zephyr/Zephyr-9B")
    assert added.exit_code == 0
    assert added.stdout.strip() == (
        "added huggingface-zephyr-Zephyr-9B (readme) https://huggingface.co/zephyr/Zephyr-9B"
    )
    dup = cli("sources", "add", "https://x.example/feed.xml", "--name", "bundled-feed")
    assert dup.exit_code == 2
    assert "a source named 'bundled-feed' exists" in dup.stderr

    assert cli("sources", "remove", "bundled-feed").stdout.strip() == "removed bundled-feed"
    after = cli("sources", "list").stdout
    assert "bundled-feed" not in after and "(added)" in after  # and it does not come back

    missing = cli("sources", "remove", "nope")
    assert missing.exit_code == 2
    assert missing.stderr.strip() == (
        "claimcheck: error: no source named 'nope' (see 'claimcheck sources list')"
    )


def test_sources_add_refuses_a_non_http_url(cli):
    result = cli("sources", "add", "file:///etc/passwd")
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimcheck: error: 'file:///etc/passwd': not an http(s) URL"
    with cli.store() as store:
        assert all(r["url"] != "file:///etc/passwd" for r in store.sources())


def test_sources_add_refuses_a_malformed_url_in_one_line(cli):
    result = cli("sources", "add", "http://[::1")
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimcheck: error: 'http://[::1': not an http(s) URL"


def test_fetch_validates_its_options(cli):
    bad_date = cli("fetch", "--since", "last week")
    assert bad_date.exit_code == 2
    assert "--since 'last week': expected a date like 2024-09-01" in bad_date.stderr
    unknown = cli("fetch", "--source", "nope")
    assert unknown.exit_code == 2 and "no source named 'nope'" in unknown.stderr


def test_evals_update_offline_exits_1_with_a_line_per_leaderboard(cli, tmp_path, monkeypatch):
    from claimcheck.services import leaderboards

    def offline(request):
        raise httpx.ConnectError("Network is unreachable", request=request)

    real = leaderboards.update_leaderboards
    monkeypatch.setattr(
        leaderboards,
        "update_leaderboards",
        lambda store, boards, **kw: real(
            store, boards, **{**kw, "transport": httpx.MockTransport(offline)}
        ),
    )
    (tmp_path / "data" / "sources.toml").write_text(
        '[leaderboards]\naider = ["https://raw.example/a.yml"]\n'
        'evalplus = "https://raw.example/r.json"\n'
    )
    result = cli("evals", "update")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "claimcheck: aider: https://raw.example/a.yml: cannot connect: Network is unreachable",
        "claimcheck: evalplus: https://raw.example/r.json: cannot connect: Network is unreachable",
    ]
    # the summary's failure count is the number of error lines
    assert result.stdout == "2 leaderboards: 0 updated, 0 not modified, 2 failed\n"
    assert json.dumps(FetchConfig().max_redirects) == "5"


def test_evals_update_reports_imports_and_changed_verdicts(cli, tmp_path, monkeypatch):
    import claimcheck.services.recheck
    from claimcheck.services import leaderboards

    @dataclass(frozen=True)
    class Change:
        article_title: str
        text: str
        old_verdict: str
        new_verdict: str

    web = httpx.MockTransport(lambda r: httpx.Response(200, text="- model: x\n"))
    real = leaderboards.update_leaderboards
    monkeypatch.setattr(
        leaderboards,
        "update_leaderboards",
        lambda store, boards, **kw: real(store, boards, **{**kw, "transport": web}),
    )
    monkeypatch.setattr(
        leaderboards, "import_file", lambda *a, **kw: FakeImport(rows=12, new_rows=5)
    )
    change = Change(
        "Zephyr launch",
        "Zephyr-9B \x1b[31mbeats\x1b[0m Orion-8B on MMLU.",
        "unverifiable",
        "overstated",
    )
    monkeypatch.setattr(claimcheck.services.recheck, "recheck", lambda store: [change])
    (tmp_path / "data" / "sources.toml").write_text(
        '[leaderboards]\naider = ["https://raw.example/polyglot_leaderboard.yml"]\n'
    )
    result = cli("evals", "update")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "aider: 12 rows, 5 new",
        "1 verdict changed",
        "  unverifiable → overstated  Zephyr launch: Zephyr-9B beats Orion-8B on MMLU.",
        "1 leaderboard: 1 updated, 0 not modified, 0 failed",
    ]


# -- offline: fail fast, count once ------------------------------------------------------------


def _no_such_host(request: httpx.Request) -> httpx.Response:
    import socket

    try:
        raise socket.gaierror(-2, "Name or service not known")
    except socket.gaierror as exc:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request) from exc


def test_an_unresolvable_host_is_not_retried_and_not_asked_again():
    """Offline, every URL once cost three backoff waits: 37 s of silence for evals update."""
    waits: list[float] = []
    calls: list[str] = []

    async def sleep(s: float) -> None:
        waits.append(s)

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return _no_such_host(request)

    async def main() -> list[Fetched]:
        async with Fetcher(FetchConfig(), transport=httpx.MockTransport(handler), sleep=sleep) as f:
            first = await f.get("https://gone.example/a")
            return [first, await f.get("https://gone.example/b")]

    first, second = asyncio.run(main())
    assert waits == []  # the default three retries are not spent on a name that won't resolve
    assert calls == ["https://gone.example/a"]  # the host is known to be down for this run
    assert first.error == second.error == "cannot connect: [Errno -2] Name or service not known"
    # (a refused connection is still retried, as the test further up shows: a server restarts)


def test_evals_update_offline_downloads_every_leaderboard_at_once_and_counts_agree(store):
    in_flight = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0)  # let the other downloads start
        await asyncio.sleep(0)
        in_flight -= 1
        return _no_such_host(request)

    boards = {f"board{i}": [f"https://host{i}.example/f.csv"] for i in range(5)}
    events: list[Any] = []
    update = update_leaderboards(
        store,
        boards,
        transport=httpx.MockTransport(handler),
        importer=lambda *a, **k: pytest.fail("nothing to import"),
        progress=events.append,
    )
    assert peak == 5  # all five at once, not one board after another
    assert update.failed == 5 == len([r for r in update.results if not r.ok])
    assert [e.stage for e in events].count("download") == 5
    assert events[-1].stage == "import"


def test_a_locked_store_is_each_articles_error_and_no_validator_is_kept(tmp_path):
    import sqlite3

    path = tmp_path / "locked.db"
    Store(path).close()
    web = mock_web(
        {
            "/feed.xml": feed_xml("https://e.org/a", "https://e.org/b"),
            "/a": ARTICLE.format(title="A", extra="").encode(),
            "/b": ARTICLE.format(title="B", extra="").encode(),
        }
    )
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT OR REPLACE INTO meta VALUES ('lock', 'held')")
    notices: list[str] = []
    try:
        with Store(path, lock_timeout=1.5, on_wait=notices.append) as store:
            summary = fetch_sources(
                store,
                [Source("e", "https://e.org/feed.xml")],
                transport=web,
                checker=FakeChecker(),
                config=quick_config(),
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (summary.new, summary.failed) == (0, 2)
    assert all("checked but not saved" in e and "write lock" in e for e in summary.errors)
    assert len(notices) == 1
    with Store(path) as store:
        assert store.db["articles"].count == 0
        assert store.http_cache("https://e.org/feed.xml") is None  # read again next time
