"""Text hygiene: what must never reach a terminal, a spreadsheet or an XML file.

Announcement text is hostile. Escape sequences can clear a screen, retitle a window or plant a
hyperlink; bidi overrides can make a line read differently from what it says (trojan source).
One function strips them for every output path (fetch, reports, the CLI), so they cannot drift
apart. The app does not use it: it shows such characters as visible symbols instead, keeping
claim offsets intact (`claimcheck.tui.data.safe_text`).
"""

from __future__ import annotations

import json
import re

# CSI / OSC / DCS-style escape sequences first, then lone escapes and the C1 CSI.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # CSI as one C1 byte
)
# C0 (except tab and newline), DEL, C1, zero-width and bidi overrides.
_CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def strip_controls(text: str | None) -> str:
    """Remove terminal escape sequences and control, zero-width and bidi characters.

    Square brackets (Rich markup) and Markdown are left alone on purpose: they are text, and
    every display escapes them.
    """
    return _CONTROL_CHARACTERS.sub("", _ESCAPE_SEQUENCES.sub("", text or ""))


def dumps_json(value: object, **options: object) -> str:
    """`json.dumps` that keeps text exact but lets no control or bidi character out raw.

    JSON escapes C0 controls itself; C1 controls (U+0080-U+009F, where U+009B is a CSI to
    some terminals), zero-width and bidi characters it writes as they are. Written as \\uXXXX
    they decode to the same strings and stay inert when the report is printed.
    """
    text = json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return _CONTROL_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def blank_controls(text: str) -> str:
    """Like `strip_controls`, but each removed character becomes a space: same length.

    For the extractor, whose claim offsets must point into the original text: a sequence such
    as ESC [ 2 J turns into blanks as a whole, never into stray words like "[2J".
    """
    if not _CONTROL_CHARACTERS.search(text):  # every escape sequence starts with one
        return text
    text = _ESCAPE_SEQUENCES.sub(lambda m: " " * len(m.group()), text)
    return _CONTROL_CHARACTERS.sub(" ", text)


def sanitize_text(text: str) -> str:
    """Strip terminal escape sequences and control characters; keep the words, as plain data.

    Also folds CRLF/CR line ends and runs of blank lines, as page text arrives full of them.
    """
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def one_line(text: object, limit: int = 200) -> str:
    """A hostile or multi-line string made safe for a one-line message, cut at `limit`."""
    flat = " ".join(sanitize_text(str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
