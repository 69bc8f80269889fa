"""Rebuild the bundled evaluation data from the raw leaderboard files.

    python -m claimcheck.importers.build RAW_DIR SHARED_EVALS_DIR [--out data]

RAW_DIR holds the files exactly as published (`<source>/<file>`), SHARED_EVALS_DIR the
normalised vendor tables (`self_reported.csv`); prices come from the litellm JSON in
`RAW_DIR/prices/`. Writes `data/evaluations/<source>.csv` (one file per source, rows sorted),
`data/evaluations/snapshots.csv` (one row per source file: sha256, source, file_name,
source_url, as_of, kind, and the setting and notes when every row of the file shares them)
and `data/prices.csv`.

The CSVs are kept compact and diffable: what is the same for every row of a file (its URL,
usually its date, notes that repeat) lives once in snapshots.csv, and a blank cell in a row
means "the snapshot's value". `claimcheck.evaldata` reverses this when it loads them.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from claimcheck.importers import IMPORTERS
from claimcheck.importers.base import FileContext, Importer, open_file
from claimcheck.models import Evaluation, Price

# which raw files each importer reads, relative to RAW_DIR (globs are sorted)
BUNDLED_FILES: dict[str, tuple[str, ...]] = {
    "alpaca_eval": ("alpaca_eval/*.csv",),
    "arena_hard_auto": ("arena_hard_auto/*.csv", "arena_hard_auto/*.md"),
    "livebench": ("livebench/table_*.csv",),
    "evalplus": ("evalplus/results.json", "evalplus/evalperf_*.json"),
    "aider": ("aider/*.yml",),
    "wildbench": ("wildbench/*.json",),
    "livecodebench": ("livecodebench/*.json",),
    "bigcodebench": ("bigcodebench/*.json",),
    "lmarena_mirror": ("lmarena_mirror/*.csv",),
    "hf_open_llm_leaderboard": ("hf_open_llm_leaderboard/*.csv",),
    "mixeval": ("mixeval/*.html",),
    "epoch_ai": ("epoch_ai/*.csv",),
    "lmarena": ("lmarena_catalog/*.json",),
    "swebench": ("swebench/*.json",),
}

ROW_COLUMNS = (
    "model",
    "benchmark",
    "metric",
    "score",
    "ci_low",
    "ci_high",
    "stderr",
    "setting",
    "as_of",
    "notes",
    "derived",
    "file",
)
SELF_REPORTED_COLUMNS = (*ROW_COLUMNS[:-1], "reported_by", "source", "source_url", "file")
# a column only the sources that need it get, so the other files stay as they were
SYSTEM_COLUMN = "system"
SNAPSHOT_COLUMNS = (
    "sha256",
    "source",
    "file_name",
    "source_url",
    "as_of",
    "kind",
    "setting",
    "notes",
)
PRICE_COLUMNS = (
    "model_key",
    "provider",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "as_of",
    "source",
)


def raw_files(raw_dir: Path) -> Iterator[tuple[Importer, Path]]:
    """(importer, path) for every bundled raw file, in a stable order."""
    for name, globs in BUNDLED_FILES.items():
        for pattern in globs:
            for path in sorted(raw_dir.glob(pattern)):
                yield IMPORTERS[name], path


def parse_raw(raw_dir: Path) -> Iterator[tuple[Importer, FileContext, list[Evaluation]]]:
    for importer, path in raw_files(raw_dir):
        ctx = open_file(path, importer.manifest)
        yield importer, ctx, importer.parse_context(ctx)


def num(value: float | None) -> str:
    """A number as short as it can be written without losing anything (48.0 -> '48')."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _compact(
    rows: list[Evaluation], snap: dict[str, str], file_name: str, self_reported: bool
) -> list[dict[str, str]]:
    out = []
    for e in rows:
        rec = {
            "model": e.model,
            "benchmark": e.benchmark,
            "metric": e.metric,
            "score": num(e.score),
            "ci_low": num(e.ci_low),
            "ci_high": num(e.ci_high),
            "stderr": num(e.stderr),
            "setting": "" if e.setting == snap["setting"] else e.setting,
            "as_of": "" if e.as_of == snap["as_of"] else e.as_of,
            "notes": "" if e.notes == snap["notes"] else e.notes,
            "derived": "1" if e.derived else "",
            "file": file_name,
        }
        if e.system:
            rec[SYSTEM_COLUMN] = e.system
        if self_reported:
            rec["reported_by"] = e.reported_by or ""
            rec["source"] = e.source
            rec["source_url"] = "" if e.source_url == snap["source_url"] else e.source_url
        out.append(rec)
    return out


