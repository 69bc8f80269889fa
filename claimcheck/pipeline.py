"""The program, top to bottom: a document in, its claims judged against the evaluations out.

    document ──extract──▶ claims ──judge (evaluation index, vendor table, prices)──▶ verdicts

A `Checker` builds the expensive parts once (registry, spaCy pipeline, the in-memory
evaluation index, prices) and then checks any number of documents. `check_many` can fan out
to worker processes (`claimcheck.workers`): forked from a Checker that has built everything,
or, where forking is not used, each building its own Checker and opening the database
itself, since SQLite connections and spaCy pipelines do not cross process boundaries.
What is done with the results (saving, recheck, the ledger) is in `claimcheck.services`.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from claimcheck.models import (
    CheckedClaim,
    CheckedDocument,
    Claim,
    Document,
    Evaluation,
    Price,
    Verdict,
)
from claimcheck.store import Store
from claimcheck.workers import OrderedPool, WorkerDied, start_method, usable_cpus


class Checker:
    """Everything needed to judge claims, built once per process.

    `as_of` is the claim date for every document (it overrides the document's own date:
    an explicit flag wins); `evidence_until` hides evaluations published after that date, to
    judge a claim on what was known when it was made.
    """

    def __init__(
        self,
        store: Store,
        *,
        as_of: str | None = None,
        evidence_until: str | None = None,
        registry: Any = None,
    ) -> None:
        self.store = store
        self.store_path = store.path
        self.as_of = as_of
        self.evidence_until = evidence_until
        self._registry = registry
        self._on_demand: Any = None

    # Built on first use, so a Checker that only hands documents to worker processes never
    # pays for them; the store must still be open at that moment.

    @cached_property
    def registry(self) -> Any:
        from claimcheck.registry import load_registry

        return self._registry or load_registry()

    @cached_property
    def index(self) -> Any:
        """Every evaluation the judge may read, in memory (one read of the store)."""
        from claimcheck.judge import EvaluationIndex

        # vendor tables parsed from checked documents are left out: each document is judged
        # with its own table only, so a verdict never depends on what was checked before it
        until = self.evidence_until
        return EvaluationIndex(self.store.indexed_evaluations(until=until), until=until)

    def use_full_index(self) -> None:
        """Judge from `index` (for batches, and before forking workers, which must not read
        through this process's connection) rather than reading the store per claim."""
        self.index  # noqa: B018 - built now

    @property
    def evidence(self) -> Any:
        """What `judge_claim` reads: `index` once built, else a `StoreIndex` that reads each
        claim's rows from the store as the judge asks (quicker for a document or a draft,
        and it needs the store open while judging)."""
        if "index" in self.__dict__:
            return self.index
        if self._on_demand is None:
            from claimcheck.lazyindex import StoreIndex

            self._on_demand = StoreIndex(self.store, until=self.evidence_until)
        return self._on_demand

    @cached_property
    def prices(self) -> tuple[Price, ...]:
        return tuple(self.store.prices(self.registry.models))

    @cached_property
    def _prices_of(self) -> dict[str | None, list[int]]:
        """Positions of each model's prices: a claim looks up two or three models, not all."""
        out: dict[str | None, list[int]] = defaultdict(list)
        for i, p in enumerate(self.prices):
            out[p.model_id].append(i)
        return out

    def _prices_for(self, ids: set[str]) -> list[Price]:
        """The prices of these models, in the order of `prices` (as a filter would give)."""
        return [self.prices[i] for i in sorted(i for m in ids for i in self._prices_of.get(m, ()))]

    # -- one document -------------------------------------------------------------------

    def check_document(self, doc: Document) -> CheckedDocument:
        """Extract the claims and the vendor's own table, then judge each claim."""
        from claimcheck.extract import extract_claims, get_nlp, parse_vendor_tables

        dated = self._dated(doc)
        with vocabulary_zone(get_nlp(self.registry)):
            claims = extract_claims(dated, registry=self.registry)
        vendor_rows: tuple[Evaluation, ...] = ()
        if _may_have_table(dated.text):
            vendor_rows = tuple(parse_vendor_tables(dated, registry=self.registry))
        return self._judged(doc, claims, vendor_rows)

    def check_text(
        self, text: str, path: str = "", title: str = "", date: str | None = None
    ) -> CheckedDocument:
        """Check a string as if it were a document (the TUI's paste box, tests)."""
        sha = hashlib.sha256(text.encode()).hexdigest()
        return self.check_document(Document(text, path=path, title=title, date=date, sha256=sha))

    def judge_claim(
        self, claim: Claim, claim_date: str | None, vendor_rows: Sequence[Evaluation] = ()
    ) -> Verdict:
        """One claim against the index: what `check_document` and `recheck` share."""
        from claimcheck.judge import judge

        ids = set(_claim_model_ids(claim))
        return judge(
            claim,
            self.evidence.for_claim(claim),
            registry=self.registry,
            as_of=claim_date,
            vendor_rows=vendor_rows,
            prices=self._prices_for(ids),
        )

    def _judged(
        self, doc: Document, claims: Sequence[Claim], vendor_rows: tuple[Evaluation, ...]
    ) -> CheckedDocument:
        date = self.as_of or doc.date
        tables = VendorTables(vendor_rows)
        checked = tuple(
            CheckedClaim(c, self.judge_claim(c, date, tables.for_claim(c))) for c in claims
        )
        return CheckedDocument(doc, checked, vendor_rows)

    def _dated(self, doc: Document) -> Document:
        """The document as the extractor should read it: resolved as of the claim date."""
        return replace(doc, date=self.as_of) if self.as_of else doc

    # -- many documents -----------------------------------------------------------------

    def check_many(
        self,
        docs: Iterable[Document],
        jobs: int | str = 1,
        progress: Callable[[CheckedDocument], None] | None = None,
        size: tuple[int, int] | None = None,
    ) -> Iterator[CheckedDocument]:
        """Check documents in the order given, in this process or in `jobs` worker processes.

        `jobs` is a number of processes or "auto" (`auto_jobs`). Worker processes start
        before this returns, so call it before starting threads of your own (a progress bar);
        results are yielded in input order as they arrive. A document whose check raises
        becomes a CheckedDocument with `error` set, so one bad file never stops a batch.

        `size` is the batch's (documents, characters) when the caller knows it (file sizes):
        then nothing is read ahead to decide, so a document that is slow to come (standard
        input) never holds back the report of the ones before it.
        """
        pending: Iterator[Document] = iter(docs)
        if size is None:
            head, chars = _peek(pending, max(BATCH_CHARS, auto_threshold()))
            pending = itertools.chain(head, pending)
            count = len(docs) if isinstance(docs, Sized) else len(head)
        else:
            count, chars = size
        workers = auto_jobs(count, chars) if jobs == "auto" else int(jobs)
        if isinstance(docs, Sized) or size is not None:
            workers = min(workers, count)
        forking = start_method() == "fork"
        if workers <= 1 or (not forking and self.store_path is None):
            if chars >= BATCH_CHARS:
                self.use_full_index()
            results: Iterable[CheckedDocument] = (_safe_check(self, d) for d in pending)
        else:
            results = self._in_workers(pending, workers, forking)
        return _reported(results, progress)

    def prepare(self) -> Checker:
        """Build everything now (registry, pipeline, index, prices) and check one sentence,
        so that forked workers inherit it all instead of each building it."""
        from claimcheck.extract import get_nlp

        get_nlp(self.registry)
        self.index, self.prices  # noqa: B018 - built lazily otherwise
        self.check_text("Model-A-7B outperforms GPT-4o on MMLU.", path="warm-up.md")
        return self

    def _in_workers(
        self, docs: Iterable[Document], workers: int, forking: bool
    ) -> Iterator[CheckedDocument]:
        global _WORKER
        spec = None
        if forking:
            _WORKER = self.prepare()
        else:
            spec = self._spec()
        try:
            pool = OrderedPool(
                _check_chunk,
                docs,
                workers=workers,
                weight=lambda d: len(d.text),
                initializer=_init_worker,
                initargs=(spec,),
            )
        finally:
            _WORKER = None  # the forked workers have their copy
        return _from_pool(pool)

    def _spec(self) -> tuple[str, str | None, str | None]:
        return (str(self.store_path), self.as_of, self.evidence_until)


# A batch with fewer characters than this would finish before extra processes pay for
# themselves: forked ones start at once, spawned ones first load spaCy and the index.
AUTO_MIN_CHARS = {"fork": 40_000, "spawn": 2_000_000}
# From this many characters on, one read of every evaluation beats reading them per claim.
BATCH_CHARS = 40_000


def auto_threshold() -> int:
    return AUTO_MIN_CHARS.get(start_method(), 2_000_000)


def auto_jobs(count: int, chars: int) -> int:
    """How many processes `--jobs auto` uses: one for a small batch, else one per CPU.

    `count` documents of `chars` characters, or the start of the batch read up to
    `auto_threshold()` characters.
    """
    cpus = usable_cpus()
    if cpus < 2 or count < 2 or chars < auto_threshold():
        return 1
    return cpus


def _peek(docs: Iterator[Document], enough: int) -> tuple[list[Document], int]:
    """Read documents until `enough` characters (or the end): those documents and their size.

    Deciding how to check a batch needs to know whether it is small, not how big it is.
    """
    head: list[Document] = []
    chars = 0
    for doc in docs:
        head.append(doc)
        chars += len(doc.text)
        if chars >= enough and len(head) >= 2:
            break
    return head, chars


def _reported(
    results: Iterable[CheckedDocument], progress: Callable[[CheckedDocument], None] | None
) -> Iterator[CheckedDocument]:
    for checked in results:
        if progress:
            progress(checked)
        yield checked


_HTML_TABLE = re.compile(r"<table", re.IGNORECASE)


# How many strings spaCy's vocabulary may gain in one process before each document is
# extracted in a memory zone: ~30,000 for 560 generated announcements (1.1M words, ~30 MB)
VOCABULARY_GROWTH = 100_000
_vocabulary_at_start: dict[int, int] = {}


def vocabulary_zone(nlp: Any) -> contextlib.AbstractContextManager[Any]:
    """Where a document is extracted: spaCy's own vocabulary until it has grown by
    VOCABULARY_GROWTH strings in this process, then a memory zone per document (spaCy >= 3.8).

    Every new word a document brings stays in spaCy's vocabulary for the life of the process,
    so a batch's memory would grow with it without bound. A memory zone frees those strings
    after the document, but inside one the tokenizer caches nothing and extraction costs about
    40% more CPU (measured on 560 generated announcements). So a batch runs at full speed
    until the vocabulary has grown by a bounded amount, and stays flat in memory after that.
    """
    zone = getattr(nlp, "memory_zone", None)
    strings = len(nlp.vocab.strings)
    start = _vocabulary_at_start.setdefault(id(nlp.vocab), strings)
    if zone is None or strings - start < VOCABULARY_GROWTH:
        return contextlib.nullcontext()
    return cast(contextlib.AbstractContextManager[Any], zone())


def _may_have_table(text: str) -> bool:
    """False only when no table can be there: a pipe table needs '|' and a '--' rule line, an
    HTML one its tag. Most documents have none, and looking for tables line by line is not
    free."""
    if "|" in text and "--" in text:
        return True
    return _HTML_TABLE.search(text, 0, 5_000_000) is not None


class VendorTables:
    """A document's own table rows, grouped by the table they sit in, for judging each claim.

    The judge reads a vendor row only through its subject: the tables (document, benchmark,
    metric, setting) in which the subject model has a number. Handing each claim just those
    rows gives the same verdict as handing it all of them, and keeps a document of thousands
    of claims and table rows linear instead of claims x rows (a 2 MB release of dense claims
    and tables took minutes).
    """

    def __init__(self, rows: Sequence[Evaluation]) -> None:
        self.rows = tuple(rows)
        self._tables: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        self._of_model: dict[str | None, set[tuple[Any, ...]]] = defaultdict(set)
        for i, e in enumerate(self.rows):
            key = (e.document, e.benchmark_id, e.metric, e.setting)
            self._tables[key].append(i)
            self._of_model[e.model_id].add(key)
        self._memo: dict[str | None, tuple[Evaluation, ...]] = {}

    def for_claim(self, claim: Claim) -> tuple[Evaluation, ...]:
        subject = claim.subject.id if claim.subject else None
        if subject not in self._memo:
            if subject is None:  # the judge matches an unresolved subject to unresolved rows
                found = [e for e in self.rows if e.model_id is None]
            else:
                picked = sorted(
                    {i for key in self._of_model.get(subject, ()) for i in self._tables[key]}
                )
                found = [self.rows[i] for i in picked]
            self._memo[subject] = tuple(found)
        return self._memo[subject]


def _safe_check(checker: Checker, doc: Document) -> CheckedDocument:
    try:
        return checker.check_document(doc)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return CheckedDocument(doc, error=f"cannot check: {type(exc).__name__}: {exc}")


def _claim_model_ids(claim: Claim) -> list[str]:
    ids = [claim.subject.id] if claim.subject and claim.subject.id else []
    ids += [m.id for m in claim.targets if m.id and m.id not in ids]
    return ids


# -- worker processes -----------------------------------------------------------------------

_WORKER: Checker | None = None
_ChunkResult = tuple[tuple[CheckedClaim, ...], tuple[Evaluation, ...], str | None]


def _init_worker(spec: tuple[str, str | None, str | None] | None) -> None:
    """Build this worker's Checker once, opening the database here, in the worker (a forked
    worker has inherited its parent's, and `spec` is None)."""
    global _WORKER
    if spec is None:
        return
    path, as_of, until = spec
    with Store(Path(path)) as store:
        checker = Checker(store, as_of=as_of, evidence_until=until).prepare()
    _WORKER = checker


def _check_chunk(docs: list[Document]) -> list[_ChunkResult]:
    """Check a chunk in a worker; the texts stay with the parent, which already has them."""
    assert _WORKER is not None
    out = []
    for doc in docs:
        checked = _safe_check(_WORKER, doc)
        out.append((checked.claims, checked.vendor_rows, checked.error))
    return out


def _from_pool(pool: OrderedPool) -> Iterator[CheckedDocument]:
    for doc, result in pool:
        if isinstance(result, WorkerDied):
            # out of memory, killed: say so per document instead of a traceback
            why = f"not checked: a worker process died ({result}); try --jobs 1"
            yield CheckedDocument(doc, error=why)
        else:
            claims, vendor_rows, error = result
            yield CheckedDocument(doc, claims, vendor_rows, error)
