"""The program, top to bottom: a document in, its claims judged against the evaluations out.

    document ──extract──▶ claims ──judge (evaluation index, vendor table, prices)──▶ verdicts

A `Checker` builds the expensive parts once (registry, spaCy pipeline, the in-memory
evaluation index, prices) and then checks any number of documents. `check_many` fans out to
worker processes, each building its own Checker and opening the database itself, because
SQLite connections and spaCy pipelines do not cross process boundaries. `recheck` and
`ledger` work on what earlier checks stored.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from claimcheck.models import (
    CheckedClaim,
    CheckedDocument,
    Claim,
    Document,
    Evaluation,
    Price,
    Verdict,
)
from claimcheck.store import Store, claim_from_record, verdict_from_record


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

    # Built on first use, so a Checker that only hands documents to worker processes never
    # pays for them; the store must still be open at that moment.

    @cached_property
    def registry(self) -> Any:
        from claimcheck.registry import load_registry

        return self._registry or load_registry()

    @cached_property
    def index(self) -> Any:
        from claimcheck.judge import EvaluationIndex

        # vendor tables parsed from checked documents are left out: each document is judged
        # with its own table only, so a verdict never depends on what was checked before it
        until = self.evidence_until
        rows = (e for e in self.store.evaluations(until=until) if not e.document)
        return EvaluationIndex(rows, until=until)

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
        from claimcheck.extract import extract_claims, parse_vendor_tables

        dated = self._dated(doc)
        claims = extract_claims(dated, registry=self.registry)
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
            self.index.for_claim(claim),
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
        jobs: int = 1,
        progress: Callable[[CheckedDocument], None] | None = None,
    ) -> Iterator[CheckedDocument]:
        """Check documents in the order given, in this process or in `jobs` worker processes.

        A document whose check raises becomes a CheckedDocument with `error` set, so one bad
        file never stops a batch of thousands.
        """
        results: Iterable[CheckedDocument]
        if jobs <= 1 or self.store_path is None:
            # lazily: each document is read, checked and handed on before the next is read
            results = (_safe_check(self, d) for d in docs)
        else:
            docs = list(docs)
            if len(docs) <= 1:
                results = (_safe_check(self, d) for d in docs)
            else:
                results = _parallel(self._spec(), docs, jobs)
        for checked in results:
            if progress:
                progress(checked)
            yield checked

    def _spec(self) -> tuple[str, str | None, str | None]:
        return (str(self.store_path), self.as_of, self.evidence_until)


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


def _init_worker(spec: tuple[str, str | None, str | None]) -> None:
    """Build this worker's Checker once; the database is opened here, in the worker."""
    global _WORKER
    path, as_of, until = spec
    from claimcheck.extract import get_nlp

    with Store(Path(path)) as store:
        checker = Checker(store, as_of=as_of, evidence_until=until)
        checker.index, checker.prices  # noqa: B018 - built now, while the store is open
    get_nlp(checker.registry)
    _WORKER = checker


def _work(doc: Document) -> CheckedDocument:
    assert _WORKER is not None
    return _safe_check(_WORKER, doc)


def _parallel(
    spec: tuple[str, str | None, str | None], docs: list[Document], jobs: int
) -> Iterator[CheckedDocument]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Not fork: the parent holds an open SQLite connection and may run a progress-bar thread.
    # A fork server imports the heavy modules once and forks each worker from that clean
    # process, which is much cheaper than spawning interpreters that each import spaCy.
    context: Any
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["claimcheck.pipeline", "claimcheck.extract", "spacy"])
    else:
        context = multiprocessing.get_context("spawn")
    workers = min(jobs, len(docs))
    chunk = max(1, min(16, len(docs) // (workers * 4)))
    done = 0
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(spec,)
        ) as pool:
            for checked in pool.map(_work, docs, chunksize=chunk):
                done += 1
                yield checked
    except BrokenProcessPool as exc:
        # a worker died (out of memory, killed): say so per document instead of a traceback
        why = f"not checked: a worker process died ({type(exc).__name__}); try --jobs 1"
        for doc in docs[done:]:
            yield CheckedDocument(doc, error=why)


# -- recheck --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A stored claim whose verdict is different under the current evaluations."""

    claim_id: str
    article_title: str
    article_url: str
    text: str
    kind: str  # flipped | now_checkable | now_unverifiable | flags
    old_verdict: str
    new_verdict: str
    old_flags: tuple[str, ...] = ()
    new_flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    new_snapshots: tuple[str, ...] = ()  # evidence from snapshots the old verdict did not use


def change_kind(old: Verdict, new: Verdict) -> str | None:
    """How a verdict changed, or None when a reader would see no difference."""
    if old.verdict != new.verdict:
        if old.verdict == "unverifiable":
            return "now_checkable"
        if new.verdict == "unverifiable":
            return "now_unverifiable"
        return "flipped"
    if set(old.flags) != set(new.flags):
        return "flags"
    return None


def recheck(store: Store, checker: Checker | None = None, *, save: bool = True) -> list[Change]:
    """Re-judge every stored claim against the current evaluations; return only the changes.

    Each claim keeps the date it was made on and its document's vendor table. With `save`,
    new verdicts (changed or not: their evidence may be fresher) replace the stored ones, so
    the next recheck reports only what changes after this one.
    """
    checker = checker or Checker(store)
    vendor: dict[str, list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="self_reported"):
        if e.document:
            vendor[e.document].append(e)
    changes: list[Change] = []
    updates: list[tuple[str, Verdict]] = []
    for row in store.checked_claims():
        claim = claim_from_record(row)
        new = checker.judge_claim(claim, row.get("claim_date"), vendor.get(row["article_id"], ()))
        updates.append((row["id"], new))
        old = verdict_from_record(row) if row.get("verdict") else None
        kind = change_kind(old, new) if old else None
        if old is None or kind is None:
            continue
        old_snaps = {e.snapshot for e in old.evidence}
        changes.append(
            Change(
                claim_id=row["id"],
                article_title=row.get("article_title") or "",
                article_url=row.get("article_url") or "",
                text=claim.text,
                kind=kind,
                old_verdict=old.verdict,
                new_verdict=new.verdict,
                old_flags=old.flags,
                new_flags=new.flags,
                reasons=new.reasons,
                new_snapshots=tuple(
                    sorted({e.snapshot for e in new.evidence if e.snapshot} - old_snaps)
                ),
            )
        )
    if save and updates:
        with store.transaction():
            for claim_id, verdict in updates:
                store.update_verdict(claim_id, verdict)
    return changes


# -- ledger ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    """One organisation's record across everything checked and every self-reported number."""

    org: str
    claims: int
    supported: int
    overstated: int
    contradicted: int
    unverifiable: int
    mean_gap: float | None  # self-reported minus independent, in points, own models only
    gap_pairs: int  # (model, benchmark) pairs behind mean_gap

    @property
    def share_overstated(self) -> float:
        return self.overstated / self.claims if self.claims else 0.0

    @property
    def share_contradicted(self) -> float:
        return self.contradicted / self.claims if self.claims else 0.0

    @property
    def share_bad(self) -> float:
        """Overstated or contradicted: the claims a reader should not have believed as written."""
        return (self.overstated + self.contradicted) / self.claims if self.claims else 0.0


_ORG_NOISE = {"ai", "lab", "labs", "inc", "the", "team", "research", "and", "of"}


def _org_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _ORG_NOISE}


