"""Arena-Hard-Auto leaderboards (lmarena/arena-hard-auto), in the three forms published.

- `leaderboard/arena_hard_leaderboard_<date>.csv`: score, bootstrap CI bounds, tokens, date.
- `misc/past_leaderboards.md`: console blocks of `model | score: x | 95% CI: (-a, b) | ...`;
  a block under a "(Style Control)" heading is style-controlled, the others are not.
- the README "Leaderboard" section: v2.0 console tables (`Model  Scores (%)  CI (%)`), one
  per judge configuration, named by the line above the block.
"""

from __future__ import annotations

import csv
import io
import re

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/lmarena/arena-hard-auto/blob/"
MANIFEST = {
    "dcc532f251a307f9cb23cb9ac04711e142157f32b934ee752a5456d336a6fe33": FileMeta(
        _BASE + "b00effbe44985651be892b01d765587adc13c888/leaderboard/"
        "arena_hard_leaderboard_20240731.csv",
        "2024-07-31",
    ),
    "0aa3815bf6d56ec9a45ba0760d46e2bdbb10e31cae17cee3fa07b2a178f26d10": FileMeta(
        _BASE + "e1032d92577025eb521885620c82440edd2e31a4/misc/past_leaderboards.md",
        "2025-04-20",
        note="file header says 'Updated: 11/14' (2024); rows added up to 2025-03",
    ),
    "9c2619ee40bf026324960e9ed675b883d5e4194d7a825e3388f6a4dc7493b845": FileMeta(
        _BASE + "27cb7d3d07124418be6b7bb11a64ff78ed655227/README.md",
        "2025-05-01",
        note="tables last changed in commit 5bb0b74 (2025-05-01)",
    ),
}

V01 = "Arena-Hard-Auto v0.1"
_V01_SETTING = "500 hard prompts; judge gpt-4-1106-preview; baseline gpt-4-0314 (=50)"
METRIC = "win rate vs baseline (%)"
# README v2.0 blocks, recognised by the caption line above each console table
_V2_BLOCKS = (
    (
        re.compile(r"hard prompt.*gemini", re.I),
        "Arena-Hard-Auto v2.0 (hard prompts)",
        "Arena-Hard v2.0 hard prompts (500); style control; judge gemini-2.5 (official config); "
        "baseline o3-mini-2025-01-31 (=50)",
    ),
    (
        re.compile(r"hard prompt.*gpt-4\.1", re.I),
        "Arena-Hard-Auto v2.0 (hard prompts)",
        "Arena-Hard v2.0 hard prompts (500); style control; judge gpt-4.1; "
        "baseline o3-mini-2025-01-31 (=50)",
    ),
    (
        re.compile(r"creative writing", re.I),
        "Arena-Hard-Auto v2.0 (creative writing)",
        "Arena-Hard v2.0 creative writing (250); ensemble judges gpt-4.1 + gemini-2.5; "
        "baseline gemini-2.0-flash-001 (=50)",
    ),
)
_PIPE_ROW = re.compile(
    r"^(?P<model>\S.*?)\s*\|\s*score:\s*(?P<score>[-\d.]+)\s*\|\s*95% CI:\s*"
    r"\(\s*(?P<lo>[-+\d.]+),\s*(?P<hi>[-+\d.]+)\s*\)\s*\|\s*average #tokens:\s*(?P<tok>\d+)"
)
_V2_ROW = re.compile(r"^\s*\d+\s+(?P<model>\S+)\s+(?P<score>[-\d.]+)\s+(?P<ci>\(.*)?$")
_V2_CI = re.compile(r"^\(\s*(?P<lo>[-+]?[\d.]+)\s*/\s*(?P<hi>[-+]?[\d.]+)\s*\)$")


def parse(ctx: FileContext) -> list[Evaluation]:
    text = ctx.text()
    head = text.lstrip()[:200]
    if head.startswith("model,") or ctx.path.suffix.lower() == ".csv":
        return _parse_csv(ctx, text)
    if "Scores (%)" in text:
        return _parse_v2(ctx, text)
    if "| score:" in text:
        return _parse_past(ctx, text)
    raise ctx.error("not an Arena-Hard-Auto leaderboard (no CSV header or console table)")


