"""Checking archives (JSON Lines, Parquet) into a directory of partitioned results.

The work is `claimcheck.scale`: partitions of rows checked here (`--jobs` processes) or on a
Dask cluster, a manifest so a re-run skips finished partitions, results optionally stored.
This service chooses the engine and turns the scale stage's failures into `BadInput`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from claimcheck.pipeline import Checker
from claimcheck.services.check import require_dask
from claimcheck.services.errors import BadInput
from claimcheck.store import Store

__all__ = ["ArchiveRunError", "archive_run", "is_archive_run"]


class ArchiveRunError(BadInput):
    """Archives that cannot be checked as asked (mixed inputs, no output, bad files)."""


def is_archive_run(inputs: Sequence[str]) -> bool:
    """True when every input is an archive; mixing archives with other inputs is refused."""
    from claimcheck.scale.archive import archive_kind

    kinds = [archive_kind(i) for i in inputs]
    if not any(kinds):
        return False
    if not all(kinds):
        shown = ", ".join(i for i, k in zip(inputs, kinds, strict=True) if k)
        raise ArchiveRunError(
            f"{shown}: archives are checked into an output directory, not with other inputs "
            "in one report; check them in a run of their own"
        )
    return True


def default_partition_size() -> int:
    from claimcheck.scale.run import DEFAULT_PARTITION_SIZE

    return DEFAULT_PARTITION_SIZE


def archive_run(
    store: Store,
    inputs: Sequence[str],
    *,
    out: Path,
    fmt: str,
    partition_size: int,
    as_of: str | None,
    evidence_until: str | None,
    engine: str,
    scheduler: str | None,
    jobs: int,
    workers: int | None,
    save: bool,
    notice: Callable[[str], None],
    on_start: Callable[[Any, int], None],
    on_outcome: Callable[[Any, Any], None],
) -> tuple[Any, int]:
    """(the run's summary, documents stored): check `inputs` into `out`, one file per
    partition and a manifest; store the results too when `save`."""
    from claimcheck.scale.archive import ArchiveError
    from claimcheck.scale.extra import MissingExtra
    from claimcheck.scale.run import OutputError, RunOptions, check_archives, store_results

    if engine == "dask":
        require_dask()
    options = RunOptions(
        out=out,
        fmt=fmt,
        partition_size=partition_size,
        as_of=as_of,
        evidence_until=evidence_until,
    )

    @contextlib.contextmanager
    def local(copy: Path) -> Iterator[Any]:
        from claimcheck.scale.run import LocalEngine

        with Store(copy) as copied:
            checker = Checker(copied, as_of=as_of, evidence_until=evidence_until)
            checker.index, checker.prices  # noqa: B018 - built now, not inside partition 0
            yield LocalEngine(checker, jobs=jobs)

    @contextlib.contextmanager
    def dask(copy: Path) -> Iterator[Any]:
        from claimcheck.scale.cluster import DaskEngine, dashboard, open_client

        with open_client(scheduler, workers) as client:
            notice(dashboard(client))
            with DaskEngine(
                client, copy, as_of=as_of, evidence_until=evidence_until
            ) as dask_engine:
                yield dask_engine

    try:
        summary = check_archives(
            store,
            list(inputs),
            options,
            local if engine == "local" else dask,
            on_start=on_start,
            on_outcome=on_outcome,
        )
        saved = store_results(store, summary, claim_date=as_of) if save and summary.results else 0
    except (ArchiveError, OutputError, MissingExtra, ConnectionError) as exc:
        raise ArchiveRunError(str(exc)) from None
    return summary, saved


def is_failure(outcome: Any) -> bool:
    """Did a partition fail (its outcome is a PartitionFailure, not a result)?"""
    from claimcheck.scale.run import PartitionFailure

    return isinstance(outcome, PartitionFailure)
