"""Aider coding leaderboards (Aider-AI/aider `aider/website/_data/*_leaderboard.yml`).

A YAML list of benchmark runs, each with its own date. Which benchmark a file is follows from
its name (polyglot / edit / refactor), or else from the runs' `test_cases` count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import yaml

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/Aider-AI/aider/blob/"
_DATA = "/aider/website/_data/"
# the commit date is not recorded in the reference table (rows carry their run dates); the
# file date below is the last run date in the file
MANIFEST = {
    "85a50b25953512d18ba4bb0c23c0b8e626fcf9a5b52d287644b8a0b44b9535de": FileMeta(
        _BASE + "cb6a152e5ee27fbc77ac499d5e628ccd74a5fa2a" + _DATA + "polyglot_leaderboard.yml",
        "2025-10-03",
    ),
    "4c437c9e22c7fff8b0d61cb8fd4bf9bdf44370783ac9b00a840a80c81319d36e": FileMeta(
        _BASE + "c895e99306b80b6372c98f7c8f37125f3ad1e7eb" + _DATA + "edit_leaderboard.yml",
        "2024-12-21",
    ),
    "e01b88adf869b88501d48f9b041dbbb37e77e464e1bed886bb62f6b335c60561": FileMeta(
        _BASE + "1efb0ba53e27ca79786db3ce5904b37f90f58a21" + _DATA + "refactor_leaderboard.yml",
        "2024-10-22",
    ),
}
_KINDS = {
    "polyglot": (
        "Aider Polyglot",
        "225 Exercism exercises in C++, Go, Java, JavaScript, Python, Rust",
        225,
    ),
    "edit": ("Aider code editing", "133 Exercism Python exercises (older benchmark)", 133),
    "refactor": ("Aider refactoring", "89 large-method refactoring tasks", 89),
}
_METRICS = (
    ("pass_rate_2", "percent correct (2nd try)"),
    ("pass_rate_1", "percent correct (1st try)"),
    ("percent_cases_well_formed", "percent using correct edit format"),
)


def load_yaml(ctx: FileContext) -> Any:
    try:
        return yaml.safe_load(ctx.text())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ctx.error(f"invalid YAML: {problem}", where) from exc


def _kind(ctx: FileContext, runs: list[dict[str, Any]]) -> tuple[str, str, int]:
    name = ctx.path.name.lower()
    for key, spec in _KINDS.items():
        if name.startswith(key):
            return spec
    counts = Counter(int(r.get("test_cases") or 0) for r in runs)
    common = counts.most_common(1)[0][0] if counts else 0
    for spec in _KINDS.values():
        if spec[2] == common:
            return spec
    raise ctx.error(
        "cannot tell which Aider benchmark this is (name it *polyglot*/*edit*/*refactor*)"
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any, fallback: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else fallback


def parse(ctx: FileContext) -> list[Evaluation]:
    runs = load_yaml(ctx)
    if not isinstance(runs, list) or not all(isinstance(r, dict) for r in runs):
        raise ctx.error("expected a YAML list of benchmark runs")
    if not runs or not any("pass_rate_1" in r for r in runs):
        raise ctx.error("not an Aider leaderboard (no pass_rate_1 in any run)")
    benchmark, task_text, _n = _kind(ctx, runs)
    out = []
    for i, run in enumerate(runs):
        model = run.get("model")
        if not model or not any(k in run for k, _m in _METRICS):
            # a file cut off inside a run still parses as YAML: the run is then incomplete
            raise ctx.error(
                "incomplete run (no model or pass rates; truncated file?)",
                f"item {i + 1} (dirname {run.get('dirname')!r})",
            )
        notes = "; ".join(
            f"{label}={_text(run.get(key))}"
            for label, key in (
                ("dirname", "dirname"),
                ("test_cases", "test_cases"),
                ("aider_version", "versions"),
                ("command", "command"),
                ("total_cost", "total_cost"),
            )
        )
        for key, metric in _METRICS:
            score = to_float(run.get(key))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=str(model),
                    benchmark=benchmark,
                    metric=metric,
                    score=r4(score),
                    source="aider",
                    setting=f"edit_format={run.get('edit_format')}; {task_text}",
                    as_of=_date(run.get("date"), ctx.as_of),
                    notes=notes,
                )
            )
    return out


IMPORTER = Importer(
    name="aider",
    description="Aider polyglot / edit / refactor leaderboard YAML",
    parser=parse,
    manifest=MANIFEST,
    sources=("aider",),
    patterns=("polyglot_leaderboard.yml", "edit_leaderboard.yml", "refactor_leaderboard.yml"),
)
