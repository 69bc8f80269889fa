"""`claimcheck check` past one process: archives (JSON Lines, Parquet) and `--engine dask`.

`cli/check.py` dispatches here for two things only: a run whose inputs are archives, which
writes partitioned results and a manifest into an output directory instead of one report; and
the Checker to use for ordinary inputs, which with `--engine dask` is one whose `check_many`
runs on a Dask cluster (everything after checking, from saving to the report, is unchanged).
The work itself is `claimcheck.scale`; this module only turns options into its calls and its
outcomes into lines on stderr, a summary on stdout and the exit code.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from claimcheck.cli import InputError, open_store
from claimcheck.report import clean_text

ENGINES = ("local", "dask")
SHOWN_ERRORS = 10  # error rows named on stderr; the documents table has every one


def _notice(message: str) -> None:
    click.echo(f"claimcheck: {clean_text(message)}", err=True)


def _require_dask() -> None:
    from claimcheck.scale.extra import MissingExtra, require

    try:
        require("distributed", "--engine dask")
    except MissingExtra as exc:
        raise InputError(str(exc)) from None


def engine_of(ctx: click.Context, engine: str, scheduler: str | None) -> str:
    """`--scheduler` means Dask even without `--engine dask`; checks the extra is there."""
    if scheduler:
        engine = "dask"
    if engine == "dask":
        _require_dask()
    return engine


def dask_workers(ctx: click.Context, jobs: Any) -> int | None:
    """LocalCluster workers: --jobs when given, else None (one per core)."""
    given = ctx.get_parameter_source("jobs") not in (None, click.core.ParameterSource.DEFAULT)
    return jobs if given and isinstance(jobs, int) and jobs > 0 else None


def make_checker(
    ctx: click.Context,
    store: Any,
    *,
    engine: str,
    scheduler: str | None,
    jobs: Any,
    as_of: str | None,
    evidence_until: str | None,
) -> Any:
    """The Checker for ordinary inputs: this process's, or one that checks on Dask."""
    from claimcheck.pipeline import Checker

    if engine_of(ctx, engine, scheduler) == "local":
        return Checker(store, as_of=as_of, evidence_until=evidence_until)
    from claimcheck.scale.cluster import DaskChecker

    checker = DaskChecker(
        store,
        as_of=as_of,
        evidence_until=evidence_until,
        scheduler=scheduler,
        workers=dask_workers(ctx, jobs),
        notice=_notice,
    )
    try:
        return checker.start()
    except ConnectionError as exc:
        raise InputError(str(exc)) from None


def is_archive_run(inputs: Sequence[str]) -> bool:
    """True when every input is an archive; mixing archives with other inputs is refused."""
    from claimcheck.scale.archive import archive_kind

    kinds = [archive_kind(i) for i in inputs]
    if not any(kinds):
        return False
    if not all(kinds):
        shown = ", ".join(i for i, k in zip(inputs, kinds, strict=True) if k)
        raise InputError(
            f"{shown}: archives are checked into an output directory, not with other inputs "
            "in one report; check them in a run of their own"
        )
    return True


def _archive_format(ctx: click.Context, fmt: str) -> str:
    if ctx.get_parameter_source("fmt") in (None, click.core.ParameterSource.DEFAULT):
        return "parquet"
    if fmt in ("json", "jsonl"):
        return "jsonl"
    raise InputError(
        f"--format {fmt}: archive results are Parquet (the default) or JSON Lines "
        "(--format json), one file per partition"
    )


def check_archives(
    ctx: click.Context,
    inputs: Sequence[str],
    *,
    fmt: str,
    output: Path | None,
    as_of: str | None,
    evidence_until: str | None,
    fail_on: frozenset[str],
    jobs: Any,
    save: bool,
    engine: str,
    scheduler: str | None,
    partition_size: int | None,
) -> None:
    """Check archives into `output`, a directory of partitioned results and a manifest."""
    from claimcheck.scale.archive import ArchiveError
    from claimcheck.scale.extra import MissingExtra
    from claimcheck.scale.run import DEFAULT_PARTITION_SIZE, OutputError, RunOptions

    if output is None:
        raise InputError(
            "archives need --output DIR: results are written there, one file per partition, "
            "with a manifest"
        )
    engine = engine_of(ctx, engine, scheduler)
    options = RunOptions(
        out=output,
        fmt=_archive_format(ctx, fmt),
        partition_size=partition_size or DEFAULT_PARTITION_SIZE,
        as_of=as_of,
        evidence_until=evidence_until,
    )
    # archives can be millions of articles: they go into the store only when asked for
    save = save and ctx.get_parameter_source("save") not in (
        None,
        click.core.ParameterSource.DEFAULT,
    )
    store = open_store(ctx)
    progress = _Progress()
    try:
        from claimcheck.scale.run import check_archives as run
        from claimcheck.scale.run import store_results

        summary = run(
            store,
            list(inputs),
            options,
            _engine_factory(ctx, engine, scheduler, jobs, options),
            on_start=progress.start,
            on_outcome=progress.outcome,
        )
        progress.close()
        if save and summary.results:
            saved = store_results(store, summary, claim_date=as_of)
            _notice(f"stored {saved:,} checked document(s) in {store.path}")
    except (ArchiveError, OutputError, MissingExtra, ConnectionError) as exc:
        raise InputError(str(exc)) from None
    finally:
        progress.close()
        store.close()
    _report(ctx, summary, fail_on)


