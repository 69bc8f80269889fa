"""Claims against named models: the pairs of rows both models have (the newest release, older
ones noted), a stand-in snapshot where a bare name's current one was never evaluated, and the
verdict per target.
"""

from __future__ import annotations

from claimcheck.judge.compare import _Cmp, _compare, _distinguish
from claimcheck.judge.field import _Field
from claimcheck.judge.prose import _and, _fmt, _model_name, _release_label
from claimcheck.judge.tally import _combine, _worst
from claimcheck.models import BenchmarkInfo, Evaluation


class _Pairwise(_Field):
    """The subject against each named target."""

    def _pairwise(self) -> tuple[str, list[str], list[_Cmp], str | None]:
        rel = self.claim.relation
        broad = self.claim.scope == "broad" or not self.named
        verdicts: list[str] = []
        reasons: list[str] = []
        cmps: list[_Cmp] = []
        tallies: list[str] = []
        for target in self.targets:
            pair = self._pair_cmps(target)
            pair += self._fallback_cmps(target, pair)
            if not pair:
                verdicts.append("unverifiable")
                reasons.append(self._no_pair_reason(target))
                continue
            cmps.extend(pair)
            if broad:
                v, rs, tally = self._judge_broad(pair, target)
                tallies.append(tally)
            else:
                v, rs = self._judge_specific(pair, target)
            verdicts.append(v)
            head = len(reasons)
            reasons.extend(rs)
            if rel == "trails" and self.named:
                v2, rs2, extra = self._field_check(pair, exclude={target, *self.targets})
                cmps.extend(extra)
                reasons.extend(rs2)
                if _worst(v, v2) != v:
                    verdicts[-1] = _worst(v, v2)
                    reasons[head] = self._headline(verdicts[-1], target, [])
        verdict = _combine(verdicts)
        if broad and self.vendor_rows:
            self._vendor_tally(reasons)
        if verdict == "unverifiable":
            self._self_reported_only(reasons)
        else:
            self._gap_notes()
        return verdict, reasons, cmps, "; ".join(tallies) or None

    def _pair_cmps(
        self, target: str, subject: str | None = None, only: str | None = None
    ) -> list[_Cmp]:
        subject = subject or self.subject or ""
        out = []
        older_all = []
        for found in self.table.releases_with(subject, target):
            g = found[0]
            s, t = g[subject], g[target]
            if only and s.benchmark_id != only:
                continue
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            out.append(_compare(s, t, info, self._noise))
            if len(found) > 1:
                older_all.append((found[1:], info))
        out.sort(key=lambda c: (c.info.name, c.s.source, c.s.metric, c.s.setting))
        self._note_older_releases(subject, target, older_all)
        return _distinguish(out)

    def _note_older_releases(
        self,
        subject: str,
        target: str,
        older_all: list[tuple[list[dict[str, Evaluation]], BenchmarkInfo]],
    ) -> None:
        """Older releases of a leaderboard that rank both models: shown, never counted.

        The rule is the same for every claim: the newest release in which both models appear
        is the one compared; the others are listed with their numbers and kept as evidence.
        """
        for older, info in older_all:
            first = older[0][subject]
            key = (first.source, first.benchmark_id, first.metric, subject, target)
            if key in self._older_seen:
                continue
            self._older_seen.add(key)
            cmps = [_compare(g[subject], g[target], info, self._noise) for g in older]
            self.older.extend(cmps)
            shown = "; ".join(
                f"{_release_label(c.s)}: {_fmt(c.s.score)} vs {_fmt(c.t.score)}" for c in cmps[:4]
            )
            more = f" and {len(cmps) - 4} more" if len(cmps) > 4 else ""
            self.notes.append(
                f"{self._source(first.source)} has {len(cmps) + 1} releases of {info.name} that "
                f"rank {_model_name(self.registry, subject)} and "
                f"{_model_name(self.registry, target)}; as for every claim, the newest one both "
                f"appear in is compared. The older ones, shown as evidence: {shown}{more}."
            )

    def _fallback_cmps(self, target: str, pair: list[_Cmp]) -> list[_Cmp]:
        """Where a bare-named model's current snapshot has no independent row, its nearest
        evaluated snapshot of the same family stands in (with a reason and `variant`)."""
        have = {c.info.id for c in pair}
        if self.named:
            missing: list[str | None] = [b for b in dict.fromkeys(self.named) if b not in have]
        else:
            missing = [] if pair else [None]
        if not missing:
            return []
        subject = self.subject or ""
        s_alts = self._snapshots_near(subject) if self._bare(subject) else []
        t_alts = self._snapshots_near(target) if self._bare(target) else []
        combos = [(subject, t) for t in t_alts] + [(s, target) for s in s_alts]
        combos += [(s, t) for s in s_alts for t in t_alts]
        extra: list[_Cmp] = []
        for bench in missing:
            for s_id, t_id in combos:
                if s_id == t_id:
                    continue
                found = self._pair_cmps(t_id, subject=s_id, only=bench)
                if not found:
                    continue
                extra.extend(found)
                for current, used in ((subject, s_id), (target, t_id)):
                    if current != used:
                        self._note_stand_in(current, used, bench)
                break
        return extra

    def _note_stand_in(self, current: str, used: str, bench: str | None) -> None:
        self.flags.add("variant")
        when = f"current on {self.as_of}" if self.as_of else "the current one"
        info = self.registry.benchmarks.get(bench or "")
        where = f" on {info.name}" if info else ""
        self.notes.append(
            f"No independent number for {_model_name(self.registry, current)} ({when}){where}; "
            f"using {_model_name(self.registry, used)}, the nearest evaluated snapshot."
        )

    def _no_pair_reason(self, target: str) -> str:
        tname = _model_name(self.registry, target)
        where = self._named_text()
        if self.domain:
            where = " of " + _and([d.replace("_", " ") for d in self.domain]) + " benchmarks"
        have_s = self.table.covers(self.subject or "")
        have_t = self.table.covers(target)
        if not have_s and not have_t:
            return f"No independent evaluation{where} covers {self._sname} or {tname}."
        if not have_s:
            return f"No independent evaluation{where} covers {self._sname}."
        if not have_t:
            return f"No independent evaluation{where} covers {tname}."
        return (
            f"Independent sources cover {self._sname} and {tname}{where}, but never in the same "
            "source and setting, so they cannot be compared."
        )
