"""The verdict rules for one set of comparisons: how each comparison reads for the claim's
relation (ok, noise, bad, far), how sources on one benchmark vote, and the verdict of a
specific claim and of a broad one, with its headline.
"""

from __future__ import annotations

from collections import defaultdict

from claimcheck.judge.compare import _close, _Cmp
from claimcheck.judge.domain import domain_of
from claimcheck.judge.flags import _Flags
from claimcheck.judge.prose import (
    _BAR_TEXT,
    _OUTCOME_WORD,
    _REL_WORD,
    _model_name,
    _sentence,
)
from claimcheck.judge.tally import _headlines, _hedge, _uncounted_reason, _weigh


class _Rules(_Flags):
    """Readings of comparisons and the verdicts of specific and broad claims."""

    def _per_benchmark(self, pair: list[_Cmp]) -> dict[str, list[_Cmp]]:
        out: dict[str, list[_Cmp]] = defaultdict(list)
        for c in pair:
            out[c.s.benchmark_id or ""].append(c)
        return out

    def _ok(self, c: _Cmp) -> str:
        """Per-comparison reading of the relation: ok | noise | bad | far.

        A comparison without any noise estimate is read the same way whichever side the
        difference falls on: it cannot show a clear lead or a clear deficit, so for a claim
        that needs one (surpasses, best_in_group, trails) it reads "noise" both ways, and a
        deficit never reads as a clear loss ("far") for any relation.
        """
        reading = self._ok_measured(c)
        if c.unmeasured:
            rel = self.claim.relation
            if rel in ("surpasses", "best_in_group", "trails"):
                return "noise" if reading != "ok" or rel != "trails" else "ok"
            if rel == "matches" and reading != "ok":
                return "noise"
            if reading == "far":
                return "bad"
        return reading

    def _ok_measured(self, c: _Cmp) -> str:
        rel = self.claim.relation
        if rel == "surpasses":
            return {"win": "ok", "tie": "noise", "loss": "far"}[c.outcome]
        if rel == "matches":
            return "ok" if c.outcome != "loss" else ("far" if -c.diff > 2 * _close(c) else "bad")
        if rel == "approaches":
            close = _close(c)
            if c.diff >= -close:
                return "ok"
            return "bad" if c.diff >= -2 * close else "far"
        if rel == "trails":
            return "ok" if c.outcome != "win" else "bad"
        return {"win": "ok", "tie": "noise", "loss": "far"}[c.outcome]

    def _benchmark_reading(self, cs: list[_Cmp]) -> str:
        """Sources on one benchmark vote; the majority reading wins, ties go to the weaker.

        Rows with a noise estimate outvote rows without one: the latter vote only alone.
        """
        measured = [c for c in cs if not c.unmeasured]
        votes = [self._ok(c) for c in (measured or cs)]
        order = ["ok", "noise", "bad", "far"]
        best = max(order, key=lambda k: (votes.count(k), -order.index(k)))
        if votes.count(best) * 2 == len(votes) and len(set(votes)) > 1:
            # an even split is not agreement: half the evidence for the claim makes it
            # overstated ("bad"), never contradicted; otherwise take the weaker reading
            weaker = max(set(votes), key=order.index)
            return "bad" if "ok" in votes and weaker == "far" else weaker
        return best

    def _judge_specific(self, pair: list[_Cmp], target: str) -> tuple[str, list[str]]:
        per = self._per_benchmark(pair)
        readings = {b: self._benchmark_reading(cs) for b, cs in per.items()}
        reasons = [_sentence(c, self.registry) for c in pair]
        for cs in per.values():
            if len({c.outcome for c in cs}) > 1:
                reasons.append(self._disagree(cs))
            elif len(cs) > 1:
                sources = list(dict.fromkeys(self._source(c.s.source) for c in cs))
                if len(sources) > 1:
                    reasons.append(
                        f"{len(sources)} independent sources on {cs[0].info.name} agree "
                        f"({', '.join(sources)})."
                    )
                else:
                    reasons.append(
                        f"All {len(cs)} {sources[0]} settings on {cs[0].info.name} agree."
                    )
        values = list(readings.values())
        missing = [b for b in self.named if b not in per]
        if missing:
            names = ", ".join(
                self.registry.benchmarks[b].name if b in self.registry.benchmarks else b
                for b in missing
            )
            reasons.append(f"No independent comparison on {names}.")
        if all(v == "ok" for v in values):
            verdict = "supported"
            if self.claim.relation == "matches" and all(c.outcome == "win" for c in pair):
                reasons.insert(0, f"{self._sname} leads rather than merely matches.")
        elif "ok" not in values and values.count("far") * 2 >= len(values):
            verdict = "contradicted"
        else:
            verdict = "overstated"
        if "noise" in values:
            self.flags.add("noise")
        if "ok" in values and ("far" in values or "bad" in values):
            self.flags.add("cherry_picked")
        head = self._headline(verdict, target, values)
        if verdict == "overstated" and pair and all(c.unmeasured for c in pair):
            head = (
                f"No source gives a noise estimate for this comparison, so the difference "
                f"between {self._sname} and {_model_name(self.registry, target)} cannot be "
                "told from noise either way: the claim is not shown."
            )
        reasons.insert(0, head)
        return verdict, reasons

    def _disagree(self, cs: list[_Cmp]) -> str:
        parts = [
            f"{self._source(c.s.source)}{' (' + c.detail + ')' if c.detail else ''} says "
            f"{_OUTCOME_WORD[c.outcome]}"
            for c in cs
        ]
        return f"Sources disagree on {cs[0].info.name}: " + "; ".join(parts) + "."

    def _headline(self, verdict: str, target: str, values: list[str]) -> str:
        tname = _model_name(self.registry, target)
        rel = _REL_WORD.get(self.claim.relation, self.claim.relation)
        if verdict == "supported":
            return f"Independent evaluations support that {self._sname} {rel} {tname}."
        if verdict == "contradicted":
            return f"Independent evaluations contradict that {self._sname} {rel} {tname}."
        if "noise" in values and all(v in ("ok", "noise") for v in values):
            return (
                f"{self._sname} does not clearly lead {tname}: the difference is inside the "
                "benchmark's noise."
            )
        return f"The evidence backs only a weaker claim than that {self._sname} {rel} {tname}."

    def _judge_broad(self, pair: list[_Cmp], target: str) -> tuple[str, list[str], str]:
        per, counted, skipped = _headlines(
            pair, self._as_themselves, frozenset(self.domain), domain_of(self.registry)
        )
        tname = _model_name(self.registry, target)
        if not counted:
            return (
                "unverifiable",
                [
                    f"Only parts of leaderboards compare {self._sname} with {tname}; a broad "
                    "claim is judged on whole benchmarks (a leaderboard counts by its average)."
                ],
                "wins 0 of 0",
            )
        readings = {b: self._benchmark_reading(cs) for b, cs in per.items()}
        rel = self.claim.relation
        w = _weigh(per, readings, _hedge(self.claim.quantifier), rel)
        self._note_categories_used(counted)
        word = {"surpasses": "wins", "approaches": "is close on", "trails": "is not ahead on"}.get(
            rel, "matches or leads on"
        )
        tally = f"{word} {w.wins} of {w.n}"
        scope = "its benchmarks" if not self.named else "the named benchmarks"
        head = (
            f"Against {tname}, {self._sname} {word} {w.wins} of {w.n} independent benchmarks "
            f"({w.losses} clearly against, {w.n - w.wins - w.losses} inside the noise or without "
            f"a noise estimate; ahead on {w.leads}, behind on {w.behind})."
        )
        reasons = [head, w.combined_text(self._sname, tname)]
        if w.verdict == "supported":
            reasons.append(f"The claim needs {_BAR_TEXT[w.bar]}; {scope} clear that bar.")
        elif w.verdict == "overstated":
            reasons.append(f"The claim, as worded, needs {_BAR_TEXT[w.bar]}.")
            if w.wins > 0 and w.losses > 0:
                self.flags.add("cherry_picked")
            if w.n - w.wins - w.losses > w.losses:
                self.flags.add("noise")
        elif w.wins == 0 and w.losses:
            reasons.append(
                f"{self._sname} is clearly ahead on none of them and clearly behind on "
                f"{w.losses}: the evidence runs against the claim."
            )
        # quote the strongest evidence each way, so the tally can be checked by hand
        ranked = sorted(counted, key=lambda c: c.strength)
        quoted = [c for c in ranked if c.diff < 0][:3] + [c for c in ranked if c.diff >= 0][:3]
        reasons.extend(_sentence(c, self.registry) for c in quoted)
        self._uncounted |= {(id(c.s), id(c.t)) for c in skipped}
        uncounted = _uncounted_reason(skipped, self.registry)
        if uncounted:
            reasons.append(uncounted)
        return w.verdict, [r for r in reasons if r], tally

    @staticmethod
    def _benchmark_reading_best(cs: list[_Cmp]) -> str:
        measured = [c for c in cs if not c.unmeasured]
        # without a noise estimate neither a lead nor a deficit decides anything
        outs = [c.outcome for c in measured] if measured else ["tie" for _ in cs]
        if all(o == "win" for o in outs):
            return "ok"
        if outs.count("loss") * 2 > len(outs):
            return "far"
        return "noise"
