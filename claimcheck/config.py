"""Where claimcheck keeps things: one frozen settings object and the platform paths.

Environment variables override the defaults so tests, CI and scripts can point the program
elsewhere without flags: CLAIMCHECK_DB (the SQLite store), CLAIMCHECK_DATA (the bundled data
directory), CLAIMCHECK_CACHE (files rebuilt on demand: the name ruler, the bundled store).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "claimcheck"


@cache
def bundled_data_dir() -> Path:
    """The data shipped with the program.

    In an installed wheel it is `claimcheck/data`; in a source checkout it is the top-level
    `data/` beside the package (the wheel build copies one to the other).
    """
    override = os.environ.get("CLAIMCHECK_DATA")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "models.csv").is_file():
            return candidate
    return here / "data"


def default_db_path() -> Path:
    override = os.environ.get("CLAIMCHECK_DB")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME)) / "claimcheck.db"


def default_cache_dir() -> Path:
    """Where rebuildable files go (see `claimcheck.cache`); never inside the installation."""
    override = os.environ.get("CLAIMCHECK_CACHE")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME))


@dataclass(frozen=True)
class Settings:
    db_path: Path
    data_dir: Path
    user_agent: str = "claimcheck/0.1 (+https://github.com/claimcheck/claimcheck)"

    @classmethod
    def load(cls, db: str | Path | None = None) -> Settings:
        return cls(db_path=Path(db) if db else default_db_path(), data_dir=bundled_data_dir())
