"""The vendor ledger: per organisation, how its claims fared and its self-reporting gap."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claimcheck.models import Evaluation, is_headline
from claimcheck.registry import load_registry
from claimcheck.store import Store


@dataclass(frozen=True)
class LedgerRow:
    """One organisation's record across everything checked and every self-reported number."""

    org: str
    claims: int
    supported: int
    overstated: int
    contradicted: int
    unverifiable: int
    mean_gap: float | None  # self-reported minus independent, in points, own models only
    gap_pairs: int  # (model, benchmark) pairs behind mean_gap

    @property
    def share_overstated(self) -> float:
        return self.overstated / self.claims if self.claims else 0.0

    @property
    def share_contradicted(self) -> float:
        return self.contradicted / self.claims if self.claims else 0.0

    @property
    def share_bad(self) -> float:
        """Overstated or contradicted: the claims a reader should not have believed as written."""
        return (self.overstated + self.contradicted) / self.claims if self.claims else 0.0


_ORG_NOISE = {"ai", "lab", "labs", "inc", "the", "team", "research", "and", "of"}


def _org_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _ORG_NOISE}


def same_org(reported_by: str | None, org: str) -> bool:
    """Did `reported_by` publish numbers about its own model? ("Alibaba Qwen" ~ "Alibaba")."""
    if not reported_by:
        return True
    return bool(_org_words(reported_by) & _org_words(org))


def ledger(store: Store, registry: Any = None) -> list[LedgerRow]:
    """Per organisation: claims made about its models, how they fared, and its reporting gap.

    A claim belongs to the organisation of its subject model. The gap compares a vendor's
    self-reported score for one of its own models with the mean independent score for the
    same model and benchmark (same metric where the independent sources use it); competitor
    numbers a vendor quotes are left out, since they say nothing about its own honesty.
    """
    registry = registry or load_registry()
    models = registry.models

    def org_of(model_id: str | None) -> str | None:
        info = models.get(model_id) if model_id else None
        return info.org if info and info.org else None

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in store.checked_claims():
        org = org_of(row.get("subject_id")) or "(unresolved subject)"
        counts[org]["claims"] += 1
        if row.get("verdict"):
            counts[org][row["verdict"]] += 1

    gaps = _reporting_gaps(store, org_of, registry.benchmarks)
    rows = []
    for org in sorted(set(counts) | set(gaps)):
        c = counts.get(org, {})
        pair_gaps = gaps.get(org, [])
        rows.append(
            LedgerRow(
                org=org,
                claims=c.get("claims", 0),
                supported=c.get("supported", 0),
                overstated=c.get("overstated", 0),
                contradicted=c.get("contradicted", 0),
                unverifiable=c.get("unverifiable", 0),
                mean_gap=round(sum(pair_gaps) / len(pair_gaps), 2) if pair_gaps else None,
                gap_pairs=len(pair_gaps),
            )
        )
    rows.sort(key=lambda r: (-r.claims, -r.gap_pairs, r.org))
    return rows


def _reporting_gaps(
    store: Store, org_of: Callable[[str | None], str | None], benchmarks: dict[str, Any]
) -> dict[str, list[float]]:
    """Per org, one gap per (model, benchmark): mean self-reported minus mean independent.

    Independent rows count only in the benchmark's headline metrics, as in the judge's
    tallies: a leaderboard's "normalised" score (random baseline = 0) would make every
    vendor look like it inflates by twenty points.
    """
    own: dict[tuple[str, str], list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="self_reported"):
        org = org_of(e.model_id)
        if e.model_id and e.benchmark_id and org and same_org(e.reported_by, org):
            own[(e.model_id, e.benchmark_id)].append(e)
    if not own:
        return {}
    independent: dict[tuple[str, str], list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="independent", model_ids={m for m, _ in own}):
        info = benchmarks.get(e.benchmark_id or "")
        if info is None or e.derived:
            continue
        if is_headline(info, e.metric):
            independent[(e.model_id or "", e.benchmark_id or "")].append(e)
    out: dict[str, list[float]] = defaultdict(list)
    for key, reported in sorted(own.items()):
        ind = independent.get(key)
        if not ind:
            continue
        metrics = {e.metric for e in reported}
        same_metric = [e for e in ind if e.metric in metrics]
        ind_scores = [e.score for e in (same_metric or ind)]
        vendor = sum(e.score for e in reported) / len(reported)
        third = sum(ind_scores) / len(ind_scores)
        # percent-scale numbers only: a 0-1 fraction or an Elo score against a percentage
        # would produce a meaningless "gap"
        if not (1.0 < vendor <= 100.0 and 1.0 < third <= 100.0):
            continue
        out[org_of(key[0]) or ""].append(vendor - third)
    return out
