"""Chatbot Arena / LMArena text leaderboard, as mirrored by fboulnois/llm-leaderboard-csv.

`csv/lmsys.csv` and `csv/lmarena_text.csv`: rank, (style-control rank), model, arena score,
its 95% CI as `+x/-y`, votes, organisation, licence. How the mirror scraped each snapshot
(which page, which table) is known per file and kept in the notes.
"""

from __future__ import annotations

import csv
import io
import re

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/fboulnois/llm-leaderboard-csv/blob/"
MANIFEST = {
    "6466eea42e28309df1fec8982dcb01497c3751be6ad81cb73477bd79a2cbbda9": FileMeta(
        _BASE + "4070040f60128ad68fe25936bd0a7719c1215803/csv/lmsys.csv",
        "2024-09-06",
        note="scraped from the default (overall, not style-controlled) text leaderboard page",
    ),
    "74041df28d34f763acf55c9fd63cff4af0a95daa19f76867d23d412801d0b15c": FileMeta(
        _BASE + "dbd641d12f9cc186c9af8e2b8e6bf1d3a9555038/csv/lmsys.csv",
        "2025-01-24",
        note="scraped from the default overall text leaderboard page; arena_score not "
        "style-controlled, rank_stylectrl = style-controlled rank",
    ),
    "0c6e13c72172e2cb261c0ca7f3de41737e8274379271b0837d212bb87603920f": FileMeta(
        _BASE + "e964e252a171a83b8bf189675ca01406d86bc810/csv/lmarena_text.csv",
        "2025-08-04",
        note="built from LMArena elo_results pickle, 'text' -> 'full' table; rank_stylectrl "
        "from 'final_ranking'",
    ),
}
_CI = re.compile(r"^\s*\+\s*([\d.]+)\s*/\s*-\s*([\d.]+)\s*$")


def parse(ctx: FileContext) -> list[Evaluation]:
    reader = csv.DictReader(io.StringIO(ctx.text()))
    need = {"rank", "model", "arena_score", "95_pct_ci", "votes"}
    if not need <= set(reader.fieldnames or ()):
        raise ctx.error(f"not an LMArena mirror CSV (needs columns {sorted(need)})", "line 1")
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        score = to_float(rec["arena_score"])
        if score is None:
            raise ctx.error(f"arena_score {rec['arena_score']!r} is not a number", f"line {line}")
        ci = _CI.match(rec["95_pct_ci"] or "")
        lo = hi = None
        if ci:
            hi, lo = r4(score + float(ci.group(1))), r4(score - float(ci.group(2)))
        parts = [
            f"rank={rec['rank']}",
            f"rank_stylectrl={rec.get('rank_stylectrl') or ''}",
            f"votes={rec['votes']}",
            f"organization={rec.get('organization', '')}",
            f"license={rec.get('license', '')}",
        ]
        if ctx.note:
            parts.append(ctx.note)
        parts.append("third-party mirror of LMArena data")
        out.append(
            ctx.row(
                model=rec["model"].strip(),
                benchmark="Chatbot Arena (text, overall)",
                metric="Arena score (Bradley-Terry, Elo scale)",
                score=r4(score),
                ci_low=lo,
                ci_high=hi,
                source="lmarena_mirror",
                setting=f"LMArena/LMSYS leaderboard snapshot {ctx.as_of}; 95% CI",
                notes="; ".join(parts),
            )
        )
    return out


IMPORTER = Importer(
    name="lmarena_mirror",
    description="LMArena text leaderboard CSV from the fboulnois/llm-leaderboard-csv mirror",
    parser=parse,
    manifest=MANIFEST,
    sources=("lmarena_mirror",),
    patterns=("lmsys.csv", "lmarena_text.csv"),
)