def _parse_csv(ctx: FileContext, text: str) -> list[Evaluation]:
    reader = csv.DictReader(io.StringIO(text))
    need = {"model", "score", "rating_q025", "rating_q975"}
    if not need <= set(reader.fieldnames or ()):
        raise ctx.error(f"not an Arena-Hard-Auto leaderboard CSV (needs columns {sorted(need)})")
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        score = to_float(rec["score"])
        if score is None:
            raise ctx.error(f"score {rec['score']!r} is not a number", f"line {line}")
        extra = {}
        if rec.get("date"):
            extra["as_of"] = rec["date"].strip()
        out.append(
            ctx.row(
                model=rec["model"].strip(),
                benchmark=V01,
                metric=METRIC,
                score=r4(score),
                ci_low=_opt(to_float(rec["rating_q025"])),
                ci_high=_opt(to_float(rec["rating_q975"])),
                source="arena_hard_auto",
                setting=f"{_V01_SETTING}; no style control; 95% bootstrap CI",
                notes=f"avg_tokens={rec.get('avg_tokens', '')}",
                **extra,
            )
        )
    return out


def _opt(value: float | None) -> float | None:
    return None if value is None else r4(value)


def _blocks(text: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """Console blocks with the nearest non-blank line above each, and numbered lines."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    caption = ""
    inside: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("```"):
            if inside is None:
                inside = []
            else:
                blocks.append((caption, inside))
                inside = None
                caption = ""  # a caption names only the block right below it
            continue
        if inside is not None:
            inside.append((number, line))
        elif line.strip():
            caption = line.strip()
    if inside is not None:
        raise _Unclosed()
    return blocks


class _Unclosed(Exception):
    """A console block that never ends: the file was cut short."""


def _note(ctx: FileContext, *parts: str) -> str:
    return "; ".join(p for p in (ctx.note, *parts) if p)


def _parse_past(ctx: FileContext, text: str) -> list[Evaluation]:
    try:
        blocks = _blocks(text)
    except _Unclosed as exc:
        raise ctx.error("a ``` console block is not closed (truncated file?)") from exc
    out = []
    for index, (caption, lines) in enumerate(blocks, start=1):
        style = "style control" in caption.lower()
        setting = f"{_V01_SETTING}; {'WITH' if style else 'no'} style control; 95% CI"
        for number, line in lines:
            if not line.strip():
                continue
            m = _PIPE_ROW.match(line)
            if not m:
                raise ctx.error("not a 'model | score: | 95% CI: | ...' row", f"line {number}")
            score = float(m["score"])
            out.append(
                ctx.row(
                    model=m["model"].strip(),
                    benchmark=V01,
                    metric=METRIC,
                    score=r4(score),
                    ci_low=r4(score + float(m["lo"])),
                    ci_high=r4(score + float(m["hi"])),
                    source="arena_hard_auto",
                    setting=setting,
                    notes=_note(
                        ctx, f"avg_tokens={m['tok']}", f"block {index} of {ctx.repo_path()}"
                    ),
                )
            )
    if not out:
        raise ctx.error("no leaderboard rows found")
    return out


def _parse_v2(ctx: FileContext, text: str) -> list[Evaluation]:
    try:
        blocks = _blocks(text)
    except _Unclosed as exc:
        raise ctx.error("a ``` console block is not closed (truncated file?)") from exc
    out = []
    base_note = f"from {ctx.repo_path()} leaderboard block (console table)"
    for caption, lines in blocks:
        spec = next(((b, s) for rx, b, s in _V2_BLOCKS if rx.search(caption)), None)
        if spec is None:
            raise ctx.error(f"unknown leaderboard block {caption[:60]!r}")
        benchmark, setting = spec
        for number, line in lines:
            if not line.strip() or "Scores (%)" in line:
                continue
            m = _V2_ROW.match(line)
            if not m:
                raise ctx.error("not a '<rank> <model> <score> (<ci>)' row", f"line {number}")
            score = float(m["score"])
            ci = _V2_CI.match((m["ci"] or "").strip())
            lo: float | None
            hi: float | None
            if ci:
                lo, hi = r4(score + float(ci["lo"])), r4(score + float(ci["hi"]))
                notes = "; ".join(p for p in (base_note, ctx.note) if p)
            else:
                lo = hi = None
                notes = "; ".join(
                    p
                    for p in (
                        base_note,
                        ctx.note,
                        "CI text truncated in the source README, left blank",
                    )
                    if p
                )
            out.append(
                ctx.row(
                    model=m["model"],
                    benchmark=benchmark,
                    metric=METRIC,
                    score=r4(score),
                    ci_low=lo,
                    ci_high=hi,
                    source="arena_hard_auto",
                    setting=setting,
                    notes=notes,
                )
            )
    if not out:
        raise ctx.error("no leaderboard rows found")
    return out


IMPORTER = Importer(
    name="arena_hard_auto",
    description="Arena-Hard-Auto leaderboard CSV, past_leaderboards.md or README v2.0 tables",
    parser=parse,
    manifest=MANIFEST,
    sources=("arena_hard_auto",),
    patterns=("arena_hard_leaderboard_*.csv", "past_leaderboards.md", "README.md"),
)
