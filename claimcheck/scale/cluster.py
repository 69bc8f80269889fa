"""The pipeline on Dask (`dask.distributed`): a LocalCluster on this machine, or any cluster
whose scheduler address is given.

Each worker builds one Checker, once: `CheckerPlugin` carries a read-only copy of the
evaluation store (`Store.copy_for_checking`, compressed) to every worker, including workers
that join or are restarted later, and its `setup` opens that private copy, builds the index,
the prices and the spaCy pipeline, and keeps the Checker for the tasks that follow. No worker
ever opens the user's store, so the store is never written concurrently. Tasks on one worker
take turns with the Checker (the pipeline is CPU-bound Python: one thread per worker process
is the right shape, and a lock keeps a many-threaded worker correct).

Dask retries a task whose worker died (`distributed.scheduler.allowed-failures`), which is
safe because `check_partition` writes each file whole under a fixed name: a retried partition
simply writes the same files again.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import threading
import uuid
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from claimcheck import __version__
from claimcheck.models import CheckedDocument, Document
from claimcheck.pipeline import Checker
from claimcheck.scale.run import Outcome, PartitionFailure, PartitionTask, check_partition

BATCH = 16  # documents per task when documents (not partitions) are sent: small runs
_CHECKERS: dict[str, tuple[Checker, threading.Lock]] = {}  # per worker process, by plugin name


def machine_workers() -> int:
    """Worker processes for a LocalCluster sized to this machine: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def open_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: connected to `scheduler`, or to a new LocalCluster of `workers`
    single-threaded processes (default: one per core), closed again on exit."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)  # waits distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as exc:  # unreachable, or not an address
            raise ConnectionError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}"
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    # Dask's log lines would only repeat what the run reports itself (a failed partition) or
    # say what is expected (a worker busy freeing spaCy's tables is killed on shutdown)
    with (
        LocalCluster(
            n_workers=workers or machine_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: several runs may share a machine
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dashboard(client: Any) -> str:
    """Where to watch the run: the dashboard link (Dask serves it when bokeh is installed)."""
    link = client.dashboard_link
    if importlib.util.find_spec("bokeh") is None:
        return f"Dask scheduler at {client.scheduler.address}; pip install bokeh for its dashboard"
    return f"Dask dashboard: {link}"


class CheckerPlugin(WorkerPlugin):
    """Builds a worker's Checker from a shipped copy of the evaluation store, once per worker."""

    def __init__(
        self, name: str, store_copy: Path, as_of: str | None, evidence_until: str | None
    ) -> None:
        self.name = name
        self.data = zlib.compress(store_copy.read_bytes(), 1)
        self.as_of = as_of
        self.evidence_until = evidence_until
        self.version = __version__

    def setup(self, worker: Any) -> None:
        from claimcheck.extract import get_nlp
        from claimcheck.store import Store

        if self.version != __version__:
            raise RuntimeError(
                f"this worker runs claimcheck {__version__}, the client {self.version}: "
                "install the same version on every worker"
            )
        path = Path(worker.local_directory) / f"{self.name}.db"
        path.write_bytes(zlib.decompress(self.data))
        try:
            with Store(path) as store:
                checker = Checker(store, as_of=self.as_of, evidence_until=self.evidence_until)
                checker.index, checker.prices  # noqa: B018 - built now, while the copy is open
        finally:
            path.unlink(missing_ok=True)
        get_nlp(checker.registry)
        _CHECKERS[self.name] = (checker, threading.Lock())

    def teardown(self, worker: Any) -> None:
        _CHECKERS.pop(self.name, None)


def _worker_check(name: str) -> Callable[[list[Document]], Iterable[CheckedDocument]]:
    try:
        checker, lock = _CHECKERS[name]
    except KeyError:
        raise RuntimeError(f"worker has no checker {name!r}: its plugin did not run") from None

    def check(docs: list[Document]) -> list[CheckedDocument]:
        with lock:
            return list(checker.check_many(docs, jobs=1))

    return check


def run_partition_task(name: str, task: PartitionTask) -> Outcome:
    """A Dask task: one partition with this worker's Checker."""
    try:
        return check_partition(task, _worker_check(name))
    except OSError as exc:
        return PartitionFailure(task.partition.index, f"cannot write results: {exc}")


def check_batch(name: str, docs: list[Document]) -> list[CheckedDocument]:
    """A Dask task: a few documents with this worker's Checker (small runs)."""
    return list(_worker_check(name)(docs))


class DaskEngine:
    """Runs partitions (archives) or batches of documents (small runs) on a Dask cluster.

    Use as a context manager: entering ships the store copy and builds every worker's
    Checker; leaving removes them again, so a long-lived cluster keeps no memory of the run.
    """

    def __init__(
        self,
        client: Any,
        store_copy: Path,
        *,
        as_of: str | None = None,
        evidence_until: str | None = None,
    ) -> None:
        self.client = client
        self.name = f"claimcheck-{uuid.uuid4().hex[:12]}"
        self.plugin = CheckerPlugin(self.name, store_copy, as_of, evidence_until)

    def __enter__(self) -> DaskEngine:
        self.client.register_plugin(self.plugin, name=self.name)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):  # the cluster may already be gone
            self.client.unregister_worker_plugin(self.name)

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def run(self, tasks: Sequence[PartitionTask]) -> Iterator[Outcome]:
        from distributed import as_completed

        futures = {
            self.client.submit(
                run_partition_task,
                self.name,
                task,
                key=f"check-partition-{task.partition.index:05d}-{self.name}",
                pure=False,
            ): task
            for task in tasks
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a bug: one partition's fate
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                yield PartitionFailure(task.partition.index, reason)
            future.release()

    def check_many(
        self,
        docs: Iterable[Document],
        progress: Callable[[CheckedDocument], None] | None = None,
    ) -> Iterator[CheckedDocument]:
        """Documents in the order given, checked in batches with a bounded number in flight."""
        window = 2 * self.workers
        pending: deque[tuple[Any, list[Document]]] = deque()

        def finish() -> Iterator[CheckedDocument]:
            future, batch = pending.popleft()
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died on this batch
                why = f"not checked: {type(exc).__name__}: {exc}"
                results = [CheckedDocument(d, error=why) for d in batch]
            future.release()
            for checked in results:
                if progress:
                    progress(checked)
                yield checked

        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == BATCH:
                pending.append((self.client.submit(check_batch, self.name, batch), batch))
                batch = []
                while len(pending) >= window:
                    yield from finish()
        if batch:
            pending.append((self.client.submit(check_batch, self.name, batch), batch))
        while pending:
            yield from finish()


class DaskChecker(Checker):
    """A Checker whose `check_many` runs on Dask: what `check --engine dask` uses for files,
    directories, URLs and standard input, so everything after checking stays the same.

    `start()` connects (or starts a LocalCluster) and builds the workers' Checkers, so a
    scheduler that cannot be reached is known before any document is read; the first
    `check_many` to finish closes it all again.
    """

    def __init__(
        self,
        store: Any,
        *,
        as_of: str | None = None,
        evidence_until: str | None = None,
        scheduler: str | None = None,
        workers: int | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(store, as_of=as_of, evidence_until=evidence_until)
        self.scheduler = scheduler
        self.workers = workers
        self.notice = notice
        self._stack = contextlib.ExitStack()
        self._engine: DaskEngine | None = None

    def start(self) -> DaskChecker:
        import tempfile

        stack = self._stack
        try:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="claimcheck-"))
            client = stack.enter_context(open_client(self.scheduler, self.workers))
            copy = Path(tmp) / "evaluations.db"
            self.store.copy_for_checking(copy)
            if self.notice:
                self.notice(dashboard(client))
            engine = DaskEngine(client, copy, as_of=self.as_of, evidence_until=self.evidence_until)
            self._engine = stack.enter_context(engine)
        except BaseException:
            stack.close()
            raise
        return self

    def close(self) -> None:
        self._engine = None
        self._stack.close()

    def check_many(
        self,
        docs: Iterable[Document],
        jobs: int | str = 1,
        progress: Callable[[CheckedDocument], None] | None = None,
        size: tuple[int, int] | None = None,  # the local engine's hint; Dask needs none
    ) -> Iterator[CheckedDocument]:
        if self._engine is None:
            self.start()
        assert self._engine is not None
        try:
            yield from self._engine.check_many(docs, progress)
        finally:
            self.close()
