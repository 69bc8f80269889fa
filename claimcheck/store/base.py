"""The store's connection: opening the file, waiting for another writer, transactions, meta.

Only plain `sqlite3` is needed to open a store, read it and save a checked document, so that
is all a one-file `check` loads; sqlite-utils (about a fifth of a second to import) comes in
on first use of `Store.db`, by the methods that write registries, evaluations and sources.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    import sqlite_utils


class StoreError(Exception):
    """A store operation failed; the message is meant for the user."""


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than we were willing to wait."""


DEFAULT_LOCK_TIMEOUT = 300.0  # seconds a write waits for another writer (CLAIMCHECK_LOCK_TIMEOUT)
_LOCK_SLICE = 1.0  # SQLite's own busy wait per attempt; between attempts we can say so


def lock_timeout_default() -> float:
    """How long a write waits for another process's lock: CLAIMCHECK_LOCK_TIMEOUT or 300 s."""
    value = os.environ.get("CLAIMCHECK_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """A SQLite error in words a user can act on."""
    text = str(exc)
    lower = text.lower()
    if "file is not a database" in lower or "malformed" in lower:
        return "not a claimcheck store (not a SQLite database, or a damaged one)"
    if "readonly" in lower or "read-only" in lower:
        return "the file is read-only"
    if "unable to open" in lower:
        return "cannot create or open the file there"
    if is_busy(exc):
        return "another process is writing to it"
    if "disk i/o" in lower:
        return "disk I/O error (is it a regular file on a working disk?)"
    if "full" in lower:
        return "the disk is full"
    return text


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StoreBase:
    """The connection, its transactions and the `meta` table; the rest of `Store` builds on it.

    Create one per thread (SQLite connections are not shareable).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        memory: bool = False,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open (creating if needed) a store file; StoreError in words if it cannot be used.

        A write that finds another process holding the lock waits up to `lock_timeout`
        seconds (default `lock_timeout_default()`), calling `on_wait` once with a notice,
        then raises StoreBusy; after one full wait, later writes of this Store give up at once.
        """
        self.path = Path(path) if not memory else None
        self.lock_timeout = lock_timeout_default() if lock_timeout is None else lock_timeout
        self.on_wait = on_wait
        self.gave_up_waiting = False
        self._db: sqlite_utils.Database | None = None
        try:
            if memory:
                self.conn = sqlite3.connect(":memory:")  # as sqlite-utils' memory=True opens it
            else:
                p = Path(path)
                if p.exists() and not p.is_file():
                    from claimcheck.files import kind_of

                    what = kind_of(p.stat().st_mode)
                    raise StoreError(f"{p}: cannot open the store: {what}, not a file")
                try:
                    p.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise StoreError(f"{p}: cannot open the store: {reason} ({p.parent})") from exc
                slice_ = min(_LOCK_SLICE, max(self.lock_timeout, 0.01))
                self.conn = sqlite3.connect(str(p), timeout=slice_, isolation_level=None)
                try:
                    self.conn.execute("PRAGMA journal_mode=WAL")
                except sqlite3.OperationalError as exc:
                    # switching needs the other writer gone: read in the current mode now,
                    # and switch on a later open
                    if not is_busy(exc):
                        raise
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.ensure_schema()
        except sqlite3.Error as exc:
            where = self.path or ":memory:"
            raise StoreError(
                f"{where}: cannot open the store: {describe_sqlite_error(exc)}"
            ) from exc

    @property
    def db(self) -> sqlite_utils.Database:
        """The connection as a `sqlite_utils.Database` (made on first use)."""
        if self._db is None:
            import sqlite_utils

            # no sqlite-utils plugins: claimcheck uses none, and finding them scans the
            # metadata of every installed package on each open
            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Any:
        """`with store.transaction():` — one atomic batch (BEGIN IMMEDIATE ... COMMIT).

        Waits for another process's write lock with a notice (see `__init__`), then raises
        StoreBusy; nothing of the batch is written unless all of it is.
        """
        return _Transaction(self)

    def ensure_schema(self) -> None:
        """Create a new store, upgrade an older one, or accept a current one (`schema`)."""
        from claimcheck.store.schema import SchemaError, ensure_schema

        try:
            ensure_schema(self.conn, self.transaction)
        except SchemaError as exc:
            raise StoreError(f"{self.path or ':memory:'}: {exc}") from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of a query as dicts, as `sqlite_utils.Database.query` gives them."""
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


class _Transaction:
    """BEGIN IMMEDIATE/COMMIT, or ROLLBACK on any exception. Nested use joins the outer one.

    BEGIN IMMEDIATE takes the write lock up front, so waiting for another writer happens here
    and nowhere in the middle of a batch: in slices of SQLite's busy timeout, with one notice
    through the store's `on_wait` so a user knows why nothing moves.
    """

    def __init__(self, store: StoreBase) -> None:
        self.store = store
        self.conn = store.conn
        self.owner = False

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            return
        store = self.store
        started = time.monotonic()
        noticed = False
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    raise
                waited = time.monotonic() - started
                if store.gave_up_waiting or waited >= store.lock_timeout:
                    store.gave_up_waiting = True
                    raise StoreBusy(
                        f"{store.path}: another process held the store's write lock for "
                        f"{waited:.0f} s (waited up to {store.lock_timeout:g} s; "
                        "CLAIMCHECK_LOCK_TIMEOUT sets how long)"
                    ) from exc
                if not noticed and store.on_wait is not None:
                    store.on_wait(
                        f"the store {store.path} is locked by another process; waiting up to "
                        f"{store.lock_timeout:g} s for it"
                    )
                noticed = True
        self.owner = True

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.owner:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
