"""MixEval chat-model leaderboard (MixEval/mixeval.github.io `static/utils/...chat.html`).

The leaderboard is only published as an HTML table fragment. Columns are MixEval and
MixEval-Hard (the overall scores) and the "(Mixed)" sub-scores, which are MixEval's own
re-sampled subsets and not the original benchmarks, so they get distinct names. The copied
Arena Elo column is skipped (another leaderboard's number, not MixEval's).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

MANIFEST = {
    "e67c325d4d9cc78a94ad78c4392f8efc2df7477adce607084a702510c7ffe46e": FileMeta(
        "https://github.com/MixEval/mixeval.github.io/blob/"
        "641ca25ff8165ddb6c01526820ce582ffdba4209/static/utils/output_html_tab_chat.html",
        "2024-09-19",
    ),
}
SETTING = (
    "MixEval (2024-06-01 version data) chat-model leaderboard; parser-judged (GPT-3.5 as "
    "answer extractor)"
)
_SUBSET_NOTE = (
    'column is MixEval\'s re-sampled "Mixed" subset of this benchmark, NOT the original full '
    "benchmark"
)


class _Table(HTMLParser):
    """Collects table rows as lists of cell texts (tags dropped, <br> as a space)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
            self.rows.append((self.getpos()[0], self._row))
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _column(header: str) -> tuple[str, str] | None:
    """(benchmark, notes) for a header cell, None for columns that are not MixEval's own."""
    text = header.replace("🔥", "").strip()
    if not text or text.lower().startswith("arena elo"):
        return None
    m = re.match(r"^(.*?)\s*\(Mixed\)$", text)
    if m:
        return f"MixEval subset: {m.group(1)}", _SUBSET_NOTE
    return text, "MixEval overall score"


def parse(ctx: FileContext) -> list[Evaluation]:
    text = ctx.text()
    if "<table" not in text or "<tr" not in text:
        raise ctx.error("not an HTML table fragment (no <table>/<tr>)")
    table = _Table()
    table.feed(text)
    table.close()
    if "</table>" not in text:
        raise ctx.error("the table is not closed (truncated file?)")
    if not table.rows:
        raise ctx.error("no table rows")
    header = table.rows[0][1]
    columns = [_column(h) for h in header[1:]]
    if not any(c and c[0].startswith("MixEval") for c in columns):
        raise ctx.error("not the MixEval leaderboard table (no MixEval column)", "line 1")
    out = []
    for line, cells in table.rows[1:]:
        if not cells:
            continue
        if len(cells) != len(header):
            raise ctx.error(f"{len(cells)} cells, header has {len(header)}", f"line {line}")
        model = cells[0]
        for spec, cell in zip(columns, cells[1:], strict=True):
            score = to_float(cell)
            if spec is None or score is None:
                continue
            benchmark, notes = spec
            out.append(
                ctx.row(
                    model=model,
                    benchmark=benchmark,
                    metric="score (%)",
                    score=r4(score),
                    source="mixeval",
                    setting=SETTING,
                    notes=notes,
                )
            )
    return out


IMPORTER = Importer(
    name="mixeval",
    description="MixEval leaderboard HTML table (output_html_tab_chat.html)",
    parser=parse,
    manifest=MANIFEST,
    sources=("mixeval",),
    patterns=("output_html_tab_*.html",),
)
