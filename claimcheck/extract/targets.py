"""Step 2 of the rules: what a claim compares against.

Models named in the cue's segment or in a leading "Compared with X,", names the registry does
not know listed beside them, and target groups ("open-source models", "its class").
"""

from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.found import Found, _Cue
from claimcheck.extract.subjects import _NAME, could_be_name

_COMPARED = re.compile(
    r"\b(?:(?:when\s+|as\s+)?compared\s+(?:to|with|against)|in\s+comparison\s+(?:to|with)|"
    r"relative\s+to|versus|vs\.?|against)\s+",
    re.IGNORECASE,
)
_GROUP_CUE_WORDS = re.compile(
    r"^(?:the|a|an|world's|new|best|best-performing|strongest|most|capable|powerful|top|"
    r"top-performing|top-ranked|performing|state-of-the-art|accurate|advanced|intelligent|"
    r"performant|number|one|#1|leading)\s+",
    re.IGNORECASE,
)


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*|\s*&\s*)")
_TARGET_TAIL = re.compile(r"\s+(?:model|version)(?:\s+(?:from|by)\s+[A-Z][\w.-]*)?", re.I)
_OWNER = re.compile(r"(?:(?-i:[A-Z])[\w.-]*['’]s\s+)?")
_EXAMPLES = re.compile(r"\s*,?\s*(?:like|such\s+as|including|e\.g\.,?|\()\s*", re.I)


def _listed_names(
    sentence: str,
    offset: int,
    a: int,
    b: int,
    targets: list[Found],
    group: str | None,
) -> list[Found]:
    """Names the registry does not know, listed with the known targets or a group's examples.

    "GPT-4 from OpenAI, Anthropic's Claude and Google's Gemini", "Bard/ChatGPT",
    "open-source models (LLaMA, Alpaca)": each listed name is a target as written.
    """
    taken = [(t.start - offset, t.end - offset) for t in targets]
    starts = [(end, False) for _, end in taken]
    if group:
        at = sentence.find(group, a, b + len(group))
        examples = _EXAMPLES.match(sentence, at + len(group)) if at >= 0 else None
        if examples:
            starts.append((examples.end(), True))
    out: list[Found] = []
    for start, is_example in starts:
        pos, first = start, True
        while pos < b:
            if first and is_example:
                at = pos
            else:
                tail = _TARGET_TAIL.match(sentence, pos) if first else None
                sep = _LIST_SEP.match(sentence, tail.end() if tail else pos)
                if sep is None:
                    break
                at = sep.end()
            first = False
            owner = _OWNER.match(sentence, at)
            at = owner.end() if owner else at
            m = _NAME.match(sentence, at)
            if m is None or at >= b:
                break
            name = m.group(1).rstrip(".,:;)")
            end = at + len(name)
            if not could_be_name(name, at_start=False) or any(x < end and at < y for x, y in taken):
                break
            out.append(Found(offset + at, offset + end, "MODEL", name, None))
            taken.append((at, end))
            pos = end
    # "Bard/ChatGPT": a name written just before a known target
    for t in targets:
        m = re.search(
            r"(?<![\w.-])([A-Z][\w.-]*)\s*/\s*$",
            sentence[max(a, t.start - offset - 40) : t.start - offset],
        )
        if m and could_be_name(m.group(1), at_start=False):
            at = t.start - offset - len(m.group(0))
            out.append(Found(offset + at, offset + at + len(m.group(1)), "MODEL", m.group(1), None))
    return out


