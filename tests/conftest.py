"""Shared fixtures: above all, a test run that the user's shell cannot change.

A developer may have `NO_COLOR=1`, `CLAIMCHECK_DB`, a narrow `COLUMNS` or their own `XDG_*`
directories set; none of that may change what a test sees, and no test may read or write the
user's real config, data or store. `_isolated_environment` (autouse) removes every variable
that claimcheck, Rich, Textual or click read for colour, width and paths, and points the XDG
directories into the test's own temporary folder. Caches (keyed by content) are shared by the
tests of one run so they are built once, but never with the user's own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# variables that change colour, width, paths or the terminal's behaviour for the program
SCRUBBED_PREFIXES = ("CLAIMCHECK_", "TEXTUAL_", "XDG_")
# pytest-textual-snapshot passes its own settings to its workers this way
KEPT_PREFIXES = ("TEXTUAL_SNAPSHOT_",)
SCRUBBED = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "LINES",
    "COLORTERM",
    "TERM_PROGRAM",
)


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, _shared_cache: Path
) -> Iterator[None]:
    """Every test starts from the same environment, whatever the user's shell exports."""
    for name in list(os.environ):
        if name.startswith(KEPT_PREFIXES):
            continue
        if name in SCRUBBED or name.startswith(SCRUBBED_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("xdg")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache))
    monkeypatch.setenv("TERM", "xterm-256color")
    yield


# -- shared fixtures: the built store, the registry, the command line ------------------------


@pytest.fixture(scope="session")
def built_db(pytestconfig: pytest.Config) -> Path:
    """A complete store of the bundled data, built once per run (never written by a test)."""
    from _built_store import built_store_path

    return built_store_path(pytestconfig)


@pytest.fixture()
def db(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own copy of the built store, which the CLI and the app use (CLAIMCHECK_DB)."""
    import shutil

    path = tmp_path / "claimcheck.db"
    shutil.copy(built_db, path)
    monkeypatch.setenv("CLAIMCHECK_DB", str(path))
    return path


@pytest.fixture()
def store(db: Path) -> Iterator[Any]:
    """The test's copy of the built store, open (files that need an empty store override it)."""
    from claimcheck.store import Store

    with Store(db) as s:
        yield s


@pytest.fixture(scope="session")
def registry() -> Any:
    """The registry of the bundled data."""
    from claimcheck.registry import load_registry

    return load_registry()


@pytest.fixture()
def cli() -> Callable[..., Any]:
    """Run the command line as a user would: `cli("check", path, input=..., env=...)`.

    Exceptions propagate (a crash fails the test with its traceback, not an exit code)."""
    from click.testing import CliRunner

    from claimcheck.cli import main

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Any:
        return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)

    return run
