"""The import contracts of pyproject.toml (`[tool.importlinter]`), checked by import-linter.

lint-imports runs in a fresh interpreter started in a temporary directory, so the checkout is
not on its path: the import graph is built from the claimcheck this environment has installed
(the checkout itself in an editable install, site-packages in CI's `pip install '.[test]'`).
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import claimcheck

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)
SHELLS = {"claimcheck.cli", "claimcheck.tui", "claimcheck.__main__"}


def _lint(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT, str(config)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_import_contracts_hold(tmp_path: Path) -> None:
    result = _lint(PYPROJECT, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for contract in _contracts():
        assert f"{contract['name']} KEPT" in result.stdout
    assert f"{len(_contracts())} kept, 0 broken" in result.stdout


def test_the_shell_library_contract_covers_every_module_below_the_shells() -> None:
    """A module added to claimcheck is covered by the Textual/click ban, or this fails."""
    contract = next(c for c in _contracts() if c["id"] == "shell-libraries")
    modules = {f"claimcheck.{m.name}" for m in pkgutil.iter_modules(claimcheck.__path__)}
    assert set(contract["source_modules"]) == modules - SHELLS
    assert set(contract["forbidden_modules"]) == {"textual", "click"}


def test_a_broken_contract_fails_the_run(tmp_path: Path) -> None:
    """The runner can fail: the CLI reaches the models (through everything it calls)."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "claimcheck"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "the CLI never reaches the models"\ntype = "forbidden"\n'
        'source_modules = ["claimcheck.cli"]\nforbidden_modules = ["claimcheck.models"]\n',
        encoding="utf-8",
    )
    result = _lint(config, tmp_path)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "the CLI never reaches the models BROKEN" in result.stdout
    assert "claimcheck.cli" in result.stdout and "claimcheck.models" in result.stdout
