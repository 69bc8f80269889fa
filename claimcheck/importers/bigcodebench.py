"""BigCodeBench early results (bigcode-project/bigcodebench `analysis/results.json`).

An early, pre-leaderboard snapshot: pass@1 on the full Complete and Instruct splits.
"""

from __future__ import annotations

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.importers.evalplus import load_json, py_repr
from claimcheck.models import Evaluation

MANIFEST = {
    "e7d01d4d1088e93d1c3261c826760f10942531771bc94ad4370cc3d19e996c4d": FileMeta(
        "https://github.com/bigcode-project/bigcodebench/blob/"
        "9dad795303323440daa1ee72ba92449e761c6387/analysis/results.json",
        "2024-06-11",
        note="file removed from repo on 2024-06-29 (commit bca1859); later HF leaderboard "
        "numbers may differ",
    ),
}
_SPLITS = (
    ("complete", "BigCodeBench-Complete (full)"),
    ("instruct", "BigCodeBench-Instruct (full)"),
)


def parse(ctx: FileContext) -> list[Evaluation]:
    data = load_json(ctx)
    if not isinstance(data, dict) or not data:
        raise ctx.error("expected a JSON object of model -> results")
    out = []
    for model, rec in data.items():
        scores = rec.get("pass@1") if isinstance(rec, dict) else None
        if not isinstance(scores, dict) or not set(scores) & {"complete", "instruct"}:
            raise ctx.error("entry has no pass@1 complete/instruct", f"key {model!r}")
        own = f"size={py_repr(rec.get('size'))}; lazy={py_repr(rec.get('lazy'))}"
        notes = f"{ctx.note}; {own}" if ctx.note else own
        for key, benchmark in _SPLITS:
            score = to_float(scores.get(key))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark=benchmark,
                    metric="pass@1 (%)",
                    score=r4(score),
                    source="bigcodebench",
                    setting="BigCodeBench full set (1140 tasks), greedy; early pre-leaderboard "
                    "snapshot",
                    notes=notes,
                )
            )
    return out


IMPORTER = Importer(
    name="bigcodebench",
    description="BigCodeBench analysis/results.json (Complete and Instruct pass@1)",
    parser=parse,
    manifest=MANIFEST,
    sources=("bigcodebench",),
    patterns=("results.json",),
)
