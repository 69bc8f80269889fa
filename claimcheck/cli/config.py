"""`claimcheck config ...`: the preferences file (theme, default export format, store path)."""

from __future__ import annotations

import click

from claimcheck.cli import InputError
from claimcheck.config import (
    PREFERENCE_KEYS,
    ConfigError,
    Preferences,
    config_path,
    load_preferences,
    update_preferences,
)


def register(main: click.Group) -> None:
    @main.group("config")
    def config_group() -> None:
        """Show or change the saved preferences: theme, export_format, db (the store path)."""

    @config_group.command("path")
    def config_path_cmd() -> None:
        """Print where the preferences file is (CLAIMCHECK_CONFIG overrides it)."""
        click.echo(str(config_path()))

    @config_group.command("show")
    def config_show() -> None:
        """Print every preference and its value (defaults included)."""
        try:
            prefs = load_preferences()
        except ConfigError as exc:
            raise InputError(str(exc)) from exc
        defaults = Preferences()
        for key in PREFERENCE_KEYS:
            value = getattr(prefs, key)
            note = "  (default)" if value == getattr(defaults, key) else ""
            click.echo(f"{key} = {value!r}{note}")

    @config_group.command("set")
    @click.argument("key", type=click.Choice(PREFERENCE_KEYS))
    @click.argument("value")
    def config_set(key: str, value: str) -> None:
        """Save one preference, e.g. `claimcheck config set export_format html`."""
        if key == "db" and value:
            from pathlib import Path

            value = str(Path(value).expanduser().resolve())  # the same store from any folder
        _update(**{key: value})
        click.echo(f"{key} = {value!r}  ({config_path()})")

    @config_group.command("unset")
    @click.argument("key", type=click.Choice(PREFERENCE_KEYS))
    def config_unset(key: str) -> None:
        """Forget one preference: its default applies again."""
        _update(**{key: getattr(Preferences(), key)})
        click.echo(f"{key} reset to {getattr(Preferences(), key)!r}")


def _update(**changes: str) -> None:
    try:
        update_preferences(changes)
    except ConfigError as exc:
        raise InputError(str(exc)) from exc
    except OSError as exc:
        raise InputError(f"{config_path()}: cannot write the preferences: {exc}") from exc
