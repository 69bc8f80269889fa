"""Opening the store the way every shell does: named by the settings, built if new.

A store that is busy refreshing its bundled tables is opened as it is, so a check still
reports; the shells turn `StoreUnavailable` into their own message and exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from claimcheck.config import Settings
from claimcheck.store import (
    Store,
    StoreBusy,
    StoreError,
    create_from_template,
    describe_sqlite_error,
)

__all__ = [
    "Store",
    "StoreError",
    "StoreUnavailable",
    "create_from_template",
    "describe_sqlite_error",
    "open_store",
]


class StoreUnavailable(Exception):
    """The store cannot be used. `busy`: locked by another process (try again), else the
    file or its directory is wrong (bad input)."""

    def __init__(self, message: str, *, busy: bool = False) -> None:
        super().__init__(message)
        self.busy = busy


def open_store(settings: Settings, notice: Callable[[str], None]) -> Store:
    """The store at `settings.db_path`, built from the bundled data if it is new.

    `notice` hears about waits for a lock and a refresh skipped because of one.
    """
    try:
        return Store.open(settings.db_path, data_dir=settings.data_dir, on_wait=notice)
    except StoreBusy as exc:
        if not Path(settings.db_path).is_file():
            raise StoreUnavailable(str(exc), busy=True) from exc
        # the bundled tables wanted a refresh that the lock refused: go on with the ones the
        # store has, so a check still reports (its saving then says what was not saved)
        notice(f"the bundled data was not refreshed in {settings.db_path}: {exc}")
        try:
            return Store.open(settings.db_path, build=False, on_wait=notice)
        except StoreError as again:
            raise StoreUnavailable(str(again), busy=True) from again
    except StoreError as exc:
        raise StoreUnavailable(str(exc)) from exc
    except OSError as exc:
        raise StoreUnavailable(f"{settings.db_path}: cannot open the store: {exc}") from exc
