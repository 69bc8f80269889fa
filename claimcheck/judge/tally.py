"""How a broad claim's evidence adds up: one headline row per benchmark family and source, the
hedge's bar, Stouffer's combined z, and the verdict of several comparisons together.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.domain import _SECONDARY_SETTING, _family_of, source_name
from claimcheck.judge.noise import Z95
from claimcheck.models import Domain

CLEAR_MAJORITY = 2 / 3


def _family(
    c: _Cmp, named: set[str], domain: frozenset[str], known: Domain
) -> tuple[str, int, bool]:
    """(family key, rank of this benchmark in it, may it count at all) for a tally."""
    bid = c.info.id
    board = known.board_averages.get(c.s.source)
    if board and bid != board and c.info.category in domain:
        # a claim narrowed to a domain reads a board by its rating for that domain, once:
        # LMArena's coding rating (before its software occupation slice), LiveBench Coding
        family, rank = _family_of(known).get(bid, (bid, 9))
        return f"{board}:{c.info.category}", rank, True
    if bid in named:
        return bid, 0, True  # a benchmark the claim names is counted as itself
    if board:
        return board, 0, bid == board
    family, rank = _family_of(known).get(bid, (bid, 0))
    return family, rank, True


def _headlines(
    cmps: Sequence[_Cmp], named: set[str], domain: frozenset[str], known: Domain
) -> tuple[dict[str, list[_Cmp]], list[_Cmp], list[_Cmp]]:
    """Readings per benchmark family for a tally, and the rows counted and not counted.

    One leaderboard is counted once: per (family, source) a single headline row counts (the
    one with a noise estimate, then the family's headline benchmark, then the primary setting,
    then the newest); the rest stay as evidence. Sources on one family still vote together.
    A leaderboard whose average has no noise estimate is counted, still once, through the
    combined z of its own parts that have one: its average cannot veto them.
    """
    groups: dict[tuple[str, str], list[tuple[int, _Cmp]]] = defaultdict(list)
    skipped: list[_Cmp] = []
    parts: dict[str, list[_Cmp]] = defaultdict(list)  # board source -> its uncounted parts
    for c in cmps:
        family, rank, counts = _family(c, named, domain, known)
        if counts:
            groups[(family, c.s.source)].append((rank, c))
        else:
            skipped.append(c)
            parts[c.s.source].append(c)
    per: dict[str, list[_Cmp]] = defaultdict(list)
    counted: list[_Cmp] = []
    for (family, source), members in groups.items():
        members.sort(key=lambda rc: max(rc[1].s.as_of, rc[1].t.as_of), reverse=True)
        rank, best = min(
            members,
            key=lambda rc: (
                rc[1].unmeasured,
                rc[0],
                bool(_SECONDARY_SETTING.search(rc[1].s.setting)),
            ),
        )
        skipped.extend(c for _, c in members if c is not best)
        if best.unmeasured and known.board_averages.get(source) == family:
            composite = _composite(best, parts.get(source, ()))
            if composite is not None:
                skipped.append(best)
                best = composite
        per[family].append(best)
        counted.append(best)
    return per, counted, skipped


def _composite(average: _Cmp, parts: Iterable[_Cmp]) -> _Cmp | None:
    """A leaderboard read through its parts with a noise estimate (Stouffer's combined z).

    Used where the board's own average has no noise estimate: each part with a CI, SE or item
    count gives z = difference / SE, and the board's one vote is sum(z) / sqrt(k).
    """
    measured: dict[str, _Cmp] = {}
    for c in sorted(parts, key=lambda c: c.strength):
        if c.z is not None and not c.parts:
            measured.setdefault(c.info.id, c)
    if not measured:
        return None
    chosen = tuple(sorted(measured.values(), key=lambda c: c.info.name))
    combined = sum(c.z or 0.0 for c in chosen) / math.sqrt(len(chosen))
    return replace(
        average,
        diff=combined,
        margin=Z95,
        method=f"combined z of its {len(chosen)} parts with a noise estimate",
        parts=chosen,
    )


def _uncounted_reason(skipped: Sequence[_Cmp], registry: object) -> str | None:
    if not skipped:
        return None
    names = list(
        dict.fromkeys(f"{c.info.name} ({source_name(registry, c.s.source)})" for c in skipped)
    )
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    if len(skipped) == 1:
        rows, verb = "row", "is evidence, not a vote"
    else:
        rows, verb = "rows", "are evidence, not votes"
    return (
        f"Each leaderboard counts once in the tally: {len(skipped)} further {rows} (parts, "
        f"subsets or second settings of a counted benchmark: {shown}) {verb}."
    )


def _hedge(quantifier: str | None) -> str:
    """Map the claim's hedge to the bar a broad claim must clear."""
    q = (quantifier or "").lower()
    if not q:
        return "clear_majority"
    if re.search(r"\b(all|every|each|across the board|without exception)\b", q) and not re.search(
        r"\b(almost|nearly|virtually)\b", q
    ):
        return "all"
    if re.search(r"\b(almost|nearly|virtually)\b", q):
        return "clear_majority"
    if re.search(r"\b(most|majority|mostly|largely)\b", q):
        return "majority"
    if re.search(r"\b(overall|on average|average|in general|generally|aggregate)\b", q):
        return "aggregate"
    if re.search(r"\b(several|many|multiple|a number of|various|numerous)\b", q):
        return "several"
    if re.search(r"\b(some|certain|a few|select|key|selected)\b", q):
        return "some"
    return "clear_majority"


def _broad_ok(wins: int, n: int, aggregate: float, bar: str) -> bool:
    if n == 0:
        return False
    if bar == "all":
        return wins == n
    if bar == "majority":
        return wins / n > 0.5
    if bar == "aggregate":
        return aggregate > 0 and wins / n >= 0.5
    if bar == "several":
        return wins >= min(2, n)
    if bar == "some":
        return wins >= 1
    return wins / n >= CLEAR_MAJORITY and aggregate > 0


@dataclass(frozen=True)
class _Weighing:
    """A broad claim's evidence weighed: the tally, the direction count and the combined z."""

    bar: str
    n: int
    wins: int  # benchmarks that agree with the claim beyond the noise (or, for parity, within)
    losses: int  # benchmarks clearly against it
    leads: int  # benchmarks where the subject is ahead at all
    behind: int
    z: float | None  # Stouffer's combined z over the benchmarks with a noise estimate
    k: int  # how many benchmarks have one
    verdict: str

    def combined_text(self, sname: str, tname: str) -> str:
        if self.z is None:
            return (
                "Combined evidence: none of these benchmarks has a noise estimate, so together "
                "they cannot show a difference either way."
            )
        where = "beyond" if abs(self.z) > Z95 else "inside"
        side = sname if self.z > 0 else tname
        together = f"together they favour {side}" if abs(self.z) > Z95 else "together undecided"
        return (
            f"Combined evidence (Stouffer's z over the {self.k} benchmark"
            f"{'s' if self.k != 1 else ''} with a noise estimate, each z = difference / SE): "
            f"z = {self.z:+.1f}, {where} ±{Z95}; {together}."
        )


def _weigh(
    per: dict[str, list[_Cmp]], readings: dict[str, str], bar: str, relation: str
) -> _Weighing:
    """One rule for every broad claim, whichever side the differences fall on.

    Each benchmark family votes once: its reading (clear win, inside the noise, clearly
    against), its direction (the sign of its mean difference) and, where its rows have a noise
    estimate, a z (the mean z of its sources, which measure the same thing). The combined
    evidence is Stouffer's z = sum(z) / sqrt(k) over the k benchmarks with a noise estimate.

    - surpasses / best_in_group: supported when the subject clears the hedge's bar on clear
      wins, or is ahead on that share of benchmarks and the combined z is beyond +1.96 (seven
      small leads are evidence together); "several"/"some" count clear wins only; "overall"
      needs the combined z alone.
    - matches: the bar on benchmarks that do not go clearly against it, and no combined z
      below -1.96 (consistently behind is not parity).
    - approaches / trails: the bar on benchmarks that agree.
    - contradicted: no clear win and at least one clear loss, with the combined evidence not
      favouring the subject; clear losses on two thirds of the benchmarks; or, the mirror of
      the rule for small leads, no clear win, behind on two thirds and a combined z below
      -1.96.
    """
    n = len(readings)
    wins = sum(1 for v in readings.values() if v == "ok")
    losses = sum(1 for v in readings.values() if v in ("far", "bad"))
    directions = {
        b: sum(c.normalised for c in cs) / len(cs) if cs else 0.0 for b, cs in per.items()
    }
    leads = sum(1 for d in directions.values() if d > 0)
    behind = sum(1 for d in directions.values() if d < 0)
    zs = []
    for cs in per.values():
        measured = [c.z for c in cs if c.z is not None]
        if measured:
            zs.append(sum(measured) / len(measured))
    z = sum(zs) / math.sqrt(len(zs)) if zs else None
    favours = z is not None and z > Z95
    share = {"all": 1.0, "clear_majority": CLEAR_MAJORITY, "majority": 0.5}.get(bar)
    if relation in ("surpasses", "best_in_group"):
        if bar == "all":
            # "across the board": ahead everywhere it can be told, behind nowhere
            ok = wins == n or (behind == 0 and leads > 0 and favours)
        elif bar in ("clear_majority", "majority") and share is not None:
            strict = bar == "majority"

            def clears(k: int) -> bool:
                return k / n > share if strict else k / n >= share

            ok = (clears(wins) and (z is None or z > 0)) or (clears(leads) and favours)
        elif bar == "aggregate":
            ok = favours
        else:
            ok = _broad_ok(wins, n, 1.0, bar)
    elif relation == "matches":
        ok = _broad_ok(wins, n, 1.0, bar) and not (z is not None and z < -Z95)
    else:
        ok = _broad_ok(wins, n, 1.0, bar)
    against = z is not None and z < -Z95 and behind / n >= CLEAR_MAJORITY
    if ok:
        verdict = "supported"
    elif (
        (wins == 0 and losses > 0 and not favours and relation != "matches")
        or (losses * 3 >= 2 * n and (wins == 0 or bar not in ("some", "several")))
        or (against and wins == 0 and relation in ("surpasses", "best_in_group"))
    ):
        verdict = "contradicted"
    else:
        verdict = "overstated"
    return _Weighing(bar, n, wins, losses, leads, behind, z, len(zs), verdict)


_VERDICT_RANK = {"supported": 0, "unverifiable": 1, "overstated": 2, "contradicted": 3}


def _worst(a: str, b: str) -> str:
    return a if _VERDICT_RANK[a] >= _VERDICT_RANK[b] else b


def _combine(verdicts: list[str]) -> str:
    """Several targets: the claim holds only as far as its weakest comparison."""
    checked = [v for v in verdicts if v != "unverifiable"]
    if not checked:
        return "unverifiable"
    out = checked[0]
    for v in checked[1:]:
        out = _worst(out, v)
    return out
