"""Claims judged per second against the full store. Prints figures; never fails on time.

    python benchmarks/bench_judge.py [--db PATH] [--claims 3000] [--seed 7]

The claims are built directly (no extraction), with resolved ids, from models that have
independent evaluations: a mix of specific pairwise claims on a shared benchmark, broad claims
("surpasses X" with and without hedges) and best-in-group claims, which need the whole field.
Without --db a temporary store is built from the bundled data (that build is not timed; the
index build is, separately).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from claimcheck.judge import EvaluationIndex, judge
from claimcheck.models import Claim, Mention
from claimcheck.registry import load_registry
from claimcheck.store import Store

RELATIONS = ["surpasses", "matches", "approaches", "trails"]
HEDGES = [None, None, "on most benchmarks", "on several benchmarks", "overall"]
GROUPS = ["open-weights models", "models of its size", None]


def make_claims(index: EvaluationIndex, n: int, seed: int) -> list[tuple[Claim, str]]:
    """(claim, claim date) pairs over models and benchmarks that really have rows."""
    rng = random.Random(seed)
    by_bench: dict[str, list[str]] = defaultdict(list)
    for mid, rows in index.by_model.items():
        for bid in {e.benchmark_id for e in rows if e.kind == "independent"}:
            if bid:
                by_bench[bid].append(mid)
    benches = sorted(b for b, ms in by_bench.items() if len(ms) >= 2)
    claims: list[tuple[Claim, str]] = []
    while len(claims) < n:
        bid = rng.choice(benches)
        s, t = rng.sample(sorted(by_bench[bid]), 2)
        kind = rng.random()
        date = f"202{rng.randint(4, 5)}-{rng.randint(1, 12):02d}-15"
        if kind < 0.55:
            rel = rng.choice(RELATIONS)
            claim = Claim(
                f"{s} {rel} {t} on {bid}",
                0,
                0,
                Mention(s, s),
                rel,
                (Mention(t, t),),
                None,
                (Mention(bid, bid),),
                "specific",
            )
        elif kind < 0.85:
            claim = Claim(
                f"{s} surpasses {t}",
                0,
                0,
                Mention(s, s),
                "surpasses",
                (Mention(t, t),),
                None,
                (),
                "broad",
                rng.choice(HEDGES),
            )
        else:
            group = rng.choice(GROUPS)
            bench = (Mention(bid, bid),) if rng.random() < 0.7 else ()
            claim = Claim(
                f"{s} is the best",
                0,
                0,
                Mention(s, s),
                "best_in_group",
                (),
                group,
                bench,
                "specific" if bench else "broad",
            )
        claims.append((claim, date))
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: build a temporary one)")
    ap.add_argument("--claims", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        store = Store.open(db)
        t_store = time.perf_counter() - t0
        registry = load_registry()

        t0 = time.perf_counter()
        index = EvaluationIndex.from_store(store)
        t_index = time.perf_counter() - t0
        store.close()

        claims = make_claims(index, args.claims, args.seed)
        by_relation: dict[str, list[float]] = defaultdict(list)
        verdicts: dict[str, int] = defaultdict(int)
        t_all = time.perf_counter()
        for claim, date in claims:
            t0 = time.perf_counter()
            v = judge(claim, index, registry=registry, as_of=date)
            key = f"{claim.relation}/{claim.scope}"
            by_relation[key].append(time.perf_counter() - t0)
            verdicts[v.verdict] += 1
        elapsed = time.perf_counter() - t_all

    print(f"store open/build (untimed for judging): {t_store:.2f} s")
    print(f"evaluation index: {index.rows} rows, {len(index.by_model)} models in {t_index:.2f} s")
    print(f"judged {len(claims)} claims in {elapsed:.2f} s: {len(claims) / elapsed:,.0f} claims/s")
    for key, times in sorted(by_relation.items()):
        rate = len(times) / sum(times) if sum(times) else float("inf")
        print(f"  {key:28s} {len(times):5d} claims  {rate:10,.0f} claims/s")
    print("verdicts:", ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())))


if __name__ == "__main__":
    main()
