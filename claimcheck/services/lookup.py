"""Looking names up in the registries: what a model or benchmark name resolves to."""

from __future__ import annotations

from pathlib import Path

from claimcheck.registry import Registry, load_registry
from claimcheck.services.errors import BadInput

__all__ = ["Registry", "open_registry"]


def open_registry(data_dir: Path | None = None) -> Registry:
    """The registry of models, aliases and benchmarks (cached after the first build)."""
    try:
        return load_registry(data_dir)
    except (OSError, ValueError, KeyError) as exc:
        raise BadInput(f"cannot load the registry: {exc}") from exc
