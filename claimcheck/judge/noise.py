"""The noise of a score and of a difference: each row's standard error from the best thing
available (the source's 95% CI, its standard error, else the binomial SE from the item count)
and the 95% margin of the difference of two independent scores.

A row's standard error is its `stderr` field, which the importers fill; notes are prose for
the reader and are not read for it. Only a derived row's own item count ("over 404 problems")
is still read from its notes: `Evaluation` has no field for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimcheck.models import BenchmarkInfo, Evaluation

Z95 = 1.96

# a derived row that says how many items it averages ("mean of per-problem pass@1 over 404
# problems"): that window's own item count, which the registry cannot know
_ITEMS_NOTE_RE = re.compile(r"(?i)\bover (\d[\d,]*) (?:problems|questions|items|prompts|tasks)\b")


@dataclass(frozen=True)
class _Noise:
    se: float | None
    method: str  # "ci" | "se" | "binomial" | ""
    n: int | None = None


def _row_noise(e: Evaluation, info: BenchmarkInfo | None) -> _Noise:
    if e.ci_low is not None and e.ci_high is not None and e.ci_high >= e.ci_low:
        return _Noise((e.ci_high - e.ci_low) / (2 * Z95), "ci")
    if e.stderr is not None and e.stderr > 0:  # a printed 0.00 is rounding, not certainty
        return _Noise(e.stderr, "se")
    items = info.items if info else None
    m = _ITEMS_NOTE_RE.search(e.notes) if e.notes else None
    if m:
        items = int(m.group(1).replace(",", "")) or items
    if info and items and info.scale and info.metric_kind != "elo":
        p = e.score / info.scale
        if 0.0 <= p <= 1.0:
            return _Noise(info.scale * math.sqrt(p * (1 - p) / items), "binomial", items)
    return _Noise(None, "")


def _margin(a: _Noise, b: _Noise) -> tuple[float, str]:
    """95% margin of the difference of two independent scores, and how it was computed."""
    ses = [x.se for x in (a, b) if x.se is not None]
    if not ses:
        return 0.0, "no noise estimate (no CI, SE or item count)"
    if len(ses) == 1:
        ses = ses * 2  # assume the row without an estimate is as noisy as the one with
    margin = Z95 * math.sqrt(sum(s * s for s in ses))
    methods = {x.method for x in (a, b) if x.method}
    if methods == {"binomial"}:
        label = f"binomial SE, n={a.n or b.n}"
    elif methods == {"ci"}:
        label = "95% CI from source"
    elif methods == {"se"}:
        label = "SE from source"
    else:
        label = " + ".join(sorted(_method_label(x) for x in (a, b) if x.method))
    if a.se is None or b.se is None:
        label += ", one side assumed equal"
    return margin, label


def _method_label(x: _Noise) -> str:
    return {"ci": "source CI", "se": "source SE", "binomial": f"binomial SE n={x.n}"}[x.method]
