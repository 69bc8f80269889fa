"""`claimcheck check` past one process: archives (JSON Lines, Parquet) and `--engine dask`.

`cli/check.py` dispatches here for two things only: a run whose inputs are archives, which
writes partitioned results and a manifest into an output directory instead of one report; and
the Checker to use for ordinary inputs, which with `--engine dask` is one whose `check_many`
runs on a Dask cluster (everything after checking, from saving to the report, is unchanged).
The work itself is `claimcheck.services.batch` and `services.check`; this module only turns
options into their calls and their outcomes into lines on stderr, a summary on stdout and the
exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from claimcheck.cli import InputError, open_store
from claimcheck.text import strip_controls as clean_text

SHOWN_ERRORS = 10  # error rows named on stderr; the documents table has every one


def _notice(message: str) -> None:
    click.echo(f"claimcheck: {clean_text(message)}", err=True)


def engine_of(ctx: click.Context, engine: str, scheduler: str | None) -> str:
    """`--scheduler` means Dask even without `--engine dask`; checks the extra is there."""
    from claimcheck.services.check import require_dask
    from claimcheck.services.errors import BadInput

    if scheduler:
        engine = "dask"
    if engine == "dask":
        try:
            require_dask()
        except BadInput as exc:
            raise InputError(str(exc)) from None
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
    from claimcheck.services.check import make_checker as service
    from claimcheck.services.errors import BadInput

    try:
        return service(
            store,
            engine=engine_of(ctx, engine, scheduler),
            scheduler=scheduler,
            workers=dask_workers(ctx, jobs),
            as_of=as_of,
            evidence_until=evidence_until,
            notice=_notice,
        )
    except BadInput as exc:
        raise InputError(str(exc)) from None


def is_archive_run(inputs: Sequence[str]) -> bool:
    """True when every input is an archive; mixing archives with other inputs is refused."""
    from claimcheck.services.batch import is_archive_run as service
    from claimcheck.services.errors import BadInput

    try:
        return service(inputs)
    except BadInput as exc:
        raise InputError(str(exc)) from None


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
    from claimcheck.services.batch import archive_run, default_partition_size
    from claimcheck.services.errors import BadInput

    if output is None:
        raise InputError(
            "archives need --output DIR: results are written there, one file per partition, "
            "with a manifest"
        )
    engine = engine_of(ctx, engine, scheduler)
    archive_fmt = _archive_format(ctx, fmt)
    # archives can be millions of articles: they go into the store only when asked for
    save = save and ctx.get_parameter_source("save") not in (
        None,
        click.core.ParameterSource.DEFAULT,
    )
    store = open_store(ctx)
    progress = _Progress()
    try:
        summary, saved = archive_run(
            store,
            inputs,
            out=output,
            fmt=archive_fmt,
            partition_size=partition_size or default_partition_size(),
            as_of=as_of,
            evidence_until=evidence_until,
            engine=engine,
            scheduler=scheduler,
            jobs=jobs if isinstance(jobs, int) else 1,
            workers=dask_workers(ctx, jobs),
            save=save,
            notice=_notice,
            on_start=progress.start,
            on_outcome=progress.outcome,
        )
        progress.close()
        if saved:
            _notice(f"stored {saved:,} checked document(s) in {store.path}")
    except BadInput as exc:
        raise InputError(str(exc)) from None
    finally:
        progress.close()
        store.close()
    _report(ctx, summary, fail_on)


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
        from claimcheck.services.batch import is_failure

        self.finished += 1
        failed = is_failure(outcome)
        if failed:
            where = clean_text(part.describe())
            click.echo(
                f"claimcheck: error: partition {part.index} ({where}): "
                f"{clean_text(outcome.reason)}; run the same command again to retry it",
                err=True,
            )
        if self.bar is not None:
            self.bar.advance(self.task, part.rows)
        elif not failed:
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