def _compared(
    sentence: str, offset: int, models: list[Found], first_cue: int
) -> tuple[list[Found], str | None]:
    """What a leading "Compared with X," names: models (targets, never the subject), or a
    phrase such as "the second-generation model" when it names none."""
    found: list[Found] = []
    phrase: str | None = None
    for m in _COMPARED.finditer(sentence, 0, first_cue):
        stop = sentence.find(",", m.end(), first_cue)
        stop = first_cue if stop < 0 else stop
        inside = [x for x in models if offset + m.end() <= x.start < offset + stop]
        found += inside
        if not inside and phrase is None and stop < first_cue:
            text = sentence[m.end() : stop].strip()
            name = _NAME.fullmatch(text)
            if name and could_be_name(text, at_start=False):
                at = (
                    offset
                    + m.end()
                    + (len(sentence[m.end() : stop]) - len(sentence[m.end() : stop].lstrip()))
                )
                found.append(Found(at, at + len(text), "MODEL", text, None))
            elif 0 < len(text) <= 80:
                phrase = text
    return found, phrase


def _group_at(sentence: str, group: str | None, a: int, b: int) -> int:
    if not group:
        return b
    at = sentence.find(group, a, b + len(group))
    return at if at >= 0 else b


def _group(
    sentence: str,
    cue: _Cue,
    seg_end: int,
    targets: list[Found],
    offset: int,
    mentions: list[Found],
) -> str | None:
    if cue.relation == "best_in_group":
        inner = _GROUP_CUE_WORDS.sub("", cue.text.strip())
        while True:
            stripped = _GROUP_CUE_WORDS.sub("", inner)
            if stripped == inner:
                break
            inner = stripped
        qualifier = lx.GROUP_QUALIFIER.match(sentence, cue.end, seg_end)
        if re.search(r"\b(?:models?|llms?|vlms?|lmms?|rms?)\b", inner, re.I) and not re.fullmatch(
            r"(?:models?|llms?)", inner, re.I
        ):
            # "the best open model of its size": the group keeps its qualifier
            return " ".join(f"{inner}{qualifier.group(0) if qualifier else ''}".split())
        # "the most powerful model under 10 billion parameters", "SOTA ... at the 10B scale"
        if qualifier:
            inner = re.sub(r"^\W+|^(?:among|in|of)\s+", "", qualifier.group(0).strip()).strip()
            found = lx.TARGET_GROUP.search(sentence, cue.end, qualifier.end())
            if found and not any(
                x.start < offset + found.end() and offset + found.start() < x.end for x in mentions
            ):
                return _strip_measure(found.group(0).strip())
            return inner
    if not lx.GROUP_HEAD.search(sentence, cue.end, seg_end):
        return None  # no word a group could end in: skip the costly pattern
    for m in lx.TARGET_GROUP.finditer(sentence, cue.end, seg_end):
        a, b = offset + m.start(), offset + m.end()
        if any(x.start < b and a < x.end for x in mentions):
            continue
        if _ATTRIBUTION_BEFORE.search(sentence, max(0, m.start() - 20), m.start() + 1) or (
            _ATTRIBUTION.search(m.group(0))
        ):
            continue  # "according to the release post": a source, not a comparator
        text = _strip_measure(" ".join(m.group(0).split()))
        text = _LEADING_PREPOSITION.sub("", text)
        if re.fullmatch(
            r"(?:the\s+|our\s+|its\s+|their\s+)?(?:models?|llms?|systems?|ones|versions?)",
            text,
            re.I,
        ):
            continue
        return text
    return None


_ATTRIBUTION = re.compile(r"\baccording\s+to\b|\bas\s+reported\s+by\b", re.I)
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:according\s+to|per|by|from)\s+$", re.I)
_LEADING_PREPOSITION = re.compile(r"^(?:(?:with|to|against|than|over|of|among|versus)\s+)+", re.I)
_MEASURE_OF = re.compile(
    r"^(?:the\s+)?(?:performance|quality|results?|level|scores?|capabilit(?:y|ies))\s+of\s+",
    re.I,
)


def _strip_measure(group: str) -> str:
    """ "the performance of state-of-the-art 7B models" names the group "state-of-the-art 7B
    models"."""
    return _MEASURE_OF.sub("", group)


def _same(a: Found, b: Found) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return a.text.casefold() == b.text.casefold()


def _dedupe(items: list[Found]) -> list[Found]:
    seen: set[str] = set()
    out: list[Found] = []
    for item in items:
        key = item.id or item.text.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
