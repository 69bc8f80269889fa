"""The command line: a thin shell over the core.

Bare `claimcheck` opens the Textual app; subcommands are the CLI. Each command group lives in
its own module of this package (one file per area keeps parallel work out of one big file);
this module only builds the group and the shared options: the store, colour, the version.

Colour follows one rule for every output (tables, progress bars, the app): `--color` or
`--no-color` when given; otherwise colour only on a terminal and only when `NO_COLOR` is unset
or empty (https://no-color.org). `rich_console()` builds every Rich console by that rule.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from claimcheck import __version__
from claimcheck.config import ConfigError, Settings, load_preferences

_COLOR = "claimcheck.color"  # ctx.meta key: True / False from the flags, None for automatic


class InputError(click.ClickException):
    """Bad input from the user (a file, a URL, a value): one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(f"claimcheck: error: {self.format_message()}", err=True)


class StoreFailure(click.ClickException):
    """The store could not be written (locked too long, disk full): exit code 3."""

    exit_code = 3

    def show(self, file: object = None) -> None:
        click.echo(f"claimcheck: error: {self.format_message()}", err=True)


# Exit codes, the same for every command (README "Exit codes"): a crash is never 1, which
# `check --fail-on` uses to say a verdict matched.
EXIT_OK, EXIT_FAIL_ON, EXIT_INPUT, EXIT_STORE, EXIT_INTERNAL = 0, 1, 2, 3, 4


def notice(message: str) -> None:
    """A one-line notice on stderr (waiting for a lock, a skipped input)."""
    click.echo(f"claimcheck: {message}", err=True)


def settings_from(ctx: click.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def use_color(stream: IO[Any] | None = None) -> bool:
    """Whether output to `stream` (default stdout) may carry colour, by the module's rule."""
    ctx = click.get_current_context(silent=True)
    choice = ctx.find_root().meta.get(_COLOR) if ctx is not None else None
    if choice is not None:
        return bool(choice)
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def rich_console(*, stderr: bool = False, file: IO[str] | None = None, **options: Any) -> Any:
    """A Rich console for stdout (or stderr, or `file` bound for one of them) that obeys
    `use_color()`. Without colour, bold and dim stay on a terminal: NO_COLOR is about colour."""
    from rich.console import Console

    color = use_color(sys.stderr if stderr else sys.stdout)
    return Console(
        file=file,
        stderr=stderr,
        force_terminal=True if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        **options,
    )


def open_store(ctx: click.Context):  # noqa: ANN201 - Store, imported lazily to keep --help fast
    """Open the store named by --db / CLAIMCHECK_DB, building it from bundled data if new."""
    from claimcheck.services.stores import StoreUnavailable
    from claimcheck.services.stores import open_store as service

    try:
        return service(settings_from(ctx), notice)
    except StoreUnavailable as exc:
        if exc.busy:
            raise StoreFailure(str(exc)) from exc
        raise InputError(str(exc)) from exc


class _Main(click.Group):
    """The command group, with one last guard: no traceback and never exit 1 for a crash.

    A store failure nobody handled is exit 3 and an unexpected exception (a bug) exit 4, each
    one line on stderr; CLAIMCHECK_DEBUG=1 shows the traceback too.
    """

    def invoke(self, ctx: click.Context) -> Any:
        import os
        import sqlite3

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # the reader went away (`claimcheck check ... | head`): nothing left to say
            sys.stderr.close()
            ctx.exit(EXIT_OK)
        except Exception as exc:
            from claimcheck.services.stores import StoreError

            if os.environ.get("CLAIMCHECK_DEBUG"):
                import traceback

                traceback.print_exc()
            detail = " ".join(str(exc).split()) or type(exc).__name__
            if isinstance(exc, StoreError | sqlite3.Error):
                click.echo(f"claimcheck: error: the store: {detail}", err=True)
                ctx.exit(EXIT_STORE)
            click.echo(
                f"claimcheck: internal error: {type(exc).__name__}: {detail[:300]} "
                "(a bug; CLAIMCHECK_DEBUG=1 shows where)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(
    cls=_Main,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CLAIMCHECK_DB",
    help="SQLite store to use (default: the user data directory; env CLAIMCHECK_DB).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour in tables, progress and the app (default: on a terminal, unless NO_COLOR).",
)
@click.version_option(__version__, "-V", "--version", prog_name="claimcheck")
@click.pass_context
def main(ctx: click.Context, db: Path | None, color: bool | None) -> None:
    """Fact-check comparative claims in AI model-release announcements.

    Without a command, opens the interactive app on the store (created from the bundled
    data on first use). Preferences (theme, export format, store path) are in the file
    `claimcheck config path` prints; --db and CLAIMCHECK_DB win over it.
    """
    ctx.meta[_COLOR] = color
    if ctx.invoked_subcommand == "config":
        # `claimcheck config` must work to repair a broken file, so it reads the file itself
        ctx.obj = Settings.load(db)
        return
    try:
        preferences = load_preferences()
    except ConfigError as exc:
        raise InputError(str(exc)) from exc
    ctx.obj = Settings.load(db, preferences=preferences)
    if ctx.invoked_subcommand is None:
        try:
            from claimcheck.tui import run_app
        except ImportError as exc:  # pragma: no cover - only if the TUI is missing
            raise click.ClickException(f"the app is not available: {exc}") from exc
        if not sys.stdout.isatty():
            raise InputError("the app needs a terminal; try 'claimcheck check data/samples'")
        # Textual reads NO_COLOR when the app starts: the flags decide it for this run
        if color is False:
            os.environ["NO_COLOR"] = "1"
        elif color is True:
            os.environ.pop("NO_COLOR", None)
        run_app(ctx.obj)


def _register() -> None:
    import importlib

    for name in ("evals", "models", "extract", "check", "fetch", "config", "articles"):
        try:
            module = importlib.import_module(f"claimcheck.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"claimcheck.cli.{name}":
                raise
            continue
        module.register(main)


_register()