def _engine_factory(
    ctx: click.Context, engine: str, scheduler: str | None, jobs: Any, options: Any
) -> Any:
    @contextlib.contextmanager
    def local(copy: Path) -> Iterator[Any]:
        from claimcheck.pipeline import Checker
        from claimcheck.scale.run import LocalEngine
        from claimcheck.store import Store

        with Store(copy) as store:
            checker = Checker(store, as_of=options.as_of, evidence_until=options.evidence_until)
            checker.index, checker.prices  # noqa: B018 - built now, not inside partition 0
            yield LocalEngine(checker, jobs=jobs if isinstance(jobs, int) else 1)

    @contextlib.contextmanager
    def dask(copy: Path) -> Iterator[Any]:
        from claimcheck.scale.cluster import DaskEngine, dashboard, open_client

        with open_client(scheduler, dask_workers(ctx, jobs)) as client:
            _notice(dashboard(client))
            with DaskEngine(
                client, copy, as_of=options.as_of, evidence_until=options.evidence_until
            ) as dask_engine:
                yield dask_engine

    return local if engine == "local" else dask


class _Progress:
    """A bar on a terminal; elsewhere (CI, a log file) one line per finished partition."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.total = 0
        self.finished = 0

    def start(self, summary: Any, rows_left: int) -> None:
        self.total = len(summary.partitions)
        self.finished = summary.skipped
        if summary.skipped:
            _notice(
                f"{summary.out}: {summary.skipped} of {self.total} partition(s) done by an "
                "earlier run with the same inputs and options; skipping them"
            )
        if rows_left and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "checking",
                BarColumn(),
                MofNCompleteColumn(),
                "rows",
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("checking", total=rows_left)

    def outcome(self, part: Any, outcome: Any) -> None:
        from claimcheck.scale.run import PartitionFailure

        self.finished += 1
        if isinstance(outcome, PartitionFailure):
            where = clean_text(part.describe())
            click.echo(
                f"claimcheck: error: partition {part.index} ({where}): "
                f"{clean_text(outcome.reason)}; run the same command again to retry it",
                err=True,
            )
        if self.bar is not None:
            self.bar.advance(self.task, part.rows)
        elif not isinstance(outcome, PartitionFailure):
            _notice(
                f"partition {self.finished}/{self.total} done: {outcome.documents:,} row(s), "
                f"{outcome.claims:,} claim(s), {outcome.errors:,} error(s) "
                f"in {outcome.seconds:.1f}s"
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _report(ctx: click.Context, summary: Any, fail_on: frozenset[str]) -> None:
    from claimcheck.models import VERDICTS

    verdicts = summary.verdicts
    tally = ", ".join(f"{verdicts[v]:,} {v}" for v in VERDICTS if verdicts[v]) or "none"
    earlier = f", {summary.skipped} done before" if summary.skipped else ""
    failed = f", {len(summary.failures)} failed" if summary.failures else ""
    click.echo(
        f"{clean_text(str(summary.out))}: {len(summary.results)} of {len(summary.partitions)} "
        f"partition(s) done{earlier}{failed}; {summary.documents:,} row(s), "
        f"{summary.claims:,} claim(s) ({tally}), {summary.errors:,} error row(s)"
    )
    samples = summary.error_samples()
    for row_id, reason in samples[:SHOWN_ERRORS]:
        click.echo(f"claimcheck: error: {clean_text(row_id)}: {clean_text(reason)}", err=True)
    if summary.errors > min(len(samples), SHOWN_ERRORS):
        more = summary.errors - min(len(samples), SHOWN_ERRORS)
        click.echo(
            f"claimcheck: error: {more:,} more error row(s): see the 'error' column of "
            f"{clean_text(str(summary.out / 'documents'))}",
            err=True,
        )
    if summary.failures or summary.errors:
        ctx.exit(2)
    if fail_on and any(verdicts[v] for v in fail_on):
        ctx.exit(1)
