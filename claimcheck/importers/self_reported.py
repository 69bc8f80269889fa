"""Vendor-reported numbers in the normalised table format (`self_reported.csv`).

Same columns as the independent table plus `reported_by`, the organisation that published the
figure. These rows are stored as `kind="self_reported"` and never count as independent
evidence; a competitor figure quoted by a vendor keeps that vendor as `reported_by`.
"""

from __future__ import annotations

import csv
import io

from claimcheck.importers.base import FileContext, Importer, r4, to_float
from claimcheck.models import Evaluation

REQUIRED = ("model", "benchmark", "metric", "score", "source", "reported_by")

# (source, benchmark as written, setting prefix) -> the benchmark actually run. OpenAI's
# simple-evals README heads its column "GPQA", but its gpqa_eval.py loads the Diamond set
# (variant="diamond" by default), so its own runs are GPQA Diamond. Competitor figures it
# quotes keep their vendor's own (unstated) setting and stay "GPQA".
_RUN_AS: dict[tuple[str, str], tuple[str, str]] = {
    ("openai_simple_evals", "GPQA"): ("simple-evals (", "GPQA Diamond"),
}


def _benchmark(rec: dict[str, str]) -> tuple[str, str]:
    """The benchmark a row measured, and a note when that is not the name it was given."""
    fix = _RUN_AS.get((rec["source"], rec["benchmark"]))
    if fix and (rec.get("setting") or "").startswith(fix[0]):
        return fix[1], f"named '{rec['benchmark']}' in the source; simple-evals runs {fix[1]}"
    return rec["benchmark"], ""


def parse(ctx: FileContext) -> list[Evaluation]:
    reader = csv.DictReader(io.StringIO(ctx.text()))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ctx.error(f"not a self-reported table (missing columns {missing})", "line 1")
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        score = to_float(rec["score"])
        if score is None:
            raise ctx.error(f"score {rec['score']!r} is not a number", f"line {line}")
        if not rec["reported_by"].strip():
            raise ctx.error("reported_by is empty (who published this number?)", f"line {line}")
        benchmark, renamed = _benchmark(rec)
        notes = "; ".join(n for n in (rec.get("notes") or "", renamed) if n)
        out.append(
            ctx.row(
                model=rec["model"],
                benchmark=benchmark,
                metric=rec["metric"],
                score=r4(score),
                ci_low=to_float(rec.get("ci_low")),
                ci_high=to_float(rec.get("ci_high")),
                setting=rec.get("setting") or "",
                source=rec["source"],
                source_url=rec.get("source_url") or ctx.source_url,
                as_of=rec.get("as_of") or ctx.as_of,
                notes=notes,
                kind="self_reported",
                reported_by=rec["reported_by"].strip(),
            )
        )
    return out


IMPORTER = Importer(
    name="self_reported",
    description="vendor-reported numbers, normalised CSV with a reported_by column",
    parser=parse,
    manifest={},
    sources=("self_reported",),
    patterns=("self_reported.csv",),
)
