"""Dev check: do the importers reproduce the reference independent.csv, source by source?

    python scripts/compare_independent.py RAW_DIR INDEPENDENT_CSV [SOURCE ...] [-v]

Prints per source: reference rows, imported rows, rows equal in every column (scores to 1e-6)
and rows whose key matches but some value differs, with a few examples of each difference.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

from claimcheck.importers.build import BUNDLED_FILES, parse_raw


def _f(v: str | float | None) -> float | None:
    if v is None or v == "":
        return None
    return float(v)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw_dir", type=Path)
    ap.add_argument("independent", type=Path)
    ap.add_argument("sources", nargs="*")
    ap.add_argument("-v", "--verbose", action="count", default=0)
    args = ap.parse_args()
    ref: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(args.independent, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            ref[r["source"]].append(r)
    mine: dict[str, list[dict]] = defaultdict(list)
    wanted = set(args.sources)
    for importer, _ctx, rows in parse_raw(args.raw_dir):
        if wanted and importer.name not in wanted and not (set(importer.sources) & wanted):
            continue
        for e in rows:
            mine[e.source].append(
                {
                    "model": e.model,
                    "benchmark": e.benchmark,
                    "metric": e.metric,
                    "score": e.score,
                    "ci_low": e.ci_low,
                    "ci_high": e.ci_high,
                    "setting": e.setting,
                    "source_url": e.source_url,
                    "as_of": e.as_of,
                    "notes": e.notes,
                    "stderr": e.stderr,
                    "derived": e.derived,
                }
            )
    total_ref = total_ok = 0
    for source in sorted(set(ref) | set(mine)):
        if wanted and source not in wanted and not any(source.startswith(w) for w in wanted):
            continue
        key = ("model", "benchmark", "metric", "setting", "source_url", "as_of")
        idx: dict[tuple, list[dict]] = defaultdict(list)
        for r in mine[source]:
            idx[tuple(r[k] for k in key)].append(r)
        full = keyed = 0
        diffs: dict[str, list[str]] = defaultdict(list)
        missing = []
        for r in ref[source]:
            cands = idx.get(tuple(r[k] for k in key))
            if not cands:
                missing.append(r)
                continue
            best, best_bad = None, None
            for c in cands:
                bad = [f for f in ("score", "ci_low", "ci_high") if not _same(_f(r[f]), c[f])]
                if c["notes"] != r["notes"]:
                    bad.append("notes")
                if c["derived"] != r["notes"].startswith("DERIVED"):
                    bad.append("derived")
                if best_bad is None or len(bad) < len(best_bad):
                    best, best_bad = c, bad
            cands.remove(best)
            keyed += 1
            if not best_bad:
                full += 1
            for f in best_bad:
                diffs[f].append(f"{r['model']}|{r['metric']}: ref={r[f]!r} mine={best[f]!r}")
        extra = [r for rs in idx.values() for r in rs]
        total_ref += len(ref[source])
        total_ok += full
        print(
            f"{source:28} ref={len(ref[source]):6} mine={len(mine[source]):6} "
            f"exact={full:6} key-only={keyed - full:5} missing={len(missing):5} "
            f"extra={len(extra):5}"
        )
        n = 3 if args.verbose else 0
        for f, examples in diffs.items():
            print(f"   {f}: {len(examples)} e.g. {examples[:n]}")
        if args.verbose:
            for r in missing[: 3 * args.verbose]:
                print("   MISSING", {k: r[k] for k in (*key, "score", "notes")})
            for r in extra[: 3 * args.verbose]:
                print("   EXTRA  ", {k: r[k] for k in (*key, "score", "notes")})
    print(f"total: {total_ok}/{total_ref} reference rows reproduced exactly")
    _ = BUNDLED_FILES


if __name__ == "__main__":
    main()