def _most_common(values: list[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return max(sorted(counts), key=lambda v: counts[v]) if counts else ""


def build(raw_dir: Path, shared_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write the bundled data; returns rows per source."""
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    snapshots: list[dict[str, str]] = []
    jobs: list[tuple[Importer, FileContext, list[Evaluation]]] = list(parse_raw(raw_dir))
    sr = IMPORTERS["self_reported"]
    sr_path = shared_dir / "self_reported.csv"
    sr_ctx = open_file(sr_path, sr.manifest)
    jobs.append((sr, sr_ctx, sr.parse_context(sr_ctx)))
    for _importer, ctx, rows in jobs:
        groups: dict[str, list[Evaluation]] = defaultdict(list)
        for e in rows:
            groups[e.source].append(e)
        for source, group in groups.items():
            notes = {e.notes for e in group}
            settings = {e.setting for e in group}
            snap = {
                "sha256": ctx.sha256,
                "source": source,
                "file_name": ctx.path.name,
                "source_url": _most_common([e.source_url for e in group]),
                "as_of": ctx.as_of,
                "kind": group[0].kind,
                "setting": settings.pop() if len(settings) == 1 and len(group) > 1 else "",
                "notes": notes.pop() if len(notes) == 1 and len(group) > 1 else "",
            }
            snapshots.append(snap)
            by_source[source].extend(
                _compact(group, snap, ctx.path.name, group[0].kind == "self_reported")
            )
    ev_dir = out_dir / "evaluations"
    ev_dir.mkdir(parents=True, exist_ok=True)
    for old in ev_dir.glob("*.csv"):
        old.unlink()
    counts = {}
    for source, recs in sorted(by_source.items()):
        sr_kind = "reported_by" in recs[0]
        columns: tuple[str, ...] = SELF_REPORTED_COLUMNS if sr_kind else ROW_COLUMNS
        if any(SYSTEM_COLUMN in r for r in recs):
            columns = (*columns, SYSTEM_COLUMN)
        name = "self_reported" if sr_kind else source
        recs.sort(key=lambda r: tuple(r.get(c, "") for c in columns))
        path = ev_dir / f"{name}.csv"
        mode = "a" if path.exists() else "w"
        with open(path, mode, newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", restval="")
            if mode == "w":
                writer.writeheader()
            writer.writerows(recs)
        counts[source] = len(recs)
    snapshots.sort(key=lambda s: (s["source"], s["file_name"], s["sha256"]))
    with open(ev_dir / "snapshots.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=SNAPSHOT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(snapshots)
    price_rows = build_prices(raw_dir)
    with open(out_dir / "prices.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=PRICE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for p in sorted(price_rows, key=lambda p: (p.model_key, p.provider)):
            writer.writerow(
                {
                    "model_key": p.model_key,
                    "provider": p.provider,
                    "input_usd_per_mtok": num(p.input_usd_per_mtok),
                    "output_usd_per_mtok": num(p.output_usd_per_mtok),
                    "as_of": p.as_of,
                    "source": p.source,
                }
            )
    counts["prices"] = len(price_rows)
    return counts


def build_prices(raw_dir: Path) -> list[Price]:
    importer = IMPORTERS["prices"]
    rows: list[Price] = []
    for path in sorted((raw_dir / "prices").glob("*.json")):
        rows.extend(importer.parse(path))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claimcheck.importers.build", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("raw_dir", type=Path, help="directory of raw leaderboard files")
    parser.add_argument("shared_dir", type=Path, help="directory holding self_reported.csv")
    parser.add_argument("--out", type=Path, default=Path("data"), help="data directory")
    args = parser.parse_args(argv)
    counts = build(args.raw_dir, args.shared_dir, args.out)
    for source, n in sorted(counts.items()):
        print(f"{source:32} {n:7}")
    print(f"{'total evaluations':32} {sum(v for k, v in counts.items() if k != 'prices'):7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
