"""The same pipeline on Dask: a LocalCluster of 2 worker processes must give exactly the
results of the single-process check on the same documents.

One cluster and one set of worker Checkers serve the whole module, so the cost of starting
them (seconds: each worker imports spaCy and builds its pipeline) is paid once. The tests that
start a cluster of their own or kill a worker are marked slow.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
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
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.pipeline import Checker
from claimcheck.scale.results import read_rows
from claimcheck.scale.run import RunOptions, check_archives
from claimcheck.store import Store

distributed = pytest.importorskip("distributed")

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def reference(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checker]:
    path = tmp_path_factory.mktemp("ref") / "claimcheck.db"
    shutil.copy(built_db, path)
    store = Store(path)
    checker = Checker(store)
    checker.index, checker.prices  # noqa: B018
    yield checker
    store.close()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import gc
    import logging

    # a Client left for the garbage collector (an earlier test's command-line run) closes
    # itself from __del__; collected while the new cluster's event loop starts, it waits on
    # that loop's lock and the process hangs (seen in distributed's LoopRunner): collect now
    gc.collect()
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def engine(client: Any, reference: Checker) -> Iterator[Any]:
    """Both workers' Checkers, built once from a copy of the reference store."""
    from claimcheck.scale.cluster import DaskEngine

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        reference.store.copy_for_checking(copy)
        with DaskEngine(client, copy) as e:
            yield e


def shared(engine: Any) -> Any:
    @contextlib.contextmanager
    def open_engine(copy: Path) -> Iterator[Any]:
        yield engine

    return open_engine


def part_rows(out: Path) -> dict[str, list[list[dict[str, Any]]]]:
    return {
        table: [read_rows(p) for p in sorted((out / table).iterdir())]
        for table in ("claims", "documents")
    }


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_two_dask_workers_give_the_single_process_results(
    engine: Any, reference: Checker, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = articles(36, seed=7)
    rows[10] = {"text": "   "}  # an error row travels the same way
    write = write_jsonl if kind == "jsonl" else write_parquet
    write(tmp_path / f"news.{kind}", rows)
    monkeypatch.chdir(tmp_path)  # the workers' own directory is elsewhere: names as typed
    archive = Path(f"news.{kind}")
    on_dask = check_archives(
        reference.store,
        [str(archive)],
        RunOptions(Path("dask"), partition_size=6),
        shared(engine),
    )
    assert on_dask.complete and on_dask.documents == 36 and on_dask.errors == 1
    workers = {r.worker for r in on_dask.results.values()}
    assert len(workers) == 2, workers  # both worker processes took partitions ...
    assert not any(w.endswith(f":{os.getpid()}") for w in workers)  # ... and not this one

    # the partition files are the local engine's, row for row
    local = check_archives(
        reference.store,
        [str(archive)],
        RunOptions(tmp_path / "local", partition_size=6),
        local_engine(reference),
    )
    assert local.claims == on_dask.claims > 0
    assert part_rows(tmp_path / "dask") == part_rows(tmp_path / "local")

    # and each document's claims are what checking it alone in this process gives
    found = claims_by_document(tmp_path / "dask")
    expected = expected_claims(reference, archive, 6)
    assert {k: [strip_context(r) for r in v] for k, v in found.items()} == {
        k: v for k, v in expected.items() if v
    }


def test_small_runs_on_dask_render_the_same_report(
    client: Any, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()
    args = ["check", str(SAMPLES), "--format", "json", "--no-store"]
    local = runner.invoke(main, args, catch_exceptions=False)
    address = client.scheduler.address
    dask = runner.invoke(main, [*args, "--scheduler", address], catch_exceptions=False)
    assert dask.exit_code == local.exit_code == 0, dask.stderr
    assert json.loads(dask.stdout)["documents"], "the samples have claims"
    assert dask.stdout == local.stdout
    assert dask.stderr.startswith("claimcheck: Dask ")  # where to watch it


@pytest.mark.parametrize(
    ("address", "why"),
    [("tcp://127.0.0.1:9", "Timed out trying to connect"), ("nonsense", "missing port number")],
)
def test_an_unreachable_scheduler_is_one_line(
    db: Path, tmp_path: Path, address: str, why: str
) -> None:
    import dask

    (tmp_path / "x.md").write_text("GPT-4o beats Llama 3.1 405B on MMLU.\n")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["check", str(tmp_path / "x.md"), "--scheduler", address])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"claimcheck: error: cannot reach the Dask scheduler at {address}: ")
    assert why in lines[0]


class DieOnce(distributed.WorkerPlugin):
    """Makes the first partition task on any worker kill its process, once per flag file."""

    def __init__(self, flag: str) -> None:
        self.flag = flag

    def setup(self, worker: Any) -> None:
        import claimcheck.scale.cluster as cluster

        original = getattr(cluster, "_original_check_partition", cluster.check_partition)
        cluster._original_check_partition = original  # type: ignore[attr-defined]
        flag = Path(self.flag)

        def dying(task: Any, check: Any) -> Any:
            if not flag.exists():
                flag.touch()
                os._exit(1)  # the worker process dies mid-partition, as on OOM
            return original(task, check)

        cluster.check_partition = dying  # type: ignore[assignment]

    def teardown(self, worker: Any) -> None:
        import claimcheck.scale.cluster as cluster

        original = getattr(cluster, "_original_check_partition", None)
        if original is not None:
            cluster.check_partition = original


@pytest.mark.slow
def test_a_worker_that_dies_is_retried(
    client: Any, engine: Any, reference: Checker, tmp_path: Path
) -> None:
    import cloudpickle
    import test_scale_dask

    cloudpickle.register_pickle_by_value(test_scale_dask)
    archive = write_jsonl(tmp_path / "news.jsonl", articles(12, seed=3))
    flag = tmp_path / "died"
    client.register_plugin(DieOnce(str(flag)), name="die-once")
    try:
        summary = check_archives(
            reference.store,
            [str(archive)],
            RunOptions(tmp_path / "out", partition_size=4),
            shared(engine),
        )
    finally:
        client.unregister_worker_plugin("die-once")
    assert flag.exists(), "a worker died"
    assert summary.complete and not summary.failures and summary.documents == 12
    found = claims_by_document(tmp_path / "out")
    expected = expected_claims(reference, archive, 4)
    assert {k: [strip_context(r) for r in v] for k, v in found.items()} == {
        k: v for k, v in expected.items() if v
    }


@pytest.mark.slow
def test_engine_dask_starts_a_local_cluster(db: Path, tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "news.jsonl", articles(8))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["check", str(archive), "--engine", "dask", "--jobs", "2", "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("claimcheck: Dask ")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["totals"]["documents"] == 8
