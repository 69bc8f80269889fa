"""The judge's index summary is kept in the store's meta, and dropped whenever its rows change."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.models import Document, Evaluation, Snapshot
from claimcheck.store import Store
from claimcheck.store.schema import SUMMARY_KEY

MODELS = [{"id": f"m{i}", "name": f"Model {i}"} for i in range(3)]
BENCHMARKS = [{"id": "b1", "name": "Bench"}, {"id": "b2", "name": "Other"}]


def _row(model: str, benchmark: str, as_of: str, **extra: object) -> Evaluation:
    return Evaluation(
        model=model,
        benchmark=benchmark,
        metric="accuracy",
        score=50.0,
        source="board",
        as_of=as_of,
        snapshot="s1",
        model_id=model,
        benchmark_id=benchmark,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture()
def store(tmp_path: Path):
    s = Store(tmp_path / "summary.db")
    s.replace_registries(MODELS, [], BENCHMARKS, [])
    s.import_evaluations(
        [_row("m0", "b1", "2024-01-02"), _row("m1", "b1", "2024-03-04", system="Agent")],
        Snapshot(sha256="s1", source="board", file_name="board.csv"),
    )
    yield s
    s.close()


def test_the_kept_summary_is_the_computed_one(store: Store) -> None:
    assert store.get_meta(SUMMARY_KEY) is None
    computed = store.index_summary()
    assert store.get_meta(SUMMARY_KEY) is not None
    assert store.index_summary() == computed == store._summarise(None)
    assert computed.rows == 2
    assert computed.first_seen == {"m0": "2024-01-02", "m1": "2024-03-04"}
    assert computed.system_benchmarks == ["b1"]
    assert computed.slices == [("b1", "independent", "board")]


def test_a_summary_as_of_a_date_is_computed_not_kept(store: Store) -> None:
    assert store.index_summary("2024-02-01").rows == 1
    assert store.get_meta(SUMMARY_KEY) is None


def test_new_changed_or_removed_index_rows_drop_the_summary(store: Store) -> None:
    store.index_summary()
    snap = Snapshot(sha256="s2", source="board", file_name="later.csv")
    store.import_evaluations([replace(_row("m2", "b2", "2024-05-06"), snapshot="s2")], snap)
    assert store.get_meta(SUMMARY_KEY) is None
    assert store.index_summary().rows == 3
    # the registry loses a model: its rows become unresolved and leave the index
    store.replace_registries(MODELS[:2], [], BENCHMARKS, [])
    assert store.get_meta(SUMMARY_KEY) is None
    assert store.index_summary().rows == 2
    with store.transaction():
        store.conn.execute("DELETE FROM evaluations WHERE model_id = 'm0'")
    assert store.get_meta(SUMMARY_KEY) is None
    assert store.index_summary().first_seen == {"m1": "2024-03-04"}


def test_a_checked_documents_own_table_keeps_the_summary(store: Store) -> None:
    kept = store.index_summary()
    doc = Document(path="/tmp/vendor.md", text="Model 0 scores 90 on Bench.")
    vendor = replace(_row("m0", "b1", "2024-06-01"), kind="self_reported")
    aid = store.save_checked(doc, [], vendor_rows=[vendor])
    assert store.get_meta(SUMMARY_KEY) is not None
    store.remove_article(aid)  # its vendor rows go with it (ON DELETE CASCADE)
    assert store.get_meta(SUMMARY_KEY) is not None
    assert store.index_summary() == kept == store._summarise(None)


def test_a_reader_never_waits_for_another_writer_to_keep_it(store: Store) -> None:
    store.conn.execute("PRAGMA busy_timeout = 30000")  # a write would wait 30 s for the lock
    other = sqlite3.connect(store.path, isolation_level=None)  # type: ignore[arg-type]
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        summary = store.index_summary()
        assert time.monotonic() - started < 10
        assert summary == store._summarise(None)
        assert store.get_meta(SUMMARY_KEY) is None  # not kept: the store was locked
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
    store.index_summary()
    assert store.get_meta(SUMMARY_KEY) is not None


def test_an_older_store_gets_the_triggers_and_forgets_an_untrusted_summary(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    Store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("INSERT INTO meta VALUES (?, '{\"version\": 1}')", [SUMMARY_KEY])
    conn.close()
    with Store(path) as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"evaluations_added", "evaluations_changed", "evaluations_removed"} <= names
        assert store.get_meta(SUMMARY_KEY) is None
