"""The store: idempotent writes, atomic batches, readable schema."""

from __future__ import annotations

import sqlite3

import pytest

from claimcheck.models import Claim, Document, Evaluation, Evidence, Mention, Verdict
from claimcheck.store import Snapshot, Store, claim_from_record, verdict_from_record


def _rows(n: int, snapshot: str = "abc") -> list[Evaluation]:
    return [
        Evaluation(
            model=f"model-{i}",
            benchmark="HumanEval",
            metric="pass@1 (%)",
            score=50.0 + i,
            source="evalplus",
            as_of="2024-12-26",
            snapshot=snapshot,
        )
        for i in range(n)
    ]


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_reimporting_the_same_file_changes_nothing(store):
    snap = Snapshot(sha256="abc", source="evalplus", file_name="results.json")
    assert store.import_evaluations(_rows(5), snap) == (5, 5)
    assert store.import_evaluations(_rows(5), snap) == (5, 0)
    assert store.db["evaluations"].count == 5
    assert store.db["snapshots"].count == 1


def test_a_failed_batch_leaves_nothing_behind(store):
    good = _rows(3)
    with pytest.raises(RuntimeError), store.transaction():
        store.db["evaluations"].insert_all(
            [{"id": f"x{i}", "model": r.model, "score": r.score} for i, r in enumerate(good)]
        )
        raise RuntimeError("parse error half-way")
    assert store.db["evaluations"].count == 0


def test_evaluation_filters(store):
    rows = [
        Evaluation(
            model="a",
            benchmark="b",
            metric="m",
            score=1.0,
            source="s1",
            as_of="2024-01-01",
            model_id="m1",
            benchmark_id="b1",
        ),
        Evaluation(
            model="c",
            benchmark="b",
            metric="m",
            score=2.0,
            source="s2",
            as_of="2025-01-01",
            model_id="m2",
            benchmark_id="b1",
            kind="self_reported",
            reported_by="Org",
        ),
    ]
    store.import_evaluations(rows, Snapshot(sha256="s", source="s", file_name="f"))
    assert [e.model for e in store.evaluations(model_ids=["m1", "m2"])] == ["a", "c"]
    assert [e.model for e in store.evaluations(until="2024-06-30")] == ["a"]
    assert [e.reported_by for e in store.evaluations(kind="self_reported")] == ["Org"]
    assert store.evaluations(model_ids=[]) == []


def test_saving_a_checked_document_twice_keeps_one_copy_and_the_history(store):
    claim = Claim(
        text="X beats Y on MMLU.",
        start=0,
        end=18,
        subject=Mention("X", "x"),
        relation="surpasses",
        targets=(Mention("Y", "y"),),
        benchmarks=(Mention("MMLU", "mmlu"),),
        checkworthiness=0.9,
    )
    ev = Evidence(
        benchmark="mmlu",
        source="helm",
        subject_score=80.0,
        target_score=79.0,
        difference=1.0,
        margin=0.7,
        as_of="2024-01-01",
        snapshot="deadbeef",
    )
    verdict = Verdict("supported", ("noise",), ("because",), (ev,), None)
    doc = Document(text="X beats Y on MMLU.", path="a.md", title="A", date="2024-09-01")
    aid = store.save_checked(doc, [(claim, verdict)])
    assert store.save_checked(doc, [(claim, verdict)]) == aid
    changed = Document(text="X beats Y on MMLU. Now longer.", path="a.md", title="A")
    store.save_checked(changed, [(claim, verdict)])
    assert store.db["articles"].count == 1
    assert store.db["article_versions"].count == 2
    rows = store.checked_claims(aid)
    assert len(rows) == 1
    assert claim_from_record(rows[0]) == claim
    assert verdict_from_record(rows[0]) == verdict
    tally = store.articles()[0]
    assert (tally["supported"], tally["claims"]) == (1, 1)


def test_the_file_opens_with_plain_sqlite(tmp_path):
    path = tmp_path / "plain.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"evaluations", "models", "model_aliases", "benchmarks", "claims", "verdicts"} <= tables


def test_opening_an_existing_store_writes_nothing(tmp_path):
    path = tmp_path / "quiet.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    before = conn.execute("PRAGMA data_version").fetchone()[0]
    changes_before = conn.total_changes
    Store(path).close()  # another connection opens it: must not write
    # data_version changes when another connection commits a write
    assert conn.execute("PRAGMA data_version").fetchone()[0] == before
    assert conn.total_changes == changes_before


# -- faults: locks and files that are not stores --------------------------------------------


def _hold_write_lock(path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT OR REPLACE INTO meta VALUES ('held', 'yes')")
    return other


def test_a_write_waits_for_another_writer_with_one_notice(tmp_path):
    path = tmp_path / "busy.db"
    Store(path).close()
    other = _hold_write_lock(path)
    notices: list[str] = []

    def release(message: str) -> None:  # called once the wait starts: the other writer ends
        notices.append(message)
        other.execute("COMMIT")

    with Store(path, lock_timeout=60, on_wait=release) as store:
        store.import_evaluations(_rows(3), Snapshot(sha256="abc", source="s", file_name="f"))
        assert store.db["evaluations"].count == 3
    assert len(notices) == 1 and "locked by another process" in notices[0]
    other.close()


def test_a_write_gives_up_after_the_lock_timeout_and_keeps_nothing_half_written(tmp_path):
    from claimcheck.store import StoreBusy

    path = tmp_path / "busy.db"
    Store(path).close()
    other = _hold_write_lock(path)
    notices: list[str] = []
    with Store(path, lock_timeout=1.5, on_wait=notices.append) as store:
        with pytest.raises(StoreBusy, match="held the store's write lock"):
            store.import_evaluations(_rows(3), Snapshot(sha256="abc", source="s", file_name="f"))
        assert store.gave_up_waiting
        with pytest.raises(StoreBusy):  # later writes do not wait the whole timeout again
            store.set_meta("x", "y")
        assert store.db["evaluations"].count == 0
    assert len(notices) == 1
    other.close()


@pytest.mark.parametrize("kind", ["garbage", "directory", "device", "under_a_file"])
def test_what_is_not_a_store_is_one_line(tmp_path, kind):
    from claimcheck.store import StoreError

    if kind == "garbage":
        path = tmp_path / "garbage.db"
        path.write_bytes(b"this is not sqlite\n" * 100)
        expected = "not a claimcheck store"
    elif kind == "directory":
        path = tmp_path / "folder.db"
        path.mkdir()
        expected = "a directory, not a file"
    elif kind == "device":
        path = tmp_path / "null.db"
        if not hasattr(__import__("os"), "mkfifo"):
            pytest.skip("needs named pipes")
        __import__("os").mkfifo(path)
        expected = "a named pipe, not a file"
    else:
        (tmp_path / "file.txt").write_text("x")
        path = tmp_path / "file.txt" / "x.db"
        expected = "cannot open the store"
    with pytest.raises((StoreError, OSError)) as info:
        Store(path)
    message = str(info.value)
    assert expected in message and "\n" not in message
