"""The CLI as a whole: every command is documented, and --help works for each."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from claimcheck.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


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
