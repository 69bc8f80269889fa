"""What a claim's group phrase means ("open-weights models of its size", "its predecessor",
"baselines"): a field of models given by a predicate over the registry, or why it names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimcheck.models import ModelInfo

_SIZE_RE = re.compile(r"(?i)(\d+(?:\.\d+)?)\s*b\b")


def _size_b(info: ModelInfo) -> float | None:
    return _size_of(info.size or "", info.name)


@lru_cache(maxsize=16384)
def _size_of(size: str, name: str) -> float | None:
    m = _SIZE_RE.search(size) or _SIZE_RE.search(name)
    return float(m.group(1)) if m else None


@dataclass(frozen=True)
class Group:
    """What a claim's group phrase means: a field of models, or why it names none.

    `kind` is "field" (judged against the members `pred` admits: every model when None),
    "larger" (the typical, median-scoring member of much larger models), "predecessor" and
    "sibling" (one model of the subject's own line, found in the registry), or "unspecified"
    ("baselines": no way to tell which models are meant).
    """

    label: str
    kind: str = "field"
    pred: Any = None
    size: float | None = None  # the sibling's size ("the 72B model")
    band: str = ""  # the size band, said in the reasons


_UNSPECIFIED = re.compile(
    r"(?i)^(?:the\s+|our\s+|all\s+|strong(?:er)?\s+|existing\s+|competitive\s+|other\s+|"
    r"several\s+|many\s+|most\s+)*(?:baselines?|baseline models|competitors?|competing models|"
    r"peers|rivals|counterparts|prior (?:work|methods|art)|previous (?:methods|work)|"
    r"alternatives)$"
)
# one earlier model of the line ("its predecessor"); plural forms are the vendor's line-up
_PREDECESSOR = re.compile(
    r"(?i)\b(?:predecessor|previous (?:version|generation|release|model|iteration)|"
    r"prior (?:version|generation|model)|last generation|earlier version|"
    r"(?:the|its|our)\s+(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|spring|summer|autumn|fall|winter|earlier|original|first)"
    r"(?:\s+20\d\d)?\s+(?:release|version|model|snapshot|update))\b"
)
_SIBLING = re.compile(
    r"(?i)^(?:the|our|its|their)\s+(\d+(?:\.\d+)?)\s*b\s+(?:model|version|variant|one|size)s?$"
)
_OWN = re.compile(r"(?i)\b(?:our|its own|their own|our own|in-house|its predecessors)\b")
_EARLIER = re.compile(r"(?i)\b(?:previous|prior|earlier|older|predecessors|past|last-generation)\b")
_LARGER = re.compile(
    r"(?i)\b(?:larger|bigger)\b|\b(\d+(?:\.\d+)?|two|three|four|five|ten|several|many)\s*"
    r"(?:x|×|times)\s+(?:its|their|the|our)?\s*(?:size|larger|bigger|as large)"
)
_UNDER = re.compile(
    r"(?i)\b(?:under|below|less than|fewer than|smaller than|up to|within|sub-?)\s*"
    r"(\d+(?:\.\d+)?)\s*(?:b\b|billion)"
)
_AT_SIZE = re.compile(
    r"(?i)(?<![\d.])(\d+(?:\.\d+)?)\s*b(?:illion)?(?:[- ](?:level|class|scale|sized?|parameters?))?"
    r"\s+(?:[a-z-]+\s+){0,2}(?:models?|llms?|lms?|vlms?|mllms?)\b"
)
_SIMILAR_SIZE = re.compile(
    r"(?i)\b(?:similar|comparable|same|equivalent|its|their)[- ]\s*(?:\w+\s+)?(?:size|scale|"
    r"class|weight class)|\bcomparably[- ]sized\b|\bsimilar[- ]sized\b|\bsize class\b|"
    r"\bof (?:its|their) (?:size|class)\b|\bparameter class\b"
)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "several": 3, "many": 3}


def _b(x: float) -> str:
    """A parameter count as written: 46.7B, 105B, 10B."""
    return f"{round(x, 1):g}B"


def _band(lo: float, hi: float) -> tuple[str, Any]:
    text = f"of {_b(lo)} to {_b(hi)} parameters"
    return text, lambda m: (s := _size_b(m)) is not None and lo <= s <= hi


def parse_group(group: str | None, subject: ModelInfo | None) -> Group:
    """Read a claim's group phrase ("open-source models of similar size", "baselines").

    Open/closed, the vendor's own line-up, base models and a size band combine; the band is
    the one the phrase gives ("under 10B", "70B models": 47B to 105B) or, for "of its size",
    the subject's size divided and multiplied by 1.5. A band is always said in the label.
    """
    g = " ".join((group or "").lower().split())
    if not g:
        return Group("all models")
    if _UNSPECIFIED.match(g):
        return Group(g, "unspecified")
    if _PREDECESSOR.search(g):
        return Group(g, "predecessor")
    m = _SIBLING.match(g)
    if m:
        return Group(g, "sibling", size=float(m.group(1)))
    preds: list[Any] = []
    words: list[str] = []
    band = ""
    size = _size_b(subject) if subject is not None else None
    if re.search(r"\b(open|open-source|open source|open-weights?|openly)\b", g):
        preds.append(lambda m: m.open_weights is True)
        words.append("open-weights")
    elif re.search(r"\b(closed|closed-source|proprietary|commercial|api)\b", g):
        preds.append(lambda m: m.open_weights is False)
        words.append("closed")
    if re.search(r"\bbase models?\b|\bpre-?trained models?\b", g):
        preds.append(lambda m: m.variant == "base")
        words.append("base")
    if _OWN.search(g) and subject is not None and subject.org:
        org = subject.org
        preds.append(lambda m: m.org == org)
        if _EARLIER.search(g) and subject.release_date:
            # "our previous models": the vendor's line-up released before the subject
            before = subject.release_date
            preds.append(lambda m: bool(m.release_date) and (m.release_date or "") < before)
            words.append(f"{org}'s own earlier")
        else:
            words.append(f"{org}'s own")
    larger = _LARGER.search(g)
    if larger:
        factor_text = larger.group(1)
        factor = 2.0
        if factor_text:
            factor = float(_WORD_NUMBERS.get(factor_text, factor_text))
        if size is None:
            return Group(f"models larger than {_sname_or(subject)}", "larger", lambda m: False)
        lo = size * factor
        preds.append(lambda m: (s := _size_b(m)) is not None and s >= lo)
        band = f"of {_b(lo)} parameters or more (at least {factor:g}x its {_b(size)})"
        label = " ".join([*words, "models", band])
        return Group(label, "larger", _all(preds), band=band)
    under = _UNDER.search(g)
    at_size = _AT_SIZE.search(g)
    if under:
        hi = float(under.group(1))
        band, pred = _band(0.0, hi)
        band = f"under {_b(hi)} parameters"
        preds.append(pred)
    elif at_size:
        n = float(at_size.group(1))
        band, pred = _band(n / 1.5, n * 1.5)
        preds.append(pred)
    elif _SIMILAR_SIZE.search(g) or re.search(r"\b(size|class|scale|parameter)", g):
        if size is None:
            return Group("models of its size", "field", lambda m: False, band="unknown")
        band, pred = _band(size / 1.5, size * 1.5)
        preds.append(pred)
    elif re.search(r"\bsmall\b", g):
        band, pred = _band(0.0, 15.0)
        band = "of 15B parameters or fewer"
        preds.append(pred)
    if not preds:
        return Group("all models")
    label = " ".join([*words, "models"]) + (f" {band}" if band else "")
    return Group(label, "field", _all(preds), band=band)


def _all(preds: list[Any]) -> Any:
    if len(preds) == 1:
        return preds[0]
    return lambda m: all(p(m) for p in preds)


def _sname_or(subject: ModelInfo | None) -> str:
    return subject.name if subject is not None else "the model"


def group_filter(group: str | None, subject: ModelInfo | None) -> tuple[str, Any]:
    """A description and a predicate over ModelInfo for a claim's target group text."""
    parsed = parse_group(group, subject)
    return parsed.label, parsed.pred or (lambda m: True)
