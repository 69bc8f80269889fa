"""The flags every relation shares, each with the reason that explains it: contamination risk,
a stale target, a setting mismatch, agent systems, variants and serving builds, and cost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.domain import _variant_marks, domain_of
from claimcheck.judge.prose import (
    _article,
    _family_name,
    _fmt,
    _model_name,
    _price_text,
    _settings_text,
)
from claimcheck.judge.vendor import _Vendor
from claimcheck.judge.wording import _CHOSEN_OLDER, _setting_mismatch
from claimcheck.models import FLAGS, BenchmarkInfo, Evaluation, Price

_FLAG_ORDER = FLAGS  # the order reports list them in


def _cheapest(prices: Sequence[Price], mid: str | None) -> Price | None:
    rows = [p for p in prices if mid and p.model_id == mid and _blended(p) > 0]
    return min(rows, key=_blended) if rows else None


def _blended(p: Price) -> float:
    """A 3:1 input:output blend, the usual way list prices are compared."""
    i = p.input_usd_per_mtok or 0.0
    o = p.output_usd_per_mtok or 0.0
    return (3 * i + o) / 4


class _Flags(_Vendor):
    """Flags and their notes, raised after the verdict is reached."""

    def _flag_common(self, cmps: list[_Cmp], verdict: str) -> None:
        self._flag_contamination(cmps)
        self._flag_stale()
        self._flag_settings(cmps)
        self._flag_systems()
        self._flag_variants(cmps)
        if verdict in ("supported", "overstated"):
            # a price gap matters where the subject does hold its own, not where it loses
            self._flag_cost()

    def _flag_systems(self) -> None:
        """Agent systems vs models on boards such as SWE-bench.

        A Verified/Lite board row scores a system (a scaffold and the model it runs); it is
        never compared with another system's or a model's row (each system is its own
        setting), and the reasons say what it is. A vendor's number with its own scaffold
        against a run where every model used the same minimal agent (SWE-bench's bash-only
        board, Epoch AI's harness) is a `setting_mismatch`, shown with both numbers.
        """
        models = [m for m in (self.subject, *self.targets) if m]
        index = getattr(self._claim_rows, "evaluation_index", None)
        for bench in dict.fromkeys(self.named):
            if index is not None and bench not in index.system_benchmarks:
                continue
            rows = [
                e
                for e in self._claim_rows
                if e.benchmark_id == bench and e.kind == "independent" and e.document is None
            ]
            systems = [e for e in rows if e.system]
            if not systems:
                continue
            info = self.registry.benchmarks.get(bench)
            bname = info.name if info else bench
            by_model: dict[str, list[Evaluation]] = defaultdict(list)
            for e in systems:
                if e.model_id in models:
                    by_model[e.model_id or ""].append(e)
            for mid, found in by_model.items():
                found.sort(key=lambda e: e.score, reverse=True)
                shown = "; ".join(f"{e.system} {_fmt(e.score)}" for e in found[:3])
                more = f" and {len(found) - 3} more" if len(found) > 3 else ""
                self.notes.append(
                    f"The {bname} board ({self._source(found[0].source)}) scores agent systems "
                    f"(a scaffold and the model it runs), not {_model_name(self.registry, mid)} "
                    f"alone: {shown}{more}. A system's score is compared with nothing but "
                    "itself; models are compared where every model ran in the same harness."
                )
            harness = {e.model_id: e for e in sorted(rows, key=lambda e: e.as_of) if not e.system}
            for v in self.vendor_all:
                if v.benchmark_id != bench or v.model_id not in harness:
                    continue
                if re.search(r"(?i)bash-only|mini-swe-agent", v.setting):
                    continue
                ref = harness[v.model_id]
                who = v.reported_by or self._source(v.source)
                self.flags.add("setting_mismatch")
                self.notes.append(
                    f"{who}'s {_fmt(v.score)} for {_model_name(self.registry, v.model_id)} on "
                    f"{bname} is a score with its own agent scaffold; "
                    f"{self._source(ref.source)} ran every model in the same minimal harness "
                    f"({ref.setting.split(';')[0] or 'one agent for all'}) and measured "
                    f"{_fmt(ref.score)}: not the same setting."
                )
                break

    def _flag_contamination(self, cmps: list[_Cmp]) -> None:
        """Named benchmarks, or for a broad claim the ones the subject's case rests on (wins)."""
        if self.named:
            ids = list(dict.fromkeys(self.named))
        else:
            ids = list(
                dict.fromkeys(
                    c.info.id
                    for c in cmps
                    if c.outcome == "win" and (id(c.s), id(c.t)) not in self._uncounted
                )
            )
        risky: list[BenchmarkInfo] = []
        for bid in ids:
            info = self.registry.benchmarks.get(bid)
            if info and any(c in ("contamination_risk", "saturated") for c in info.caveats):
                risky.append(info)
        if not risky:
            return
        self.flags.add("contamination_risk")
        names = ", ".join(i.name for i in risky)
        kinds = sorted(
            {
                c.replace("_", " ")
                for i in risky
                for c in i.caveats
                if c in ("contamination_risk", "saturated")
            }
        )
        verb = "carries" if len(risky) == 1 else "carry"
        self.notes.append(
            f"{names} {verb} a caveat ({' and '.join(kinds)}): a high score may reflect "
            "training-data overlap or a ceiling more than ability."
        )

    def _flag_stale(self) -> None:
        for target in self.targets:
            info = self.registry.models.get(target)
            if info is None or not info.family:
                continue
            subject_info = self.registry.models.get(self.subject or "")
            if subject_info is not None and subject_info.family == info.family:
                continue  # comparing with its own predecessor is the point, not staleness
            if self._chose_older(target):
                continue  # "the original DeepSeek-R1": the text names that version on purpose
            current = self.registry.current_in_family(info.family, self.as_of)
            if current is None or current.id == target or not info.release_date:
                continue
            if (current.release_date or "") > (info.release_date or ""):
                self.flags.add("stale_target")
                when = f"on {self.as_of}" if self.as_of else "now"
                self.notes.append(
                    f"{_model_name(self.registry, target)} was not the current "
                    f"{_family_name(self.registry, info.family)} {when}: "
                    f"{_model_name(self.registry, current.id)} (released "
                    f"{current.release_date}) was."
                )

    def _chose_older(self, target: str) -> bool:
        text = self.claim.text
        for m in self.claim.targets:
            if m.id != target or not m.text:
                continue
            at = text.find(m.text)
            if at > 0 and _CHOSEN_OLDER.search(text[max(0, at - 30) : at]):
                return True
        return False

    def _flag_settings(self, cmps: list[_Cmp]) -> None:
        if not self.claim_settings:
            return
        for c in cmps:
            problems = _setting_mismatch(self.claim_settings, c.s)
            if problems:
                self.flags.add("setting_mismatch")
                self.notes.append(
                    f"The claim's setting ({_settings_text(self.claim_settings)}) differs "
                    f"from {self._source(c.s.source)}'s {c.info.name} run "
                    f"({c.s.setting or 'setting not stated'}): " + "; ".join(problems) + "."
                )

    def _flag_variants(self, cmps: list[_Cmp]) -> None:
        for mid in [self.subject, *self.targets]:
            info = self.registry.models.get(mid or "")
            if info and info.variant.lower() in domain_of(self.registry).unreleased_variants:
                self.flags.add("variant")
                self.notes.append(
                    f"{_model_name(self.registry, info.id)} is {_article(info.variant)} "
                    f"{info.variant} build, not a "
                    "generally released model."
                )
        seen: set[str] = set()
        compared = {self.subject, *self.targets, *self.standin_of}
        for c in cmps:
            for row in (c.s, c.t):
                base = self.standin_of.get(row.model_id or "")
                if base and row.model not in seen:
                    seen.add(row.model)
                    self.flags.add("variant")
                    self.notes.append(
                        f"{self._source(row.source)} evaluated only '{row.model}', a serving "
                        f"build of {_model_name(self.registry, base)}; its score stands in for "
                        "the released model."
                    )
                    continue
                if row.model_id not in compared:
                    continue
                info = self.registry.models.get(row.model_id or "")
                if info is None or row.model in seen:
                    continue
                known = domain_of(self.registry)
                marks = _variant_marks(known, row.model)
                released = _variant_marks(known, info.name) | _variant_marks(known, info.id)
                extra = marks - released
                if extra:
                    seen.add(row.model)
                    self.flags.add("variant")
                    self.notes.append(
                        f"{self._source(row.source)} evaluated '{row.model}' "
                        f"({', '.join(sorted(extra))}), a serving variant of "
                        f"{_model_name(self.registry, info.id)}, not "
                        "necessarily the released weights."
                    )

    def _flag_cost(self) -> None:
        if self.claim.relation not in ("surpasses", "matches", "approaches"):
            return
        sp = _cheapest(self.prices, self.subject)
        for target in self.targets:
            tp = _cheapest(self.prices, target)
            if sp is None or tp is None:
                continue
            if _blended(sp) > _blended(tp) * 1.05:
                self.flags.add("cost")
                self.notes.append(
                    f"{self._sname} costs {_price_text(sp)} vs "
                    f"{_model_name(self.registry, target)} {_price_text(tp)} per million "
                    f"input/output tokens ({sp.provider} vs {tp.provider}, list prices "
                    f"as of {sp.as_of}): the comparison is at a higher price."
                )
