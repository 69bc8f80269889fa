"""The announcement's own numbers: shown beside the independent ones (the gap), counted for the
cherry-pick measure ("wins 4 of 11 rows of its own table"), never deciding a verdict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.prose import _fmt, _model_name
from claimcheck.judge.state import _State
from claimcheck.judge.tally import _broad_ok, _hedge
from claimcheck.models import Evaluation, Evidence


class _Vendor(_State):
    """Self-reported rows: the pairs a vendor's table gives, their evidence and their notes."""

    def _vendor_pairs(self, target: str | None) -> list[tuple[Evaluation, Evaluation]]:
        """Vendor rows where one table gives both the subject and the target a number."""
        groups: dict[tuple[Any, ...], dict[str, Evaluation]] = defaultdict(dict)
        for e in self.vendor_all:
            if not e.model_id or not e.benchmark_id:
                continue
            if self.named and e.benchmark_id not in self.named:
                continue
            key = (e.source, e.document, e.reported_by, e.benchmark_id, e.metric, e.setting)
            groups[key].setdefault(e.model_id, e)
        out = []
        for g in groups.values():
            s = g.get(self.subject or "")
            if s is None:
                continue
            others = [target] if target else [m for m in g if m != self.subject]
            for t in others:
                if t in g and t != self.subject:
                    out.append((s, g[t]))
        return out

    def _self_reported_only(self, reasons: list[str]) -> None:
        found = False
        seen: set[tuple[str | None, str | None, float, float]] = set()
        targets: list[str | None] = list(self.targets) or [None]
        for target in targets:
            for s, t in self._vendor_pairs(target):
                key = (s.benchmark_id, t.model_id, s.score, t.score)
                if key in seen or len(seen) >= 4:
                    continue
                seen.add(key)
                found = True
                who = s.reported_by or self._source(s.source)
                reasons.append(
                    f"Only {who}'s own numbers compare them on {t.benchmark}: "
                    f"{_model_name(self.registry, s.model_id)} {_fmt(s.score)} vs "
                    f"{_model_name(self.registry, t.model_id)} {_fmt(t.score)} (self-reported, "
                    "not independent)."
                )
        if not found and not self.targets and self.claim.relation == "best_in_group":
            for s in [e for e in self.vendor_all if e.model_id == self.subject][:1]:
                found = True
                reasons.append(
                    f"Only self-reported numbers exist for {self._sname} (e.g. {s.benchmark} "
                    f"{_fmt(s.score)}, reported by {s.reported_by or s.source})."
                )
        if found:
            self.flags.add("self_reported_only")

    def _gap_notes(self) -> None:
        """Vendor number vs independent number for the subject, on the same benchmark."""
        indep: dict[str, list[Evaluation]] = defaultdict(list)
        for g in self.table.newest_with(self.subject or ""):
            row = g[self.subject or ""]
            indep[row.benchmark_id or ""].append(row)
        shown = 0
        seen: set[tuple[str | None, float]] = set()
        subject_info = self.registry.models.get(self.subject or "")
        base = subject_info is not None and subject_info.variant == "base"
        for e in self.vendor_all:
            if e.model_id != self.subject or e.benchmark_id not in indep or shown >= 3:
                continue
            if (e.benchmark_id, e.score) in seen:
                continue  # the same number from another copy of the same table
            seen.add((e.benchmark_id, e.score))
            if not base and re.search(r"(?i)\bbase model\b|\bpretrained\b", e.setting):
                continue  # a vendor's base-model row says nothing about the chat model
            ref = indep[e.benchmark_id or ""][0]
            gap = e.score - ref.score
            who = e.reported_by or e.source
            setting = f" ({e.setting})" if e.setting and len(e.setting) <= 30 else ""
            self.notes.append(
                f"{who} reports {_fmt(e.score)} for {self._sname} on {e.benchmark}{setting}; "
                f"{self._source(ref.source)} "
                f"measured {_fmt(ref.score)} ({'+' if gap >= 0 else ''}{_fmt(gap)} gap, "
                "settings may differ)."
            )
            shown += 1

    def _vendor_evidence(self, cmps: list[_Cmp]) -> list[Evidence]:
        out = []
        seen: set[tuple[str | None, str | None, float, float]] = set()
        for target in self.targets:
            for s, t in self._vendor_pairs(target):
                key = (s.benchmark_id, t.model_id, s.score, t.score)
                if key in seen:
                    continue  # the same pair of numbers from another copy of the table
                seen.add(key)
                info = self.registry.benchmarks.get(s.benchmark_id or "")
                diff = s.score - t.score
                if info is not None and not info.higher_is_better:
                    diff = -diff
                out.append(
                    Evidence(
                        benchmark=info.name if info else s.benchmark,
                        source=s.source or (s.reported_by or ""),
                        subject_score=s.score,
                        target_score=t.score,
                        difference=round(diff, 4),
                        margin=0.0,
                        as_of=s.as_of,
                        metric=s.metric,
                        setting=s.setting,
                        margin_method="self-reported, no margin",
                        subject_model=_model_name(self.registry, s.model_id),
                        target_model=_model_name(self.registry, t.model_id),
                        kind="self_reported",
                        snapshot=s.snapshot,
                        outcome="win" if diff > 0 else "loss" if diff < 0 else "tie",
                        source_url=s.source_url,
                    )
                )
        return out

    def _vendor_tally(self, reasons: list[str]) -> None:
        """The cherry-pick measure: how many rows of its own table the subject wins."""
        rows = [e for e in self.vendor_rows if e.model_id and e.benchmark_id]
        tables: dict[tuple[Any, ...], dict[str, Evaluation]] = defaultdict(dict)
        for e in rows:
            tables[(e.document, e.benchmark_id, e.metric, e.setting)].setdefault(
                e.model_id or "", e
            )
        n = wins = 0
        for g in tables.values():
            s = g.get(self.subject or "")
            if s is None:
                continue
            rivals = [g[t] for t in (self.targets or g) if t in g and t != self.subject]
            if not rivals:
                continue
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            hib = info.higher_is_better if info else True
            n += 1
            if all((s.score > r.score) if hib else (s.score < r.score) for r in rivals):
                wins += 1
        if n == 0:
            return
        reasons.append(f"In its own table, {self._sname} wins {wins} of {n} rows.")
        bar = _hedge(self.claim.quantifier)
        # a parity claim ("on par with") does not need wins: the measure is for leads
        if self.claim.relation in ("surpasses", "best_in_group") and not _broad_ok(
            wins, n, 1.0, bar if bar != "aggregate" else "majority"
        ):
            self.flags.add("cherry_picked")
