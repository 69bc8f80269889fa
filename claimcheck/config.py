"""Where claimcheck keeps things: one frozen settings object, the platform paths, preferences.

Environment variables override the defaults so tests, CI and scripts can point the program
elsewhere without flags: CLAIMCHECK_DB (the SQLite store), CLAIMCHECK_DATA (the bundled data
directory), CLAIMCHECK_CONFIG (the preferences file), CLAIMCHECK_CACHE (files rebuilt on
demand: the registry, the name ruler, the bundled store).

Preferences (the app's theme, the export dialog's default format, the store path) live in a
small TOML file in the user's config directory (platformdirs), written by the app when the
user changes them and by `claimcheck config set`. For the store, `--db` and CLAIMCHECK_DB
still win over the file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "claimcheck"
THEMES: tuple[str, ...] = ("textual-dark", "textual-light")
# the names of claimcheck.report's REPORT_FORMATS (a test keeps them equal): the config
# module sits below the report stage and does not import it
EXPORT_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "md", "html", "claimreview")
# where `check` runs: here (with --jobs processes) or on a Dask cluster
ENGINES: tuple[str, ...] = ("local", "dask")


class ConfigError(ValueError):
    """The preferences file is unreadable or holds a bad value; the message names the file."""


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


def platform_db_path() -> Path:
    """The store's place when nothing else names one: the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / "claimcheck.db"


def config_path() -> Path:
    """The preferences file: CLAIMCHECK_CONFIG, else `config.toml` in the user config dir."""
    override = os.environ.get("CLAIMCHECK_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


@dataclass(frozen=True)
class Preferences:
    """What the user chose once and expects to find again next time."""

    theme: str = THEMES[0]
    export_format: str = "md"
    db: str = ""  # the store path; empty means the platform default

    def validated(self, where: Path | str = "preferences") -> Preferences:
        if self.theme not in THEMES:
            raise ConfigError(f"{where}: theme {self.theme!r}: choose {' or '.join(THEMES)}")
        if self.export_format not in EXPORT_FORMATS:
            raise ConfigError(
                f"{where}: export_format {self.export_format!r}: choose one of "
                + ", ".join(EXPORT_FORMATS)
            )
        return self


PREFERENCE_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Preferences))


def load_preferences(path: Path | None = None) -> Preferences:
    """Read the preferences file; a missing file means the defaults.

    Raises ConfigError naming the file and the problem when it is not TOML, holds an unknown
    key or a bad value: a typo in a config file is reported, never silently ignored.
    """
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Preferences()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the preferences: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML file: {exc}") from exc
    unknown = sorted(set(data) - set(PREFERENCE_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(PREFERENCE_KEYS)}"
        )
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise ConfigError(f"{path}: {bad[0]} must be a string")
    return Preferences(**data).validated(path)


def save_preferences(prefs: Preferences, path: Path | None = None) -> Path:
    """Write the preferences atomically (a crash never leaves half a file). Returns the path.

    Only values that differ from the defaults are written, so a later default change reaches
    users who never chose otherwise.
    """
    import tomli_w

    path = path or config_path()
    prefs.validated(path)
    defaults = asdict(Preferences())
    chosen = {k: v for k, v in asdict(prefs).items() if v != defaults[k]}
    text = "# claimcheck preferences (see the README); written by claimcheck\n" + tomli_w.dumps(
        chosen
    )
    from claimcheck.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text, prefix=".config-")
    return path


def update_preferences(changes: dict[str, str], path: Path | None = None) -> Preferences:
    """Read, change and write back the preferences file; returns what was written."""
    prefs = replace(load_preferences(path), **changes)
    save_preferences(prefs, path)
    return prefs


def default_db_path(prefs: Preferences | None = None) -> Path:
    """The store to use without --db: CLAIMCHECK_DB, then the preferences file, then the
    platform default."""
    override = os.environ.get("CLAIMCHECK_DB")
    if override:
        return Path(override)
    if prefs is None:
        try:
            prefs = load_preferences()
        except ConfigError:
            prefs = Preferences()  # the CLI reports a bad file itself; here, fall back
    if prefs.db:
        return Path(prefs.db).expanduser()
    return platform_db_path()


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
    preferences: Preferences = field(default_factory=Preferences)
    config_path: Path | None = None  # where preference changes are saved (None: not saved)

    @classmethod
    def load(
        cls, db: str | Path | None = None, *, preferences: Preferences | None = None
    ) -> Settings:
        """Settings for this run: `db` (from --db) first, then CLAIMCHECK_DB, the preferences
        file and the platform default.

        A broken preferences file counts as no file here, so a library caller (`Store.open`)
        never fails over it; the CLI reads it strictly first and passes `preferences`.
        """
        if preferences is None:
            try:
                preferences = load_preferences()
            except ConfigError:
                preferences = Preferences()
        prefs = preferences
        return cls(
            db_path=Path(db) if db else default_db_path(prefs),
            data_dir=bundled_data_dir(),
            preferences=prefs,
            config_path=config_path(),
        )

    def save_preferences(self, **changes: str) -> Settings:
        """Remember changed preferences in the config file (when this run has one)."""
        prefs = replace(self.preferences, **changes)
        if self.config_path is not None:
            save_preferences(prefs, self.config_path)
        return replace(self, preferences=prefs)
