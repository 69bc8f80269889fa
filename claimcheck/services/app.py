"""What the app needs from the program that the other services do not offer.

The app reads the registry for its model view and palette, warms the checker up while a new
store is built, and loads the files it is asked to check. Every stage is imported inside the
function that needs it: the app imports this module before its first screen is drawn, and
that screen must not wait for spaCy or sqlite-utils.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from claimcheck.models import Document

__all__ = ["SAMPLE_SUFFIXES", "RegistryInfo", "load_document", "sample_files", "warm_up"]

SAMPLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


class RegistryInfo:
    """The model/benchmark registry, loaded once on first use by whichever thread asks first.

    The app works without it (with less detail): a registry that cannot be loaded answers
    every question with nothing.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._registry: Any = None
        self._lock = threading.Lock()

    def registry(self) -> Any:
        """The loaded registry, or None if it cannot be loaded."""
        with self._lock:
            if self._registry is None:
                try:
                    from claimcheck.registry import load_registry

                    self._registry = load_registry(self.data_dir)
                except Exception:  # noqa: BLE001 - the app works without it, with less detail
                    self._registry = False
            return self._registry or None

    def model_orgs(self) -> dict[str, str]:
        """Each model id's organisation."""
        registry = self.registry()
        return {} if registry is None else {mid: m.org for mid, m in registry.models.items()}

    def model_info(self, model_id: str) -> dict[str, Any] | None:
        """One model's registry entry as a dict, or None if the registry does not know it."""
        registry = self.registry()
        model = registry.models.get(model_id) if registry is not None else None
        return asdict(model) if model is not None else None

    def benchmark_infos(self) -> dict[str, Any]:
        """The registry's benchmarks by id (display names, headline metrics)."""
        registry = self.registry()
        return dict(registry.benchmarks) if registry is not None else {}

    def models(self) -> list[tuple[str, str]]:
        """(id, name) of every model, by name."""
        registry = self.registry()
        if registry is None:
            return []
        return sorted(((mid, m.name) for mid, m in registry.models.items()), key=lambda x: x[1])


def warm_up() -> None:
    """Load spaCy and the name ruler for the default registry (what a Checker builds without
    the store), so a checker built later starts sooner. A failure is left for that build
    to report."""
    try:
        from claimcheck.extract import get_nlp

        get_nlp()
    except Exception:  # noqa: BLE001 - building the checker later reports the problem
        return


def sample_files(data_dir: Path) -> list[Path]:
    """The bundled sample announcements, by name."""
    folder = data_dir / "samples"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def load_document(path: Path) -> Document:
    """A txt, md or html file as a Document (front matter read, HTML turned into text)."""
    from claimcheck.documents import load_document as load

    return load(str(path))
