"""Read announcement files (.txt, .md, .html) into Documents.

Local files are the CLI's and the TUI's main input, and they are hostile in small ways: binary
files named .md, Latin-1 text, HTML with navigation around the article. Everything that can go
wrong becomes one `DocumentError` with a one-line message naming the file, so a batch run can
report it and carry on with the other files.

HTML becomes Markdown-like text through trafilatura, because it keeps benchmark tables as pipe
tables (the vendor-table parser reads those) and drops page furniture; lxml is the fallback
when trafilatura finds no article.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import BinaryIO

from claimcheck.decoding import BOMS, binary_kind, guess_legacy_encoding
from claimcheck.markup import extract_markdown, front_matter, strip_tags, too_many_tags
from claimcheck.models import Document
from claimcheck.text import one_line, strip_controls

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 20_000_000  # an announcement is kilobytes; anything this big is not one

_FM_FIELD = re.compile(r"^(title|date|published)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
# where the article is published and who published it (reports link and credit them)
_FM_ORIGIN = re.compile(
    r"^(url|canonical_url|org|organization|organisation|author|publisher)\s*:\s*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_WEB_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^[ \t>*_]*(?:date|published|posted|released)(?: on)?[ \t*_]*:[ \t*_]*(.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_TEXT_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?:(\d{1,2}),?\s+)?(\d{4})\b",
    re.IGNORECASE,
)
_MD_HEADING = re.compile(r"^#{1,2}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h[12][^>]{0,500}>(.{1,300}?)</h[12]\s*>", re.IGNORECASE | re.DOTALL)
_HTML_SNIFF = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body|<article|<\?xml)", re.I)


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is one line naming it."""


def load_document(path_or_url: str) -> Document:
    """Read a .txt, .md or .html file into a Document with its title and date.

    URLs are the sources stage's job (`claimcheck.services.ingest.fetch_url`); here they are
    refused with a message that says so, rather than read as a missing file. Named pipes and
    devices are read up to the same byte cap as files (`claimcheck.files.read_bounded`), so
    `/dev/zero` or a FIFO nobody writes to is one error, never a hang.
    """
    from claimcheck.files import InputTooLarge, NotReadable, read_bounded

    if re.match(r"https?://", path_or_url, re.IGNORECASE):
        raise DocumentError(f"{path_or_url}: URLs are fetched, not loaded; use fetch_url")
    path = Path(path_or_url)
    try:
        if path.is_dir():
            raise DocumentError(f"{path_or_url}: is a directory, not a document")
        data = read_bounded(path, MAX_BYTES)
    except InputTooLarge as exc:
        raise DocumentError(f"{path_or_url}: too large for an announcement ({exc})") from None
    except NotReadable as exc:
        raise DocumentError(f"{path_or_url}: cannot read: {exc}") from None
    except FileNotFoundError:
        raise DocumentError(f"{path_or_url}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{path_or_url}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path_or_url}: cannot read ({exc.strerror or exc})") from None
    return document_from_bytes(data, path=path_or_url)


def read_stdin(stream: BinaryIO) -> Document:
    """Standard input as a Document, read up to the same cap as a file (`- </dev/zero` ends)."""
    from claimcheck.files import InputTooLarge, read_stream

    try:
        data = read_stream(stream, MAX_BYTES)
    except InputTooLarge as exc:
        raise DocumentError(f"-: too large for an announcement ({exc})") from None
    except OSError as exc:
        raise DocumentError(f"-: cannot read standard input ({exc.strerror or exc})") from None
    return document_from_bytes(data, path="-")


def document_from_bytes(data: bytes, path: str = "-") -> Document:
    """Decode and parse raw bytes (a file's or standard input's) into a Document."""
    text = _decode(data, path)
    is_html = path.lower().endswith((".html", ".htm")) or bool(_HTML_SNIFF.match(text[:2000]))
    title = ""
    date = None
    if is_html:
        title, date = _html_meta(text)
    url, author = _html_origin(text) if is_html else ("", "")
    if is_html:
        text = html_to_text(text)
    fm_title, fm_date = _front_matter(text)
    fm_url, fm_author = document_origin(text)
    title = title or fm_title or _first_heading(text)
    date = fm_date or date or _date_line(text)
    return Document(
        text=text,
        path=path,
        title=one_line(title, 300),
        date=date,
        sha256=hashlib.sha256(data).hexdigest(),
        url=fm_url or url,
        author=one_line(fm_author or author, 200),
    )


def html_to_text(html: str) -> str:
    """The article's text with tables kept as Markdown pipe tables.

    Characters XML cannot hold (controls, escape sequences, U+FFFE/U+FFFF, lone surrogates)
    are dropped first: lxml, under trafilatura and the fallback alike, raises on them. A page
    with more tags than `markup.MAX_TREE_TAGS` is read by `strip_tags` instead of into a tree.
    """
    html = _XML_INCOMPATIBLE.sub("", strip_controls(html))
    if too_many_tags(html):
        return strip_tags(html)
    try:
        text = extract_markdown(html)
    except Exception:  # noqa: BLE001 - a parser crash on hostile HTML must not stop a batch
        text = None
    if text and text.strip():
        return str(text)
    return _lxml_text(html)


