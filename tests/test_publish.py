"""Reports as a fact-checker publishes them: real documents in, links and ClaimReview out.

These run the real pipeline on files written here (and on the bundled samples), so they check
what the unit tests of report.py cannot: that a file's front matter reaches the report as its
public URL and publisher, and that the HTML page works in a real browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.documents import document_from_bytes, document_origin

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "claimreview.schema.json"

ARTICLE = """---
title: Falcon-9 arrives
org: Falcon Labs
date: 2024-09-02
url: https://falcon.example/blog/falcon-9
---

# Falcon-9 arrives

On MMLU, Falcon-9 outperforms GPT-4o by three points.
"""


def test_front_matter_names_the_public_url_and_the_publisher() -> None:
    assert document_origin(ARTICLE) == ("https://falcon.example/blog/falcon-9", "Falcon Labs")
    doc = document_from_bytes(ARTICLE.encode(), path="drafts/falcon.md")
    assert (doc.url, doc.author, doc.path) == (
        "https://falcon.example/blog/falcon-9",
        "Falcon Labs",
        "drafts/falcon.md",
    )
    # only a web address counts, and only in front matter
    assert document_origin("---\nurl: javascript:alert(1)\n---\nText")[0] == ""
    assert document_origin("No front matter.\nurl: https://x.example/\n") == ("", "")
    page = (
        '<html><head><link rel="canonical" href="https://lab.example/p?a=1&amp;b=2">'
        '<meta name="author" content="Lab &amp; Co"><title>T</title></head>'
        "<body><article><p>Some text here.</p></article></body></html>"
    )
    doc = document_from_bytes(page.encode(), path="p.html")
    assert (doc.url, doc.author) == ("https://lab.example/p?a=1&b=2", "Lab & Co")


def _check(tmp_path: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "store.db"), "check", *args, "--no-store"]
    )
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.slow
def test_claimreview_of_the_samples_is_valid_and_never_contradicts_itself(tmp_path) -> None:
    import jsonschema

    draft = tmp_path / "falcon.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    out = _check(
        tmp_path,
        str(SAMPLES),
        str(draft),
        "--format",
        "claimreview",
        "--report-url",
        "https://checks.example/report.html",
    )
    items = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(items)
    assert len(items) >= 30
    summaries = Counter(i["claimReviewed"] for i in items)
    assert summaries.most_common(1)[0][1] == 1  # one review per claim
    assert all(i["url"].startswith("https://checks.example/report.html#doc-") for i in items)
    # every sample names its publisher in its front matter or HTML head
    assert all(i["itemReviewed"].get("author") for i in items)
    falcon = [i for i in items if i["itemReviewed"]["author"]["name"] == "Falcon Labs"]
    assert falcon, "the draft's claim is reviewed"
    assert falcon[0]["itemReviewed"]["appearance"][0]["url"] == (
        "https://falcon.example/blog/falcon-9"
    )
    assert "file://" not in out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="needs Debian's chromium")
def test_the_html_report_renders_in_a_real_browser(tmp_path) -> None:
    """Headless Chromium loads the page from disk, runs nothing, and shows the links."""
    draft = tmp_path / "falcon.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "report.html"
    _check(
        tmp_path,
        str(SAMPLES / "qwen2.5-72b-instruct.md"),
        str(draft),
        "--format",
        "html",
        "-o",
        str(page),
    )
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    chromium = _chromium()
    assert chromium is not None
    dom = subprocess.run(
        [chromium, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "<h1>claimcheck report</h1>" in dom
    assert dom.count('class="claim ') >= 5
    links = re.findall(r'<a href="([^"]+)"', dom)
    assert "https://falcon.example/blog/falcon-9" in links  # the article, from front matter
    assert any(link.startswith("https://github.com/") for link in links)  # pinned sources
    assert all(link.startswith("https://") for link in links)
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *flags, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.is_file() and shot.stat().st_size > 20_000  # a page was drawn, not a blank
