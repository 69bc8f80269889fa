"""Issue 12's speed table, each row a ratio of whole processes measured in the same run.

    python benchmarks/bench_speed.py [--runs 3] [--docs 560] [--only lint,batch,jobs,app,memory]
                                     [--root CHECKOUT]
                                     [--corpus DIR] [--auto auto]

Every figure is a fresh process timed from just before it is spawned (interpreter start-up and
imports included, as a user waits for them), with its peak resident memory from `wait4`. The
rows alternate their processes run by run, so a machine that other work slows down slows both
sides of a ratio alike; each row prints the median ratio over --runs and its spread (min-max).

- lint: `claimcheck check --no-store one.md` against a process that only imports spaCy and
  builds `spacy.blank("en")` (the floor any spaCy-based checker pays); target <= 1.5x, 150 MB.
  Beside it the default `check one.md`, which also saves the result in the store.
- batch: `claimcheck check DIR --format json --no-store` over ~1M words (560 generated
  announcements, or --corpus) against a process in which spaCy's blank tokenizer reads the
  same files; words/s ratio, target >= 0.5x.
- jobs: the same batch with `--jobs 2` against `--jobs 1` (target >= 1.7x), and a small batch
  (3 files) with the default `--jobs` (--auto) against `--jobs 1` (target: never slower).
- app: time to the app's first screen, and to the first verdicts on it, on a new store with
  an empty cache (first run after install), on a new store with the cache filled (a second
  store, e.g. CI), and warm (every later launch); beside the floor process of the same run.
- memory: peak RSS of `check --format json` over 1, 100 and 1,000 documents, with and without
  the store.

Nothing here fails on time. The caches and stores live in a temporary directory (XDG_* and
CLAIMCHECK_DB point there), so the user's own store is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

FLOOR = "import spacy; spacy.blank('en')"
CLI = "from claimcheck.cli import main; main()"
TOKENIZE = r"""
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("en")
nlp.max_length = 50_000_000
paths = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file())
texts = (p.read_text(encoding="utf-8", errors="replace") for p in paths)
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""
APP = r"""
import asyncio, sys, time, json
from claimcheck.tui import make_app
app = make_app(db_path=sys.argv[1])
marks = {}

async def auto_pilot(pilot):
    await pilot.pause(0)
    marks["screen"] = time.time()
    card = app.query_one("#article-card")
    deadline = time.time() + 120
    while card.claim is None and time.time() < deadline:
        await asyncio.sleep(0.005)
    await pilot.pause(0)
    marks["verdicts"] = time.time()
    print(json.dumps(marks), flush=True)
    app.exit()

app.run(headless=True, size=(160, 48), auto_pilot=auto_pilot)
"""


@dataclass
class Run:
    wall: float
    peak_mb: float
    code: int
    stdout: str = ""
    cpu: float = 0.0  # user + system seconds, the process's and its workers'


