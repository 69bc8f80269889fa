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
(`Store.evaluations`), each kept once (one object per stored row, so a row shared by a model's
list and a benchmark's list is the same object, as the judge expects), and filtered and
de-duplicated by `EvaluationIndex` itself on each part; the two maps the judge reads whole,
`first_seen` and `standins`, are computed in SQL up front. A test judges the samples with
both and compares every verdict.

The index reads through the Store's connection, so it lives in that Store's thread and
process: a checker about to fork workers switches to the full index first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from claimcheck.judge import _STANDIN_RE, EvaluationIndex
from claimcheck.models import Evaluation

# read everything at once when this share of the rows has been read part by part
BULK_AFTER = 0.2


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
    """An EvaluationIndex over a Store, reading each model's and benchmark's rows on demand."""

    def __init__(self, store: Any, until: str | None = None) -> None:
        super().__init__((), until=until)
        self._store = store
        self._objects: dict[str, Evaluation] = {}  # stored id -> the one object for that row
        self.by_model = _OnDemand(lambda m: self._part(m, None))
        self.by_benchmark = _OnDemand(lambda b: self._part(None, b))
        self.bulk = False  # True once every row is in memory
        total, firsts = store.index_summary(until)
        self._bulk_at = max(1000, int(total * BULK_AFTER))
        self.first_seen = {m: first for m, first in firsts.items() if first}
        variants = [m for m in firsts if _STANDIN_RE.match(m)]
        self.standins = defaultdict(list)
        for mid in store.in_index_order(variants, until):  # the full index's list order
            m = _STANDIN_RE.match(mid)
            if m:
                self.standins[m.group("base")].append(mid)

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
        self.by_model = full.by_model  # type: ignore[assignment]
        self.by_benchmark = full.by_benchmark  # type: ignore[assignment]
        self.bulk = True
