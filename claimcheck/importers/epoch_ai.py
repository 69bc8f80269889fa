"""Epoch AI data (epoch-research/benchmark-stitching `data/`).

- `benchmarks_runs.csv`: Epoch's own Benchmarking Hub runs (Inspect), one row per run with
  the best score across scorers and each scorer's `mean±x` → source `epoch_ai`.
- `external_benchmark_<name>.csv`: numbers Epoch transcribed from elsewhere. Only the rows
  whose source is Stanford HELM / CRFM are independent; rows from vendor papers are skipped.
  They become source `helm_via_epoch` (a secondary copy of HELM).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/epoch-research/benchmark-stitching/blob/"
MANIFEST = {
    "5907dfcbd446aeec61d20a0d971be3b6ca07ecf46f40ada3a4b8e26a656b70a8": FileMeta(
        _BASE + "37d55ed7146750d8363924cdc79cda33856f297b/data/benchmarks_runs.csv",
        "2025-11-21",
    ),
    "6bd3bb6d9eba5d841d905a9dd56ac11650da7563c6c1efab5c03d3929bff05a8": FileMeta(
        _BASE + "37d55ed7146750d8363924cdc79cda33856f297b/data/external_benchmark_mmlu.csv",
        "2025-11-21",
    ),
    "8606ddd2cd8cbedd3aad9efadc76e45e7b3db9a053c0ddad0fe86427862e3ca5": FileMeta(
        _BASE + "95ee8183a81438ce9a0536eb6f7bb1c10e0d6965/data/external_benchmark_gsm8k.csv",
        "2025-09-08",
    ),
}
_HELM = re.compile(r"HELM|CRFM", re.I)
_SCORE = re.compile(r"^\s*([^:]+):\s*([-\d.]+)\s*±\s*([-\d.]+)\s*$")
_EXTERNAL_NAMES = {"mmlu": "MMLU", "gsm8k": "GSM8K"}
_PM_NOTE = "(± as printed by Epoch, 0-1 units, presumably Inspect stderr; not a CI)"


def parse(ctx: FileContext) -> list[Evaluation]:
    reader = csv.DictReader(io.StringIO(ctx.text()))
    header = set(reader.fieldnames or ())
    if {"task", "model", "Best score (across scorers)", "Scores"} <= header:
        return _runs(ctx, reader)
    if {"Name", "EM", "Source"} <= header:
        return _external(ctx, reader)
    raise ctx.error("not an Epoch AI benchmarks_runs.csv or external_benchmark_*.csv", "line 1")


def _started(value: str) -> str | None:
    try:
        return datetime.strptime(value.strip(), "%d %B %Y %I:%M%p").date().isoformat()
    except ValueError:
        return None


def _runs(ctx: FileContext, reader: csv.DictReader) -> list[Evaluation]:
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        if rec.get("Status", "Success") not in ("Success", ""):
            continue
        best = to_float(rec["Best score (across scorers)"])
        if best is None:
            continue
        scorers = []
        for part in (rec.get("Scores") or "").split(","):
            m = _SCORE.match(part)
            if m:
                scorers.append((m.group(1).strip(), float(m.group(2)), float(m.group(3))))
        # the best scorer is the one whose printed mean is highest (first on a tie)
        top = max(scorers, key=lambda s: s[1]) if scorers else None
        version = rec.get("task version", "")
        setting = f"Epoch AI Benchmarking Hub run (Inspect); task version {version}"
        if top:
            setting += f"; scorer={top[0]}"
        notes = (
            f"run id={rec.get('id', '')}; Scores={rec.get('Scores', '')} {_PM_NOTE}; "
            f"log={rec.get('log viewer', '')}"
        )
        as_of = _started(rec.get("started_at") or "")
        if as_of is None:
            as_of = ctx.as_of
            notes += "; started_at missing/unparsable, as_of = file commit date"
        out.append(
            ctx.row(
                model=rec["model"].strip(),
                benchmark=rec["task"].strip(),
                metric="accuracy (%) [best scorer]",
                score=r4(best * 100),
                stderr=r4(top[2] * 100) if top else None,
                source="epoch_ai",
                setting=setting,
                as_of=as_of,
                notes=notes,
            )
        )
    return out


def _s(rec: dict[str, str], key: str) -> str:
    return (rec.get(key) or "").strip()


def _external(ctx: FileContext, reader: csv.DictReader) -> list[Evaluation]:
    m = re.search(r"external_benchmark_([a-z0-9_]+)", ctx.path.name.lower())
    key = m.group(1) if m else ctx.path.stem
    benchmark = _EXTERNAL_NAMES.get(key, key.upper())
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        if not _HELM.search(rec.get("Source") or ""):
            continue
        score = to_float(rec["EM"])
        if score is None:
            raise ctx.error(f"EM {rec['EM']!r} is not a number", f"line {line}")
        shots = (rec.get("Shots") or "").strip()
        setting = "Stanford HELM leaderboard value" + (f"; {shots}-shot" if shots else "")
        out.append(
            ctx.row(
                model=rec["Name"].strip(),
                benchmark=benchmark,
                metric="exact match (%)",
                score=r4(score),
                source="helm_via_epoch",
                setting=setting,
                notes="as transcribed by Epoch AI (date of Epoch file commit; HELM release not "
                f"recorded); model_version={_s(rec, 'Model version')}; "
                f"Epoch source={_s(rec, 'Source')}; link={_s(rec, 'Source link')}; "
                f"epoch_notes={rec.get('Notes') or ''}",
            )
        )
    return out


IMPORTER = Importer(
    name="epoch_ai",
    description="Epoch AI benchmarks_runs.csv (epoch_ai) or external_benchmark_*.csv "
    "(HELM rows → helm_via_epoch)",
    parser=parse,
    manifest=MANIFEST,
    sources=("epoch_ai", "helm_via_epoch"),
    patterns=("benchmarks_runs.csv", "external_benchmark_*.csv"),
)