def run(args: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run a Python process to completion: wall seconds, peak RSS (MB), exit code, stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *args],
            env=env,
            cwd=cwd or env.get("PYTHONPATH", "").split(os.pathsep)[0],
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        if proc.returncode not in (0, 1):
            tail = err.read().decode("utf-8", "replace")[-1500:]
            print(f"  ! exit {proc.returncode}: {' '.join(args[:4])}\n{tail}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode, stdout, cpu)


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    med = statistics.median(values)
    return f"{fmt.format(med)} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"


class Bench:
    def __init__(self, tmp: Path, args: argparse.Namespace) -> None:
        self.tmp = tmp
        self.args = args
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(
            [str(args.root), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        for key in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            self.env[key] = str(tmp / key.lower())
        self.env["CLAIMCHECK_DB"] = str(tmp / "store.db")
        self.env.setdefault("NO_COLOR", "1")
        self.floor: list[float] = []

    def check(self, *inputs: str, jobs: str = "1", fmt: str = "json", store: bool = False) -> Run:
        out = self.tmp / "report.out"
        argv = ["-c", CLI, "check", *inputs, "--format", fmt, "-o", str(out)]
        argv += ["--jobs", jobs] if jobs else []
        if not store:
            argv.append("--no-store")
        return run(argv, self.env)

    def floor_run(self) -> Run:
        r = run(["-c", FLOOR], self.env)
        self.floor.append(r.wall)
        return r

    def alternate(self, *makers: Callable[[], Run]) -> list[list[Run]]:
        """Run each maker once per round, rotating who goes first, for --runs rounds."""
        results: list[list[Run]] = [[] for _ in makers]
        for i in range(self.args.runs):
            order = list(range(len(makers)))
            order = order[i % len(order) :] + order[: i % len(order)]
            for k in order:
                results[k].append(makers[k]())
        return results


def row_lint(b: Bench, one: Path) -> None:
    b.check(str(one))  # builds the store and the caches once, untimed
    floor, lint, saved = b.alternate(
        b.floor_run,
        lambda: b.check(str(one), jobs="", fmt="table"),
        lambda: b.check(str(one), jobs="", fmt="table", store=True),
    )
    for label, runs in (("check --no-store one.md", lint), ("check one.md (saved)", saved)):
        ratios = [c.wall / f.wall for c, f in zip(runs, floor, strict=True)]
        cpu = [c.cpu / f.cpu for c, f in zip(runs, floor, strict=True)]
        print(
            f"lint   {label}: {spread([r.wall for r in runs])} s "
            f"(cpu {spread([r.cpu for r in runs])} s), "
            f"peak {spread([r.peak_mb for r in runs], '{:.0f}')} MB"
        )
        print(
            f"       ratio to the floor: {spread(ratios)}x wall, {spread(cpu)}x cpu "
            "(target <= 1.5x, <= 150 MB)"
        )
    print(
        f"       floor (import spacy, blank('en')): {spread([r.wall for r in floor])} s "
        f"(cpu {spread([r.cpu for r in floor])} s), "
        f"peak {spread([r.peak_mb for r in floor], '{:.0f}')} MB"
    )


def row_batch(b: Bench, corpus: Path, words: int, files: int) -> None:
    small = sorted(corpus.iterdir())[:3]
    tok, one, two = b.alternate(
        lambda: run(["-c", TOKENIZE, str(corpus)], b.env),
        lambda: b.check(str(corpus), jobs="1"),
        lambda: b.check(str(corpus), jobs="2"),
    )
    batch = [t.wall / c.wall for t, c in zip(tok, one, strict=True)]
    batch_cpu = [t.cpu / c.cpu for t, c in zip(tok, one, strict=True)]
    print(
        f"batch  check --format json, {files} files, {words:,} words: --jobs 1 "
        f"{spread([words / r.wall / 1000 for r in one], '{:.1f}')}k words/s; tokenizer "
        f"process {spread([words / r.wall / 1000 for r in tok], '{:.1f}')}k words/s"
    )
    print(
        f"       ratio to the tokenizer: {spread(batch)}x wall, {spread(batch_cpu)}x cpu "
        "(target >= 0.5x)"
    )
    print(
        f"       peak --jobs 1 {spread([r.peak_mb for r in one], '{:.0f}')} MB, "
        f"tokenizer {spread([r.peak_mb for r in tok], '{:.0f}')} MB"
    )
    speedup = [o.wall / t.wall for o, t in zip(one, two, strict=True)]
    print(
        f"jobs   --jobs 2 vs --jobs 1 on the same files: {spread(speedup)}x faster "
        f"(--jobs 2 {spread([r.wall for r in two], '{:.1f}')} s, --jobs 1 "
        f"{spread([r.wall for r in one], '{:.1f}')} s; target >= 1.7x)"
    )
    print(
        f"       cpu of --jobs 2 (all processes) / --jobs 1: "
        f"{spread([t.cpu / o.cpu for o, t in zip(one, two, strict=True)])}x; "
        f"{load()} (a busy machine leaves the second process no core to run on)"
    )
    auto, single = b.alternate(
        lambda: b.check(*map(str, small), jobs=b.args.auto),
        lambda: b.check(*map(str, small), jobs="1"),
    )
    small_ratio = [s.wall / a.wall for a, s in zip(auto, single, strict=True)]
    print(
        f"       3 files, --jobs {b.args.auto} vs --jobs 1: {spread(small_ratio)}x "
        f"({spread([r.wall for r in auto])} s vs {spread([r.wall for r in single])} s; "
        "target >= 1.0x)"
    )


def row_app(b: Bench) -> None:
    def app(fresh_store: bool, fresh_cache: bool) -> Callable[[], Run]:
        def go() -> Run:
            db = b.tmp / "app.db"
            if fresh_store:
                for p in b.tmp.glob("app.db*"):
                    p.unlink()
            if fresh_cache:
                shutil.rmtree(b.tmp / "xdg_cache_home", ignore_errors=True)
            started = time.time()
            r = run(["-c", APP, str(db)], b.env)
            marks = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
            if marks:
                r.wall = marks[-1]["screen"] - started
                r.stdout = str(marks[-1]["verdicts"] - started)
            else:
                r.stdout = "nan"
            return r

        return go

    first, cached, warm, floor = b.alternate(
        app(True, True), app(True, False), app(False, False), b.floor_run
    )
    f = statistics.median(r.wall for r in floor)
    for label, runs, target in (
        ("new store, empty cache (first run after install)", first, "1.5"),
        ("new store, cache filled", cached, "1.5"),
        ("warm (store exists)", warm, "0.6"),
    ):
        screens = [r.wall for r in runs]
        verdicts = [float(r.stdout) for r in runs]
        print(
            f"app    {label}: first screen {spread(screens)} s, first verdicts "
            f"{spread(verdicts)} s ({statistics.median(verdicts) / f:.2f}x the floor's "
            f"{f:.2f} s); peak {spread([r.peak_mb for r in runs], '{:.0f}')} MB; "
            f"target <= {target} s"
        )


def row_memory(b: Bench, corpus: Path) -> None:
    paths = sorted(corpus.iterdir())
    b.check(str(paths[0]), store=True)  # the store exists before the first measured run
    for n in (1, 100, 1000):
        if n > len(paths):
            break
        folder = b.tmp / f"mem{n}"
        if not folder.exists():
            folder.mkdir()
            for p in paths[:n]:
                os.link(p, folder / p.name)
        no_store, store = b.alternate(
            lambda folder=folder: b.check(str(folder)),
            lambda folder=folder: b.check(str(folder), store=True),
        )
        print(
            f"memory {n:>5} documents: peak {spread([r.peak_mb for r in no_store], '{:.0f}')} MB "
            f"with --no-store, {spread([r.peak_mb for r in store], '{:.0f}')} MB storing; "
            f"{spread([r.wall for r in no_store], '{:.1f}')} s / "
            f"{spread([r.wall for r in store], '{:.1f}')} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docs", type=int, default=560, help="generated files for the batch")
    parser.add_argument("--corpus", type=Path, help="read these files instead of generating")
    parser.add_argument("--only", default="lint,batch,app,memory")
    parser.add_argument("--auto", default="auto", help="the default --jobs value to compare")
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="the claimcheck checkout to measure (default: this one)",
    )
    args = parser.parse_args()
    rows = set(args.only.split(","))

    print(f"claimcheck speed, issue 12 table, code in {args.root}; {load()}")
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as name:
        tmp = Path(name)
        b = Bench(tmp, args)
        gen = tmp / "generated"
        docs = max(args.docs, 1000 if "memory" in rows else 0)
        paths, _ = write_corpus(gen, docs)
        corpus = args.corpus or tmp / "batch"
        if args.corpus is None:
            corpus.mkdir()
            for p in paths[: args.docs]:
                os.link(p, corpus / p.name)
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
        start = time.perf_counter()
        if "lint" in rows:
            row_lint(b, paths[0])
        if "batch" in rows or "jobs" in rows:
            row_batch(b, corpus, words, len(files))
        if "app" in rows:
            row_app(b)
        if "memory" in rows:
            row_memory(b, gen)
    print(f"done in {time.perf_counter() - start:.0f} s; {load()}")


if __name__ == "__main__":
    main()
