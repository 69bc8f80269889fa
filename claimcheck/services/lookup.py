"""Looking names up in the registries: what a model or benchmark name resolves to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.models import Evaluation, Price, Resolution
from claimcheck.registry import Registry, load_registry
from claimcheck.services.errors import BadInput
from claimcheck.store import Store

__all__ = ["ModelEvidence", "Registry", "model_evidence", "open_registry"]


def open_registry(data_dir: Path | None = None) -> Registry:
    """The registry of models, aliases and benchmarks (cached after the first build)."""
    try:
        return load_registry(data_dir)
    except (OSError, ValueError, KeyError) as exc:
        raise BadInput(f"cannot load the registry: {exc}") from exc


@dataclass(frozen=True)
class ModelEvidence:
    """Everything stored about one model name: what it resolved to, its rows and prices."""

    resolution: Resolution
    info: Any  # the registry's ModelInfo, or None for a family or an unknown name
    family: str | None  # a bare family name ("GPT-4o") means every snapshot of it
    model_ids: list[str]
    evaluations: list[Evaluation]
    prices: list[Price]


def model_evidence(
    store: Store, registry: Registry, model: str, benchmark: str | None = None
) -> ModelEvidence:
    """What `evals show MODEL` lists: the model's evaluations (only `benchmark`'s, by id or by
    a name containing it, when given) and prices."""
    res = registry.resolve_model(model)
    ids = [res.id] if res.id else []
    family = res.family if res.method == "family" else None
    if res.id and res.id not in registry.models:
        family = res.id
    if family:  # a bare family name: show every snapshot of it
        ids = [m.id for m in registry.family_members(family)] or ids
    rows = store.evaluations(model_ids=ids) if ids else store.evaluations_named(model)
    if benchmark:
        bench_id = registry.resolve_benchmark(benchmark).id
        wanted = benchmark.casefold()
        rows = [
            e
            for e in rows
            if (bench_id and e.benchmark_id == bench_id) or wanted in e.benchmark.casefold()
        ]
    return ModelEvidence(
        resolution=res,
        info=registry.models.get(res.id) if res.id and not family else None,
        family=family,
        model_ids=ids,
        evaluations=list(rows),
        prices=list(store.prices(ids)) if ids else [],
    )
