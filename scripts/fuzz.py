"""The long fuzz run: thousands of hostile documents through read → extract → judge.

    python scripts/fuzz.py [--documents 2000] [--seed 1] [--large 0.05] [--limit 60]
                           [--per-mb 20] [--jobs 2] [--db PATH] [--json]

Each document is built from its own seed (`tests/fuzz_documents.py`), written to a file and
checked as `claimcheck check FILE` would: `load_document`, then `Checker.check_document`.
A document is *rejected* when reading it raises the one-line DocumentError (a binary file,
too large: the intended outcome), a *crash* when anything else raises, and a *hang* when it
takes longer than `--limit` seconds plus `--per-mb` seconds per megabyte (its worker process
is killed and replaced): a 7 MB document of dense claims is real work, a super-linear pass on
it is a hang. Most
documents are small (up to 30 KB); `--large` of them are 0.5-7 MB, the sizes whose
super-linear passes used to hang. The README quotes the summary this prints.

The store comes from --db, CLAIMCHECK_DB, or a temporary one built from the bundled data.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fuzz_documents import SHAPES, document  # noqa: E402

LARGE_SHAPES = ("soup", "prose", "table", "html", "run", "mix")


def spec(seed: int, index: int, large: float) -> tuple[str, int, random.Random]:
    rng = random.Random(seed * 1_000_003 + index)
    if rng.random() < large:
        shape = rng.choice(LARGE_SHAPES)
        size = rng.randint(500_000, 7_000_000)
    else:
        shape = rng.choice(SHAPES)
        size = int(rng.triangular(50, 30_000, 2_000))
    return shape, size, rng


def _worker(conn: Any, db: str, seed: int, large: float, folder: str) -> None:
    from claimcheck.documents import DocumentError, load_document
    from claimcheck.pipeline import Checker
    from claimcheck.store import Store

    store = Store.open(db)
    checker = Checker(store)
    checker.check_text("Foo-3 beats GPT-4o on MMLU.")  # build everything before timing
    conn.send("ready")
    while True:
        try:
            index = conn.recv()
        except EOFError:  # the parent is gone
            return
        if index is None:
            return
        shape, size, rng = spec(seed, index, large)
        data, suffix = document(rng, shape, size)
        path = Path(folder) / f"doc{index}{suffix}"
        path.write_bytes(data)
        started = time.perf_counter()
        outcome = "ok"
        try:
            doc = load_document(str(path))
            checker.check_document(doc)
        except DocumentError:
            outcome = "rejected"
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            outcome = f"crash: {type(exc).__name__}: {str(exc)[:120]}"
        finally:
            path.unlink(missing_ok=True)
        conn.send((index, shape, len(data), time.perf_counter() - started, outcome))


class Worker:
    def __init__(self, ctx: Any, db: str, seed: int, large: float, folder: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker, args=(child, db, seed, large, folder), daemon=True
        )
        self.process.start()
        if not self.conn.poll(600) or self.conn.recv() != "ready":
            raise SystemExit("a fuzz worker did not start")
        self.index: int | None = None
        self.started = 0.0
        self.size = 0

    def give(self, index: int, size: int) -> None:
        self.index = index
        self.size = size
        self.started = time.monotonic()
        self.conn.send(index)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()


def run(args: argparse.Namespace) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    folder = tempfile.mkdtemp(prefix="claimcheck-fuzz-")
    db = args.db or os.environ.get("CLAIMCHECK_DB") or str(Path(folder) / "fuzz.db")
    from claimcheck.store import Store

    Store.open(db).close()  # build once, before the workers share it
    workers = [Worker(ctx, db, args.seed, args.large, folder) for _ in range(args.jobs)]
    pending = list(range(args.documents))[::-1]
    results: list[tuple[int, str, int, float, str]] = []
    hangs: list[tuple[int, str, int]] = []
    while pending or any(w.index is not None for w in workers):
        for i, w in enumerate(workers):
            if w.index is None and pending:
                index = pending.pop()
                w.give(index, spec(args.seed, index, args.large)[1])
            if w.index is None:
                continue
            if w.conn.poll(0.05):
                results.append(w.conn.recv())
                w.index = None
                done = len(results) + len(hangs)
                if done % 100 == 0:
                    print(f"  {done}/{args.documents}", file=sys.stderr, flush=True)
            elif time.monotonic() - w.started > args.limit + args.per_mb * w.size / 1e6:
                shape, size, _ = spec(args.seed, w.index, args.large)
                hangs.append((w.index, shape, size))
                w.kill()
                workers[i] = Worker(ctx, db, args.seed, args.large, folder)
    for w in workers:
        w.conn.send(None)
        w.process.join(10)
    crashes = [r for r in results if r[4].startswith("crash")]
    slowest = max(results, key=lambda r: r[3]) if results else None
    per_mb = [r[3] / (r[2] / 1e6) for r in results if r[2] > 100_000 and r[4] == "ok"]
    return {
        "documents": args.documents,
        "seed": args.seed,
        "limit_seconds": args.limit,
        "limit_seconds_per_mb": args.per_mb,
        "ok": sum(r[4] == "ok" for r in results),
        "rejected": sum(r[4] == "rejected" for r in results),
        "crashes": len(crashes),
        "crash_kinds": Counter(r[4].split(":")[1].strip() for r in crashes).most_common(),
        "crash_examples": [(r[0], r[1], r[4]) for r in crashes[:5]],
        "hangs": len(hangs),
        "hang_examples": hangs[:10],
        "slowest": None
        if slowest is None
        else {
            "index": slowest[0],
            "shape": slowest[1],
            "bytes": slowest[2],
            "seconds": round(slowest[3], 2),
        },
        "median_seconds_per_mb_large": round(statistics.median(per_mb), 2) if per_mb else None,
        "max_seconds_per_mb_large": round(max(per_mb), 2) if per_mb else None,
        "large_documents": sum(r[2] > 100_000 for r in results)
        + sum(h[2] > 100_000 for h in hangs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--large", type=float, default=0.05, help="share of 0.5-7 MB documents")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a hang")
    parser.add_argument("--per-mb", type=float, default=20.0, help="more seconds per MB")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--db", help="store to use (default: CLAIMCHECK_DB or a new one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    started = time.monotonic()
    summary = run(args)
    summary["wall_seconds"] = round(time.monotonic() - started)
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(
        f"{summary['documents']} documents (seed {args.seed}, {summary['large_documents']} of "
        f"0.5-7 MB): {summary['ok']} checked, {summary['rejected']} rejected with one line, "
        f"{summary['crashes']} crashes, {summary['hangs']} hangs "
        f"(> {args.limit:g} s + {args.per_mb:g} s/MB)"
    )
    if summary["median_seconds_per_mb_large"] is not None:
        print(
            f"large documents: median {summary['median_seconds_per_mb_large']} s/MB, "
            f"slowest {summary['max_seconds_per_mb_large']} s/MB"
        )
    if summary["slowest"]:
        s = summary["slowest"]
        size, shape = f"{s['bytes']:,}", s["shape"]
        print(f"slowest: {s['seconds']} s, a {size}-byte {shape} document (#{s['index']})")
    for kind, n in summary["crash_kinds"]:
        print(f"  crash {kind}: {n}")
    for index, shape, size in summary["hang_examples"]:
        print(f"  hang: #{index}, a {size:,}-character {shape} document")
    print(f"wall time {summary['wall_seconds']} s")


if __name__ == "__main__":
    main()
