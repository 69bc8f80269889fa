"""Sentence boundaries that survive Markdown and release-post formatting.

spaCy's rule-based sentencizer splits on punctuation only, so a heading runs into the next
paragraph, every table row becomes part of one giant sentence and a hard-wrapped paragraph is
fine but a bullet list is not. Release posts are mostly headings, bullets and tables, so we split
on their structure first (lines that start a block) and on sentence punctuation second, all
with regular expressions over the text so the cost stays far below tokenizing.

Offsets always point into the text as given: callers that clean the text first (masking HTML
tags, Markdown emphasis) must keep its length, and `prepare_text` does.
"""

from __future__ import annotations

import re

from claimcheck.text import blank_controls

MAX_SENTENCE_CHARS = 2_000  # longer "sentences" (a 5 MB line) are cut: rules stay linear

_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|\d{1,3}[.)][ \t]|>|\||---|===)")
_STANDALONE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|\||---|===)")  # a line that is its own unit
_LEAD_MARKER = re.compile(r"(?:[ \t]*(?:#{1,6}|[-*+•>]|\d{1,3}[.)])(?=[ \t]))+[ \t]*")
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|vs|etc|cf|approx|fig|figs|no|nos|inc|ltd|corp|dr|mr|ms|mrs|prof|st|"
    r"jr|sr|al|eq|sec|ch|vol|ver|v|ca|resp|incl|est)|\b[A-Z])\.$",
    re.IGNORECASE,
)
# An unclosed comment or script runs to the end, as in a browser: without the \Z a page of
# "<!--" openers rescanned the rest of the text from each one (quadratic).
_HTML_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]{0,2000}>.*?(?:</\1\s*>|\Z)|<[a-zA-Z/!][^>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|tr|table|thead|tbody|section|article|header|footer|br|hr|"
    r"blockquote|pre|dt|dd|title|td|th|caption|figure|figcaption)\b",
    re.IGNORECASE,
)
_LOOKS_HTML = re.compile(r"<(?:html|body|p|div|h[1-6]|table|article|br)\b", re.IGNORECASE)
_RUN = 200
_LONG_RUN = re.compile(r"\S{" + str(_RUN) + ",}")
# spaCy peels punctuation off a token one character at a time, rescanning the token each
# time, and makes each character a token: a run of punctuation keeps its first characters
# and the rest is blanked (no claim is written in a row of brackets or emoji)
_PUNCT_RUN = 16
_LONG_PUNCT = re.compile(r"(?:[^\w\s]|_){" + str(_PUNCT_RUN) + ",}")
# _LONG_PUNCT's runs once "_" is read as punctuation, and where a _LONG_RUN can start
_PUNCT_PROBE = re.compile(r"[^\w\s]{" + str(_PUNCT_RUN) + ",}")
_RUN_AFTER_SPACE = re.compile(r"\s\S{" + str(_RUN) + "}")
_MASKED_CHARS = re.compile(r"[*`]")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": "-"})


def prepare_text(text: str) -> str:
    """The text the pipeline reads: same length as `text`, markup replaced by whitespace.

    HTML tags become spaces (block tags a paragraph break) and Markdown emphasis markers,
    escape sequences and control or bidi characters become spaces, so tokens and offsets
    still line up with the original.
    """
    if _LOOKS_HTML.search(text[:100_000]):
        text = _HTML_TAG.sub(_blank_tag, text)
    front = _FRONT_MATTER.match(text)
    if front:  # Hugo/Jekyll metadata: its title is the document's title, not prose
        text = _blank_block(front) + text[front.end() :]
    if "```" in text or "~~~" in text:
        # code, bibtex and sample outputs are not the release's prose
        text = _FENCED.sub(_blank_block, text)
    text = _MASKED_CHARS.sub(" ", blank_controls(text))
    # "GPT‑4o" with a non-breaking hyphen is "GPT-4o"; one character for one, offsets stay
    text = text.translate(_HYPHENS)
    # spaCy splits prefixes and suffixes one character at a time: a 6,000-character run of
    # punctuation costs seconds and a megabyte of it minutes. No word is this long, so cut it.
    text = _cut_punct_runs(text)
    # a long run is rare: look for one with a pattern the regex engine scans fast first
    if _LONG_RUN.match(text) or _RUN_AFTER_SPACE.search(text):
        text = _LONG_RUN.sub(_cut_run, text)
    return text


