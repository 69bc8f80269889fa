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
    # evaluations refer to the registry's models and benchmarks (foreign keys)
    store.replace_registries([{"id": "m1"}, {"id": "m2"}], [], [{"id": "b1"}], [])
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
    store.replace_registries([{"id": f"m{i}"} for i in range(3)], [], [{"id": "gpqa"}], [])
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
    # the ids it refers to exist (schema 2's foreign keys would unresolve or refuse them)
    store.replace_registries([{"id": row.model_id}], [], [{"id": row.benchmark_id}], [])
    store.db.table("articles").insert({"id": row.document, "text": ""})
    store.import_evaluations([row], Snapshot(sha256="x", source="s", file_name="f"))
    assert store.evaluations() == [row]


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


# -- one article per text; foreign keys; upgrades ------------------------------------------


def _checked(text: str) -> tuple[Claim, Verdict]:
    claim = Claim(
        text=text,
        start=0,
        end=len(text),
        subject=Mention("X", "x"),
        relation="surpasses",
        checkworthiness=0.9,
    )
    ev = Evidence("mmlu", "helm", 80.1, 79.0, 80.1 - 79.0, 0.7, "2024-01-01", snapshot="s")
    return claim, Verdict("supported", (), ("because",), (ev,), None)


def _doc(text: str, path: str) -> Document:
    import hashlib

    return Document(
        text=text, path=path, title="T", sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def test_the_same_text_under_two_paths_is_one_article_with_two_aliases(store):
    text = "X beats Y on MMLU."
    first = store.save_checked(_doc(text, "/site/data/samples/a.md"), [_checked(text)])
    second = store.save_checked(_doc(text, "/repo/data/samples/a.md"), [_checked(text)])
    again = store.save_checked(_doc(text, "/repo/data/samples/a.md"), [_checked(text)])
    assert first == second == again
    assert store.db["articles"].count == 1 and store.db["claims"].count == 1
    assert store.article_aliases(first) == ["/site/data/samples/a.md", "/repo/data/samples/a.md"]
    assert store.resolve_article("/repo/data/samples/a.md") == [first]


def test_an_edited_file_updates_its_article_and_keeps_the_old_text(store):
    aid = store.save_checked(_doc("Draft one.", "/d/post.md"), [_checked("Draft one.")])
    assert store.save_checked(_doc("Draft two.", "/d/post.md"), []) == aid
    assert store.db["articles"].count == 1
    assert store.article(aid)["text"] == "Draft two."
    assert store.db["article_versions"].count == 2
    assert store.db["claims"].count == 0  # the old claims went with their verdicts
    assert store.db["verdicts"].count == 0 and store.db["evidence"].count == 0


def test_a_path_whose_text_another_article_has_moves_to_that_article(store):
    a = store.save_checked(_doc("Text A.", "/x/a.md"), [_checked("Text A.")])
    b = store.save_checked(_doc("Text B.", "/x/b.md"), [_checked("Text B.")])
    # b.md now holds a.md's text: one article for that text; the superseded one is gone
    assert store.save_checked(_doc("Text A.", "/x/b.md"), [_checked("Text A.")]) == a
    assert store.article(b) is None
    assert sorted(store.article_aliases(a)) == ["/x/a.md", "/x/b.md"]
    # a path shared by two files' text splits off when one of them changes
    c = store.save_checked(_doc("Text C.", "/x/b.md"), [_checked("Text C.")])
    assert c != a and store.article_aliases(a) == ["/x/a.md"]
    assert store.article_aliases(c) == ["/x/b.md"]


def test_removing_an_article_removes_what_hangs_off_it(store):
    vendor = Evaluation(
        "X", "MMLU", "score", 80.0, "vendor_table", "2024-01-01", kind="self_reported"
    )
    aid = store.save_checked(
        _doc("X beats Y.", "/p.md"), [_checked("X beats Y.")], vendor_rows=[vendor]
    )
    assert store.db["evidence"].count == 1 and store.db["evaluations"].count == 1
    assert store.remove_article(aid) == 1
    for table in (
        "articles",
        "article_aliases",
        "article_versions",
        "claims",
        "verdicts",
        "evidence",
        "evaluations",
    ):
        assert store.db[table].count == 0, table


def test_evidence_round_trips_exactly_and_the_tables_link(store):
    aid = store.save_checked(_doc("X beats Y.", "/p.md"), [_checked("X beats Y.")])
    [row] = store.checked_claims(aid)
    assert verdict_from_record(row).evidence[0].difference == 80.1 - 79.0  # not 1.1 rounded
    links = {
        table: {
            (r["from"], r["table"]) for r in store.db.query(f"PRAGMA foreign_key_list({table})")
        }
        for table in ("claims", "verdicts", "evidence", "evaluations", "article_aliases")
    }
    assert links["claims"] == {("article_id", "articles")}
    assert links["verdicts"] == {("claim_id", "claims")}
    assert links["evidence"] == {("claim_id", "verdicts")}
    assert links["evaluations"] == {
        ("model_id", "models"),
        ("benchmark_id", "benchmarks"),
        ("document", "articles"),
    }
    assert links["article_aliases"] == {("article_id", "articles")}


def test_lookups_are_indexed(store):
    plans = {
        "DELETE FROM evaluations WHERE document = ?": "idx_evaluations_document",
        "SELECT id FROM articles WHERE content_hash = ?": "idx_articles_content_hash",
        "SELECT * FROM claims WHERE article_id = ?": "idx_claims_article_id",
        "SELECT * FROM evaluations WHERE snapshot = ?": "idx_evaluations_snapshot",
    }
    for sql, index in plans.items():
        plan = " ".join(str(r[-1]) for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", ["x"]))
        assert index in plan, (sql, plan)
