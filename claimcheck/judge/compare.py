"""One comparison: the subject's row against another model's row on one benchmark from one source,
with the difference oriented to favour the subject and its noise margin (one evidence row).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from claimcheck.judge.noise import Z95, _margin, _Noise, _row_noise
from claimcheck.models import BenchmarkInfo, Evaluation

CLOSE_POINTS_SHARE = 0.05  # "close to" on a bounded scale: within 5% of a perfect score
CLOSE_ELO = 20.0  # "close to" on an Elo scale


@dataclass(frozen=True)
class _Cmp:
    """Subject vs one other model on one benchmark from one source (one evidence row)."""

    s: Evaluation
    t: Evaluation
    diff: float  # oriented so that positive favours the subject
    margin: float
    method: str
    info: BenchmarkInfo
    detail: str = ""  # what sets this row apart from a sibling of the same source and benchmark
    # a leaderboard read through its own parts (its average has no noise estimate): `diff` is
    # then the combined z of the parts and `margin` 1.96
    parts: tuple[_Cmp, ...] = ()

    @property
    def outcome(self) -> str:
        if self.diff > self.margin:
            return "win"
        if self.diff < -self.margin:
            return "loss"
        return "tie"

    @property
    def unmeasured(self) -> bool:
        """No CI, SE or item count on either side: the size of the noise is unknown."""
        return self.margin == 0 and self.method.startswith("no noise estimate")

    @property
    def normalised(self) -> float:
        if self.parts:
            return sum(p.normalised for p in self.parts) / len(self.parts)
        scale = self.info.scale if self.info.scale else 400.0  # Elo: 400 points = 10x odds
        return self.diff / scale

    @property
    def z(self) -> float | None:
        """The difference in standard errors (None without a noise estimate)."""
        if self.margin <= 0:
            return None
        return self.diff / (self.margin / Z95)

    @property
    def strength(self) -> tuple[bool, float]:
        """Sort key, strongest evidence first: measured rows by |z|, then the rest by size."""
        z = self.z
        return (z is None, -abs(z) if z is not None else -abs(self.normalised))


def _compare(
    s: Evaluation,
    t: Evaluation,
    info: BenchmarkInfo,
    noise: dict[int, _Noise] | None = None,
) -> _Cmp:
    """Subject row vs other row; `noise` memoises each row's SE (keyed by the row's id, so
    it must not outlive the rows: the index keeps one for its own rows)."""
    if noise is None:
        a, b = _row_noise(s, info), _row_noise(t, info)
    else:
        hit_a, hit_b = noise.get(id(s)), noise.get(id(t))
        a = hit_a if hit_a is not None else noise.setdefault(id(s), _row_noise(s, info))
        b = hit_b if hit_b is not None else noise.setdefault(id(t), _row_noise(t, info))
    margin, method = _margin(a, b)
    diff = s.score - t.score
    if not info.higher_is_better:
        diff = -diff
    return _Cmp(s, t, diff, margin, method, info)


def _distinguish(cmps: list[_Cmp]) -> list[_Cmp]:
    """Name the setting that tells apart two rows of one source on one benchmark."""
    siblings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(cmps):
        siblings[(c.s.source, c.info.id)].append(i)
    out = list(cmps)
    for idxs in siblings.values():
        if len(idxs) < 2:
            continue
        parts = [[p.strip() for p in cmps[i].s.setting.split(";")] for i in idxs]
        common = set(parts[0]).intersection(*parts[1:])
        for i, ps in zip(idxs, parts, strict=True):
            detail = "; ".join(p for p in ps if p and p not in common)
            out[i] = replace(cmps[i], detail=detail)
    return out


def _close(c: _Cmp) -> float:
    if c.parts:
        return c.margin  # in standard errors: "close" is inside the combined noise
    if c.info.metric_kind == "elo" or not c.info.scale:
        return max(c.margin, CLOSE_ELO)
    return max(c.margin, CLOSE_POINTS_SHARE * c.info.scale)
