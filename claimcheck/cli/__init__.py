"""The command line: a thin shell over the core.

Bare `claimcheck` opens the Textual app; subcommands are the CLI. Each command group lives in
its own module of this package (one file per area keeps parallel work out of one big file);
this module only builds the group and the shared options.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck import __version__
from claimcheck.config import Settings


class InputError(click.ClickException):
    """Bad input from the user (a file, a URL, a value): one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(f"claimcheck: error: {self.format_message()}", err=True)


def settings_from(ctx: click.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def open_store(ctx: click.Context):  # noqa: ANN201 - Store, imported lazily to keep --help fast
    """Open the store named by --db / CLAIMCHECK_DB, building it from bundled data if new."""
    from claimcheck.store import Store

    settings = settings_from(ctx)
    try:
        return Store.open(settings.db_path, data_dir=settings.data_dir)
    except OSError as exc:
        raise InputError(f"{settings.db_path}: cannot open the store: {exc}") from exc


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CLAIMCHECK_DB",
    help="SQLite store to use (default: the user data directory; env CLAIMCHECK_DB).",
)
@click.version_option(__version__, prog_name="claimcheck")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Fact-check comparative claims in AI model-release announcements.

    Without a command, opens the interactive app on the store (created from the bundled
    data on first use).
    """
    ctx.obj = Settings.load(db)
    if ctx.invoked_subcommand is None:
        try:
            from claimcheck.tui import run_app
        except ImportError as exc:  # pragma: no cover - only if the TUI is missing
            raise click.ClickException(f"the app is not available: {exc}") from exc
        if not sys.stdout.isatty():
            raise InputError("the app needs a terminal; try 'claimcheck check data/samples'")
        run_app(ctx.obj)


def _register() -> None:
    import importlib

    for name in ("evals", "models", "extract", "check", "fetch"):
        try:
            module = importlib.import_module(f"claimcheck.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"claimcheck.cli.{name}":
                raise
            continue
        module.register(main)


_register()