def same_org(reported_by: str | None, org: str) -> bool:
    """Did `reported_by` publish numbers about its own model? ("Alibaba Qwen" ~ "Alibaba")."""
    if not reported_by:
        return True
    return bool(_org_words(reported_by) & _org_words(org))


def ledger(store: Store, registry: Any = None) -> list[LedgerRow]:
    """Per organisation: claims made about its models, how they fared, and its reporting gap.

    A claim belongs to the organisation of its subject model. The gap compares a vendor's
    self-reported score for one of its own models with the mean independent score for the
    same model and benchmark (same metric where the independent sources use it); competitor
    numbers a vendor quotes are left out, since they say nothing about its own honesty.
    """
    from claimcheck.registry import load_registry

    registry = registry or load_registry()
    models = registry.models

    def org_of(model_id: str | None) -> str | None:
        info = models.get(model_id) if model_id else None
        return info.org if info and info.org else None

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in store.checked_claims():
        org = org_of(row.get("subject_id")) or "(unresolved subject)"
        counts[org]["claims"] += 1
        if row.get("verdict"):
            counts[org][row["verdict"]] += 1

    gaps = _reporting_gaps(store, org_of, registry.benchmarks)
    rows = []
    for org in sorted(set(counts) | set(gaps)):
        c = counts.get(org, {})
        pair_gaps = gaps.get(org, [])
        rows.append(
            LedgerRow(
                org=org,
                claims=c.get("claims", 0),
                supported=c.get("supported", 0),
                overstated=c.get("overstated", 0),
                contradicted=c.get("contradicted", 0),
                unverifiable=c.get("unverifiable", 0),
                mean_gap=round(sum(pair_gaps) / len(pair_gaps), 2) if pair_gaps else None,
                gap_pairs=len(pair_gaps),
            )
        )
    rows.sort(key=lambda r: (-r.claims, -r.gap_pairs, r.org))
    return rows


def _reporting_gaps(
    store: Store, org_of: Callable[[str | None], str | None], benchmarks: dict[str, Any]
) -> dict[str, list[float]]:
    """Per org, one gap per (model, benchmark): mean self-reported minus mean independent.

    Independent rows count only in the benchmark's headline metrics, as in the judge's
    tallies: a leaderboard's "normalised" score (random baseline = 0) would make every
    vendor look like it inflates by twenty points.
    """
    own: dict[tuple[str, str], list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="self_reported"):
        org = org_of(e.model_id)
        if e.model_id and e.benchmark_id and org and same_org(e.reported_by, org):
            own[(e.model_id, e.benchmark_id)].append(e)
    if not own:
        return {}
    independent: dict[tuple[str, str], list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="independent", model_ids={m for m, _ in own}):
        info = benchmarks.get(e.benchmark_id or "")
        if info is None or e.derived:
            continue
        if not info.primary_metrics or e.metric in info.primary_metrics:
            independent[(e.model_id or "", e.benchmark_id or "")].append(e)
    out: dict[str, list[float]] = defaultdict(list)
    for key, reported in sorted(own.items()):
        ind = independent.get(key)
        if not ind:
            continue
        metrics = {e.metric for e in reported}
        same_metric = [e for e in ind if e.metric in metrics]
        ind_scores = [e.score for e in (same_metric or ind)]
        vendor = sum(e.score for e in reported) / len(reported)
        third = sum(ind_scores) / len(ind_scores)
        # percent-scale numbers only: a 0-1 fraction or an Elo score against a percentage
        # would produce a meaningless "gap"
        if not (1.0 < vendor <= 100.0 and 1.0 < third <= 100.0):
            continue
        out[org_of(key[0]) or ""].append(vendor - third)
    return out
