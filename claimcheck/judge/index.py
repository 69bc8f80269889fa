"""The evaluation index: every resolved evaluation in memory, by model and by benchmark, built
once per run so that judging a claim is a few dictionary lookups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from claimcheck.judge.domain import EMPTY_DOMAIN, RegistryLike, _standin_re
from claimcheck.judge.table import _Table
from claimcheck.models import Claim, Domain, Evaluation


class EvaluationIndex:
    """Every resolved evaluation in memory, indexed by model id and by benchmark id.

    Built once per run (about 34k rows) so that judging a claim is a few dictionary lookups
    instead of SQL queries. `until` keeps only rows published on or before that date
    (`--evidence-until`), so a claim can be judged on what was known at the time.
    """

    def __init__(self, rows: Iterable[Evaluation], until: str | None = None) -> None:
        self.until = until
        self.by_model: dict[str, list[Evaluation]] = defaultdict(list)
        self.by_benchmark: dict[str, list[Evaluation]] = defaultdict(list)
        seen: set[tuple[Any, ...]] = set()
        for e in rows:
            if not e.model_id or not e.benchmark_id:
                continue
            if until and e.as_of and e.as_of > until:
                continue
            key = (
                e.kind,
                e.source,
                e.model,
                e.benchmark,
                e.metric,
                e.setting,
                e.as_of,
                e.reported_by,
                e.score,
            )
            if key in seen:
                continue
            seen.add(key)
            self.by_model[e.model_id].append(e)
            self.by_benchmark[e.benchmark_id].append(e)
        self.rows = sum(len(v) for v in self.by_model.values())
        # vendor numbers per model, and benchmarks some board scores as agent systems
        self.reported: dict[str, list[Evaluation]] = defaultdict(list)
        self.system_benchmarks: set[str] = set()
        for mid, model_rows in self.by_model.items():
            for e in model_rows:
                if e.kind != "independent":
                    self.reported[mid].append(e)
                elif e.system and e.benchmark_id:
                    self.system_benchmarks.add(e.benchmark_id)
        self.first_seen: dict[str, str] = {}
        for mid, model_rows in self.by_model.items():
            dates = [e.as_of for e in model_rows if e.as_of]
            if dates:
                self.first_seen[mid] = min(dates)
        self._benchmarks_of: dict[str, set[str]] = {}
        self.cache: dict[Any, Any] = {}  # the judge's memo of group memberships
        self._tables: dict[tuple[str, int], _Table] = {}
        # what the registry's domain tables make of all rows, per domain (`standins_for`)
        self._standin_memo: dict[Domain, dict[str, list[str]]] = {}
        self._slice_memo: dict[Domain, frozenset[str]] = {}

    def standins_for(self, domain: Domain) -> dict[str, list[str]]:
        """Serving builds that stand in for a released model where it was not evaluated
        itself: released id -> the ids of its builds ("<id>-fp8"), in index order."""
        found = self._standin_memo.get(domain)
        if found is None:
            found = self._standin_memo[domain] = _standins(self.by_model, domain)
        return found

    def slice_parts_for(self, domain: Domain) -> frozenset[str]:
        """Benchmarks that are only ever a slice of a sliced board's overall rating."""
        found = self._slice_memo.get(domain)
        if found is None:
            rows = (r for rs in self.by_model.values() for r in rs)
            found = self._slice_memo[domain] = _slice_parts(rows, domain)
        return found

    @classmethod
    def from_store(cls, store: Any, until: str | None = None) -> EvaluationIndex:
        """Load every resolved evaluation from a `Store` (independent and self-reported)."""
        return cls(store.evaluations(until=until), until=until)

    def for_models(
        self, ids: Iterable[str | None], domain: Domain = EMPTY_DOMAIN
    ) -> list[Evaluation]:
        """The rows of these models, and of the serving builds the domain says stand in for
        them."""
        out: list[Evaluation] = []
        standins = self.standins_for(domain)
        for mid in dict.fromkeys(i for i in ids if i):
            out.extend(self.by_model.get(mid, ()))
            for variant in standins.get(mid, ()):
                out.extend(self.by_model.get(variant, ()))
        return out

    def for_group(
        self,
        benchmark_ids: Iterable[str] | Claim | None = None,
        model_ids: Iterable[str] | None = None,
        *,
        as_of: str | None = None,
        domain: Domain = EMPTY_DOMAIN,
    ) -> list[Evaluation]:
        """Rows of every model on these benchmarks (all benchmarks of `model_ids` if None).

        This is what `best_in_group` and `trails` need: the whole field, not just the pair.
        Passing a `Claim` returns what `judge()` needs for it (`as_of` is accepted for
        symmetry: which group members count is decided by the judge from release dates).
        """
        if isinstance(benchmark_ids, Claim):
            claim = benchmark_ids
            subject = claim.subject.id if claim.subject else None
            if subject and _needs_field(claim):
                named = [b.id for b in claim.benchmarks if b.id]
                return self.for_group(named or None, [subject], domain=domain)
            return self.for_models([subject, *(t.id for t in claim.targets)], domain)
        if benchmark_ids is None:
            benchmark_ids = {
                e.benchmark_id for e in self.for_models(model_ids or (), domain) if e.benchmark_id
            }
        out: list[Evaluation] = []
        for bid in dict.fromkeys(benchmark_ids):
            out.extend(self.by_benchmark.get(bid, ()))
        return out

    def for_claim(self, claim: Claim, domain: Domain = EMPTY_DOMAIN) -> list[Evaluation]:
        """The rows `judge()` needs for this claim: pass them straight to `judge()`.

        The list holds the subject's and targets' rows (the vendor numbers and the pairs come
        from them) and carries the index itself, so `judge()` reads the field of a group claim
        from the index's prebuilt tables instead of a list of thousands of rows. With the
        registry's `domain` they include the serving builds that stand in for those models.
        """
        subject = claim.subject.id if claim.subject else None
        rows = ClaimRows(self.for_models([subject, *(t.id for t in claim.targets)], domain))
        rows.evaluation_index = self
        return rows

    def benchmarks_of(self, models: Iterable[str]) -> set[str]:
        """Benchmark ids on which any of these models has an independent row."""
        out: set[str] = set()
        for m in models:
            if m not in self._benchmarks_of:
                self._benchmarks_of[m] = {
                    e.benchmark_id
                    for e in self.by_model.get(m, ())
                    if e.benchmark_id and e.kind == "independent" and e.document is None
                }
            out |= self._benchmarks_of[m]
        return out

    def table(self, benchmark_id: str, registry: RegistryLike) -> _Table:
        """The independent rows of one benchmark, grouped for pairing (built once)."""
        key = (benchmark_id, id(registry))
        table = self._tables.get(key)
        if table is None:
            rows = (
                e
                for e in self.by_benchmark.get(benchmark_id, ())
                if e.kind == "independent" and e.document is None
            )
            table = self._tables[key] = _Table(rows, registry.benchmarks)
        return table


