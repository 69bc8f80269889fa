"""An article as a reader shows it: Markdown rendered, every character still traceable.

Stored articles are Markdown (files as written, web pages as trafilatura extracts them, with
tables kept as pipe tables). The reader renders headings, lists, quotes, code and tables,
reflows paragraphs (a soft line break is a space, not a new line), and hides the markup. Each
rendered character remembers the offset in the article it came from, so a claim (whose
`start`/`end` point into the stored text) is highlighted in place and scrolled to, however
the Markdown around it was rendered.

Parsing is markdown-it-py's CommonMark parser with tables; raw HTML is never interpreted
(`html: False`) and links are shown as their text, never as terminal hyperlinks. The text given
here must already be safe for a terminal (`tui.data.safe_text`). No Textual here: the widget in
`tui.widgets` styles and draws what `layout_article` returns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rich.console import Console
from rich.style import Style
from rich.text import Text

from claimcheck.tui.data import body_start

UNMAPPED = -1


@dataclass
class Block:
    """One rendered block: its text, the prefix of its first and other lines, and its map.

    `offsets[i]` is the article offset of `text.plain[i]` (UNMAPPED for bullets, padding and
    other characters the renderer added). `mapped_pos`/`mapped_src` keep only the mapped
    characters, in order, for binary search.
    """

    text: Text
    offsets: list[int]
    first: str = ""
    rest: str = ""
    prefix_style: str = ""
    no_wrap: bool = False
    gap: int = 1  # blank lines before it
    rule: bool = False  # a horizontal rule: drawn the width of the view
    mapped_pos: list[int] = field(default_factory=list)
    mapped_src: list[int] = field(default_factory=list)

    def index(self) -> None:
        self.mapped_pos = [i for i, o in enumerate(self.offsets) if o != UNMAPPED]
        self.mapped_src = [self.offsets[i] for i in self.mapped_pos]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The rendered range [a, b) showing article characters [start, end), if any."""
        lo = bisect_left(self.mapped_src, start)
        hi = bisect_left(self.mapped_src, end)
        if lo >= hi:
            return None
        return self.mapped_pos[lo], self.mapped_pos[hi - 1] + 1


class _Builder:
    """Accumulates a Text and its offset map side by side."""

    def __init__(self) -> None:
        self.text = Text()
        self.offsets: list[int] = []

    def add(self, chars: str, offsets: Sequence[int] | int = UNMAPPED, style: str = "") -> None:
        if not chars:
            return
        self.text.append(chars, style=style or None)
        if isinstance(offsets, int):
            self.offsets.extend(
                [offsets] * len(chars)
                if offsets == UNMAPPED
                else range(offsets, offsets + len(chars))
            )
        else:
            self.offsets.extend(offsets)

    def __len__(self) -> int:
        return len(self.offsets)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline(
    builder: _Builder, token: Any, source: str, begin: int, end: int, base_style: str = ""
) -> None:
    """Append an inline token's children, finding each piece of text in source[begin:end]."""
    cursor = begin
    styles: list[str] = [base_style] if base_style else []
    floor = len(styles)  # the block's own style is never popped

    def place(content: str, style: str) -> None:
        nonlocal cursor
        found = source.find(content, cursor, end)
        if found >= 0:
            builder.add(content, found, style)
            cursor = found + len(content)
            return
        # an escape (\*) or an entity (&amp;) reads differently in the source: char by char
        for ch in content:
            hit = source.find(ch, cursor, min(end, cursor + 12))
            if hit >= 0:
                builder.add(ch, hit, style)
                cursor = hit + 1
            else:
                builder.add(ch, UNMAPPED, style)

    for child in token.children or ():
        kind = child.type
        style = " ".join(styles)
        if kind == "text":
            place(child.content, style)
        elif kind == "code_inline":
            place(child.content, (style + " dim").strip())
        elif kind == "softbreak":
            newline = source.find("\n", cursor, end)
            builder.add(" ", newline if newline >= 0 else UNMAPPED, style)
            if newline >= 0:
                cursor = newline + 1
        elif kind == "hardbreak":
            newline = source.find("\n", cursor, end)
            builder.add("\n", newline if newline >= 0 else UNMAPPED, style)
            if newline >= 0:
                cursor = newline + 1
        elif kind in ("strong_open", "em_open", "link_open", "s_open"):
            styles.append(
                {
                    "strong_open": "bold",
                    "em_open": "italic",
                    "link_open": "underline",
                    "s_open": "strike",
                }[kind]
            )
        elif kind in ("strong_close", "em_close", "link_close", "s_close"):
            if len(styles) > floor:
                styles.pop()
        elif kind == "image":
            builder.add(f"[image: {child.content or 'no description'}]", UNMAPPED, "dim")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    starts.append(len(text))
    return starts


