"""`claimcheck check`, `recheck` and `ledger` through click's CliRunner.

Exit codes are the contract a CI job relies on: 0 fine, 1 a --fail-on verdict, 2 bad usage or
an input that could not be read (with one line per bad input on stderr, the rest still
checked). The store is built once from the bundled data and copied for each test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from claimcheck.models import VERDICTS
from claimcheck.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
REPO_FIXTURE = (
    Path(__file__).resolve().parent / "fixtures" / "raw" / "livebench" / "table_2024_06_24.csv"
)
SAMPLE_FILES = sorted(
    p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".md", ".markdown", ".html", ".htm")
)
CLAIM_TEXT = (
    "date: 2024-12-26\n\n# DeepSeek-V3\n\n"
    "DeepSeek-V3 outperforms GPT-4o on MMLU-Pro and LiveCodeBench.\n"
)


def errors(result: Any) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.strip()]


def test_check_samples_as_json(cli, db: Path) -> None:
    result = cli("check", str(SAMPLES), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == [str(p) for p in SAMPLE_FILES]
    verdicts = [c["verdict"] for d in data["documents"] for c in d["claims"]]
    assert verdicts and set(verdicts) <= set(VERDICTS)
    # stored for recheck and ledger
    with Store(db) as store:
        assert store.db["articles"].count == len(SAMPLE_FILES)
        assert store.db["claims"].count == len(verdicts)


def test_no_store_leaves_the_database_alone(cli, db: Path) -> None:
    result = cli("check", str(SAMPLES / SAMPLE_FILES[0].name), "--no-store", "--format", "csv")
    assert result.exit_code == 0
    with Store(db) as store:
        assert store.db["articles"].count == 0


def test_stdin_table_output(cli, db: Path) -> None:
    result = cli("check", "-", input=CLAIM_TEXT)
    assert result.exit_code == 0, result.stderr
    assert "DeepSeek-V3 outperforms GPT-4o" in result.stdout
    assert "1 document(s)" in result.stdout


def test_fail_on_exit_codes(cli, db: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.md"
    claims.write_text(CLAIM_TEXT, encoding="utf-8")
    data = json.loads(cli("check", str(claims), "--format", "json", "--no-store").stdout)
    found = {c["verdict"] for c in data["documents"][0]["claims"]}
    assert found, "the sample sentence should yield a claim"
    absent = sorted(set(VERDICTS) - found)
    assert cli("check", str(claims), "--fail-on", ",".join(sorted(found))).exit_code == 1
    if absent:
        assert cli("check", str(claims), "--fail-on", ",".join(absent)).exit_code == 0
    plain = tmp_path / "plain.txt"
    plain.write_text("The weather was pleasant and nothing was compared.\n", encoding="utf-8")
    assert cli("check", str(plain), "--fail-on", ",".join(VERDICTS)).exit_code == 0
    bad = cli("check", str(plain), "--fail-on", "wrong")
    assert bad.exit_code == 2 and "unknown verdict" in bad.stderr
    assert cli("check", str(plain), "--as-of", "last tuesday").exit_code == 2


def test_bad_inputs_are_reported_one_line_each_and_the_rest_checked(
    cli, db: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.md"
    good.write_text(CLAIM_TEXT, encoding="utf-8")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    undecodable = tmp_path / "mangled.md"
    undecodable.write_bytes(b"GPT-4o \xff\xfe\x00\xd8 beats \x81\x8d\x8f\x90\x9d" * 50)
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    missing = tmp_path / "missing.md"

    args = [str(p) for p in (missing, pdf, good, binary, undecodable, empty)]
    result = cli("check", *args, "--format", "json")
    assert result.exit_code == 2
    lines = errors(result)
    assert len(lines) == 5, lines
    for path, line in zip((missing, pdf, binary, undecodable, empty), lines, strict=True):
        assert line.startswith("claimcheck: error: ") and str(path) in line
    assert "no text files" in lines[-1]
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == [str(good)]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_directory(cli, db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.md").write_text(CLAIM_TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        result = cli("check", str(locked))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert len(errors(result)) == 1 and str(locked) in result.stderr


def test_unreadable_directory_even_as_root(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any directory, so the refusal is simulated where the CLI asks for it."""
    good = tmp_path / "good.md"
    good.write_text(CLAIM_TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "a.md").write_text(CLAIM_TEXT, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    result = cli("check", str(locked), str(good), "--format", "json", "--no-store")
    assert result.exit_code == 2
    assert errors(result) == [
        f"claimcheck: error: {locked}: cannot read directory: permission denied"
    ]
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(good)]


