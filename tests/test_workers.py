"""`check --jobs`: worker processes that start once, stream results in order, die with the parent.

The pool's own behaviour (order, laziness, a dead worker) is tested with a small work function;
the checker's use of it with the real pipeline on the bundled store.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _built_store import built_store_path

from claimcheck import pipeline, workers
from claimcheck.models import Document
from claimcheck.pipeline import Checker, auto_jobs
from claimcheck.store import Store
from claimcheck.workers import OrderedPool, WorkerDied

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="fork and PR_SET_PDEATHSIG are Linux's"
)


def _square_or_die(chunk: list[int]) -> list[int]:
    if -1 in chunk:
        os._exit(3)  # a worker killed mid-chunk (out of memory, kill -9)
    return [n * n for n in chunk]


def test_results_come_back_in_input_order_from_a_lazily_read_input() -> None:
    pulled: list[int] = []

    def numbers() -> Iterator[int]:
        for n in range(400):
            pulled.append(n)
            yield n

    pool = OrderedPool(_square_or_die, numbers(), workers=2, weight=lambda _n: 1, chunk_weight=5)
    read_before_any_result = len(pulled)
    out = list(pool)
    assert out == [(n, n * n) for n in range(400)]
    # two chunks per worker were read ahead, not the whole input
    assert read_before_any_result == 2 * workers.IN_FLIGHT * 5


def test_a_worker_that_dies_costs_only_the_items_it_had_not_returned() -> None:
    items = [*range(20), -1, *range(20, 40)]
    out = list(OrderedPool(_square_or_die, items, workers=2, weight=lambda _n: 1, chunk_weight=4))
    assert [item for item, _ in out] == items  # every item is accounted for, in order
    done = [r for _item, r in out if not isinstance(r, WorkerDied)]
    died = [item for item, r in out if isinstance(r, WorkerDied)]
    assert -1 in died and done == [n * n for n in items[: len(done)]]


def test_auto_uses_one_process_for_a_small_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "usable_cpus", lambda: 2)
    small = [Document("GPT-4o beats Llama 3 on MMLU. " * 20, path=f"{i}.md") for i in range(3)]
    head, chars = pipeline._peek(iter(small), pipeline.auto_threshold())
    assert len(head) == 3 and auto_jobs(len(head), chars) == 1
    big = (Document("word " * 5_000, path=f"{i}.md") for i in range(1_000))
    head, chars = pipeline._peek(big, pipeline.auto_threshold())
    assert auto_jobs(len(head), chars) == 2 and 2 <= len(head) < 1_000  # decided early
    monkeypatch.setattr(pipeline, "usable_cpus", lambda: 1)
    assert auto_jobs(len(head), chars) == 1


def test_a_batch_reads_every_evaluation_once_and_one_document_only_what_it_needs(
    store: Store,
) -> None:
    from claimcheck.lazyindex import StoreIndex

    one = Checker(store)
    list(one.check_many([Document("Gemma 2 9B beats Llama 3 8B on GSM8K.", path="a.md")]))
    assert isinstance(one.evidence, StoreIndex) and "index" not in one.__dict__
    batch = Checker(store)
    list(batch.check_many(_documents() * 4, jobs=1))
    assert batch.evidence is batch.index


def _documents() -> list[Document]:
    from claimcheck.documents import load_document

    docs = [load_document(str(p)) for p in sorted(SAMPLES.iterdir())]
    return docs * 3


@linux_only
def test_workers_give_what_one_process_gives(store: Store) -> None:
    docs = _documents()
    one = list(Checker(store).check_many(docs, jobs=1))
    two = list(Checker(store).check_many(iter(docs), jobs=2))
    assert [d.document for d in two] == docs
    assert [(d.claims, d.vendor_rows, d.error) for d in two] == [
        (d.claims, d.vendor_rows, d.error) for d in one
    ]
    assert sum(len(d.claims) for d in two) > 20


@linux_only
def test_a_worker_that_dies_is_one_error_per_document_it_did_not_return(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = Checker.check_document
    seen_first = tmp_path / "first-result-seen"

    def check_or_die(self: Checker, doc: Document) -> Any:
        if doc.path.endswith("die.md"):
            # die once the parent has the first result in hand, as a worker killed later would
            _wait_for(seen_first.exists, 60)
            os._exit(9)
        return real(self, doc)

    monkeypatch.setattr(Checker, "check_document", check_or_die)  # the forked workers inherit it
    docs = [*_documents(), Document("It dies.", path="die.md"), *_documents()[:3]]
    results = Checker(store).check_many(docs, jobs=2)
    first = next(results)
    seen_first.touch()
    out = [first, *results]
    assert [d.document for d in out] == docs  # every document is accounted for, in order
    assert not first.error and first.claims
    errors = [d for d in out if d.error]
    assert errors and all("worker process died" in (d.error or "") for d in errors)
    assert out[-1].error and out[docs.index(docs[-4])].error  # the dead one and all after it


def test_tables_are_parsed_only_in_documents_that_may_have_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.extract as extract

    parsed: list[str] = []
    real = extract.parse_vendor_tables

    def spy(doc: Document, registry: Any = None) -> Any:
        parsed.append(doc.path)
        return real(doc, registry=registry)

    monkeypatch.setattr(extract, "parse_vendor_tables", spy)
    table = "| Model | MMLU |\n|---|---|\n| GPT-4o | 88.7 |\n"
    docs = [
        Document("GPT-4o outperforms Llama 3 on MMLU. A | B -- C.", path="prose.md"),
        Document("GPT-4o outperforms Llama 3 on MMLU.\n\n" + table, path="pipes.md"),
        Document("<p>x</p><TABLE><tr><td>GPT-4o</td></tr></TABLE>", path="page.md"),
        Document("GPT-4o outperforms Llama 3 on MMLU.", path="plain.md"),
    ]
    out = list(Checker(store).check_many(docs))
    assert parsed == ["prose.md", "pipes.md", "page.md"]
    assert out[1].vendor_rows and not out[3].vendor_rows


# -- killed parents ---------------------------------------------------------------------------


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _wait_for(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@linux_only
@pytest.mark.slow
def test_kill_9_of_the_parent_leaves_no_process_behind(
    pytestconfig: pytest.Config, tmp_path: Path
) -> None:
    db = tmp_path / "claimcheck.db"
    shutil.copy(built_store_path(pytestconfig), db)
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for i in range(60):
        for sample in SAMPLES.iterdir():
            shutil.copy(sample, corpus / f"{i:02d}-{sample.name}")
    env = {**os.environ, "CLAIMCHECK_DB": str(db), "CLAIMCHECK_CACHE": str(tmp_path / "cache")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "claimcheck", "check", str(corpus), "--jobs", "2", "--no-store"]
    parent = subprocess.Popen(
        cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        assert _wait_for(lambda: len(_group(parent.pid)) >= 3, 120), "the workers never started"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert _wait_for(lambda: not _group(parent.pid), 10), f"left behind: {_group(parent.pid)}"
    finally:
        for pid in _group(parent.pid):
            os.kill(pid, signal.SIGKILL)
        if parent.stderr:
            parent.stderr.close()


def _bounded_vocabulary(
    store: Store, monkeypatch: pytest.MonkeyPatch, room: int
) -> tuple[Checker, Any]:
    """A warmed-up Checker whose vocabulary may grow by `room` more strings before each
    document gets a memory zone."""
    from claimcheck.extract import get_nlp

    checker = Checker(store)
    nlp = get_nlp(checker.registry)
    if not hasattr(nlp, "memory_zone"):
        pytest.skip("spaCy < 3.8 has no memory zones")
    checker.check_text("GPT-4o beats Llama 3 8B on MMLU.")
    pipeline.vocabulary_zone(nlp)  # this process's starting size is recorded
    start = pipeline._vocabulary_at_start[id(nlp.vocab)]
    monkeypatch.setattr(pipeline, "VOCABULARY_GROWTH", len(nlp.vocab.strings) - start + room)
    return checker, nlp


def test_checking_leaves_spacys_vocabulary_as_it_found_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long batch must not grow the process with every new word it reads (once the
    vocabulary has grown as far as it may)."""
    checker, nlp = _bounded_vocabulary(store, monkeypatch, room=0)
    before = len(nlp.vocab.strings)
    docs = [
        Document(
            f"Zorblax{i}-7B outperforms GPT-4o on MMLU with flurb{i} quux{i * 7}.", path=f"{i}.md"
        )
        for i in range(50)
    ]
    out = list(checker.check_many(docs))
    assert all(d.claims for d in out)
    subject = out[3].claims[0].claim.subject
    assert subject is not None and subject.text == "Zorblax3-7B"
    assert len(nlp.vocab.strings) == before


def test_the_vocabulary_grows_freely_only_up_to_its_bound(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the bound the tokenizer keeps its cache (fast); past it, memory stays flat."""
    checker, nlp = _bounded_vocabulary(store, monkeypatch, room=5)
    grown = len(nlp.vocab.strings)
    checker.check_text("Blorptic9-7B outperforms GPT-4o with snarfle gromm wibbet vorpal.")
    assert len(nlp.vocab.strings) >= grown + 5  # kept: within the bound
    after = len(nlp.vocab.strings)
    checker.check_text("Quuxite4-3B outperforms GPT-4o with zindle frammet plooby.")
    assert len(nlp.vocab.strings) == after  # freed: the bound is reached