def _standins(ids: Iterable[str], domain: Domain) -> dict[str, list[str]]:
    """released id -> the serving builds among `ids` that stand in for it, in their order."""
    pattern = _standin_re(domain)
    out: dict[str, list[str]] = defaultdict(list)
    for mid in ids:
        m = pattern.match(mid)
        if m:
            out[m.group("base")].append(mid)
    return out


def _slice_parts(rows: Iterable[Any], domain: Domain) -> frozenset[str]:
    """Benchmarks that are only ever a slice of a sliced board's overall rating."""
    sliced: set[str] = set()
    elsewhere: set[str] = set()
    for e in rows:
        if not e.benchmark_id or e.kind != "independent":
            continue
        if e.source in domain.sliced_boards and e.benchmark_id != domain.board_averages.get(
            e.source
        ):
            sliced.add(e.benchmark_id)
        else:
            elsewhere.add(e.benchmark_id)
    return frozenset(sliced - elsewhere)


class ClaimRows(list[Evaluation]):
    """A claim's rows from `EvaluationIndex.for_claim`, with the index they came from."""

    evaluation_index: EvaluationIndex | None = None


def _needs_field(claim: Claim) -> bool:
    """Claims judged against a whole group of models rather than named targets."""
    if claim.relation in ("best_in_group", "trails"):
        return True
    return bool(claim.target_group) and not any(t.id for t in claim.targets)