def layout_article(text: str) -> tuple[int, list[Block]]:
    """(where the body starts once front matter is skipped, the rendered blocks).

    Offsets in the blocks are offsets into `text` itself, front matter included.
    """
    skip = body_start(text)
    body = text[skip:]
    tokens = _parser().parse(body)
    starts = _line_starts(body)

    def region(token: Any) -> tuple[int, int]:
        first, last = token.map or (0, 0)
        return starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]

    blocks: list[Block] = []
    lists: list[dict[str, Any]] = []  # open lists: ordered?, next number, tight?
    item_prefix: list[str] = []  # bullet for the next paragraph of the current item
    quote = 0
    heading: str | None = None
    cell_row: list[_Builder] | None = None
    table: list[tuple[bool, list[_Builder]]] | None = None
    in_head = False
    table_gap = 1
    list_starts = False  # the first item of a top-level list keeps a blank line before it

    def indent() -> str:
        return "  " * max(len(lists) - 1, 0)

    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            tight = not any(
                t.type == "paragraph_open" and not t.hidden for t in tokens[i + 1 : i + 4]
            )
            start = int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append({"ordered": kind == "ordered_list_open", "n": start, "tight": tight})
            list_starts = list_starts or len(lists) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            current = lists[-1]
            if current["ordered"]:
                bullet = f"{current['n']}. "
                current["n"] += 1
            else:
                bullet = ("•", "◦", "▪")[(len(lists) - 1) % 3] + " "
            item_prefix.append(bullet)
        elif kind == "list_item_close":
            if item_prefix:
                item_prefix.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = tok.tag
        elif kind == "heading_close":
            heading = None
        elif kind == "table_open":
            table, table_gap = [], 1
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            cell_row = []
        elif kind == "tr_close" and table is not None and cell_row is not None:
            table.append((in_head, cell_row))
            cell_row = None
        elif kind == "table_close" and table is not None:
            blocks.append(_table_block(table, skip, table_gap))
            table = None
        elif kind == "inline" and cell_row is not None:
            cell = _Builder()
            a, b = region(tok)
            _inline(cell, tok, body, a, b, "bold" if in_head else "")
            cell_row.append(cell)
        elif kind == "inline":
            a, b = region(tok)
            builder = _Builder()
            style = {"h1": "bold underline", "h2": "bold"}.get(heading or "", "")
            if heading and not style:
                style = "bold italic"
            _inline(builder, tok, body, a, b, style)
            quote_mark = "▌ " * quote
            if item_prefix:
                bullet = item_prefix[-1]
                first = quote_mark + indent() + bullet
                rest = quote_mark + indent() + " " * len(bullet)
                item_prefix[-1] = " " * len(bullet)  # a second paragraph is not bulleted again
                gap = 0 if lists and lists[-1]["tight"] and not list_starts else 1
                list_starts = False
            else:
                first = rest = quote_mark + indent() if lists else quote_mark
                gap = 1
            blocks.append(
                _finish(
                    builder,
                    skip,
                    first=first,
                    rest=rest,
                    gap=gap,
                    prefix_style="dim" if quote else "",
                )
            )
        elif kind in ("fence", "code_block"):
            a, b = region(tok)
            content = tok.content.rstrip("\n")
            builder = _Builder()
            found = body.find(content, a, b) if content else -1
            builder.add(content, found if found >= 0 else UNMAPPED, "dim")
            blocks.append(_finish(builder, skip, first="  ", rest="  ", gap=1, no_wrap=False))
        elif kind == "hr":
            blocks.append(Block(Text(""), [], rule=True, gap=1))
    if blocks:
        blocks[0].gap = 0
    return skip, blocks


