"""The suite gives the same answers whatever the user's shell exports (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_no_test_sees_the_users_colour_width_or_paths() -> None:
    for name in ("NO_COLOR", "COLUMNS", "CLAIMCHECK_DB", "CLAIMCHECK_CONFIG"):
        assert name not in os.environ
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        assert "xdg" in os.environ[var]  # the test's own folder, never the user's


@pytest.mark.slow
def test_snapshots_and_cli_pass_in_a_hostile_shell(tmp_path: Path) -> None:
    """Colour, width and path variables in the shell once failed 10 snapshot tests."""
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "COLUMNS": "37",
        "CLAIMCHECK_DB": "/nonexistent/x.db",
        "XDG_CONFIG_HOME": str(tmp_path / "user-config"),
        "XDG_DATA_HOME": str(tmp_path / "user-data"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "tests/test_tui_snapshots.py::test_help",
            "tests/test_isolation.py::test_no_test_sees_the_users_colour_width_or_paths",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout
    assert not (tmp_path / "user-config").exists() and not (tmp_path / "user-data").exists()
