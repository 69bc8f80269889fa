"""Claims against a whole field ("the best open model", "second only to X"): the group's members
out by the claim date, the field of each benchmark best first, and the verdict against it.
"""

from __future__ import annotations

from collections import defaultdict

from claimcheck.judge.compare import _Cmp, _compare, _distinguish
from claimcheck.judge.domain import domain_of
from claimcheck.judge.prose import _and, _model_name, _sentence
from claimcheck.judge.rules import _Rules
from claimcheck.judge.tally import _headlines, _hedge, _uncounted_reason, _weigh
from claimcheck.models import BenchmarkInfo, Evaluation

MAX_FIELD_ROWS = 8  # rivals per benchmark shown as evidence for a group claim


class _Field(_Rules):
    """best_in_group and the field check of trails."""

    def _members(self, exclude: set[str]) -> tuple[str, frozenset[str] | None]:
        """The group's label and its members out by the claim date (None: every model).

        Cached on the index: thousands of claims share a handful of (group, date) pairs.
        """
        group = self.group
        # the label names everything the members depend on (band, organisation, kind); the
        # excluded models (a trails claim's leaders) are left out later, so keys are shared
        key = ("members", group.kind, group.label, self.as_of)
        hit = self.cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        label, pred = group.label, group.pred
        allowed: frozenset[str] | None = None
        if pred is not None:
            # models the registry does not know can only belong to "all models"
            # the subject itself is left in: `_rivals` skips it, and the key can be shared
            allowed = frozenset(
                mid
                for mid, info in self.registry.models.items()
                if pred(info) and self._released(mid)
            )
        self.cache[key] = (label, allowed)
        return label, allowed

    def _field(
        self,
        g: dict[str, Evaluation],
        info: BenchmarkInfo,
        allowed: frozenset[str] | None,
        exclude: set[str],
        limit: int | None = None,
        ahead_of: float | None = None,
    ) -> list[Evaluation]:
        """The group's members of the field best first: in `allowed` (or, for every model,
        released by the claim date), not the subject, its stand-ins or `exclude`. With
        `limit`, only the first members, up to the first one not ahead of `ahead_of`.

        Each group's rows are sorted once (cached on the index) and filtered as they are
        read, so a claim that needs the strongest few members reads only those.
        """
        sign = 1.0 if info.higher_is_better else -1.0
        # a view made for a serving build is a fresh dict: its id is not a stable key
        own = g.get(self.subject or "")
        key = ("sorted", id(g))
        ordered = self.cache.get(key) if own is not None and own.model_id == self.subject else None
        if ordered is None:
            ordered = sorted(g.items(), key=lambda kv: sign * kv[1].score, reverse=True)
            if own is not None and own.model_id == self.subject and len(self.cache) < 200_000:
                self.cache[key] = ordered
        skip = {self.subject, *exclude, *self.standin_of}
        out: list[Evaluation] = []
        for mid, row in ordered:
            if mid in skip or row.model_id in skip:
                continue
            if not (mid in allowed if allowed is not None else self._released(mid)):
                continue
            out.append(row)
            if limit is not None and (
                len(out) >= limit or (ahead_of is not None and sign * (row.score - ahead_of) <= 0)
            ):
                break
        return out

    def _field_check(
        self, pair: list[_Cmp], exclude: set[str]
    ) -> tuple[str, list[str], list[_Cmp]]:
        """For `trails`: does anyone besides the named leaders beat the subject?"""
        label, allowed = self._members(exclude)
        ahead: dict[str, _Cmp] = {}
        for g in self.table.newest_with(self.subject or ""):
            s = g[self.subject or ""]
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            sign = 1.0 if info.higher_is_better else -1.0
            # the field best first, up to the first member not ahead of the subject
            for row in self._field(g, info, allowed, exclude, len(g), s.score):
                if sign * (row.score - s.score) <= 0:
                    continue  # not ahead at all: cannot lead beyond the margin
                c = _compare(s, row, info, self._noise)
                mid = row.model_id or ""
                if c.outcome == "loss" and (mid not in ahead or c.diff < ahead[mid].diff):
                    ahead[mid] = c
        if not ahead:
            return (
                "supported",
                [
                    f"No other model of the field ({label}) leads {self._sname} "
                    "there beyond the noise."
                ],
                [],
            )
        names = ", ".join(_model_name(self.registry, m) for m in sorted(ahead))
        extra = sorted(ahead.values(), key=lambda c: c.diff)[:3]
        decisive = sum(1 for c in ahead.values() if not c.unmeasured)
        reasons = [
            f"{self._sname} is not second only to the named model(s): {names} also "
            "lead it beyond the noise margin."
        ]
        reasons.extend(_sentence(c, self.registry) for c in extra)
        return ("contradicted" if decisive >= 3 else "overstated"), reasons, extra

    def _released(self, mid: str) -> bool:
        """Was the model out at the claim date? Undated models: their first published row."""
        if not self.as_of:
            return True
        hit = self._released_memo.get(mid)
        if hit is None:
            info = self.registry.models.get(mid)
            released = (info.release_date if info else None) or self.first_seen.get(mid)
            hit = self._released_memo[mid] = not (released and released > self.as_of)
        return hit

    def _best_in_group(self, trails: bool = False) -> tuple[str, list[str], list[_Cmp], str | None]:
        label, allowed = self._members(set(self.targets) if trails else set())
        subject_info = self.registry.models.get(self.subject or "")
        reasons: list[str] = []
        group = self.group
        if (
            allowed is not None
            and subject_info is not None
            and group.pred is not None
            and group.kind == "field"
            and "'s own" not in label  # a vendor's line-up leaves the subject out by design
            and not group.pred(subject_info)
        ):
            reasons.append(f"{self._sname} is not itself one of the {label}.")
        per_bench: dict[str, list[_Cmp]] = defaultdict(list)
        leaders: list[_Cmp] = []
        others: list[_Cmp] = []
        typical = group.kind == "larger"
        for g in self.table.newest_with(self.subject or ""):
            s = g[self.subject or ""]
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            rivals = self._field(
                g,
                info,
                allowed,
                set(self.targets) if trails else set(),
                None if typical else MAX_FIELD_ROWS,
                s.score,
            )
            if not rivals:
                continue
            sign = 1.0 if info.higher_is_better else -1.0
            # "much larger models" names no model: the typical one (median score) stands in
            chosen = rivals[len(rivals) // 2 if typical else 0]
            strongest = _compare(s, chosen, info, self._noise)
            per_bench[s.benchmark_id or ""].append(strongest)
            leaders.append(strongest)
            # every other member ahead of the subject bears on the claim too: shown, not tallied
            ahead = [r for r in rivals if r is not chosen and sign * (r.score - s.score) > 0]
            others.extend(_compare(s, r, info, self._noise) for r in ahead[: MAX_FIELD_ROWS - 1])
        if not per_bench:
            where = self._named_text()
            kind = " " + _and([d.replace("_", " ") for d in self.domain]) if self.domain else ""
            others_label = "models" if label == "all models" else label
            reasons.insert(
                0,
                f"No independent{kind} evaluation{where} ranks {self._sname} against other "
                f"{others_label}.",
            )
            self._self_reported_only(reasons)
            return "unverifiable", reasons, [], None
        broad = self.claim.scope == "broad" or not self.named
        skipped: list[_Cmp] = []
        if broad:
            per_bench, counted, skipped = _headlines(
                leaders, self._as_themselves, frozenset(self.domain), domain_of(self.registry)
            )
            self._note_categories_used(counted)
            if not per_bench:
                reasons.insert(
                    0,
                    f"Only parts of leaderboards rank {self._sname} against other {label}; a "
                    "broad claim is judged on whole benchmarks (a leaderboard counts by its "
                    "average).",
                )
                return "unverifiable", reasons, _distinguish(leaders), None
        parity = self.claim.relation in ("matches", "approaches")
        if parity:
            # "on par with the best closed models": the group's strongest member is the target
            readings = {b: self._benchmark_reading(cs) for b, cs in per_bench.items()}
            readings = {b: "far" if v == "bad" else v for b, v in readings.items()}
        else:
            readings = {b: self._benchmark_reading_best(cs) for b, cs in per_bench.items()}
        n = len(readings)
        when = f"released by {self.as_of}" if self.as_of else "known"
        if broad:
            w = _weigh(
                per_bench,
                readings,
                _hedge(self.claim.quantifier),
                self.claim.relation if parity else "best_in_group",
            )
            best, lost, verdict = w.wins, w.losses, w.verdict
        else:
            best = sum(1 for v in readings.values() if v == "ok")
            lost = sum(1 for v in readings.values() if v == "far")
            if best == n:
                verdict = "supported"
            elif best == 0 and lost * 3 >= 2 * n:
                verdict = "contradicted"
            else:
                verdict = "overstated"
        if parity:
            word = "matches or leads" if self.claim.relation == "matches" else "is close to"
            tally = f"{word} the strongest on {best} of {n}"
            head = (
                f"Among {label} {when}, {self._sname} {word} the strongest on {best} of {n} "
                f"independent benchmarks ({lost} where it falls clearly short)."
            )
        elif typical:
            tally = f"ahead of the typical one on {best} of {n}"
            head = (
                f"'{self.claim.target_group}' names no model, so {self._sname} is compared on "
                f"each benchmark with the median-scoring of the {label} {when}: clearly ahead "
                f"on {best} of {n} independent benchmarks ({lost} clearly behind)."
            )
        else:
            tally = f"best on {best} of {n}"
            head = (
                f"Among {label} {when}, {self._sname} is best on {best} of {n} independent "
                f"benchmarks ({lost} where another model leads beyond the noise)."
            )
        reasons.insert(0, head)
        if broad:
            rival = "the typical" if typical else "the strongest"
            reasons.insert(1, w.combined_text(self._sname, f"{rival} of the {label}"))
        if verdict == "overstated":
            if best < n and lost < n - best:
                self.flags.add("noise")
            if best > 0 and lost > 0:
                self.flags.add("cherry_picked")
        # the counted rows first, so the sentences quoted are the ones the tally rests on
        uncounted_ids = {id(c) for c in skipped}
        order = sorted(leaders, key=lambda c: (id(c) in uncounted_ids, c.diff))
        ranked = _distinguish(order)
        reasons.extend(_sentence(c, self.registry) for c in ranked[:4])
        self._uncounted |= {(id(c.s), id(c.t)) for c in skipped}
        self._uncounted |= {(id(c.s), id(c.t)) for c in others}
        uncounted = _uncounted_reason(skipped, self.registry)
        if uncounted:
            reasons.append(uncounted)
        if others:
            reasons.append(
                f"{len(others)} more result{'s' if len(others) != 1 else ''} of {label} ahead "
                f"of {self._sname} on these benchmarks {'are' if len(others) != 1 else 'is'} "
                "shown as evidence."
            )
        if trails and verdict != "unverifiable":
            reasons.insert(1, "Read as 'second only to' a group leader: checked against the rest.")
        return verdict, reasons, ranked + sorted(others, key=lambda c: c.strength), tally
