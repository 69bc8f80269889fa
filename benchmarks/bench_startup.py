"""How long the app takes to show real verdicts, and how much memory it takes. Prints figures.

    python benchmarks/bench_startup.py [--runs 5] [--size 160x48]

Each run starts a fresh Python process that opens the app headless (same code path as bare
`claimcheck`, at the given terminal size) and stops it as soon as the first screen shows an
article with its claim card filled in, and that screen is drawn; it also notes when the
process next goes idle (the bundled-data check runs in the background once the screen is up).
The time is measured from just before the process is spawned, so interpreter start-up and
every import are included. Peak memory is the child's
maximum resident set size.

Two cases:
- warm: the store already exists (every launch after the first) — target under 1 s;
- first run: a fresh machine (an empty cache of its own), where the app builds the store from
  the bundled data and checks the bundled sample announcements before the first verdict can
  be shown; its first screen (the empty list and a notice) comes long before.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import asyncio, sys, time, json
t_imports = time.perf_counter()
from claimcheck.tui import make_app
imported = time.perf_counter() - t_imports
app = make_app(db_path=sys.argv[1])
width, height = (int(x) for x in sys.argv[2].split("x"))

async def auto_pilot(pilot):
    card = app.query_one("#article-card")
    # poll with a plain sleep: pilot.pause() forces a full layout and render on every call
    while card.claim is None:
        await asyncio.sleep(0.005)
    # draw the screen with the card now; pause() without a delay would also wait until the
    # process is idle, i.e. for the background work that starts once the screen is up
    await pilot.pause(0)
    shown_at = time.time()
    # then until the process is idle (at most 1 s more): the background bundled-data check
    await pilot.pause()
    print(json.dumps({"shown_at": shown_at, "idle_at": time.time(), "import_s": imported,
                      "articles": len(app.articles_view.articles)}), flush=True)
    app.exit()

app.run(headless=True, size=(width, height), auto_pilot=auto_pilot)
"""


def run_once(db: Path, size: str) -> tuple[float, float, float, int, float]:
    """(seconds to the first screen with data, seconds until idle, import seconds, articles,
    child peak RSS in MB)."""
    root = Path(__file__).resolve().parent.parent
    # a cache of its own, empty at the first run: that run is a fresh machine's
    env = {**os.environ, "PYTHONPATH": str(root), "CLAIMCHECK_CACHE": str(db.parent / "cache")}
    started = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), size],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"the app did not start:\n{proc.stderr[-2000:]}")
    report = json.loads(lines[-1])
    # ru_maxrss of all waited-for children: the largest so far, in KiB on Linux
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return (
        report["shown_at"] - started,
        report["idle_at"] - started,
        report["import_s"],
        report["articles"],
        peak_mb,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--skip-first-run", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        if not args.skip_first_run:
            seconds, _, imports, articles, peak = run_once(db, args.size)
            print(
                f"first run (build the store, check the bundled samples): {seconds:.2f} s to "
                f"the first verdicts, peak RSS {peak:.0f} MB"
            )
        else:
            run_once(db, args.size)
        times, idle_times, import_times = [], [], []
        peak = 0.0
        for _ in range(args.runs):
            seconds, idle, imports, articles, peak = run_once(db, args.size)
            times.append(seconds)
            idle_times.append(idle)
            import_times.append(imports)
        print(
            f"warm start ({articles} articles, {args.size}, {args.runs} runs): "
            f"median {statistics.median(times):.2f} s, best {min(times):.2f} s, "
            f"worst {max(times):.2f} s to the first screen with data "
            f"(imports {statistics.median(import_times):.2f} s); target < 1 s"
        )
        print(
            f"  then idle (background bundled-data check done) at median "
            f"{statistics.median(idle_times):.2f} s"
        )
        print(f"peak RSS of any run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
