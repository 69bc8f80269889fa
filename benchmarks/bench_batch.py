"""Peak memory and wall time of `claimcheck check` over 1 to 5,000 documents, with and without
the store: do they stay flat in the number of documents, and what does storing add?

    python benchmarks/bench_batch.py [--sizes 1,100,1000,5000] [--runs 3] [--format json]
                                     [--pythonpath DIR] [--jobs 1]

Each run is a whole `python -m claimcheck check DIR --format FMT -o FILE` process over
generated announcements (about 3 KB each, written for this benchmark: claims, filler prose,
a vendor table in one of three); peak memory is the process's maximum resident set size.
With the store, each run starts from a copy of the same freshly built store. `--pythonpath`
runs another checkout's code (to measure before and after on the same documents). Prints the
median of --runs runs with the range, and storing's cost as a ratio measured in the same run.
The machine is shared: read the spread, not one number.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODELS = ("Kestrel-7B", "Osprey-2-70B", "Pico-3B", "Wren-2.5-32B", "Tanager-8B-Instruct")
RIVALS = ("GPT-4o", "Claude 3.5 Sonnet", "Llama-3.1-70B-Instruct", "Gemma 2 9B", "Qwen2.5-72B")
BENCHES = ("MMLU", "GSM8K", "HumanEval", "MATH", "GPQA", "MMLU-Pro", "IFEval", "Arena-Hard")
CUES = ("outperforms", "beats", "matches", "is on par with", "approaches", "surpasses")
FILLER = (
    "The weights are released under a permissive licence for research and commercial use.",
    "Training used a curated mixture of web, code and synthetic data.",
    "We thank the many contributors who made this release possible.",
    "The model supports a context window of 128 thousand tokens.",
    "Inference runs on a single accelerator with eight-bit weights.",
    "Safety evaluations were carried out before the release.",
)


def announcement(rng: random.Random, i: int) -> str:
    model = f"{rng.choice(MODELS)}-r{i % 97}"
    lines = [
        "---",
        f"title: {model} release",
        f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "---",
        "",
        f"# {model}",
        "",
    ]
    for _ in range(rng.randint(3, 6)):
        sentences = [rng.choice(FILLER) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(1, 3)):
            rival = rng.choice(RIVALS)
            benches = " and ".join(rng.sample(BENCHES, rng.randint(1, 2)))
            sentences.append(f"{model} {rng.choice(CUES)} {rival} on {benches}.")
        rng.shuffle(sentences)
        lines += [" ".join(sentences), ""]
    if i % 3 == 0:
        rivals = rng.sample(RIVALS, 2)
        lines += [f"| Benchmark | {model} | {rivals[0]} | {rivals[1]} |", "|---|---|---|---|"]
        for bench in rng.sample(BENCHES, 4):
            scores = " | ".join(f"{rng.uniform(40, 95):.1f}" for _ in range(3))
            lines.append(f"| {bench} | {scores} |")
        lines.append("")
    return "\n".join(lines)


def corpus(folder: Path, n: int) -> Path:
    target = folder / f"docs-{n}"
    if not target.exists():
        target.mkdir()
        rng = random.Random(n)
        for i in range(n):
            (target / f"post{i:05d}.md").write_text(announcement(rng, i), encoding="utf-8")
    return target


def run_check(
    docs: Path, out: Path, db: Path, fmt: str, store: bool, pythonpath: str | None, jobs: int
) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one whole check process."""
    env = dict(os.environ, CLAIMCHECK_DB=str(db), NO_COLOR="1")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    args = [sys.executable, "-m", "claimcheck", "check", str(docs), "--format", fmt]
    args += ["-o", str(out), "--jobs", str(jobs)]
    if not store:
        args.append("--no-store")
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"check failed ({code}): {err[-500:]}")
    return wall, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--pythonpath", help="run this checkout's claimcheck instead")
    parser.add_argument("--work", help="folder for documents and stores (kept between runs)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="claimcheck-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    label = args.pythonpath or "this checkout"
    base = work / f"base-{hashlib.sha1(label.encode()).hexdigest()[:8]}.db"
    if not base.exists():  # one store built from the bundled data, copied for every run
        env = dict(os.environ, CLAIMCHECK_DB=str(base))
        if args.pythonpath:
            env["PYTHONPATH"] = args.pythonpath
        code = "from claimcheck.store import Store; Store.open().close()"
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    print(
        f"claimcheck check --format {args.format} --jobs {args.jobs} ({label}), "
        f"median of {args.runs} runs [min-max]"
    )
    print(
        f"{'documents':>9} | {'no store: wall s':>20} {'peak MB':>17} | "
        f"{'store: wall s':>20} {'peak MB':>17} | store/no store"
    )
    for n in sizes:
        docs = corpus(work, n)
        figures: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for _ in range(args.runs):
            for store in (False, True):
                db = work / "run.db"
                for old in work.glob("run.db*"):
                    old.unlink()
                shutil.copy(base, db)
                wall, peak, _ = run_check(
                    docs, work / "report.out", db, args.format, store, args.pythonpath, args.jobs
                )
                figures[store].append((wall, peak))
        cells = []
        for store in (False, True):
            walls = [w for w, _ in figures[store]]
            peaks = [p for _, p in figures[store]]
            cells.append(
                f"{statistics.median(walls):7.1f} [{min(walls):5.1f}-{max(walls):5.1f}] "
                f"{statistics.median(peaks):5.0f} [{min(peaks):4.0f}-{max(peaks):4.0f}]"
            )
        ratios = [s[0] / ns[0] for s, ns in zip(figures[True], figures[False], strict=True)]
        print(
            f"{n:>9} | {cells[0]} | {cells[1]} | {statistics.median(ratios):.2f}x "
            f"[{min(ratios):.2f}-{max(ratios):.2f}]",
            flush=True,
        )


if __name__ == "__main__":
    main()
