"""Snapshots of the app's main screens at 80×24 and 160×48 (pytest-textual-snapshot).

The store is the fixed one from tests/tui_data.py, so a snapshot changes only when the
screens do. After a deliberate change of layout, review and accept with
`pytest tests/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, TextArea
from tui_data import BENCHMARKS, StandInChecker, build_store, first_claim_shown, until

from claimcheck.tui import make_app
from claimcheck.tui.app import ClaimcheckApp
from claimcheck.tui.screens import HelpScreen, ModelScreen

SIZES = [(80, 24), (160, 48)]
MODELS: dict[str, dict[str, Any]] = {
    "llama-3.1-405b": {
        "name": "Llama 3.1 405B",
        "org": "Meta",
        "family": "llama-3.1-405b",
        "release_date": "2024-07-23",
        "open_weights": True,
        "aliases": ["Llama-3.1-405B", "Meta-Llama-3.1-405B"],
    },
    "gpt-4o-mini-2024-07-18": {"name": "GPT-4o mini", "org": "OpenAI"},
}


@pytest.fixture()
def app(tmp_path: Path) -> ClaimcheckApp:
    path = tmp_path / "snap.db"
    build_store(path)
    app = make_app(db_path=path, build=False, first_run=False, checker_factory=StandInChecker)
    # the registry grows as the project does; snapshots must not change when it does
    app.model_info = MODELS.get  # type: ignore[method-assign]
    app.model_orgs = lambda: {k: v["org"] for k, v in MODELS.items()}  # type: ignore[method-assign]
    app.benchmark_infos = lambda: BENCHMARKS  # type: ignore[method-assign]
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_articles(snap_compare: Any, app: ClaimcheckApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await first_claim_shown(pilot)
        await pilot.press("n")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_claims(snap_compare: Any, app: ClaimcheckApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await first_claim_shown(pilot)
        await pilot.press("2")
        table = pilot.app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        await pilot.press("s")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_check_text(snap_compare: Any, app: ClaimcheckApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await first_claim_shown(pilot)
        await pilot.press("3")
        pilot.app.query_one("#draft", TextArea).insert(
            "Our new model beats GPT-4o on MMLU.\nIt is fast and it is cheap."
        )
        table = pilot.app.query_one("#draft-claims", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        await pilot.press("escape")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_model_view(snap_compare: Any, app: ClaimcheckApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await first_claim_shown(pilot)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(pilot.app.screen, ModelScreen))
        table = pilot.app.screen.query_one("#model-evals", DataTable)
        await until(pilot, lambda: table.row_count == 7)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Any, app: ClaimcheckApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await first_claim_shown(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