def test_output_file(cli, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    sample = str(SAMPLE_FILES[0])
    result = cli("check", sample, "--format", "html", "--output", str(out), "--no-store")
    assert result.exit_code == 0
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    unwritable = cli("check", sample, "--output", str(tmp_path / "no" / "dir" / "r.txt"))
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.stderr
    with Store(db) as store:  # refused before anything was checked or stored
        assert store.db["articles"].count == 0


def test_a_report_file_is_as_readable_as_any_file_the_user_writes(
    cli, db: Path, tmp_path: Path
) -> None:
    # it is written to a private temporary file and renamed into place; the rename must not
    # leave it private (0600) where the user's umask says others may read it
    old = os.umask(0o022)
    try:
        out = tmp_path / "report.json"
        assert cli("check", str(SAMPLE_FILES[0]), "--format", "json", "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_jobs_2_gives_the_same_report_as_jobs_1(cli, db: Path) -> None:
    one = cli("check", str(SAMPLES), "--format", "csv", "--no-store", "--jobs", "1")
    two = cli("check", str(SAMPLES), "--format", "csv", "--no-store", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(one.stdout)))) > 0
    assert one.stdout == two.stdout


def test_recheck_prints_what_changed_after_an_import(cli, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "launch.md"
    doc.write_text(
        "date: 2024-12-26\n\n# Launch\n\nDeepSeek-V3 outperforms GPT-4o on MMLU-Pro.\n",
        encoding="utf-8",
    )
    probe = json.loads(cli("check", str(doc), "--format", "json", "--no-store").stdout)
    claim = probe["documents"][0]["claims"][0]
    subject, target = claim["subject"]["id"], claim["targets"][0]["id"]
    bench = claim["benchmarks"][0]["id"]
    assert subject and target and bench
    # make the subject unknown to every source (in this test's copy of the store) ...
    with Store(db) as store:
        store.db.execute("DELETE FROM evaluations WHERE model_id = ?", [subject])
    first = json.loads(cli("check", str(doc), "--format", "json").stdout)
    assert first["documents"][0]["claims"][0]["verdict"] == "unverifiable"
    assert "No changes" in cli("recheck").stdout

    # ... then a new source covers the pair, and recheck notices
    from claimcheck.models import Evaluation
    from claimcheck.registry import load_registry
    from claimcheck.store import Snapshot

    metric = (load_registry().benchmarks[bench].primary_metrics or ("accuracy",))[0]
    rows = [
        Evaluation(
            model=mid,
            benchmark="MMLU-Pro",
            metric=metric,
            score=score,
            source="test_lab",
            as_of="2025-02-01",
            snapshot="e" * 64,
            model_id=mid,
            benchmark_id=bench,
        )
        for mid, score in ((subject, 88.0), (target, 41.0))
    ]
    with Store(db) as store:
        store.import_evaluations(rows, Snapshot("e" * 64, "test_lab", "lab.csv"))
    table = cli("recheck", "--dry-run")
    assert table.exit_code == 0
    assert "DeepSeek-V3 outperforms GPT-4o" in table.stdout and "1 of 1" in table.stdout
    result = cli("recheck", "--format", "json")
    changes = json.loads(result.stdout)
    assert [c["kind"] for c in changes] == ["now_checkable"]
    assert changes[0]["new_verdict"] == "supported"
    assert changes[0]["new_snapshots"] == ["e" * 64]
    assert "No changes" in cli("recheck").stdout


def test_ledger_after_checking_the_samples(cli, db: Path) -> None:
    assert cli("ledger").exit_code == 0  # self-reported gaps only, no claims yet
    assert cli("check", str(SAMPLES), "--format", "json").exit_code == 0
    rows = json.loads(cli("ledger", "--format", "json").stdout)
    with Store(db) as store:
        assert sum(r["claims"] for r in rows) == store.db["claims"].count
    for r in rows:
        assert 0.0 <= r["share_overstated"] + r["share_contradicted"] <= 1.0
    table = cli("ledger")
    assert table.exit_code == 0 and "Organisation" in table.stdout


def test_url_is_fetched_and_checked(cli, db: Path) -> None:
    import http.server
    import threading

    page = (
        b"<html><head><title>DeepSeek-V3 launch</title></head><body><article>"
        b"<h1>DeepSeek-V3 launch</h1><p>Published: 2024-12-26</p>"
        b"<p>DeepSeek-V3 outperforms GPT-4o on MMLU-Pro and LiveCodeBench.</p>"
        b"</article></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/launch"
        result = cli("check", url, "--format", "json", "--no-store")
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["path"].startswith("http://127.0.0.1")
    assert any("DeepSeek-V3 outperforms GPT-4o" in c["text"] for c in doc["claims"])


def test_as_of_is_the_stored_claim_date_for_recheck(cli, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "dated.md"
    doc.write_text(CLAIM_TEXT, encoding="utf-8")
    assert cli("check", str(doc), "--format", "json").exit_code == 0
    with Store(db) as store:
        assert {r["claim_date"] for r in store.checked_claims()} == {"2024-12-26"}
    assert cli("check", str(doc), "--as-of", "2025-03-01", "--format", "json").exit_code == 0
    with Store(db) as store:
        rows = store.checked_claims()
        assert rows and {r["claim_date"] for r in rows} == {"2025-03-01"}
        assert store.db["articles"].count == 1  # re-checking replaced, did not duplicate


def test_evidence_until_judges_on_what_was_known_then(cli, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "claim.md"
    doc.write_text(
        "date: 2024-10-22\n\nClaude 3.5 Sonnet outperforms GPT-4o on Chatbot Arena and on "
        "the Aider code editing benchmark.\n",
        encoding="utf-8",
    )
    now = json.loads(cli("check", str(doc), "--format", "json", "--no-store").stdout)
    then = json.loads(
        cli(
            "check", str(doc), "--format", "json", "--no-store", "--evidence-until", "2001-01-01"
        ).stdout
    )
    assert any(c["evidence"] for c in now["documents"][0]["claims"])
    for claim in then["documents"][0]["claims"]:
        assert claim["verdict"] == "unverifiable"
        assert all(
            e["as_of"] <= "2001-01-01" for e in claim["evidence"] if e["kind"] != "self_reported"
        )


def test_one_unreadable_html_file_never_costs_the_run(cli, db: Path, tmp_path: Path) -> None:
    # issue 13: `printf '<p>a</p>\x1b' > r1.html; claimcheck check r1.html good.md --no-store`
    r1 = tmp_path / "r1.html"
    r1.write_bytes(b"<p>a</p>\x1b")
    good = tmp_path / "good.md"
    good.write_text(CLAIM_TEXT, encoding="utf-8")
    result = cli("check", str(r1), str(good), "--no-store", "--format", "json")
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert [d["path"] for d in docs] == [str(r1), str(good)]
    assert docs[1]["claims"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifos_never_hang_a_check(cli, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    (folder / "good.md").write_text(CLAIM_TEXT, encoding="utf-8")
    result = cli("check", str(folder), "--no-store", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert errors(result) == [
        f"claimcheck: warning: {folder / 'pipe.md'}: skipped: a named pipe, not a regular file"
    ]
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(folder / "good.md")]
    named = cli("check", str(folder / "pipe.md"), "--no-store")
    assert named.exit_code == 2
    assert errors(named) == [
        f"claimcheck: error: {folder / 'pipe.md'}: cannot read: a named pipe with nothing "
        "writing to it"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifos_never_hang_extract_or_an_import(cli, db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    for args in (("extract", str(fifo)), ("evals", "import", "livebench", str(fifo))):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "nothing writing to it" in result.stderr and str(fifo) in result.stderr


# -- faults: the store, crashes, exit codes ------------------------------------------------


@pytest.mark.parametrize("kind", ["garbage", "null", "under_a_file"])
def test_a_db_that_is_not_a_store_is_one_line_exit_2(cli, tmp_path: Path, kind: str) -> None:
    if kind == "garbage":
        target = tmp_path / "garbage.db"
        target.write_bytes(b"garbage " * 200)
    elif kind == "null":
        target = Path(os.devnull)
        if not target.exists():
            pytest.skip("no null device")
    else:
        (tmp_path / "f.txt").write_text("x", encoding="utf-8")
        target = tmp_path / "f.txt" / "x.db"
    good = tmp_path / "good.md"
    good.write_text(CLAIM_TEXT, encoding="utf-8")
    for args in (("check", str(good)), ("ledger",), ("sources", "list")):
        result = cli("--db", str(target), *args)
        assert result.exit_code == 2, (args, result.stderr)
        lines = errors(result)
        assert len(lines) == 1 and lines[0].startswith(f"claimcheck: error: {target}: cannot open")


def test_a_locked_store_costs_no_results(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    docs = []
    for i in range(3):
        doc = tmp_path / f"d{i}.md"
        doc.write_text(CLAIM_TEXT.replace("# DeepSeek-V3", f"# Post {i}"), encoding="utf-8")
        docs.append(str(doc))
    monkeypatch.setenv("CLAIMCHECK_LOCK_TIMEOUT", "1.5")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT OR REPLACE INTO meta VALUES ('lock', 'held')")
    try:
        result = cli("check", *docs, "--format", "json")
        imported = cli("evals", "import", "livebench", str(REPO_FIXTURE))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3, result.stderr
    report = json.loads(result.stdout)  # the whole report, stored or not
    assert [d["path"] for d in report["documents"]] == docs
    assert all(d["claims"] for d in report["documents"])
    lines = errors(result)
    assert "is locked by another process; waiting up to 1.5 s" in lines[0]
    assert lines[-1].startswith("claimcheck: error: the store: 3 checked document(s) not saved")
    assert all(p in lines[-1] for p in docs) and "re-run the check" in lines[-1]
    with Store(db) as store:
        assert store.db["articles"].count == 0
    assert imported.exit_code == 3
    assert f"{REPO_FIXTURE}: nothing imported" in imported.stderr
    assert "Traceback" not in result.stderr + imported.stderr


def test_a_store_due_a_refresh_but_locked_still_gives_the_report(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled tables want a refresh (a new release) while another process holds the
    lock: the check goes on with the tables the store has, and says what it did not do."""
    import sqlite3

    doc = tmp_path / "post.md"
    doc.write_text(CLAIM_TEXT, encoding="utf-8")
    with Store(db) as store:
        store.set_meta("bundled_signature", "from an older release")
    monkeypatch.setenv("CLAIMCHECK_LOCK_TIMEOUT", "1")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT OR REPLACE INTO meta VALUES ('lock', 'held')")
    try:
        result = cli("check", str(doc), "--format", "json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"][0]["claims"]
    assert "the bundled data was not refreshed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_crash_is_exit_4_and_one_line_and_the_rest_is_reported(
    cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck.pipeline import Checker

    good = tmp_path / "good.md"
    good.write_text(CLAIM_TEXT, encoding="utf-8")
    bad = tmp_path / "boom.md"
    bad.write_text("boom " + CLAIM_TEXT, encoding="utf-8")
    real = Checker.check_document

    def flaky(self: Checker, doc: Any) -> Any:
        if "boom" in doc.text:
            raise RuntimeError("extractor bug")
        return real(self, doc)

    monkeypatch.setattr(Checker, "check_document", flaky)
    result = cli("check", str(bad), str(good), "--format", "json", "--fail-on", "unverifiable")
    assert result.exit_code == 4  # never 1, which --fail-on uses
    assert errors(result) == [
        f"claimcheck: error: {bad}: cannot check: RuntimeError: extractor bug"
    ]
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(good)]

    def broken_ledger(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("org")

    monkeypatch.setattr("claimcheck.services.ledger.ledger", broken_ledger)
    crash = cli("ledger")
    assert crash.exit_code == 4
    assert errors(crash) == [
        "claimcheck: internal error: KeyError: 'org' (a bug; CLAIMCHECK_DEBUG=1 shows where)"
    ]


def test_checking_the_same_samples_from_another_path_never_doubles_the_ledger(
    cli, db: Path, tmp_path: Path
) -> None:
    # issue 14: the app checks the installed copy of the samples, the user the repo's
    installed = tmp_path / "site-packages" / "claimcheck" / "data" / "samples"
    shutil.copytree(SAMPLES, installed)
    assert cli("check", str(installed), "--format", "jsonl").exit_code == 0
    with Store(db) as store:
        first = (store.db["articles"].count, store.db["claims"].count)
    ledger_before = json.loads(cli("ledger", "--format", "json").stdout)
    assert cli("check", str(SAMPLES), "--format", "jsonl").exit_code == 0
    with Store(db) as store:
        assert (store.db["articles"].count, store.db["claims"].count) == first
        assert first[0] == len(SAMPLE_FILES)
        aliases = store.article_aliases(store.articles()[0]["id"])
        assert len(aliases) == 2 and any(str(installed) in a for a in aliases)
    assert json.loads(cli("ledger", "--format", "json").stdout) == ledger_before


def test_articles_list_and_remove(cli, db: Path, tmp_path: Path) -> None:
    doc = tmp_path / "launch.md"
    doc.write_text(CLAIM_TEXT, encoding="utf-8")
    assert cli("check", str(doc), "--format", "jsonl").exit_code == 0
    listed = json.loads(cli("articles", "list", "--format", "json").stdout)
    assert len(listed) == 1 and listed[0]["aliases"] == [str(doc)]
    assert listed[0]["title"] == "DeepSeek-V3" and listed[0]["claims"] >= 1
    table = cli("articles", "list")
    assert table.exit_code == 0 and listed[0]["id"] in table.stdout and str(doc) in table.stdout
    missing = cli("articles", "remove", "nope")
    assert missing.exit_code == 2 and "no stored article" in missing.stderr
    removed = cli("articles", "remove", str(doc))  # by path; an id or a prefix work too
    assert removed.exit_code == 0 and removed.stdout.startswith(f"removed {listed[0]['id']}")
    with Store(db) as store:
        assert store.db["articles"].count == store.db["claims"].count == 0
        assert store.db["evidence"].count == 0
    assert "No articles stored" in cli("articles", "list").stdout


@pytest.mark.slow
def test_the_report_streams_each_document_as_it_is_checked(db: Path, tmp_path: Path) -> None:
    """The first document's line is out while the second (standard input, not yet written)
    is still to be read: nothing waits for the whole batch."""
    import subprocess
    import sys

    first = tmp_path / "first.md"
    first.write_text(CLAIM_TEXT, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimcheck", "check", str(first), "-", "--format", "jsonl"]
        + ["--no-store"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CLAIMCHECK_DB": str(db)},
    )
    assert proc.stdin is not None and proc.stdout is not None
    import select

    ready, _, _ = select.select([proc.stdout], [], [], 300)  # a batch report never comes
    if not ready:
        proc.kill()
        pytest.fail("no line of the report before standard input was written")
    line = proc.stdout.readline()  # standard input has not had a byte yet
    assert json.loads(line)["path"] == str(first)
    out, err = proc.communicate(CLAIM_TEXT.encode(), timeout=300)
    assert proc.returncode == 0, err
    assert [json.loads(x)["path"] for x in out.decode().splitlines()] == ["-"]
