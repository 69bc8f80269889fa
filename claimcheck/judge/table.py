"""Rows paired like with like: one source, benchmark, metric and setting, organised as series →
releases (newest first) → model → row, so the newest release both models appear in is found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from claimcheck.models import BenchmarkInfo, Evaluation, is_headline

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}_\d{2}_\d{2}")


def _group_key(e: Evaluation) -> tuple[str, str, str, str]:
    return (e.source, e.benchmark_id or "", e.metric, e.setting)


def _series_key(e: Evaluation) -> tuple[str, str, str, str]:
    return (e.source, e.benchmark_id or "", e.metric, _DATE_RE.sub("", e.setting))


def _release_key(rows: Sequence[Evaluation]) -> tuple[str, str]:
    dates = _DATE_RE.findall(rows[0].setting)
    return (max(d.replace("_", "-") for d in dates) if dates else "", max(r.as_of for r in rows))


def _pick(rows: Sequence[Evaluation]) -> Evaluation:
    """One row per model per group: the newest run (ties: the highest score, stable)."""
    return max(rows, key=lambda r: (r.as_of, r.score))


def _is_primary(e: Evaluation, info: BenchmarkInfo | None) -> bool:
    return is_headline(info, e.metric)


class _Table:
    """Rows of one kind organised as series → releases (newest first) → model → row.

    A series is one source, benchmark, metric and setting with its dates removed, so the
    releases of a leaderboard line up and the newest one both models appear in can be found.
    """

    def __init__(
        self, rows: Iterable[Evaluation] = (), benchmarks: dict[str, BenchmarkInfo] | None = None
    ) -> None:
        groups: dict[tuple[str, str, str, str], dict[str, list[Evaluation]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for e in rows:
            if not e.model_id or not e.benchmark_id:
                continue
            if not _is_primary(e, (benchmarks or {}).get(e.benchmark_id)):
                continue
            groups[_group_key(e)][e.model_id].append(e)
        self.series: dict[tuple[str, str, str, str], list[dict[str, Evaluation]]] = defaultdict(
            list
        )
        for by_model in groups.values():
            picked = {m: _pick(rs) for m, rs in by_model.items()}
            self.series[_series_key(next(iter(picked.values())))].append(picked)
        for releases in self.series.values():
            releases.sort(key=lambda g: _release_key(list(g.values())), reverse=True)
        self.standins: dict[str, list[str]] = {}  # released id -> serving builds standing in

    @classmethod
    def merged(cls, tables: Iterable[_Table], standins: dict[str, str]) -> _Table:
        """One view over several (cached, shared) tables; nothing is copied."""
        out = cls()
        for t in tables:
            out.series.update(t.series)
        for variant, base in standins.items():
            out.standins.setdefault(base, []).append(variant)
        return out

    def has(self, g: dict[str, Evaluation], model: str) -> bool:
        return model in g or any(v in g for v in self.standins.get(model, ()))

    def _view(self, g: dict[str, Evaluation], models: Sequence[str]) -> dict[str, Evaluation]:
        """The group with serving builds filed under the released id they stand in for."""
        missing = [m for m in models if m not in g]
        if not missing:
            return g
        g = dict(g)
        for m in missing:
            for v in self.standins.get(m, ()):
                if v in g:
                    g[m] = g[v]
                    break
        return g

    def newest_with(self, *models: str) -> list[dict[str, Evaluation]]:
        """For each series, the newest release in which all `models` have a row."""
        out = []
        for releases in self.series.values():
            for g in releases:
                if all(self.has(g, m) for m in models):
                    out.append(self._view(g, models))
                    break
        return out

    def releases_with(self, *models: str) -> list[list[dict[str, Evaluation]]]:
        """For each series, every release in which all `models` have a row, newest first."""
        out = []
        for releases in self.series.values():
            found = [self._view(g, models) for g in releases if all(self.has(g, m) for m in models)]
            if found:
                out.append(found)
        return out

    def covers(self, model: str) -> bool:
        return any(self.has(g, model) for r in self.series.values() for g in r)
