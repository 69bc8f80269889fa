"""Archives in partitions, their results and manifest, re-runs, and the store pass (no Dask).

The partition runner is checked against the single-process pipeline (`Checker.check_document`
on the same documents); `test_scale_dask.py` runs the same partitions on a Dask cluster.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archives import (
    articles,
    claims_by_document,
    expected_claims,
    local_engine,
    strip_context,
    write_jsonl,
    write_parquet,
)

from claimcheck.models import CheckedDocument
from claimcheck.pipeline import Checker
from claimcheck.report import claim_dict
from claimcheck.scale.archive import ArchiveError, plan, read_partition, to_row
from claimcheck.scale.results import (
    checked_claim,
    claims_schema,
    document_row,
    documents_schema,
    read_rows,
)
from claimcheck.scale.run import (
    LocalEngine,
    OutputError,
    RunOptions,
    check_archives,
    check_partition,
    store_results,
)
from claimcheck.store import Store


@pytest.fixture(scope="module")
def reference(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A single-process Checker, shared: the pipeline every engine must agree with."""
    path = tmp_path_factory.mktemp("ref") / "claimcheck.db"
    shutil.copy(built_db, path)
    store = Store(path)
    checker = Checker(store)
    checker.index, checker.prices  # noqa: B018
    yield checker
    store.close()


# -- planning and reading -------------------------------------------------------------------


