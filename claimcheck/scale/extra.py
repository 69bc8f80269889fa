"""The optional `claimcheck[dask]` extra: one clear line when it is missing."""

from __future__ import annotations

import importlib
from typing import Any

INSTALL = "pip install 'claimcheck[dask]'"


class MissingExtra(Exception):
    """A feature needs a package of the dask extra that is not installed."""


def require(module: str, purpose: str) -> Any:
    """Import `module`, or raise MissingExtra saying what needs it and how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        name = (exc.name or module).split(".")[0]
        raise MissingExtra(f"{purpose} needs {name}, which is not installed: {INSTALL}") from None
