"""SWE-bench's own leaderboards (SWE-bench/swe-bench.github.io `data/leaderboards.json`).

One file holds every board. They measure two different things, and the rows keep them apart:

- `bash-only`: every model runs in the same minimal agent (mini-swe-agent, bash only) on the
  500 Verified instances. It compares *models*, so the row's model is the model and its
  `system` is empty.
- `Verified`, `Lite`, `Test` (the full set), `Multimodal`: submitted agent *systems*
  (scaffold + model). The row's `system` is the system's name; its model is the model the board
  tags it with when it names exactly one, otherwise the system's name (no single model's
  number). Each system is its own setting, so two different scaffolds are never paired as if
  they were one harness.

A tag that names a model dated after the run cannot be right (the board once tagged a June 2024
run with the October 2024 Claude 3.5 Sonnet), so such a tag is not used and the notes say so.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.importers.base import FileContext, FileMeta, Importer, fmt, r4, to_float
from claimcheck.importers.evalplus import load_json
from claimcheck.models import Evaluation

_BASE = "https://github.com/SWE-bench/swe-bench.github.io/blob/"
MANIFEST = {
    "827edc281a384a4df08f42280b5848e0793f351f51521c91238fdba408cef80b": FileMeta(
        _BASE + "bdcd3ddd7b28fa96055e35585db898e3e81bb459/data/leaderboards.json",
        "2025-11-18",
    ),
}

METRIC = "resolved (%)"
BASH_ONLY = "bash-only"
# board -> the benchmark its instances are (bash-only runs on the Verified instances)
BOARDS: dict[str, str] = {
    BASH_ONLY: "SWE-bench Verified",
    "Verified": "SWE-bench Verified",
    "Lite": "SWE-bench Lite",
    "Test": "SWE-bench",
    "Multimodal": "SWE-bench Multimodal",
}
_DATE = re.compile(r"(20[12]\d)-?([01]\d)-?([0-3]\d)(?!\d)")


def _tag_values(rec: dict[str, Any], prefix: str) -> list[str]:
    tags = rec.get("tags") or []
    if not isinstance(tags, list):
        return []
    return [t[len(prefix) :].strip() for t in tags if isinstance(t, str) and t.startswith(prefix)]


def _dated_after(model: str, run: str) -> bool:
    m = _DATE.search(model)
    return bool(m and run and f"{m.group(1)}-{m.group(2)}-{m.group(3)}" > run)


def _money(value: Any) -> str:
    f = to_float(value)
    return "" if f is None else fmt(f, 4)


def parse(ctx: FileContext) -> list[Evaluation]:
    data = load_json(ctx)
    boards = data.get("leaderboards") if isinstance(data, dict) else None
    if not isinstance(boards, list) or not boards:
        raise ctx.error("not a SWE-bench leaderboards.json (needs a 'leaderboards' list)")
    out: list[Evaluation] = []
    for i, board in enumerate(boards, start=1):
        if not isinstance(board, dict) or not isinstance(board.get("results"), list):
            raise ctx.error("a leaderboard needs a name and a results list", f"leaderboard {i}")
        name = str(board.get("name", ""))
        benchmark = BOARDS.get(name, f"SWE-bench {name}")
        for j, rec in enumerate(board["results"], start=1):
            where = f"leaderboard {name!r} entry {j}"
            if not isinstance(rec, dict) or not str(rec.get("name") or "").strip():
                raise ctx.error("an entry needs a name", where)
            out.append(_row(ctx, name, benchmark, rec, where))
    if not out:
        raise ctx.error("no leaderboard entries in the file")
    return out


def _row(ctx: FileContext, board: str, benchmark: str, rec: dict[str, Any], where: str) -> Any:
    shown = " ".join(str(rec["name"]).split())
    score = to_float(rec.get("resolved"))
    if score is None:
        raise ctx.error(f"resolved {rec.get('resolved')!r} is not a number", where)
    run = str(rec.get("date") or "").strip()
    if run and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", run):
        raise ctx.error(f"date {run!r} is not YYYY-MM-DD", where)
    tagged = _tag_values(rec, "Model:")
    notes = [f"board={board}", f"folder={rec.get('folder', '')}"]
    if board == BASH_ONLY:
        model, system = shown, ""
        version = rec.get("mini-swe-agent_version")
        setting = (
            "bash-only: every model in the same minimal agent (mini-swe-agent); "
            "500 Verified instances"
        )
        if version:
            notes.append(f"mini-swe-agent={version}")
        if tagged:
            notes.append(f"model tag={', '.join(tagged)}")
    else:
        system = shown
        setting = f"{board} leaderboard; agent system (scaffold + model): {shown}"
        usable = [t for t in tagged if not _dated_after(t, run)]
        if len(tagged) == 1 and usable:
            model = tagged[0]
        else:
            model = shown
            if len(tagged) > 1:
                notes.append(f"runs several models: {', '.join(tagged)}")
            elif tagged:
                notes.append(f"model tag {tagged[0]!r} is dated after the run; not used")
            else:
                notes.append("the board names no model")
    notes += [
        f"attempts={', '.join(_tag_values(rec, 'System:')) or '?'}",
        f"org={', '.join(_tag_values(rec, 'Org:'))}",
        f"checked={rec.get('checked')}",
        f"open model={rec.get('os_model')}",
        f"open system={rec.get('os_system')}",
    ]
    cost = _money(rec.get("cost"))
    if cost:
        notes.append(
            f"cost=${cost} total, ${_money(rec.get('instance_cost'))} per instance, "
            f"{_money(rec.get('instance_calls'))} calls per instance"
        )
    if rec.get("warning"):
        notes.append(f"warning={rec['warning']}")
    return ctx.row(
        model=model,
        benchmark=benchmark,
        metric=METRIC,
        score=r4(score),
        source="swebench",
        setting=setting,
        as_of=run or ctx.as_of,
        notes="; ".join(notes),
        system=system,
    )


IMPORTER = Importer(
    name="swebench",
    description="SWE-bench leaderboards.json: bash-only (models, one scaffold) and the "
    "Verified/Lite/Test/Multimodal boards of agent systems",
    parser=parse,
    manifest=MANIFEST,
    sources=("swebench",),
    patterns=("leaderboards.json",),
)
