"""An archive run, top to bottom: plan the partitions, skip those already done, check the
rest on an engine, and record every outcome in the output directory's manifest.

    archives ──plan──▶ partitions ──engine (check_partition each)──▶ part files + manifest
                                                                   └──store_results──▶ SQLite

`check_partition` is the pure unit of work: it reads one partition, checks its documents with
whatever `check` function it is given (a local Checker, or the one a Dask worker built), and
writes the partition's files. An engine only decides where it runs: `LocalEngine` here, in this
process; `claimcheck.scale.cluster.DaskEngine` on a cluster. `check_archives` is the one entry
point the CLI (and later a services layer) calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from claimcheck import __version__
from claimcheck.models import CheckedDocument, Document
from claimcheck.scale.archive import ArchiveInfo, ArchiveRow, Partition, plan, read_partition
from claimcheck.scale.results import (
    DONE,
    FORMATS,
    MANIFEST,
    PartitionResult,
    claim_rows,
    document_row,
    part_path,
    read_done,
    read_rows,
    summarise,
    write_done,
    write_json,
    write_rows,
)

DEFAULT_PARTITION_SIZE = 500  # documents per task: seconds of work, a few MB of text

CheckDocuments = Callable[[list[Document]], Iterable[CheckedDocument]]


class OutputError(Exception):
    """The output directory cannot be used for this run; one line naming it."""


@dataclass(frozen=True)
class RunOptions:
    out: Path
    fmt: str = "parquet"
    partition_size: int = DEFAULT_PARTITION_SIZE
    as_of: str | None = None
    evidence_until: str | None = None


@dataclass(frozen=True)
class PartitionTask:
    """Everything a process needs to check one partition; small, so it travels cheaply."""

    partition: Partition
    out: str
    fmt: str
    fingerprint: str


@dataclass(frozen=True)
class PartitionFailure:
    """A partition that could not be finished (its worker kept dying, its files not written)."""

    index: int
    reason: str


Outcome = PartitionResult | PartitionFailure


class Engine(Protocol):
    def run(self, tasks: Sequence[PartitionTask]) -> Iterator[Outcome]:
        """Check each task's partition; yield outcomes as they finish, in any order."""
        ...


@dataclass
class RunSummary:
    """What a run left in its output directory, counting partitions done by earlier runs."""

    out: Path
    partitions: list[Partition]
    results: dict[int, PartitionResult] = field(default_factory=dict)
    failures: dict[int, PartitionFailure] = field(default_factory=dict)
    skipped: int = 0  # partitions finished by an earlier run with the same inputs and options
    # this run's wall-clock seconds: opening the engine (a cluster, its workers' Checkers),
    # checking, closing it
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return len(self.results) == len(self.partitions)

    @property
    def documents(self) -> int:
        return sum(r.documents for r in self.results.values())

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.results.values())

    @property
    def claims(self) -> int:
        return sum(r.claims for r in self.results.values())

    @property
    def verdicts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for r in self.results.values():
            total.update(r.verdicts)
        return total

    def error_samples(self) -> list[tuple[str, str]]:
        return [s for i in sorted(self.results) for s in self.results[i].error_samples]


# -- one partition ----------------------------------------------------------------------------


def check_partition(task: PartitionTask, check: CheckDocuments) -> PartitionResult:
    """Read, check and write one partition; a bad row or document is an error row, never lost.

    `check` must return one CheckedDocument per document, in order (Checker.check_many does;
    a document whose check raised comes back with `error` set).
    """
    started, cpu = time.perf_counter(), time.process_time()
    rows = list(read_partition(task.partition))
    checked = iter(check([r.document for r in rows if r.document is not None]))
    claims: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for row in rows:
        done = next(checked) if row.document is not None else None
        if done is not None and not done.error:
            claims.extend(claim_rows(row, done))
        documents.append(document_row(row, done))
    out = Path(task.out)
    write_rows(part_path(out, "claims", task.partition, task.fmt), claims, "claims", task.fmt)
    write_rows(
        part_path(out, "documents", task.partition, task.fmt), documents, "documents", task.fmt
    )
    result = summarise(
        task.partition.index,
        documents,
        time.perf_counter() - started,
        task.fingerprint,
        time.process_time() - cpu,
    )
    write_done(out, result)  # last: the partition counts as done only with both files in place
    return result


