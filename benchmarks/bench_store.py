"""How long a new store takes, and how fast files import.

    python benchmarks/bench_store.py [--repeat 3]

Prints, in one run and with a cache directory of its own (CLAIMCHECK_CACHE):
- the full import of the bundled data into an empty store (registry load, reading the compact
  CSVs, resolving names, one transaction): what the first run on a machine pays, once, to
  build the template store;
- a new store as `Store.open` makes it from the cached template (a file copy), and an empty
  store filled from it by `ensure_bundled` (tables copied in SQL, the app's and an upgrade's
  path), each beside the import as a ratio;
- a no-op second open, and user-import throughput (`import_file` on the bundled vendor rows
  re-exported as one file) in rows per second.
Figures only; nothing here fails on time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from claimcheck.config import bundled_data_dir
from claimcheck.evaldata import import_file, load_bundled, read_bundled_evaluations
from claimcheck.store import Store, bundled_template


def _fresh_import(data_dir: Path, folder: Path, n: int) -> tuple[float, int]:
    path = folder / f"import-{n}.db"
    start = time.perf_counter()
    store = Store(path)
    load_bundled(store, data_dir)
    elapsed = time.perf_counter() - start
    rows = store.db["evaluations"].count
    store.close()
    return elapsed, rows


def _from_template(data_dir: Path, folder: Path, n: int, *, copy: bool) -> float:
    path = folder / f"{'copy' if copy else 'attach'}-{n}.db"
    start = time.perf_counter()
    if copy:
        store = Store.open(path, data_dir=data_dir)
    else:
        store = Store(path)
        store.ensure_bundled(data_dir)
    elapsed = time.perf_counter() - start
    assert store.db["evaluations"].count > 0
    store.close()
    return elapsed


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
        os.environ["CLAIMCHECK_CACHE"] = str(folder / "cache")
        assert bundled_template(data_dir) is not None  # built once, untimed
        # the first import also pays for importing modules and loading the registry once
        imports, copies, attaches, rows = [], [], [], 0
        for n in range(args.repeat):
            elapsed, rows = _fresh_import(data_dir, folder, n)
            imports.append(elapsed)
            copies.append(_from_template(data_dir, folder, n, copy=True))
            attaches.append(_from_template(data_dir, folder, n, copy=False))
        start = time.perf_counter()
        store = Store(folder / "copy-0.db")
        reloaded = store.ensure_bundled(data_dir)
        noop = time.perf_counter() - start
        store.close()
        imp_time, imp_rows = _import_file_rate(data_dir, folder)
    med = statistics.median
    print(f"bundled data: {data_dir}")
    print(
        f"import the bundled data into an empty store (a machine's first run, once): median "
        f"{med(imports):.2f} s, {min(imports):.2f}-{max(imports):.2f} over {len(imports)} runs "
        f"({rows} evaluation rows, {rows / med(imports):,.0f} rows/s)"
    )
    print(
        f"new store copied from the template: median {med(copies) * 1000:.0f} ms "
        f"({min(copies) * 1000:.0f}-{max(copies) * 1000:.0f}), "
        f"{med(c / i for c, i in zip(copies, imports, strict=True)):.3f}x the import"
    )
    print(
        f"empty store filled from the template in SQL: median {med(attaches) * 1000:.0f} ms "
        f"({min(attaches) * 1000:.0f}-{max(attaches) * 1000:.0f}), "
        f"{med(a / i for a, i in zip(attaches, imports, strict=True)):.3f}x the import"
    )
    print(f"second open (bundled files unchanged, reloaded={reloaded}): {noop * 1000:.0f} ms")
    print(
        f"import_file (parse + resolve + upsert, one file of {imp_rows} rows): "
        f"{imp_time:.2f} s, {imp_rows / imp_time:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
