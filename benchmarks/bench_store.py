"""How long a first run takes to build the store, and how fast files import.

    python benchmarks/bench_store.py [--repeat 3]

Prints: the time to build a fresh store from the bundled data (registry load, reading the
compact CSVs, resolving names, one transaction), bundled rows per second, the time of a no-op
second open, and user-import throughput (`import_file` on the bundled HF v2 rows re-exported
as a file) in rows per second. Figures only; nothing here fails on time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from claimcheck.config import bundled_data_dir
from claimcheck.evaldata import import_file, read_bundled_evaluations
from claimcheck.store import Store


def _fresh_build(data_dir: Path, folder: Path, n: int) -> tuple[float, int]:
    path = folder / f"build-{n}.db"
    start = time.perf_counter()
    store = Store(path)
    store.ensure_bundled(data_dir)
    elapsed = time.perf_counter() - start
    rows = store.db["evaluations"].count
    store.close()
    return elapsed, rows


def _import_file_rate(data_dir: Path, folder: Path) -> tuple[float, int]:
    """Import a self-reported-format file of all bundled vendor rows into an empty store."""
    import csv

    rows, _ = read_bundled_evaluations(data_dir)
    path = folder / "self_reported.csv"
    fields = [
        "model",
        "benchmark",
        "metric",
        "score",
        "ci_low",
        "ci_high",
        "setting",
        "source",
        "source_url",
        "as_of",
        "notes",
        "reported_by",
    ]
    # the whole bundled table as one big vendor file: a realistic large CSV import
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for e in rows:
            w.writerow(
                {
                    "model": e.model,
                    "benchmark": e.benchmark,
                    "metric": e.metric,
                    "score": e.score,
                    "ci_low": e.ci_low,
                    "ci_high": e.ci_high,
                    "setting": e.setting,
                    "source": e.source,
                    "source_url": e.source_url,
                    "as_of": e.as_of,
                    "notes": e.notes,
                    "reported_by": e.reported_by or "bench",
                }
            )
    store = Store(folder / "import.db")
    start = time.perf_counter()
    res = import_file(store, "self_reported", path, data_dir=data_dir)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, res.rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data_dir = bundled_data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # the first build also pays for importing modules and loading the registry once
        times, rows = [], 0
        for n in range(args.repeat):
            elapsed, rows = _fresh_build(data_dir, folder, n)
            times.append(elapsed)
        start = time.perf_counter()
        store = Store(folder / "build-0.db")
        reloaded = store.ensure_bundled(data_dir)
        noop = time.perf_counter() - start
        store.close()
        imp_time, imp_rows = _import_file_rate(data_dir, folder)
    best, median = min(times), statistics.median(times)
    print(f"bundled data: {data_dir}")
    print(
        f"build store from bundled data: first {times[0]:.2f} s, best {best:.2f} s, "
        f"median {median:.2f} s over {len(times)} runs ({rows} evaluation rows)"
    )
    print(f"bundled load rate: {rows / median:,.0f} rows/s (median run)")
    print(f"second open (fingerprint unchanged, reloaded={reloaded}): {noop * 1000:.0f} ms")
    print(
        f"import_file (parse + resolve + upsert, one file of {imp_rows} rows): "
        f"{imp_time:.2f} s, {imp_rows / imp_time:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