def _finish(builder: _Builder, skip: int, **kw: Any) -> Block:
    offsets = [o + skip if o != UNMAPPED else o for o in builder.offsets]
    block = Block(builder.text, offsets, **kw)
    block.index()
    return block


def _table_block(rows: list[tuple[bool, list[_Builder]]], skip: int, gap: int) -> Block:
    """A pipe table drawn with aligned columns (cut, not wrapped, when the view is narrow)."""
    columns = max((len(cells) for _, cells in rows), default=0)
    widths = [0] * columns
    for _, cells in rows:
        for j, cell in enumerate(cells):
            widths[j] = max(widths[j], min(len(cell), 24))
    out = _Builder()
    for r, (head, cells) in enumerate(rows):
        if r:
            out.add("\n")
        for j in range(columns):
            if j:
                out.add(" │ ", UNMAPPED, "dim")
            cell = cells[j] if j < len(cells) else _Builder()
            if len(cell) > widths[j]:  # a long cell is cut, and says so
                out.text.append_text(cell.text[: widths[j] - 1])
                out.offsets.extend(cell.offsets[: widths[j] - 1])
                out.add("…", UNMAPPED, "dim")
            else:
                out.text.append_text(cell.text)
                out.offsets.extend(cell.offsets)
                out.add(" " * (widths[j] - len(cell)))
        if head:
            out.add("\n" + "─┼─".join("─" * w for w in widths), UNMAPPED, "dim")
    return _finish(out, skip, no_wrap=True, gap=gap)


@dataclass
class Layout:
    """The blocks wrapped to a width: one Text of lines, and where each block's lines start."""

    text: Text
    block_line: list[int]  # first screen line of each block
    block_start: list[int]  # offset of each block's first character in `text`
    lines: int


def wrap_blocks(
    blocks: Sequence[Block], texts: Sequence[Text], width: int, console: Console
) -> Layout:
    """Wrap each block's (styled) text to `width`, prefixes included, as one Text."""
    out = Text(no_wrap=True, overflow="crop", end="")
    block_line: list[int] = []
    block_start: list[int] = []
    line = 0
    for n, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if n:
            out.append("\n" * (block.gap + 1))
            line += block.gap + 1
        block_line.append(line)
        block_start.append(len(out))
        if block.rule:
            out.append("─" * min(max(width, 1), 200), style="dim")
            continue
        inner = max(width - len(block.first), 8)
        wrapped = text.wrap(
            console, inner, no_wrap=block.no_wrap, overflow="ellipsis" if block.no_wrap else "fold"
        )
        for k, part in enumerate(wrapped):
            if k:
                out.append("\n")
                line += 1
            prefix = block.first if k == 0 else block.rest
            if prefix:
                out.append(prefix, style=block.prefix_style or None)
            out.append_text(part)
    return Layout(out, block_line, block_start, line + 1 if blocks else 0)


def line_in_block(block: Block, text: Text, pos: int, width: int, console: Console) -> int:
    """The wrapped line (within its block) that rendered position `pos` falls on."""
    if block.no_wrap or block.rule:
        return text.plain.count("\n", 0, pos)
    inner = max(width - len(block.first), 8)
    return max(len(text[: pos + 1].wrap(console, inner, overflow="fold")) - 1, 0)


def highlight(
    blocks: Sequence[Block],
    spans: Sequence[tuple[int, int, Style, int]],
) -> list[Text]:
    """Copies of the blocks' texts with each (start, end, style, index) span styled in place.

    Spans are in article offsets; `index` becomes a click action on the characters.
    """
    texts = [b.text.copy() for b in blocks]
    for start, end, style, index in spans:
        click = Style(meta={"@click": f"claim_clicked({index})"})
        for block, text in zip(blocks, texts, strict=True):
            found = block.span(start, end)
            if found is not None:
                text.stylize(style + click, *found)
    return texts


def locate(blocks: Sequence[Block], offset: int) -> tuple[int, int] | None:
    """(block index, rendered position) of the first character shown at or after `offset`."""
    for n, block in enumerate(blocks):
        if block.mapped_src and block.mapped_src[-1] >= offset:
            k = bisect_left(block.mapped_src, offset)
            return n, block.mapped_pos[k]
    return None
