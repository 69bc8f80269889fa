"""LiveCodeBench per-problem results (LiveCodeBench/livecodebench.github.io
`src/mocks/performances_generation.json`).

The file holds pass@1 per model and problem, with each problem's date; the site averages them
in the browser over a date window. That is recomputed here (rows marked `derived`) for the
site's default window and for all problems in the file, overall and per difficulty. A model
whose estimated training cutoff falls after the window start is flagged in the notes, as the
site marks it as possibly contaminated.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from claimcheck.importers.base import FileContext, FileMeta, Importer, mean, r4, to_float
from claimcheck.importers.evalplus import load_json
from claimcheck.models import Evaluation

MANIFEST = {
    "3d083c963caf5d7b66399a012f85357b958147a7312eadec3f79632bfd596308": FileMeta(
        "https://github.com/LiveCodeBench/livecodebench.github.io/blob/"
        "33505c076467ba6e4acaa8fad8a29dcc75ec65ce/src/mocks/performances_generation.json",
        "2025-01-15",
    ),
}
# the site's default window starts here (a UI default, not in the file)
DEFAULT_WINDOW_START = "2024-05-01"
_DIFFICULTIES = ("easy", "medium", "hard")


def _day(ms: Any) -> str:
    return datetime.fromtimestamp(float(ms) / 1000, UTC).date().isoformat()


def parse(ctx: FileContext) -> list[Evaluation]:
    data = load_json(ctx)
    if not isinstance(data, dict) or not {"performances", "models", "date_marks"} <= set(data):
        raise ctx.error(
            "not a LiveCodeBench performances file (needs performances, models, date_marks)"
        )
    marks = sorted(_day(m) for m in data["date_marks"])
    if not marks:
        raise ctx.error("date_marks is empty", "key 'date_marks'")
    first, last = marks[0], marks[-1]
    windows = [
        (DEFAULT_WINDOW_START, last, "site default window"),
        (first, last, "all problems in file"),
    ]
    models: dict[str, dict[str, Any]] = {}
    for i, m in enumerate(data["models"]):
        if not isinstance(m, dict) or "model_repr" not in m:
            raise ctx.error("model entry without model_repr", f"models[{i}]")
        models[m["model_repr"]] = m
    # per model: list of (problem day, difficulty, pass@1)
    results: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for i, p in enumerate(data["performances"]):
        if not isinstance(p, dict):
            raise ctx.error("performance entry is not an object", f"performances[{i}]")
        score = to_float(p.get("pass@1"))
        if score is None or "date" not in p:
            raise ctx.error("performance entry without pass@1 or date", f"performances[{i}]")
        results[p["model"]].append((_day(p["date"]), str(p.get("difficulty")), score))
    out: list[Evaluation] = []
    for model, rows in results.items():
        info = models.get(model, {})
        cutoff = _day(info["release_date"]) if info.get("release_date") is not None else ""
        for start, end, label in windows:
            setting = f"problems dated {start}..{end} ({label}); LCB v5-era problem set"
            inside = [r for r in rows if start <= r[0] <= end]
            groups = [("pass@1 (%)", inside)] + [
                (f"pass@1 (%) [{d}]", [r for r in inside if r[1] == d]) for d in _DIFFICULTIES
            ]
            flag = (
                "; FLAG: estimated cutoff after window start (site marks as possibly contaminated)"
                if cutoff and cutoff > start
                else ""
            )
            for metric, group in groups:
                if not group:
                    continue
                out.append(
                    ctx.row(
                        model=model,
                        benchmark="LiveCodeBench (code generation)",
                        metric=metric,
                        score=r4(mean([r[2] for r in group])),
                        source="livecodebench",
                        setting=setting,
                        notes=f"DERIVED: mean of per-problem pass@1 over {len(group)} problems, "
                        f"replicating the site computation; model_name={info.get('model_name')}; "
                        f"estimated_cutoff={cutoff}{flag}",
                        derived=True,
                    )
                )
    return out


IMPORTER = Importer(
    name="livecodebench",
    description="LiveCodeBench performances_generation.json (per-problem pass@1; derived means)",
    parser=parse,
    manifest=MANIFEST,
    sources=("livecodebench",),
    patterns=("performances_generation.json",),
)
