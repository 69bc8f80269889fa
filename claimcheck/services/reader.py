"""Read-only views of the store with plain `sqlite3`, for the app's first screen.

`claimcheck.store.Store` brings in sqlite-utils (and what it imports) and checks the schema
on every open: about a tenth of a second of CPU that, at start-up, competes with Textual
drawing the first screen. The article list and the selected article need neither, so they
are read here: a read-only connection (it can never create or change the database) and the
same queries as `Store.articles()`, `Store.article()` and `Store.checked_claims()` — a test
checks that both give the same rows. Every function returns None when the store cannot be
read this way (no file yet, an older schema), and the caller falls back to `Store`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from claimcheck.store.queries import ARTICLES_SQL, read_checked_claims


def _connect(db_path: Path) -> sqlite3.Connection | None:
    if not db_path.is_file():
        return None  # a fresh machine: the Store builds it
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    conn.row_factory = sqlite3.Row
    return conn


def articles(db_path: Path) -> list[dict[str, Any]] | None:
    """Stored articles with their verdict tallies, newest first (as `Store.articles()`)."""
    conn = _connect(db_path)
    if conn is None:
        return None
    try:
        return [dict(row) for row in conn.execute(ARTICLES_SQL)]
    except sqlite3.Error:
        return None  # tables missing or shaped differently: let the Store deal with it
    finally:
        conn.close()


def article_with_claims(
    db_path: Path, article_id: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]] | None:
    """(the article, or None if it is not stored; its checked claims), as `Store.article()`
    and `Store.checked_claims(article_id)` give them; None if the store cannot be read here."""
    conn = _connect(db_path)
    if conn is None:
        return None
    try:
        found = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if found is None:
            return None, []
        claims = read_checked_claims(conn.execute, article_id=article_id)
        return dict(found), claims
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def snapshot_urls(db_path: Path, shas: list[str]) -> dict[str, str]:
    """The pinned source URL of each evidence snapshot (claims stored before evidence rows
    carried their URL); {} when the store cannot be read."""
    conn = _connect(db_path)
    if conn is None or not shas:
        return {}
    try:
        marks = ",".join("?" * len(shas))
        sql = f"SELECT sha256, source_url FROM snapshots WHERE sha256 IN ({marks})"
        return {row[0]: row[1] for row in conn.execute(sql, shas) if row[1]}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
