"""Fetched bodies into Documents: HTML pages, Markdown READMEs and RSS/Atom feeds.

Main text comes from trafilatura (`claimcheck.markup.extract_markdown`): it is actively
maintained, scores at or near the top of the published main-text extraction benchmarks
(ScrapingHub's article-extraction benchmark and Bevendorff et al., SIGIR 2023), needs no
browser, and — the reason it wins here — it can emit Markdown with tables kept as pipe tables,
so a vendor's benchmark table survives extraction and `parse_vendor_tables` can read it.
readability-lxml and jusText drop or flatten tables.

Web text is hostile: bytes are decoded with the charset that actually works (pages lie about
their encoding), ANSI / control / bidi sequences are stripped, and nothing is ever interpreted
as markup.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from claimcheck.decoding import binary_kind, decode_body
from claimcheck.markup import extract_markdown, strip_front_matter, strip_tags, too_many_tags
from claimcheck.models import Document
from claimcheck.sources.http import Fetched, FetchError
from claimcheck.sources.lists import Source
from claimcheck.sources.urls import host_of, is_http_url, normalize_url
from claimcheck.text import one_line, sanitize_text


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _iso_date(value: object) -> str | None:
    """YYYY-MM-DD from what feedparser and trafilatura (through htmldate) already parsed."""
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


def markdown_document(
    text: str, url: str, *, source: str = "", title: str = "", date: str | None = None
) -> Document:
    """A README or model card: Markdown as published, minus its YAML front matter."""
    body = sanitize_text(strip_front_matter(text))
    if not title:
        heading = re.search(r"^#\s+(.+)$", body, re.M)
        segs = [s for s in urlsplit(url).path.split("/") if s]
        title = heading.group(1) if heading else ("/".join(segs[:2]) or url)
    title = one_line(title, 300)
    return Document(
        text=body, path=url, title=title, date=date, source=source, sha256=sha256_hex(body)
    )


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

    if too_many_tags(html):  # no tree for a page of millions of tags (see claimcheck.markup)
        body = sanitize_text(strip_tags(html))
        doc = Document(
            body,
            path=url,
            title=one_line(title or url, 300),
            date=date,
            source=source,
            sha256=sha256_hex(body),
        )
        return doc, url
    text = extract_markdown(html, url)
    meta = trafilatura.extract_metadata(html, default_url=url)
    canonical = url
    if meta is not None:
        title = title or (meta.title or "")
        date = date or _iso_date(meta.date)
        meta_url = meta.url or ""
        if is_http_url(meta_url) and host_of(meta_url) == host_of(url):
            canonical = normalize_url(meta_url)
    body = sanitize_text(text or "") or _plain_text(html)
    doc = Document(
        text=body,
        path=canonical,
        title=one_line(title or canonical, 300),
        date=date,
        source=source,
        sha256=sha256_hex(body),
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


def entry_document(src: Source, url: str, entry: FeedEntry) -> tuple[Document, str]:
    """An article from the text a feed entry carries itself (when its page is unreadable)."""
    path = normalize_url(url) if is_http_url(url) else f"{src.url}#{sha256_hex(entry.content)[:12]}"
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
