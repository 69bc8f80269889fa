"""Documents per second on one machine with --jobs, and on Dask. Prints figures; never fails.

    python benchmarks/bench_dask.py [--docs 10000] [--rounds 3] [--partition-size 500]

One corpus of generated announcements (three paragraphs with a claim each and a small vendor
table, from bench_check.py's vocabulary) is checked in each round, in the same run:

1. `claimcheck check DIR --jobs 1` and `--jobs 2` on the files (a JSON report), and
   `claimcheck check docs.jsonl --engine dask --jobs 2 -o OUT` on the same texts as a JSON
   Lines archive (a LocalCluster of two worker processes): wall-clock documents/s with
   start-up included, as a user waits for them;
2. the pipeline alone in this process (`Checker.check_many`, no I/O): CPU ms per document;
3. from the Dask run's manifest: its fixed cost (starting the cluster and the workers'
   Checkers, stopping them), its steady rate (documents / run time), and the CPU ms each
   document cost inside the tasks; the latter minus (2) is the per-document overhead of
   running on Dask (reading and writing partitions, the worker's share of Dask's work).
   CPU time is measured because other processes load this machine; wall time is also shown.

Each figure is the median over the rounds, with the range beside it. Without --db a
temporary store is built from the bundled data (not timed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# runnable from a source checkout without installing (python benchmarks/bench_dask.py)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import BENCHMARKS, CLAIMS, FILLER, MODELS  # noqa: E402

WORKERS = 2


def make_corpus(root: Path, n_docs: int, seed: int = 16) -> tuple[list[Path], int]:
    """n_docs short announcements (~150 words, three claims, a 4-row table)."""
    rng = random.Random(seed)
    paths, words = [], 0
    for i in range(n_docs):
        subject = rng.choice(MODELS)
        others = [m for m in MODELS if m != subject]
        lines = [f"date: 2024-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}", ""]
        lines += [f"# {subject}, build {i}", ""]
        for _ in range(3):
            b, b2 = rng.sample(BENCHMARKS, 2)
            claim = rng.choice(CLAIMS).format(
                s=subject, t=rng.choice(others), b=b, b2=b2, n=f"{rng.uniform(40, 95):.1f}"
            )
            sentences = rng.sample(FILLER, 2)
            sentences.insert(rng.randint(0, 2), claim)
            lines += [" ".join(sentences), ""]
        cols = rng.sample(others, 2)
        lines.append(f"| Benchmark | {subject} | {cols[0]} | {cols[1]} |")
        lines.append("|---|---|---|---|")
        for b in rng.sample(BENCHMARKS, 4):
            lines.append(
                f"| {b} | " + " | ".join(f"{rng.uniform(40, 95):.1f}" for _ in range(3)) + " |"
            )
        text = "\n".join(lines) + "\n"
        path = root / f"doc{i:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def cli(args: list[str], db: Path) -> float:
    env = {**os.environ, "CLAIMCHECK_DB": str(db)}
    cmd = [sys.executable, "-c", "from claimcheck.cli import main; main()", *args]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        print(f"  ! exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return wall


def median_range(values: list[float], fmt: str = "{:,.1f}") -> str:
    if len(values) == 1:
        return fmt.format(values[0])
    med, lo, hi = statistics.median(values), min(values), max(values)
    return f"{fmt.format(med)} ({fmt.format(lo)}-{fmt.format(hi)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--sample", type=int, default=500, help="documents for step 2")
    parser.add_argument("--db", type=Path, help="an existing store (default: a fresh temp one)")
    args = parser.parse_args()

    from claimcheck.documents import load_document
    from claimcheck.pipeline import Checker
    from claimcheck.store import Store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = args.db or tmp / "bench.db"
        store = Store.open(db)
        corpus = tmp / "corpus"
        corpus.mkdir()
        paths, words = make_corpus(corpus, args.docs)
        archive = tmp / "docs.jsonl"
        with open(archive, "w", encoding="utf-8") as fh:
            for p in paths:
                fh.write(json.dumps({"text": p.read_text(encoding="utf-8")}) + "\n")
        n = len(paths)
        print(f"corpus: {n:,} documents, {words:,} words ({words / n:.0f} per document)")
        print(f"cpu cores: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.1f}")

        checker = Checker(store)
        checker.index, checker.prices  # noqa: B018 - not timed
        sample = [load_document(str(p)) for p in paths[: args.sample]]
        list(checker.check_many(sample[:20]))  # warm the pipeline's caches

        rate: dict[str, list[float]] = {"jobs1": [], "jobs2": [], "dask": []}
        cpu_alone: list[float] = []
        wall_alone: list[float] = []
        fixed: list[float] = []
        start: list[float] = []
        stop: list[float] = []
        steady: list[float] = []
        cpu_task: list[float] = []
        wall_task: list[float] = []
        for rnd in range(args.rounds):
            print(f"round {rnd + 1}/{args.rounds} (load {os.getloadavg()[0]:.1f})")
            for jobs in (1, 2):
                report = tmp / f"report{jobs}.json"
                wall = cli(
                    ["check", str(corpus), "--format", "json", "-o", str(report), "--no-store",
                     "--jobs", str(jobs)],
                    db,
                )  # fmt: skip
                rate[f"jobs{jobs}"].append(n / wall)
                print(f"  check --jobs {jobs}:                {n / wall:8.1f} docs/s ({wall:.1f}s)")
            out = tmp / f"out-{rnd}"
            wall = cli(
                ["check", str(archive), "--engine", "dask", "--jobs", str(WORKERS), "-o", str(out),
                 "--partition-size", str(args.partition_size)],
                db,
            )  # fmt: skip
            rate["dask"].append(n / wall)
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            timings = manifest["timings"]
            parts = manifest["partitions"]
            done = manifest["totals"]["documents"]
            start.append(timings["engine_start"])
            stop.append(timings["engine_stop"])
            fixed.append(wall - timings["run"])
            steady.append(done / timings["run"])
            cpu_task.append(1000 * sum(p["cpu_seconds"] for p in parts) / done)
            wall_task.append(1000 * sum(p["seconds"] for p in parts) / done)
            print(
                f"  check --engine dask --jobs 2:   {n / wall:8.1f} docs/s ({wall:.1f}s: "
                f"cluster and workers' Checkers {timings['engine_start']:.1f}s, "
                f"run {timings['run']:.1f}s, stop {timings['engine_stop']:.1f}s)"
            )

            t0, c0 = time.perf_counter(), time.process_time()
            list(checker.check_many(sample, jobs=1))
            wall_alone.append(1000 * (time.perf_counter() - t0) / len(sample))
            cpu_alone.append(1000 * (time.process_time() - c0) / len(sample))
            print(
                f"  pipeline alone: {cpu_alone[-1]:.2f} CPU ms/doc ({wall_alone[-1]:.2f} wall); "
                f"in Dask tasks: {cpu_task[-1]:.2f} CPU ms/doc ({wall_task[-1]:.2f} wall)"
            )
        store.close()

    print()
    print(f"median of {args.rounds} round(s) (min-max), {n:,} documents, {WORKERS} processes:")
    for key, label in (
        ("jobs1", "claimcheck check DIR --jobs 1"),
        ("jobs2", "claimcheck check DIR --jobs 2"),
        ("dask", "claimcheck check ARCHIVE --engine dask --jobs 2"),
    ):
        print(f"  {label:<48} {median_range(rate[key])} docs/s")
    overhead = [t - a for t, a in zip(cpu_task, cpu_alone, strict=True)]
    print(f"  Dask steady rate (run phase only)                {median_range(steady)} docs/s")
    print(f"  Dask fixed cost (start-up, stop, outside the run) {median_range(fixed)} s")
    print(f"    cluster and workers' Checkers {median_range(start)} s; stop {median_range(stop)} s")
    print(f"  pipeline alone, one process      {median_range(cpu_alone, '{:.2f}')} CPU ms/doc")
    print(f"  inside Dask tasks                {median_range(cpu_task, '{:.2f}')} CPU ms/doc")
    print(f"  per-document overhead on Dask    {median_range(overhead, '{:.2f}')} CPU ms/doc")


if __name__ == "__main__":
    main()
