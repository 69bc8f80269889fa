"""EvalPlus leaderboard (evalplus/evalplus.github.io): `results.json` and EvalPerf results.

`results.json` maps a display name to pass@1 on HumanEval(+) and MBPP(+) (greedy);
`results/evalperf/COMBINED-RESULTS.json` maps `org--repo` ids to code-efficiency scores.
The two are told apart by their shape.
"""

from __future__ import annotations

import json
from typing import Any

from claimcheck.importers.base import FileContext, FileMeta, Importer, fmt, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/evalplus/evalplus.github.io/blob/"
MANIFEST = {
    "e6837dc3b94f32cb1da0ced012e52edc4a722007b684df5b63da029bbd3b46d2": FileMeta(
        _BASE + "4ebfa0d4b62edb942232c723b9d1641fe1d24780/results.json", "2024-12-26"
    ),
    "f93ca77d7f0a30bb77bcc51ca43cd3ccd3fbb2c5681e64be825265b73f1a28cc": FileMeta(
        _BASE + "87418456d3a8c2bc6265f24ff91d2dd0e7993f4b/results/evalperf/COMBINED-RESULTS.json",
        "2024-12-26",
    ),
}
_PASS_AT_1 = (
    ("humaneval", "HumanEval"),
    ("humaneval+", "HumanEval+"),
    ("mbpp", "MBPP"),
    ("mbpp+", "MBPP+"),
)
_EVALPERF = (
    ("dps", "DPS (differential performance score)"),
    ("dps_norm", "DPS_norm"),
    ("pass@1", "pass@1 (%)"),
)


def load_json(ctx: FileContext) -> Any:
    """The file as JSON, or a one-line error with the line and column where it breaks."""
    try:
        return json.loads(ctx.text())
    except json.JSONDecodeError as exc:
        raise ctx.error(f"invalid JSON: {exc.msg}", f"line {exc.lineno} col {exc.colno}") from exc


def py_repr(value: Any) -> str:
    """A JSON value as Python prints it (null -> None, true -> True), as the notes keep it."""
    return str(value)


def parse(ctx: FileContext) -> list[Evaluation]:
    data = load_json(ctx)
    if not isinstance(data, dict) or not data:
        raise ctx.error("expected a JSON object of model -> results")
    first = next(iter(data.values()))
    if isinstance(first, dict) and "pass@1" in first and isinstance(first["pass@1"], dict):
        return _leaderboard(ctx, data)
    if isinstance(first, dict) and "dps" in first:
        return _evalperf(ctx, data)
    raise ctx.error("not an EvalPlus results.json or EvalPerf COMBINED-RESULTS.json")


def _leaderboard(ctx: FileContext, data: dict[str, Any]) -> list[Evaluation]:
    setting = (
        "EvalPlus leaderboard; greedy decoding; base tests for HumanEval/MBPP, extended tests for +"
    )
    out = []
    for model, rec in data.items():
        if not isinstance(rec, dict) or not isinstance(rec.get("pass@1"), dict):
            raise ctx.error("entry has no pass@1 object", f"key {model!r}")
        notes = (
            f"size={py_repr(rec.get('size'))}; prompted={py_repr(rec.get('prompted'))}; "
            f"open-data={rec.get('open-data')}; link={rec.get('link')}"
        )
        for key, benchmark in _PASS_AT_1:
            score = to_float(rec["pass@1"].get(key))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark=benchmark,
                    metric="pass@1 (%)",
                    score=r4(score),
                    source="evalplus",
                    setting=setting,
                    notes=notes,
                )
            )
    return out


def _evalperf(ctx: FileContext, data: dict[str, Any]) -> list[Evaluation]:
    setting = "EvalPerf (code efficiency) temp 1.0 sampling per result file names"
    out = []
    for model, rec in data.items():
        if not isinstance(rec, dict):
            raise ctx.error("entry is not an object", f"key {model!r}")
        parts = []
        for key in ("model_win_rate", "task_win_rate"):
            value = to_float(rec.get(key))
            parts.append(f"{key}={fmt(value, 4) if value is not None else None}")
        notes = "; ".join(parts)
        for key, metric in _EVALPERF:
            score = to_float(rec.get(key))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark="EvalPerf",
                    metric=metric,
                    score=r4(score),
                    source="evalplus",
                    setting=setting,
                    notes=notes,
                )
            )
    return out


IMPORTER = Importer(
    name="evalplus",
    description="EvalPlus results.json (HumanEval/MBPP +) or EvalPerf COMBINED-RESULTS.json",
    parser=parse,
    manifest=MANIFEST,
    sources=("evalplus",),
    patterns=("results.json", "COMBINED-RESULTS.json"),
)
