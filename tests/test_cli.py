"""The CLI as a whole: every command is documented, and --help works for each."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import main

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(cmd, click.Group):
            paths.extend(_command_paths(cmd, path))
        else:
            paths.append(path)
    return paths


def test_every_command_appears_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    missing = [
        " ".join(p) for p in _command_paths(main) if f"claimcheck {' '.join(p)}" not in readme
    ]
    assert missing == []


def test_every_command_has_help_text():
    runner = CliRunner()
    for path in _command_paths(main):
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
        # the docstring's first line must say something
        cmd: click.Command = main
        for name in path:
            assert isinstance(cmd, click.Group)
            cmd = cmd.commands[name]
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no docstring"


def test_bare_command_without_a_terminal_explains_itself(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output


# -- colour, version, completion, preferences ------------------------------------------------

SAMPLE = "On MMLU, Falcon-9 surpasses GPT-4o by two points.\n"


def _doc(tmp_path: Path) -> str:
    path = tmp_path / "a.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return str(path)


def test_short_and_long_version_flags():
    from claimcheck import __version__

    for flag in ("-V", "--version"):
        result = CliRunner().invoke(main, [flag])
        assert result.exit_code == 0 and __version__ in result.output


def test_color_flags_decide_and_no_color_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_DB", str(tmp_path / "x.db"))
    doc = _doc(tmp_path)
    runner = CliRunner()
    forced = runner.invoke(main, ["--color", "check", doc, "--no-store"])
    assert forced.exit_code == 0, forced.output
    assert "\x1b[" in forced.output  # forced on, even into a pipe
    plain = runner.invoke(main, ["--no-color", "check", doc, "--no-store"])
    assert plain.exit_code == 0 and "\x1b[" not in plain.output
    assert "supported" in plain.output or "unverifiable" in plain.output
    # the flag wins over NO_COLOR; NO_COLOR alone switches colour off
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" in runner.invoke(main, ["--color", "check", doc, "--no-store"]).output


def test_use_color_rule(monkeypatch):
    from claimcheck.cli import use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    assert use_color(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "")
    assert use_color(Tty()) is True  # no-color.org: an empty NO_COLOR does not count
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False
    monkeypatch.delenv("NO_COLOR")
    assert use_color(io.StringIO()) is False  # not a terminal


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run claimcheck with its stdout on a pseudo-terminal; return what it wrote there."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", *args],
        stdout=slave,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=120) == 0, out[-2000:]
    return out


@pytest.mark.slow
def test_a_table_on_a_terminal_has_colour_unless_no_color(tmp_path):
    """NO_COLOR once still coloured the check table on a real terminal."""
    env = {**os.environ, "CLAIMCHECK_DB": str(tmp_path / "x.db"), "PYTHONPATH": str(REPO)}
    args = ["check", _doc(tmp_path), "--no-store"]
    assert b"\x1b[" in _on_a_terminal(args, env)
    plain = _on_a_terminal(args, {**env, "NO_COLOR": "1"})
    assert b"\x1b" not in plain and b"Falcon-9" in plain


def test_shell_completion_script_is_generated():
    result = CliRunner().invoke(
        main, [], prog_name="claimcheck", env={"_CLAIMCHECK_COMPLETE": "bash_source"}
    )
    assert result.exit_code == 0
    assert "_claimcheck_completion" in result.output and "complete " in result.output


def test_preferences_round_trip_and_db_precedence(tmp_path, monkeypatch):
    from claimcheck.config import Settings, config_path, load_preferences

    runner = CliRunner()
    assert runner.invoke(main, ["config", "path"]).output.strip() == str(config_path())
    result = runner.invoke(main, ["config", "set", "export_format", "html"])
    assert result.exit_code == 0, result.output
    stored = tmp_path / "kept.db"
    assert runner.invoke(main, ["config", "set", "db", str(stored)]).exit_code == 0
    assert load_preferences().export_format == "html"
    shown = runner.invoke(main, ["config", "show"]).output
    assert "export_format = 'html'" in shown and "theme = 'textual-dark'  (default)" in shown
    # the file names the store; CLAIMCHECK_DB and --db win over it, in that order upwards
    assert Settings.load().db_path == stored
    monkeypatch.setenv("CLAIMCHECK_DB", str(tmp_path / "env.db"))
    assert Settings.load().db_path == tmp_path / "env.db"
    assert Settings.load(tmp_path / "flag.db").db_path == tmp_path / "flag.db"
    assert runner.invoke(main, ["config", "unset", "export_format"]).exit_code == 0
    assert load_preferences().export_format == "md"
    assert "export_format" not in config_path().read_text(encoding="utf-8")


def test_a_broken_preferences_file_is_one_line_and_exit_2(tmp_path):
    from claimcheck.config import config_path

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    for text, expected in (
        ("theme = [", "not a valid TOML file"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ('theme = "pink"\n', "theme 'pink'"),
    ):
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(main, ["--db", str(tmp_path / "x.db"), "ledger"])
        assert result.exit_code == 2
        assert str(path) in result.output and expected in result.output
        assert "Traceback" not in result.output
    # `config` itself still runs, so the file can be repaired from the command line
    assert runner.invoke(main, ["config", "path"]).exit_code == 0
    result = runner.invoke(main, ["config", "set", "theme", "pink"])
    assert result.exit_code == 2 and "theme 'pink'" in result.output
