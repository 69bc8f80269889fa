"""Worker processes for `check --jobs`: started once, fed in chunks, gone with their parent.

On Linux the workers are forked from the parent after it has built the pipeline (registry,
spaCy, evaluation index), so they start in milliseconds with everything in memory and share
its pages; the parent starts them before any other thread of its own exists (a fork copies
only the calling thread), and they never touch its SQLite connection. Elsewhere they are
spawned and build their own pipeline in the initializer. Either way:

- work goes out in chunks of documents of about the same size, read from the caller only as
  they are needed (at most two chunks per worker in flight), so memory stays bounded, the
  caller can read files while the workers check, and a slow document holds up little;
- results come back in input order, as soon as the next one is ready;
- each worker asks the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`;
  a watchdog thread elsewhere), so `kill -9` of the parent leaves no worker behind, and a
  forked pool needs neither a fork server nor a resource tracker process;
- a worker ignores Ctrl-C, which is its parent's to handle: the parent stops the pool.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

CHUNK_WEIGHT = 20_000  # characters of text per chunk (~3k words: tens of milliseconds of work)
CHUNK_ITEMS = 64
IN_FLIGHT = 2  # chunks per worker submitted ahead


class WorkerDied(Exception):
    """A worker process ended (killed, out of memory) before returning its chunk."""


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """fork where the workers can die with their parent and forking is safe (Linux)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends, however it ends (also on `kill -9`)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # 1 = PR_SET_PDEATHSIG
                if os.getppid() != parent:  # it died before we asked
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start(parent: int, initializer: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*args)


def chunks(
    items: Iterable[Any], weight: Callable[[Any], int], target: int = CHUNK_WEIGHT
) -> Iterator[list[Any]]:
    """Consecutive runs of items about `target` heavy (at most CHUNK_ITEMS), taken lazily:
    items are only read as chunks are needed."""
    chunk: list[Any] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if total >= target or len(chunk) >= CHUNK_ITEMS:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class OrderedPool:
    """Run `work(chunk) -> results` over chunks of `items` in `workers` processes.

    The processes start in the constructor (call it before starting threads of your own);
    iterate to get `(item, result)` in input order, where result is the WorkerDied
    exception for the items of a chunk whose worker died and for every item after it.
    `items` is read lazily, a few chunks ahead of the results, so the caller can produce
    them (read files) while the workers work.
    """

    def __init__(
        self,
        work: Callable[[list[Any]], list[Any]],
        items: Iterable[Any],
        *,
        workers: int,
        weight: Callable[[Any], int] = lambda _item: CHUNK_WEIGHT,
        chunk_weight: int = CHUNK_WEIGHT,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.work = work
        self.workers = workers
        self._chunks = chunks(items, weight, chunk_weight)
        self._pending: deque[tuple[list[Any], Any]] = deque()
        self.executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(start_method()),
            initializer=_start,
            initargs=(os.getpid(), initializer, initargs),
        )
        for _ in range(workers * IN_FLIGHT):  # the first submit starts every process
            if not self._submit():
                break

    def _submit(self) -> bool:
        chunk = next(self._chunks, None)
        if chunk is None:
            return False
        self._pending.append((chunk, self.executor.submit(self.work, chunk)))
        return True

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        from concurrent.futures.process import BrokenProcessPool

        finished = False
        try:
            while self._pending:
                chunk, future = self._pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool as exc:
                    died = WorkerDied(str(exc) or type(exc).__name__)
                    for item in self._left(chunk):
                        yield item, died
                    break
                self._submit()
                yield from zip(chunk, results, strict=True)
            finished = True
        finally:
            self.close(finished)

    def _left(self, chunk: list[Any]) -> Iterator[Any]:
        yield from chunk
        for other, _future in self._pending:
            yield from other
        self._pending.clear()
        for rest in self._chunks:
            yield from rest

    def close(self, finished: bool = True) -> None:
        """Stop the workers: at once unless every chunk came back (Ctrl-C, an error)."""
        if not finished:
            terminate = getattr(self.executor, "terminate_workers", None)  # Python 3.14
            if terminate is not None:
                terminate()
            else:
                for process in list(getattr(self.executor, "_processes", {}).values()):
                    process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)