class LocalEngine:
    """Partitions one after another in this process, each through `Checker.check_many`."""

    def __init__(self, checker: Any, jobs: int = 1) -> None:
        self.checker = checker
        self.jobs = jobs

    def run(self, tasks: Sequence[PartitionTask]) -> Iterator[Outcome]:
        def check(docs: list[Document]) -> Iterable[CheckedDocument]:
            return self.checker.check_many(docs, jobs=self.jobs)

        for task in tasks:
            try:
                yield check_partition(task, check)
            except OSError as exc:
                yield PartitionFailure(task.partition.index, f"cannot write results: {exc}")
            except Exception as exc:  # noqa: BLE001 - as on Dask: one partition's fate, not the run's
                yield PartitionFailure(task.partition.index, f"{type(exc).__name__}: {exc}")


# -- the run ----------------------------------------------------------------------------------


EngineFactory = Callable[[Path], contextlib.AbstractContextManager[Engine]]


def check_archives(
    store: Any,
    paths: Sequence[str],
    options: RunOptions,
    open_engine: EngineFactory,
    *,
    on_start: Callable[[RunSummary, int], None] | None = None,
    on_outcome: Callable[[Partition, Outcome], None] | None = None,
) -> RunSummary:
    """Check every row of the archives in `paths` into `options.out`; return what is there.

    `open_engine(store_copy)` gives the engine, given a read-only copy of the evaluation store
    made for this run; it is called only when some partition is left to do. `on_start` hears
    the plan (with the count of rows left to check), `on_outcome` each finished partition.
    """
    if options.fmt not in FORMATS:
        raise ValueError(f"unknown format {options.fmt!r}; choose one of {', '.join(FORMATS)}")
    if options.fmt == "parquet":
        from claimcheck.scale.extra import require

        require("pyarrow.parquet", "writing Parquet results (--format json writes JSON Lines)")
    infos, parts = plan(paths, options.partition_size)
    with tempfile.TemporaryDirectory(prefix="claimcheck-") as tmp:
        copy = Path(tmp) / "evaluations.db"
        store.copy_for_checking(copy)
        evidence = _sha256_file(copy)
        fingerprint = run_fingerprint(infos, options, evidence)
        out = _prepare(options.out, fingerprint)
        summary = RunSummary(out, parts)
        for part in parts:
            result = read_done(out, part.index)
            if result is not None and result.fingerprint == fingerprint and _files(out, part):
                summary.results[part.index] = result
        summary.skipped = len(summary.results)
        todo = [
            PartitionTask(p, str(out.resolve()), options.fmt, fingerprint)
            for p in parts
            if p.index not in summary.results
        ]
        manifest = _manifest(infos, options, evidence, fingerprint)
        _write_manifest(out, manifest, summary)
        if on_start:
            on_start(summary, sum(t.partition.rows for t in todo))
        if todo:
            by_index = {p.index: p for p in parts}
            clock = time.perf_counter()
            try:
                with open_engine(copy) as engine:
                    summary.timings["engine_start"] = round(time.perf_counter() - clock, 3)
                    clock = time.perf_counter()
                    for outcome in engine.run(todo):
                        if isinstance(outcome, PartitionResult):
                            summary.results[outcome.index] = outcome
                            summary.failures.pop(outcome.index, None)
                        else:
                            summary.failures[outcome.index] = outcome
                        if on_outcome:
                            on_outcome(by_index[outcome.index], outcome)
                    summary.timings["run"] = round(time.perf_counter() - clock, 3)
                    clock = time.perf_counter()
                summary.timings["engine_stop"] = round(time.perf_counter() - clock, 3)
            finally:
                _write_manifest(out, manifest, summary)
    return summary


