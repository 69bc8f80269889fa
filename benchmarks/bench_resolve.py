"""How fast does resolve_model go? Prints lookups per second; asserts nothing.

Runs every alias in the bundled registry through a fresh registry (no memo), three ways:
as written (the exact fast path the store build relies on), upper-cased with spaces for
hyphens (the normalised path), and with one letter dropped (the fuzzy path and misses).

    python benchmarks/bench_resolve.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.registry import Registry, _load, load_registry  # noqa: E402


def fresh() -> Registry:
    _load.cache_clear()
    return load_registry()


def timed(label: str, names: list[str]) -> None:
    registry = fresh()
    start = time.perf_counter()
    resolved = sum(registry.resolve_model(name).id is not None for name in names)
    elapsed = time.perf_counter() - start
    print(
        f"{label:28} {len(names):6} names  {len(names) / elapsed:10.0f} lookups/s  "
        f"{resolved / len(names):6.1%} resolved"
    )


def main() -> None:
    start = time.perf_counter()
    registry = fresh()
    print(f"load_registry: {time.perf_counter() - start:.3f} s, {len(registry.models)} models")
    aliases = [alias for alias, _id in registry.model_alias_pairs()]
    timed("exact aliases", aliases)
    # spaces for hyphens next to letters; "3-5" and dates keep theirs, as people write them
    respaced = [re.sub(r"(?<=[A-Za-z])-|-(?=[A-Za-z])", " ", a).upper() for a in aliases]
    timed("normalised (UPPER, spaces)", respaced)
    timed("one letter dropped", [a[:-1] if len(a) > 4 else a + "x" for a in aliases])
    registry = fresh()
    start = time.perf_counter()
    for _ in range(5):
        for alias in aliases:
            registry.resolve_model(alias, "2024-09-15")
    rate = 5 * len(aliases) / (time.perf_counter() - start)
    print(f"{'memoised repeats':28} {5 * len(aliases):6} names  {rate:10.0f} lookups/s")


if __name__ == "__main__":
    main()
