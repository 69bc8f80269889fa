"""A claim in its document: what "it" and "our model" refer to, the numbers, settings and
hedges a sentence quotes, and when two claims of a sentence are the same claim."""

from __future__ import annotations

import re
from typing import Any

from claimcheck.extract import lexicon as lx
from claimcheck.extract.found import Context, Found, RawClaim
from claimcheck.extract.mentions import _model_like
from claimcheck.models import Mention


def _quoted(
    sentence: str, start: int, mentions: list[Found]
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(numbers, settings, quantifier) of a sentence: shared by all of its claims."""
    settings = [m for m in lx.SETTING.finditer(sentence)]
    taken = [(m.start - start, m.end - start) for m in mentions]
    taken += [(m.start(), m.end()) for m in settings]
    numbers: list[str] = []
    for m in lx.NUMBER.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.start() == 0 and sentence[m.end() : m.end() + 1] in ".)":
            continue  # a list number
        numbers.append(m.group(1))
    quantifier = lx.QUANTIFIER.search(sentence)
    return (
        tuple(numbers),
        tuple(dict.fromkeys(m.group(0) for m in settings)),
        quantifier.group(0) if quantifier else None,
    )


# How far back (in sentences) an implicit subject looks for the model it refers to; beyond
# that the title's model is the better guess, and the search stays cheap on long documents.
ANTECEDENT_LOOKBACK = 40
# A model named as the object of a comparison, a tool or a judge is not what "it" refers to.
_NOT_ANTECEDENT_BEFORE = re.compile(
    r"\b(?:as|than|to|with|of|over|from|against|vs\.?|versus|like|including|on|by|use|uses|"
    r"using|used|via|and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NOT_ANTECEDENT_AFTER = re.compile(
    r"^\s*(?:-as-a-judge|as\s+(?:an?|the|our)\s+(?:\w+\s+)?(?:judge|grader|evaluator|"
    r"annotator|reference|baseline|teacher))",
    re.IGNORECASE,
)


# Phrases that can only mean the release itself ("our model", "we", "the new model"), unlike
# "it" or "the model", which may point at any model just named.
_OWN_PHRASE = re.compile(r"^\W*(?:we|our|the\s+new|this|the\s+latest)\b", re.IGNORECASE)


def _own_phrase(phrase: str, ctx: Context) -> Any:
    """For "our model": a test that a named model can be the release, else None (any can)."""
    if not _OWN_PHRASE.match(phrase):
        return None
    refs = [
        ref
        for ref in (ctx.title_model, ctx.release())
        if ref is not None and (ref.id or _model_like(ref.text))
    ]
    if not refs:
        return None
    lines = {_line(ref.text) for ref in refs}

    def could_be_release(found: Found) -> bool:
        # a name the registry does not know is most likely the new release; a known one
        # must be of the release's line ("Llama 3.1 70B" in a post titled "Llama 3.1")
        return found.id is None or _line(found.text) in lines

    return could_be_release


def _line(name: str) -> str:
    """A model line's leading word: "Mixtral 8x7B" -> "mixtral", "GPT-4o mini" -> "gpt"."""
    m = re.match(r"[A-Za-z]+", name.strip())
    return m.group(0).casefold() if m else name.casefold()


def _recent_model(
    text: str,
    spans: list[tuple[int, int]],
    index: int,
    mentions_of: Any,
    claimed: dict[int, list[RawClaim]],
    own: Any = None,
) -> Found | None:
    """The model named most recently before sentence `index`, as a reader would resolve "it".

    A sentence that made claims offers its (first) claim's subject; otherwise the last model
    it names that is not the object of a comparison or preposition. Table rows are skipped:
    a table lists competitors, not the release. `own` (for "our model") rejects models that
    cannot be the release: a competitor named in passing is not what "our model" means.
    """
    for j in range(index - 1, max(-1, index - 1 - ANTECEDENT_LOOKBACK), -1):
        if j in claimed:
            subject = claimed[j][0].subject
            if subject is not None and (own is None or own(subject)):
                return subject
        a, b = spans[j]
        sentence = text[a:b]
        if sentence.lstrip().startswith("|"):
            continue
        targets = {(t.start, t.end) for raw in claimed.get(j, ()) for t in raw.targets}
        for found in reversed(mentions_of(j)):
            if found.kind != "MODEL" or (found.start, found.end) in targets:
                continue
            before = sentence[max(0, found.start - a - 16) : found.start - a]
            if _NOT_ANTECEDENT_BEFORE.search(before):
                continue
            if _NOT_ANTECEDENT_AFTER.match(sentence[found.end - a : found.end - a + 40]):
                continue
            if own is not None and not own(found):
                continue
            return found
    return None


def _claim_key(raw: RawClaim) -> tuple[Any, ...]:
    """What makes two claims of one sentence the same claim."""

    def name(found: Found | None) -> str | None:
        return None if found is None else (found.id or found.text.casefold())

    return (
        name(raw.subject),
        raw.relation,
        raw.negated,
        frozenset(name(t) for t in raw.targets),
        (raw.target_group or "").casefold(),
        frozenset(name(b) for b in raw.benchmarks),
    )


def _claim_quantifier(
    sentence: str, start: int, raw: RawClaim, sentence_quantifier: str | None
) -> str | None:
    """The hedge of one claim: in its own segment, else in its clause's lead.

    "Overall, X is competitive with Y on most benchmarks, and it beats Z on Arena-Hard": the
    first claim is hedged, the second is not.
    """
    if raw.seg_end <= raw.cue_start:  # offsets not set (rules called directly)
        return sentence_quantifier
    cue, lead, seg = raw.cue_start - start, raw.lead_start - start, raw.seg_end - start
    m = lx.QUANTIFIER.search(sentence, cue, seg) or lx.QUANTIFIER.search(sentence, lead, cue)
    return m.group(0) if m else None


def _mention(found: Found | None) -> Mention | None:
    return None if found is None else _named(found)


def _named(found: Found) -> Mention:
    return Mention(found.text, found.id, found.start, found.end)