def run_fingerprint(infos: Sequence[ArchiveInfo], options: RunOptions, evidence: str) -> str:
    """What makes two runs the same run: inputs (as files), options, evidence and version."""
    key = {
        "claimcheck": __version__,
        "inputs": [asdict(i) for i in infos],
        "format": options.fmt,
        "partition_size": options.partition_size,
        "as_of": options.as_of,
        "evidence_until": options.evidence_until,
        "evidence": evidence,
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


def _prepare(out: Path, fingerprint: str) -> Path:
    """The output directory, new or holding this very run; anything else is refused."""
    manifest = out / MANIFEST
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a directory")
    if manifest.exists():
        try:
            theirs = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
        except (OSError, ValueError, AttributeError) as exc:
            raise OutputError(f"{manifest}: unreadable manifest ({exc})") from None
        if theirs != fingerprint:
            raise OutputError(
                f"{out}: holds the results of a different run (the inputs, options or "
                "evaluations have changed); use a new --output directory or remove this one"
            )
    elif out.is_dir() and any(out.iterdir()):
        raise OutputError(f"{out}: not empty and not a claimcheck output directory (no manifest)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output directory ({exc.strerror})") from None
    return out


def _files(out: Path, part: Partition) -> bool:
    return all(
        any(part_path(out, table, part, fmt).exists() for fmt in FORMATS)
        for table in ("claims", "documents")
    )


def _manifest(
    infos: Sequence[ArchiveInfo], options: RunOptions, evidence: str, fingerprint: str
) -> dict[str, Any]:
    return {
        "claimcheck_version": __version__,
        "fingerprint": fingerprint,
        "started_at": _now(),
        "format": options.fmt,
        "partition_size": options.partition_size,
        "as_of": options.as_of,
        "evidence_until": options.evidence_until,
        "evidence_sha256": evidence,
        "inputs": [asdict(i) for i in infos],
    }


def _write_manifest(out: Path, manifest: dict[str, Any], summary: RunSummary) -> None:
    parts = []
    for p in summary.partitions:
        entry: dict[str, Any] = {
            "index": p.index,
            "name": p.name,
            "input": p.archive,
            "first_row": p.first_row,
            "rows": p.rows,
        }
        if p.index in summary.results:
            r = summary.results[p.index]
            entry.update(
                status="done",
                documents=r.documents,
                claims=r.claims,
                errors=r.errors,
                verdicts=r.verdicts,
                seconds=r.seconds,
                cpu_seconds=r.cpu_seconds,
                worker=r.worker,
            )
        elif p.index in summary.failures:
            entry.update(status="failed", reason=summary.failures[p.index].reason)
        else:
            entry.update(status="pending")
        parts.append(entry)
    write_json(
        out / MANIFEST,
        {
            **manifest,
            "updated_at": _now(),
            "status": "complete" if summary.complete else "incomplete",
            "totals": {
                "partitions": len(summary.partitions),
                "done": len(summary.results),
                "failed": len(summary.failures),
                "documents": summary.documents,
                "errors": summary.errors,
                "claims": summary.claims,
                "verdicts": dict(summary.verdicts),
            },
            "timings": summary.timings,
            "tables": {"claims": "claims/", "documents": "documents/", "done": f"{DONE}/"},
            "partitions": parts,
        },
    )


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# -- afterwards: the results into the SQLite store, by this process alone ----------------------


def store_results(
    store: Any,
    summary: RunSummary,
    *,
    claim_date: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Save every checked document of the finished partitions; returns how many were saved.

    One pass, one transaction per partition, by the one process that owns the store (workers
    never write it). The text comes from the archive again, partition by partition, so it is
    never held whole and never copied into the results.
    """
    saved = 0
    for part in summary.partitions:
        if part.index not in summary.results:
            continue
        fmt = next(f for f in FORMATS if part_path(summary.out, "documents", part, f).exists())
        docs = {r["id"]: r for r in read_rows(part_path(summary.out, "documents", part, fmt))}
        claims: dict[str, list[dict[str, Any]]] = {}
        for claim in read_rows(part_path(summary.out, "claims", part, fmt)):
            claims.setdefault(claim["document"], []).append(claim)
        with store.transaction():
            for row in read_partition(part):
                record = docs.get(row.id)
                if row.document is None or record is None or record["error"]:
                    continue
                _save(store, part, row, record, claims.get(row.id, []), claim_date)
                saved += 1
        if progress:
            progress(part.rows)
    return saved


def _save(
    store: Any,
    part: Partition,
    row: ArchiveRow,
    record: dict[str, Any],
    claims: list[dict[str, Any]],
    claim_date: str | None,
) -> None:
    from claimcheck.scale.results import checked_claim, vendor_rows

    assert row.document is not None
    doc = row.document
    if not row.url:  # keyed by the archive's full path, so two crawl.jsonl never collide
        doc = replace(doc, path=f"{Path(part.file).resolve()}{row.id[len(part.archive) :]}")
    checked = [checked_claim(c) for c in sorted(claims, key=lambda c: c["claim"])]
    aid = store.save_checked(
        doc, [(c.claim, c.verdict) for c in checked], vendor_rows=vendor_rows(record)
    )
    if claim_date:
        store.set_claim_date(aid, claim_date)
