"""Kill -9 the parent of `claimcheck check --jobs 2` mid-run; count what it leaves behind.

    python scripts/kill_trials.py [--trials 25] [--docs 200] [--jobs 2]

Each trial starts the command in a session of its own on a generated corpus, waits until its
worker processes run, kills the parent with SIGKILL after a random delay, and then watches the
session's process group: every process still alive 5 s later (workers, a fork server, a
resource tracker) counts as left behind, and is killed before the next trial. Linux only (it
reads /proc). Prints one line per trial and a summary.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402


def group(pgid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live processes in a process group."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append((int(entry), cmdline.decode("utf-8", "replace")[:100]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=25)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    left_total = trials_with_leftovers = 0
    with tempfile.TemporaryDirectory(prefix="cc-kill-") as name:
        tmp = Path(name)
        write_corpus(tmp / "corpus", args.docs)
        env = {**os.environ, "CLAIMCHECK_DB": str(tmp / "store.db")}
        env["CLAIMCHECK_CACHE"] = str(tmp / "cache")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
        cmd = [sys.executable, "-m", "claimcheck", "check", str(tmp / "corpus"), "--no-store"]
        cmd += ["--jobs", args.jobs, "--format", "json", "-o", str(tmp / "out.json")]
        subprocess.run([*cmd[:4], str(sorted((tmp / "corpus").iterdir())[0])], env=env)  # warm
        for trial in range(1, args.trials + 1):
            parent = subprocess.Popen(
                cmd,
                env=env,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started = time.monotonic()
            while len(group(parent.pid)) < 3 and time.monotonic() - started < 120:
                time.sleep(0.02)
            running = len(group(parent.pid))
            delay = rng.uniform(0.0, 2.0)
            time.sleep(delay)
            os.kill(parent.pid, signal.SIGKILL)
            parent.wait()
            killed = time.monotonic()
            while group(parent.pid) and time.monotonic() - killed < 5:
                time.sleep(0.02)
            left = group(parent.pid)
            gone_in = time.monotonic() - killed
            print(
                f"trial {trial:2d}: {running} processes running, killed after {delay:.2f} s; "
                + (f"LEFT {len(left)}: {left}" if left else f"nothing left ({gone_in:.2f} s)")
            )
            if left:
                trials_with_leftovers += 1
                left_total += len(left)
                for pid, _cmd in left:
                    os.kill(pid, signal.SIGKILL)
    print(
        f"{args.trials} trials: {trials_with_leftovers} left processes behind "
        f"({left_total} processes in all)"
    )


if __name__ == "__main__":
    main()
