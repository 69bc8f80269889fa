"""The Textual app: bare `claimcheck` opens it.

`make_app()` builds it for the CLI, the tests and the screenshot script; `run_app()` is what
the CLI calls. Importing this package imports Textual, so the core never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.tui.app import ClaimcheckApp, make_app

if TYPE_CHECKING:
    from claimcheck.config import Settings


def run_app(settings: Settings) -> None:
    """Open the app on the store named by `settings` (built from the bundled data if new)."""
    make_app(settings).run()


__all__ = ["ClaimcheckApp", "make_app", "run_app"]
