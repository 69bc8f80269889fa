"""The core never imports Textual: each module, imported alone in a fresh interpreter.

The CLI, the batch checker and anything embedding claimcheck must not pay for (or depend on)
the TUI. A fresh interpreter per module catches an import that only happens to be absent
because another test imported things in a different order.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    """Every claimcheck module outside the TUI package (and the `python -m` entry point)."""
    names = ["claimcheck"]
    for info in pkgutil.walk_packages(claimcheck.__path__, prefix="claimcheck."):
        if info.name.startswith("claimcheck.tui") or info.name == "claimcheck.__main__":
            continue
        names.append(info.name)
    return sorted(names)


def test_the_module_list_covers_the_core() -> None:
    modules = core_modules()
    for expected in ("claimcheck.store", "claimcheck.pipeline", "claimcheck.cli"):
        assert expected in modules
    assert not any(m.startswith("claimcheck.tui") for m in modules)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]", f"{module} imports {result.stdout.strip()}"


def test_the_tui_does_import_textual() -> None:
    """The check above can fail: the same probe sees Textual when the TUI is imported."""
    code = "import sys, claimcheck.tui\nprint('textual' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.stdout.strip() == "True", result.stderr[-2000:]
