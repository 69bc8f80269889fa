"""`judge()`: one claim and its rows in, a verdict with reasons and evidence out.

`_Judgement` is the top layer of the judgement (see `state`): it reads which kind of claim it
is (a named target, a group, a line member such as "its predecessor", nothing to compare
with), hands it to the pairwise or field rules, and finishes the verdict with its flags,
notes and evidence rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.domain import RegistryLike, domain_of
from claimcheck.judge.flags import _FLAG_ORDER
from claimcheck.judge.groups import Group, _b
from claimcheck.judge.index import EvaluationIndex
from claimcheck.judge.pairwise import _Pairwise
from claimcheck.judge.prose import _and, _evidence, _model_name, _unnamed_reason
from claimcheck.judge.wording import _EXAMPLES
from claimcheck.models import Claim, Evaluation, Price, Verdict


def judge(
    claim: Claim,
    evaluations: Sequence[Evaluation] | EvaluationIndex,
    *,
    registry: RegistryLike,
    as_of: str | None = None,
    vendor_rows: Sequence[Evaluation] = (),
    prices: Sequence[Price] = (),
) -> Verdict:
    """Judge one claim against evaluation rows (or an `EvaluationIndex`).

    `evaluations` must contain the subject's and targets' rows; for `best_in_group` and
    `trails` also the rest of the field on the relevant benchmarks (pass the index and this is
    taken care of). `as_of` is the claim date; `vendor_rows` the announcement's own table;
    `prices` API list prices for the cost flag.
    """
    if isinstance(evaluations, EvaluationIndex):
        evaluations = evaluations.for_claim(claim, domain_of(registry))
    return _Judgement(claim, evaluations, registry, as_of, vendor_rows, prices).run()


class _Judgement(_Pairwise):
    """One claim judged: the kind of claim decides the rules, then the verdict is finished."""

    def run(self) -> Verdict:
        c = self.claim
        if not self.subject:
            return Verdict("unverifiable", reasons=(_unnamed_reason(c, self.registry),))
        rel = c.relation
        early: list[str] = []
        if not self.targets and c.target_group:
            group = self.group
            c = replace(c, target_group=" ".join(c.target_group.split()))
            self.claim = c
            if group.kind == "unspecified":
                return self._finish(
                    "unverifiable",
                    [
                        f"'{c.target_group}' does not say which models are meant, so there is "
                        f"nothing to compare {self._sname} with."
                    ],
                    [],
                    None,
                )
            if group.kind in ("predecessor", "sibling"):
                found, why = self._line_member(group)
                if found is None:
                    return self._finish("unverifiable", [why], [], None)
                self.targets = [found]
                early.append(why)
                # "better than its predecessor" is a comparison with that one model
                verdict, reasons, cmps, tally = self._pairwise()
                return self._complete(verdict, reasons, cmps, tally, early)
        elif self.targets and rel == "best_in_group" and _EXAMPLES.search(c.text):
            # "the best among leading models such as A, B and C": the field is A, B and C
            named = [_model_name(self.registry, t) for t in self.targets]
            members = frozenset(self.targets)
            self._group = Group(
                f"the named models ({_and(named)})", "named", lambda m: m.id in members
            )
            self.targets = []
        if self.targets and rel != "best_in_group":
            verdict, reasons, cmps, tally = self._pairwise()
        elif rel == "best_in_group" or (not self.targets and c.target_group):
            verdict, reasons, cmps, tally = self._best_in_group(trails=rel == "trails")
        elif not self.targets:
            names = ", ".join(t.text for t in c.targets)
            why = (
                f"{names} could not be identified as a known model, so there is nothing to "
                f"compare {self._sname} with."
                if names
                else f"The claim names no model or group to compare {self._sname} with, so "
                "there is nothing to check it against."
            )
            return self._finish("unverifiable", [why], [], None)
        else:
            verdict, reasons, cmps, tally = self._pairwise()
        return self._complete(verdict, reasons, cmps, tally, early)

    def _complete(
        self,
        verdict: str,
        reasons: list[str],
        cmps: list[_Cmp],
        tally: str | None,
        early: list[str],
    ) -> Verdict:
        c = self.claim
        domain = self._domain_reason()
        early = self.checkpoint_notes + early
        reasons[1:1] = early + ([domain] if domain and verdict != "unverifiable" else [])
        if domain and verdict == "unverifiable":
            reasons.append(domain)
        if c.negated and verdict in ("supported", "contradicted"):
            verdict = "contradicted" if verdict == "supported" else "supported"
            reasons.insert(0, "The claim is negated, so the evidence is read the other way.")
        return self._finish(verdict, reasons, cmps, tally)

    def _line_member(self, group: Group) -> tuple[str | None, str]:
        """The model a "its predecessor" / "the 72B model" phrase names, with the reason."""
        sname = self._sname
        if group.kind == "predecessor":
            find = getattr(self.registry, "predecessor", None)
            found = find(self.subject) if find is not None else None
            if found is None:
                return None, (
                    f"'{self.claim.target_group}' names no model: the registry has no earlier "
                    f"release of {sname}'s line (same organisation, size and tuning) to compare."
                )
            return found.id, (
                f"'{self.claim.target_group}' is read as {_model_name(self.registry, found.id)}, "
                f"the latest earlier release of {sname}'s line (released "
                f"{found.release_date or 'on an unknown date'})."
            )
        find = getattr(self.registry, "sibling", None)
        size = group.size or 0.0
        found = find(self.subject, size) if find is not None else None
        if found is None:
            return None, (
                f"'{self.claim.target_group}' names no model the registry has: no {_b(size)} "
                f"model of {sname}'s line is known."
            )
        return found.id, (
            f"'{self.claim.target_group}' is read as {_model_name(self.registry, found.id)}, the "
            f"{_b(size)} model of {sname}'s line."
        )

    def _finish(
        self, verdict: str, reasons: list[str], cmps: list[_Cmp], tally: str | None
    ) -> Verdict:
        if self.unknown_benchmarks:
            reasons.append(
                "Not a benchmark claimcheck knows: " + ", ".join(self.unknown_benchmarks) + "."
            )
        self._flag_common(cmps, verdict)
        # strongest first: the rows a tally counts, then the rest, each by |z| (or size)
        shown = sorted(
            cmps, key=lambda c: ((id(c.s), id(c.t)) in self._uncounted, c.strength)
        ) + sorted(self.older, key=lambda c: c.strength)
        evidence = [_evidence(x, self.registry) for x in shown]
        evidence.extend(self._vendor_evidence(cmps))
        reasons.extend(self.notes)
        flags = tuple(f for f in _FLAG_ORDER if f in self.flags)
        return Verdict(verdict, flags, tuple(dict.fromkeys(reasons)), tuple(evidence), tally)
