"""Bytes to text, for the two stages that read bytes: files (`documents`) and the web (`sources`).

Both meet the same hostile input: binaries named .md or served as text/html, Latin-1 pages
labelled UTF-8 and the reverse. The evidence each trusts is kept here once, so a file on disk
and the same file fetched are sniffed and decoded by one rule.
"""

from __future__ import annotations

import codecs
import re

_BINARY_MAGIC = {
    b"%PDF": "a PDF file, not text; convert it to text or HTML first",
    b"PK\x03\x04": "a zip archive (docx, xlsx ...), not text",
    b"\x1f\x8b": "a gzip file, not text",
    b"\x89PNG": "an image, not text",
    b"\xff\xd8\xff": "an image, not text",
    b"GIF8": "an image, not text",
}
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text (tab, newlines, form feed and ESC do)
_BINARY_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_ALL_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_SNIFF_BYTES = 8192


def binary_kind(data: bytes) -> str | None:
    """Why `data` is not text ("a PDF file, not text", ...), or None when it may be text.

    Only real evidence counts: a known file signature, a NUL byte, or control bytes that no
    text holds making up more than a tenth of the start. One stray byte or an ANSI escape in
    an announcement is not evidence. Text with a UTF-16/32 byte-order mark is text.
    """
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):  # short binaries can pass for Latin-1 text
            return what
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "binary file, not text"
    if len(head) - len(head.translate(None, _BINARY_CONTROLS)) > len(head) / 10:
        return "binary file, not text"
    return None


def guess_legacy_encoding(data: bytes) -> str | None:
    """The single-byte encoding of text that is not UTF-8, as a browser would pick it.

    charset-normalizer ranks the candidates; among those about as plausible as the best,
    windows-1252 wins (the WHATWG default for Western text, and these are English
    announcements), since on a short text cp1250 or cp1257 often score the same. Control
    characters are left out of the sample: an escape sequence makes it give up on real text.
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[: 512 * 1024].translate(None, _ALL_CONTROLS)))
    if not results:
        return None
    least_chaos = min(r.chaos for r in results)
    plausible = [r for r in results if r.chaos <= least_chaos + 0.05]
    if any("cp1252" in r.could_be_from_charset for r in plausible):
        return "cp1252"
    plausible.sort(key=lambda r: -r.coherence)
    return str(plausible[0].encoding)


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
    """Decode a web body, trusting the bytes over the label. Returns (text, encoding used).

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
    guess = guess_legacy_encoding(content)
    if guess:
        return content.decode(guess, "replace"), guess
    return content.decode("cp1252", "replace"), "cp1252"