def _lxml_text(html: str) -> str:
    try:
        import lxml.html

        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - unparseable HTML: fall back to stripping tags
        return strip_tags(html)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for row in root.xpath("//tr"):
        cells = [" ".join(c.text_content().split()) for c in row.xpath("./th|./td")]
        row.clear()
        row.text = "\n| " + " | ".join(cells) + " |\n"
    for block in root.xpath("//p|//div|//li|//h1|//h2|//h3|//h4|//br|//table|//section"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


_XML_INCOMPATIBLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _decode(data: bytes, path: str) -> str:
    """Bytes to text: a BOM's encoding, else UTF-8, else the legacy encoding that fits.

    A document that is UTF-8 apart from a few bad bytes (a truncated paste, one Latin-1
    character) is UTF-8 with each bad byte replaced by U+FFFD, not the whole text decoded as
    cp1252 mojibake: UTF-8 wins when its valid multi-byte characters outnumber the bad bytes.
    """
    if not data.strip():
        return ""
    what = binary_kind(data)
    if what:
        raise DocumentError(f"{path}: {what}")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if valid > bad:
        return text
    encoding = guess_legacy_encoding(data) or "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", "replace")


def _front_matter(text: str) -> tuple[str, str | None]:
    block = front_matter(text)
    if block is None:
        return "", None
    title, date = "", None
    for key, value in _FM_FIELD.findall(block):
        value = value.strip().strip("\"'")
        if key.lower() == "title":
            title = value
        elif date is None:
            date = _parse_date(value)
    return title, date


def document_origin(text: str) -> tuple[str, str]:
    """(public URL, publishing organisation) from a document's YAML front matter, if any.

    `url:` (or `canonical_url:`) must be an http(s) URL to count; the organisation is the
    first of `org:`, `organization:`, `author:` or `publisher:`. The app reads stored articles
    with the same function, so a file from disk links to where it was published.
    """
    block = front_matter(text)
    if block is None:
        return "", ""
    url = author = ""
    for key, value in _FM_ORIGIN.findall(block):
        value = value.strip().strip("\"'")
        if key.lower() in ("url", "canonical_url"):
            if not url and _WEB_URL.match(value):
                url = value
        elif not author:
            author = value
    return url, author


def _html_origin(html: str) -> tuple[str, str]:
    """(canonical URL, author) from an HTML head: <link rel=canonical>, og:url, meta author."""
    import html as html_lib

    head = html[:100_000]
    url = author = ""
    for tag in re.finditer(r"<(?:link|meta)\b[^>]*>", head, re.IGNORECASE):
        text = tag.group(0)
        value = re.search(r"(?:href|content)=[\"']([^\"']+)", text, re.IGNORECASE)
        if not value:
            continue
        found = html_lib.unescape(value.group(1)).strip()
        if not url and re.search(r"rel=[\"']canonical|property=[\"']og:url", text, re.IGNORECASE):
            url = found if _WEB_URL.match(found) else ""
        elif not author and re.search(
            r"name=[\"'](?:author|publisher)|property=[\"']og:site_name", text, re.IGNORECASE
        ):
            author = found
    return url, author


def _first_heading(text: str) -> str:
    """The first level-1/2 heading (Markdown or an HTML <h1>/<h2> in a README), else the first
    line of prose when it is short enough to be a title ("Qwen2.5-Coder: code more")."""
    head = text[:20_000]
    match = _MD_HEADING.search(head) or _HTML_HEADING.search(head)
    if match:
        return re.sub(r"<[^>]{0,500}>", "", match.group(1)).strip("*_ ")
    for line in head.splitlines()[:12]:
        line = line.strip()
        if (
            not line
            or line.startswith(("<", "!", "[", "|", "---", "```", "+++"))
            or ":" in line[:1]
        ):
            continue
        return line if len(line) <= 120 and not line.endswith(".") else ""
    return ""


def _date_line(text: str) -> str | None:
    for match in _DATE_LINE.finditer(text[:20_000]):
        date = _parse_date(match.group(1))
        if date:
            return date
    return None


def _html_meta(html: str) -> tuple[str, str | None]:
    head = html[:100_000]
    # bounded: thousands of unclosed <title> tags must not each rescan the rest of the head
    title_match = re.search(
        r"<title[^>]{0,500}>(.{0,2000}?)</title>", head, re.IGNORECASE | re.DOTALL
    )
    title = ""
    if title_match:
        import html as html_lib

        title = html_lib.unescape(re.sub(r"<[^>]*>", "", title_match.group(1))).strip()
    date = None
    for meta in re.finditer(r"<meta\b[^>]{0,2000}>", head, re.IGNORECASE):
        tag = meta.group(0)
        if re.search(r"(?:name|property)=[\"'](?:date|article:published_time|pubdate)", tag, re.I):
            content = re.search(r"content=[\"']([^\"']+)", tag, re.IGNORECASE)
            date = _parse_date(content.group(1)) if content else None
            if date:
                break
    return title, date


def _parse_date(value: str) -> str | None:
    """YYYY-MM-DD from an ISO date or a written one ("14 February 2025", "Feb 14, 2025")."""
    iso = _ISO_DATE.search(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return _valid(year, month, day)
    written = _TEXT_DATE.search(value)
    if written:
        day_before, month_name, day_after, year_text = written.groups()
        day_number = int(day_before or day_after or 1)
        return _valid(int(year_text), _MONTHS[month_name[:3].lower()], day_number)
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