def test_jsonl_partitions_cover_every_line_once(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": f"row {i}"}) for i in range(23)]
    lines[5] = ""  # a blank line counts as a line but is no row
    path.write_text("\n".join(lines), encoding="utf-8")  # the last line has no newline
    infos, parts = plan([str(path)], 5)
    assert infos[0].rows == 23
    assert [(p.first_row, p.rows) for p in parts] == [(1, 5), (6, 5), (11, 5), (16, 5), (21, 3)]
    ids = [r.id for p in parts for r in read_partition(p)]
    assert ids == [f"{path}:{n}" for n in range(1, 24) if n != 6]
    texts = [r.document.text for p in parts for r in read_partition(p) if r.document]
    assert texts == [f"row {i}" for i in range(23) if i != 5]


def test_jsonl_bad_rows_are_error_rows_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        "\n".join(
            [
                '{"text": "GPT-4o is here.", "title": "T", "date": "2024-05-13", "source": "s"}',
                "{not json",
                "[1, 2]",
                '{"title": "no text"}',
                '{"text": 42}',
                '{"text": "ok", "date": "last Tuesday"}',
                '{"text": "dated", "date": "2024-06-01T10:00:00Z", "url": "https://x.example/a"}',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    rows = [r for p in plan([str(path)], 100)[1] for r in read_partition(p)]
    errors = {r.id.rsplit(":", 1)[1]: r.error for r in rows if r.error}
    assert errors["2"].startswith("not JSON")
    assert errors["3"] == "not a JSON object but list"
    assert errors["4"] == "no text; each row needs a 'text' string"
    assert errors["5"] == "text is int; each row needs a 'text' string"
    assert errors["6"] == "date 'last Tuesday' is not a date (YYYY-MM-DD)"
    assert set(errors) == {"2", "3", "4", "5", "6"}
    first, last = rows[0].document, rows[-1].document
    assert first is not None and (first.title, first.date, first.source) == ("T", "2024-05-13", "s")
    assert last is not None and (last.date, last.path) == ("2024-06-01", "https://x.example/a")


def test_a_row_reads_like_a_file_with_its_text() -> None:
    """Front matter and headings give the title and date, as for a file; the row's own win."""
    text = "---\ntitle: From front matter\ndate: 2024-03-01\n---\n\n# Heading\n\nBody.\n"
    row = to_row("x.jsonl:1", {"text": text})
    assert row.document is not None
    assert (row.document.title, row.document.date) == ("From front matter", "2024-03-01")
    own = to_row("x.jsonl:1", {"text": text, "title": "Row title", "date": "2024-04-02"})
    assert own.document is not None
    assert (own.document.title, own.document.date) == ("Row title", "2024-04-02")
    html = to_row("x.jsonl:2", {"text": "<html><body><h1>A</h1><p>B &amp; C</p></body></html>"})
    assert html.document is not None and "<p>" not in html.document.text


def test_parquet_partitions_cross_row_groups(tmp_path: Path) -> None:
    rows = articles(30)
    path = write_parquet(tmp_path / "a.parquet", rows, row_group_size=7)
    infos, parts = plan([str(path)], 9)
    assert infos[0].rows == 30 and [p.rows for p in parts] == [9, 9, 9, 3]
    read = [r for p in parts for r in read_partition(p)]
    assert [r.id for r in read] == [f"{path}#{i}" for i in range(30)]
    assert [r.document.text for r in read if r.document] == [r["text"] for r in rows]
    assert read[1].url == "https://news.example/1" and read[0].url == ""


def test_parquet_needs_a_text_column(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"body": ["x"], "url": ["u"]}), path)
    with pytest.raises(
        ArchiveError, match=r"wrong\.parquet: no 'text' column \(it has: body, url\)"
    ):
        plan([str(path)], 10)
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    with pytest.raises(ArchiveError, match="garbage.parquet: not a readable Parquet file"):
        plan([str(garbage)], 10)


# -- results ----------------------------------------------------------------------------------


def test_the_claims_schema_is_the_json_reports_claim(reference: Checker) -> None:
    """Every key of the JSON report's claim is a column, so nothing is dropped on the way."""
    checked = reference.check_text(articles(1)[0]["text"], path="x")
    assert checked.claims
    context = ["document", "url", "title", "date", "source", "claim"]
    assert claims_schema().names == context + list(claim_dict(checked.claims[0]))
    row = to_row("x.jsonl:1", {"text": "text"})
    assert documents_schema().names == list(document_row(row, checked))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_results_round_trip_to_the_same_claims(
    reference: Checker, tmp_path: Path, fmt: str
) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", articles(12))
    summary = check_archives(
        reference.store,
        [str(archive)],
        RunOptions(tmp_path / "out", fmt=fmt, partition_size=5),
        local_engine(reference),
    )
    assert summary.complete and summary.documents == 12 and summary.errors == 0
    found = claims_by_document(tmp_path / "out")
    expected = expected_claims(reference, archive, 5)
    assert summary.claims == sum(len(v) for v in expected.values()) > 0
    assert {k: [strip_context(r) for r in v] for k, v in found.items()} == {
        k: v for k, v in expected.items() if v
    }
    # and back to the pipeline's own data, as the store pass reads it
    for rows in found.values():
        for row in rows:
            assert claim_dict(checked_claim(row)) == strip_context(row)


# -- runs: manifest, re-runs, faults -------------------------------------------------------------


def test_a_rerun_skips_finished_partitions(reference: Checker, tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", articles(10))
    options = RunOptions(tmp_path / "out", partition_size=4)
    first = check_archives(reference.store, [str(archive)], options, local_engine(reference))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["totals"]["documents"] == 10
    assert [p["status"] for p in manifest["partitions"]] == ["done"] * 3

    opened = []

    @contextlib.contextmanager
    def spy(copy: Path) -> Iterator[Any]:
        opened.append(copy)
        yield LocalEngine(reference)

    again = check_archives(reference.store, [str(archive)], options, spy)
    assert again.skipped == 3 and opened == []  # nothing left to do: no engine at all
    assert again.claims == first.claims and again.verdicts == first.verdicts

    (tmp_path / "out" / "_done" / "part-00001.json").unlink()  # as if killed mid-partition
    before = (tmp_path / "out" / "claims" / "part-00000.parquet").stat().st_mtime_ns
    third = check_archives(reference.store, [str(archive)], options, spy)
    assert third.skipped == 2 and len(opened) == 1 and third.complete
    assert (tmp_path / "out" / "claims" / "part-00000.parquet").stat().st_mtime_ns == before
    assert third.claims == first.claims


def test_a_changed_run_refuses_the_old_directory(reference: Checker, tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", articles(3))
    out = tmp_path / "out"
    check_archives(reference.store, [str(archive)], RunOptions(out), local_engine(reference))
    with pytest.raises(OutputError, match="holds the results of a different run"):
        check_archives(
            reference.store,
            [str(archive)],
            RunOptions(out, as_of="2024-01-01"),
            local_engine(reference),
        )
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty and not a claimcheck output directory"):
        check_archives(
            reference.store, [str(archive)], RunOptions(stranger), local_engine(reference)
        )
    assert (stranger / "notes.txt").read_text() == "mine"


def test_a_failing_document_is_an_error_row_not_a_lost_partition(
    reference: Checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = articles(6)
    rows[2]["text"] += "\nPOISON\n"
    archive = write_jsonl(tmp_path / "a.jsonl", rows)
    real = Checker.check_document

    def check_document(self: Checker, doc: Any) -> CheckedDocument:
        if "POISON" in doc.text:
            raise RuntimeError("the extractor fell over")
        return real(self, doc)

    monkeypatch.setattr(Checker, "check_document", check_document)
    summary = check_archives(
        reference.store,
        [str(archive)],
        RunOptions(tmp_path / "out", partition_size=10),
        local_engine(reference),
    )
    assert summary.complete and summary.documents == 6 and summary.errors == 1
    docs = read_rows(tmp_path / "out" / "documents" / "part-00000.parquet")
    bad = [d for d in docs if d["error"]]
    assert [d["id"] for d in bad] == [f"{archive}:3"]
    assert bad[0]["error"] == "cannot check: RuntimeError: the extractor fell over"
    assert sum(d["claims"] for d in docs) == summary.claims > 0
    assert summary.error_samples() == [(f"{archive}:3", bad[0]["error"])]


def test_check_partition_checks_only_documents(tmp_path: Path) -> None:
    """Error rows never reach the checker, and its results line up with the right rows."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "one"}\n{"text": ""}\n{"text": "three"}\n', encoding="utf-8")
    (part,) = plan([str(path)], 10)[1]
    seen: list[str] = []

    def check(docs: list[Any]) -> list[CheckedDocument]:
        seen.extend(d.text for d in docs)
        return [CheckedDocument(d) for d in docs]

    from claimcheck.scale.run import PartitionTask

    result = check_partition(PartitionTask(part, str(tmp_path / "out"), "jsonl", "f"), check)
    assert seen == ["one", "three"]
    docs = read_rows(tmp_path / "out" / "documents" / "part-00000.jsonl")
    assert [(d["id"].rsplit(":", 1)[1], d["error"]) for d in docs] == [
        ("1", None),
        ("2", "empty text; each row needs a 'text' string"),
        ("3", None),
    ]
    assert (result.documents, result.errors) == (3, 1)


# -- the store ----------------------------------------------------------------------------------


def test_results_go_into_the_store_in_one_pass(
    reference: Checker, store: Store, tmp_path: Path
) -> None:
    rows = articles(8)
    rows[4] = {"title": "no text here"}
    archive = write_jsonl(tmp_path / "a.jsonl", rows)
    summary = check_archives(
        store,
        [str(archive)],
        RunOptions(tmp_path / "out", partition_size=3),
        local_engine(reference),
    )
    before = store.db["articles"].count
    assert store_results(store, summary) == 7
    assert store_results(store, summary) == 7  # again: replaces, never duplicates
    assert store.db["articles"].count == before + 7
    assert store.db["claims"].count == summary.claims
    urls = {r["url"] for r in store.articles()}
    assert "https://news.example/1" in urls
    assert str(archive.resolve()) + ":1" in urls  # a row without a URL: the archive's full path
    stored = sorted(
        (r["text"] for r in store.db.query("SELECT text FROM claims ORDER BY id")), key=str
    )
    found = sorted(
        (r["text"] for v in claims_by_document(tmp_path / "out").values() for r in v), key=str
    )
    assert stored == found


def test_the_workers_store_copy_holds_only_what_a_checker_reads(
    store: Store, reference: Checker, tmp_path: Path
) -> None:
    store.save_checked(
        reference.check_text("GPT-4o beats Llama 3.1 405B on MMLU.", path="/a.md").document, []
    )
    store.copy_for_checking(tmp_path / "one.db")
    store.copy_for_checking(tmp_path / "two.db")
    assert (tmp_path / "one.db").read_bytes() == (tmp_path / "two.db").read_bytes()
    assert not (tmp_path / "one.db-wal").exists()
    with Store(tmp_path / "one.db") as copy:
        assert copy.db["articles"].count == 0
        ours = [e for e in store.evaluations() if not e.document]
        assert copy.evaluations() == ours  # the same rows in the same order: ties break alike
        assert copy.db["prices"].count == store.db["prices"].count


# -- the command --------------------------------------------------------------------------------


def test_check_an_archive_from_the_command_line(cli, db: Path, tmp_path: Path) -> None:
    rows = articles(5)
    rows.append({"text": "fine", "date": "soon"})
    archive = write_jsonl(tmp_path / "news.jsonl", rows)
    out = tmp_path / "out"
    result = cli("check", str(archive), "-o", str(out), "--partition-size", "2", "--format", "json")
    assert result.exit_code == 2  # an error row is an input that could not be checked
    assert result.stdout.startswith(f"{out}: 3 of 3 partition(s) done; 6 row(s), ")
    assert (
        f"claimcheck: error: {archive}:6: date 'soon' is not a date (YYYY-MM-DD)" in result.stderr
    )
    assert sorted(p.name for p in (out / "claims").iterdir()) == [
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    with Store(db) as store:
        assert store.db["articles"].count == 0  # archives are stored only when asked
    again = cli("check", str(archive), "-o", str(out), "--partition-size", "2", "--format", "json")
    assert again.exit_code == 2 and "3 of 3 partition(s) done, 3 done before" in again.stdout
    stored = cli(
        "check",
        str(archive),
        "-o",
        str(out),
        "--partition-size",
        "2",
        "--format",
        "json",
        "--store",
    )
    assert "stored 5 checked document(s)" in stored.stderr
    with Store(db) as store:
        assert store.db["articles"].count == 5


def test_fail_on_counts_every_partition(cli, db: Path, tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "news.jsonl", articles(6))
    out = tmp_path / "out"
    result = cli("check", str(archive), "-o", str(out), "--fail-on", "unverifiable,overstated")
    assert result.exit_code == 1, result.stderr
    clean = cli("check", str(archive), "-o", str(tmp_path / "o2"), "--fail-on", "contradicted")
    manifest = json.loads((tmp_path / "o2" / "manifest.json").read_text())
    assert clean.exit_code == (1 if manifest["totals"]["verdicts"].get("contradicted") else 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "archives need --output DIR"),
        (("-o", "OUT", "--format", "csv"), "--format csv: archive results are Parquet"),
        (("-o", "OUT", "EXTRA"), "archives are checked into an output directory, not with other"),
    ],
)
def test_archive_usage_errors_are_one_line(
    cli, db: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", articles(1))
    (tmp_path / "x.md").write_text("GPT-4o beats Llama 3.1 405B on MMLU.\n")
    argv = [
        a.replace("OUT", str(tmp_path / "out")).replace("EXTRA", str(tmp_path / "x.md"))
        for a in args
    ]
    result = cli("check", str(archive), *argv)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error: ") and message in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_report_is_never_written_over_a_directory(cli, db: Path, tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("GPT-4o beats Llama 3.1 405B on MMLU.\n")
    result = cli("check", str(tmp_path / "x.md"), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr == f"claimcheck: error: {tmp_path}: is a directory; the report is one file\n"
    )


def test_engine_dask_without_the_extra_is_one_clear_line(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "x.md").write_text("GPT-4o beats Llama 3.1 405B on MMLU.\n")
    result = cli("check", str(tmp_path / "x.md"), "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == (
        "claimcheck: error: --engine dask needs distributed, which is not installed: "
        "pip install 'claimcheck[dask]'\n"
    )


def test_without_pyarrow_archives_need_json_lines(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # as in a base install
    archive = write_jsonl(tmp_path / "a.jsonl", articles(2))
    parquet = cli("check", str(archive), "-o", str(tmp_path / "p"))
    assert parquet.exit_code == 2
    assert parquet.stderr == (
        "claimcheck: error: writing Parquet results (--format json writes JSON Lines) needs "
        "pyarrow, which is not installed: pip install 'claimcheck[dask]'\n"
    )
    jsonl = cli("check", str(archive), "-o", str(tmp_path / "j"), "--format", "json")
    assert jsonl.exit_code == 0, jsonl.stderr
    assert (tmp_path / "j" / "claims" / "part-00000.jsonl").exists()
