"""The judge's evaluation index, read from the store only where a claim looks.

`EvaluationIndex` holds every evaluation in memory (about 50k rows): right for a batch, but
for one document, a pasted paragraph or a re-check of a few claims, loading it all is most of
the work (three quarters of a second, more than the whole extraction). `StoreIndex` is the
same index, filled on demand: the rows of a model or of a benchmark are read (one indexed
query each) the first time the judge asks for them, and kept.

Broad claims about a popular model reach most of the store (its benchmarks, and on each
benchmark every model), and then reading part by part costs more than one bulk read: once a
fifth of the rows have been read, the index reads the rest in one query and from then on
answers from memory like the full index.

It gives the judge exactly what the full index would. Rows are read in the full index's order
(`Store.indexed_evaluations`), each kept once (one object per stored row, so a row shared by a
model's list and a benchmark's list is the same object, as the judge expects), and filtered
and de-duplicated by `EvaluationIndex` itself on each part. What the full index derives from
all rows at once is computed here from SQL summaries (`first_seen` and `system_benchmarks` up
front; `standins_for` and `slice_parts_for` a registry's domain through the judge's own
functions) or per model (`reported`). Any other attribute the judge asks for, such as one a
later version of the full index adds, makes this index read everything and become the full
index: slower, never wrong.
A test judges the samples with both and compares every verdict.

The index reads through the Store's connection, so it lives in that Store's thread and
process: a checker about to fork workers switches to the full index first.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import Any

from claimcheck.judge.domain import _standin_re
from claimcheck.judge.index import EvaluationIndex, _slice_parts, _standins
from claimcheck.models import Domain, Evaluation

# read everything at once when this share of the rows has been read part by part
BULK_AFTER = 0.2
# what this index keeps of its own when it becomes the full index: caches built from
# complete per-model and per-benchmark lists, still right
_KEPT = frozenset({"_benchmarks_of", "_tables", "cache"})
_Slice = namedtuple("_Slice", "benchmark_id kind source")


class _OnDemand(dict[str, list[Evaluation]]):
    """A dict that loads a missing key's rows on `get` or `[]` (the judge uses `get`)."""

    def __init__(self, load: Callable[[str], list[Evaluation]]) -> None:
        super().__init__()
        self._load = load

    def __missing__(self, key: str) -> list[Evaluation]:
        rows = self[key] = self._load(key)
        return rows

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        rows = self[key]
        return rows if rows else default


class StoreIndex(EvaluationIndex):
    """An EvaluationIndex over a Store, reading each model's and benchmark's rows on demand.

    `EvaluationIndex.__init__` is not called: every attribute it sets is either set here,
    or missing and then `__getattr__` builds the full index and takes its attributes.
    """

    def __init__(self, store: Any, until: str | None = None) -> None:
        self.until = until
        self._store = store
        self._objects: dict[str, Evaluation] = {}  # stored id -> the one object for that row
        self.bulk = False  # True once every row is in memory
        self.by_model = _OnDemand(lambda m: self._part(m, None))
        self.by_benchmark = _OnDemand(lambda b: self._part(None, b))
        self.reported = _OnDemand(
            lambda m: [e for e in self.by_model.get(m, ()) if e.kind != "independent"]
        )
        self._benchmarks_of: dict[str, set[str]] = {}
        self.cache: dict[Any, Any] = {}
        self._tables: dict[Any, Any] = {}
        summary = store.index_summary(until)
        self.rows = summary.rows
        self._bulk_at = max(1000, int(summary.rows * BULK_AFTER))
        self.first_seen = {m: first for m, first in summary.first_seen.items() if first}
        self.system_benchmarks = set(summary.system_benchmarks)
        # the judge's own rule, on the three fields it reads
        # the judge's own rules on these, per domain (`standins_for`, `slice_parts_for`)
        self._models = list(summary.first_seen)
        self._slices = [_Slice(*r) for r in summary.slices]  # type: ignore[misc]
        self._standin_memo: dict[Domain, dict[str, list[str]]] = {}
        self._slice_memo: dict[Domain, frozenset[str]] = {}

    def standins_for(self, domain: Domain) -> dict[str, list[str]]:
        found = self._standin_memo.get(domain)
        if found is None:
            pattern = _standin_re(domain)
            variants = [m for m in self._models if pattern.match(m)]
            # in the full index's list order
            found = _standins(self._store.in_index_order(variants, self.until), domain)
            self._standin_memo[domain] = found
        return found

    def slice_parts_for(self, domain: Domain) -> frozenset[str]:
        found = self._slice_memo.get(domain)
        if found is None:
            found = self._slice_memo[domain] = _slice_parts(self._slices, domain)
        return found

    def __getattr__(self, name: str) -> Any:
        # only for attributes not set above: the full index has them, so become it
        if name.startswith("__") or name in ("_store", "_objects", "bulk") or self.bulk:
            raise AttributeError(name)
        self._read_all()
        return getattr(self, name)

    def _part(self, model: str | None, benchmark: str | None) -> list[Evaluation]:
        if len(self._objects) >= self._bulk_at:
            self._read_all()
        if self.bulk:
            table = self.by_model if model is not None else self.by_benchmark
            return list(table.get(model if model is not None else benchmark or "") or ())
        rows = self._store.indexed_evaluations(
            until=self.until, model_id=model, benchmark_id=benchmark, known=self._objects
        )
        part = EvaluationIndex(rows, until=self.until)
        table = part.by_model if model is not None else part.by_benchmark
        return list(table.get(model if model is not None else benchmark or "") or ())

    def _read_all(self) -> None:
        rows = self._store.indexed_evaluations(until=self.until, known=self._objects)
        full = EvaluationIndex(rows, until=self.until)
        for name, value in vars(full).items():
            if name not in _KEPT:
                setattr(self, name, value)
        self.bulk = True
