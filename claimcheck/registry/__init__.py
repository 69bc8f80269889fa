"""The model and benchmark registries, and name resolution against them.

Every leaderboard and every announcement spells model names its own way ("gpt-4o-2024-05-13",
"GPT-4o (2024-05-13)", "GPT-4o 0513"), and a wrong merge is worse than no merge: a claim about
Qwen2.5 judged with Qwen2 numbers is a false verdict. So resolution goes from the safest step to
the loosest (exact alias, then a normalised form, then fuzzy matching), and the fuzzy step may
never cross a difference in version, size, date or variant: those "identity tokens" must agree
exactly. A bare family name ("GPT-4o") is not a model but a line of snapshots; given a date it
resolves to the snapshot that was current then.

The registries are plain CSV files in the bundled data directory, so they stay diffable and
reviewable; nothing here touches the store or the network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from claimcheck.config import bundled_data_dir
from claimcheck.models import Resolution
from claimcheck.registry.display import display_name
from claimcheck.registry.names import (
    BENCHMARK_VARIANT_WORDS,
    CANDIDATE_LIMIT,
    FUZZY_CUTOFF,
    MODEL_VARIANT_WORDS,
    benchmark_identity,
    benchmark_tokens,
    model_identity,
    model_tokens,
    normalise_benchmark,
    normalise_model,
    strip_provider,
)
from claimcheck.registry.resolve import Registry
from claimcheck.registry.tables import (
    _load_benchmarks,
    _load_categories,
    _load_domain,
    _load_models,
)

__all__ = [
    "BENCHMARK_VARIANT_WORDS",
    "CANDIDATE_LIMIT",
    "FUZZY_CUTOFF",
    "MODEL_VARIANT_WORDS",
    "Registry",
    "benchmark_identity",
    "benchmark_tokens",
    "display_name",
    "load_registry",
    "model_identity",
    "model_tokens",
    "normalise_benchmark",
    "normalise_model",
    "resolve_benchmark",
    "resolve_model",
    "strip_provider",
]


def _build(data_dir: Path) -> Registry:
    models, families = _load_models(data_dir)
    benchmarks, metric_aliases = _load_benchmarks(data_dir)
    return Registry(
        models,
        benchmarks,
        families,
        metric_aliases,
        _load_categories(data_dir),
        _load_domain(data_dir),
    )


@cache
def _load(data_dir: Path) -> Registry:
    """Read from the user cache when these files were loaded before (see `claimcheck.cache`):
    building the indexes and the tables fuzzy matching needs takes several times longer than
    reading them back."""
    from claimcheck import cache as files

    try:
        key = _cache_key(data_dir)
    except OSError:  # an unreadable file: let the build report it
        return _build(data_dir)
    found = files.read_pickle("registry", key)
    if isinstance(found, Registry):
        return found
    registry = _build(data_dir)
    registry.warm()
    files.write_pickle("registry", key, registry)
    return registry


def _cache_key(data_dir: Path) -> str:
    import hashlib
    import importlib.util
    import sys

    from claimcheck import cache as files

    here = Path(__file__).resolve().parent
    # the cached tables hold rapidfuzz's processed aliases: another rapidfuzz is another
    # key (its files, found without importing it, which this process may never need)
    spec = importlib.util.find_spec("rapidfuzz")
    origin = Path(spec.origin) if spec and spec.origin else None
    stamp = f"{origin} {origin.stat().st_mtime_ns}" if origin and origin.is_file() else ""
    parts = [f"registry python {sys.version_info[:2]} rapidfuzz {stamp}"]
    # every table beside the evaluations, not a list of the ones read today: a registry file
    # added later must never be served from a cache that did not read it
    tables = sorted(data_dir.glob("*.csv"))
    # the pickle holds instances of this package's classes, built by all of its code
    code = sorted(here.glob("*.py"))
    for path in [*tables, *code, here.parent / "models.py"]:
        data = path.read_bytes() if path.is_file() else b""
        parts.append(f"{path.name} {hashlib.sha256(data).hexdigest()}")
    return files.digest(*parts)


def load_registry(data_dir: Path | None = None) -> Registry:
    """The registry from `data_dir` (default: the bundled data), loaded once per directory."""
    return _load(Path(data_dir or bundled_data_dir()).resolve())


def resolve_model(text: str, as_of: str | None = None) -> Resolution:
    """Resolve a model name with the default registry (see Registry.resolve_model)."""
    return load_registry().resolve_model(text, as_of)


def resolve_benchmark(text: str, metric: str | None = None) -> Resolution:
    """Resolve a benchmark name with the default registry (see Registry.resolve_benchmark)."""
    return load_registry().resolve_benchmark(text, metric)