_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\r?\n.*?\r?\n---|\+\+\+[ \t]*\r?\n.*?\r?\n\+\+\+)[ \t]*(?=\r?\n|\Z)",
    re.DOTALL,
)
# CommonMark fences: a backtick fence's info string holds no backtick ("```!pip x```" is
# inline code), and the closing fence is at least as long as the opening one
_FENCED = re.compile(
    r"^[ \t]*(?P<b>`{3,})[^`\n]*\n.*?(?:^[ \t]*(?P=b)`*[ \t]*$|\Z)"
    r"|^[ \t]*(?P<t>~{3,})[^\n]*\n.*?(?:^[ \t]*(?P=t)~*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)


def _blank_block(match: re.Match[str]) -> str:
    """A fenced block as blank lines: same length, line breaks kept."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _cut_punct_runs(text: str) -> str:
    """`_LONG_PUNCT.sub` keeping each run's first characters, found by `_PUNCT_PROBE`.

    With "_" read as "!" a run of `_LONG_PUNCT` is a run of one character class, which the
    regex engine scans several times faster than the alternation (table rules such as
    "|---|---|" make runs common in Markdown).
    """
    probe = text.replace("_", "!") if "_" in text else text
    parts: list[str] = []
    last = 0
    for m in _PUNCT_PROBE.finditer(probe):
        a, b = m.span()
        parts += (text[last:a], text[a : a + _PUNCT_RUN], " " * (b - a - _PUNCT_RUN))
        last = b
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _cut_run(match: re.Match[str]) -> str:
    chars = list(match.group(0))
    chars[_RUN - 1 :: _RUN] = " " * len(chars[_RUN - 1 :: _RUN])
    return "".join(chars)


def _blank_tag(match: re.Match[str]) -> str:
    tag = match.group(0)
    if _BLOCK_TAG.match(tag):
        return "\n\n" + " " * (len(tag) - 2) if len(tag) >= 2 else " " * len(tag)
    return " " * len(tag)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, in order, trimmed."""
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        _split_block(text, start, end, spans)
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, list items, headings and table rows as (start, end) spans."""
    blocks: list[tuple[int, int]] = []
    block_start = -1
    pos = 0
    length = len(text)
    while pos < length:
        newline = text.find("\n", pos)
        line_end = length if newline < 0 else newline
        line = text[pos:line_end]
        if not line.strip():
            if block_start >= 0:
                blocks.append((block_start, pos))
                block_start = -1
        elif _BLOCK_START.match(line):
            if block_start >= 0:
                blocks.append((block_start, pos))
            if _STANDALONE.match(line):
                blocks.append((pos, line_end))
                block_start = -1
            else:
                block_start = pos
        elif block_start < 0:
            block_start = pos
        pos = line_end + 1
    if block_start >= 0:
        blocks.append((block_start, length))
    return blocks


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    marker = _LEAD_MARKER.match(text, start, end)
    if marker and marker.end() < end:
        start = marker.end()
    block = text[start:end]
    if block.lstrip().startswith("|"):  # a table row: one unit, never a claim sentence
        _emit(text, start, end, out)
        return
    sent_start = start
    for match in _SENT_END.finditer(block):
        cut = start + match.end()
        head = text[sent_start : start + match.start() + 1].rstrip()
        if _ABBREV.search(head[-12:]):
            continue
        _emit(text, sent_start, cut, out)
        sent_start = cut
    _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
