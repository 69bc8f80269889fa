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


def test_evaluations_read_back_as_stored_with_shared_strings(store):
    rows = [
        Evaluation(
            model=f"m{i % 3}",
            benchmark="GPQA",
            metric="acc",
            score=40.0 + i,
            source="epoch",
            as_of="2025-01-0" + str(1 + i % 2),
            ci_low=None if i % 2 else 39.0,
            ci_high=None if i % 2 else 45.0,
            notes="n" if i == 4 else "",
            kind="self_reported" if i == 1 else "independent",
            reported_by="Lab" if i == 1 else None,
            derived=i == 2,
            model_id=None if i == 3 else f"m{i % 3}",
            benchmark_id="gpqa",
            snapshot="s" * 64,
            system="Agentless + m0" if i == 5 else "",
        )
        for i in range(6)
    ]
    store.import_evaluations(rows, Snapshot(sha256="s" * 64, source="epoch", file_name="f"))
    store.db.execute("UPDATE evaluations SET setting = NULL, source_url = NULL")  # older rows
    back = store.evaluations()
    assert sorted(back, key=lambda e: e.score) == rows
    assert all(type(e.derived) is bool for e in back)
    assert len({id(e.snapshot) for e in back}) == 1  # one string for a value repeated in rows


def test_evaluations_read_back_every_field(store):
    """A field added to Evaluation must be added to the store's fast read path too."""
    from dataclasses import MISSING, fields

    values = {}
    for f in fields(Evaluation):
        default = f.default if f.default is not MISSING else None
        if f.name == "kind":
            values[f.name] = "self_reported"
        elif f.name == "derived":
            values[f.name] = True
        elif isinstance(default, float) or f.name in ("score", "ci_low", "ci_high", "stderr"):
            values[f.name] = 1.5 + len(f.name)
        else:
            values[f.name] = f"value of {f.name}"
    row = Evaluation(**values)
    assert all(getattr(row, f.name) != f.default for f in fields(Evaluation))
    store.import_evaluations([row], Snapshot(sha256="x", source="s", file_name="f"))
    assert store.evaluations() == [row]
