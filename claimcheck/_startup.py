"""Start-up work claimcheck never needs: spaCy's own command line.

`import spacy` ends in `from .cli.info import info`, and `spacy/cli/__init__.py` imports every
spaCy command: typer, weasel (which imports httpx and requests), jinja2 and more. That is
about a third of the time it takes to import spaCy, paid by every `claimcheck check`, every
worker process and the app, for commands claimcheck never runs.

`defer_spacy_cli()` runs when the `claimcheck` package is imported. Until spaCy's command line
is really used, an import finder answers `spacy.cli` and `spacy.cli.info` with stand-ins.
The first use of either (any attribute of `spacy.cli` or of `spacy.cli.info` that the
stand-in lacks, or a call of `spacy.info`) removes the stand-ins and imports the real
modules, so code that does use spaCy's command line gets exactly what it would have got.
Set CLAIMCHECK_EAGER_SPACY=1 to turn this off.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys
import types
from typing import Any

_NAMES = ("spacy.cli", "spacy.cli.info")


class _Deferred(types.ModuleType):
    """A stand-in module: any attribute it lacks comes from the real module, imported then."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system and tools probing module attributes
            raise AttributeError(name)
        return getattr(load_spacy_cli(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported from spaCy's command line when it is first called."""
    return load_spacy_cli("spacy.cli.info").info(*args, **kwargs)


class _Finder:
    """A `sys.meta_path` finder and loader that makes the two stand-ins.

    Going through the import system (rather than writing into `sys.modules` directly) means
    `spacy.cli` is set as an attribute of the `spacy` package, as a real import would do.
    """

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name in _NAMES:
            return importlib.machinery.ModuleSpec(name, self, is_package=name == "spacy.cli")  # type: ignore[arg-type]
        if name.startswith("spacy.cli."):  # another part of spaCy's CLI: the real thing
            return _Existing.spec(name, load_spacy_cli())
        return None

    def create_module(self, spec: Any) -> types.ModuleType:
        return _Deferred(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == "spacy.cli.info":
            module.info = _info  # type: ignore[attr-defined]


class _Existing:
    """The loader of a `spacy.cli` submodule asked for while the stand-ins were in place."""

    @classmethod
    def spec(cls, name: str, real_cli: types.ModuleType) -> Any:
        if name in sys.modules:  # the real `spacy.cli` imported it: hand that module over
            return importlib.machinery.ModuleSpec(name, cls())  # type: ignore[arg-type]
        return importlib.machinery.PathFinder.find_spec(name, list(real_cli.__path__))

    def create_module(self, spec: Any) -> types.ModuleType:
        return sys.modules[spec.name]

    def exec_module(self, module: types.ModuleType) -> None:
        return None


_FINDER = _Finder()


def load_spacy_cli(name: str = "spacy.cli") -> types.ModuleType:
    """Drop the stand-ins and import spaCy's real `spacy.cli` (and so `spacy.cli.info`)."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for key in reversed(_NAMES):
        if isinstance(sys.modules.get(key), _Deferred):
            del sys.modules[key]
    return importlib.import_module(name)


def defer_spacy_cli() -> bool:
    """Install the finder unless spaCy is already imported or this is turned off."""
    if os.environ.get("CLAIMCHECK_EAGER_SPACY") or "spacy" in sys.modules:
        return False
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    return True
