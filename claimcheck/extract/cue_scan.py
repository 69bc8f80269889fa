"""Step 1 of the rules: the relation cues of a sentence, overlaps resolved to the longest,
superlatives that only describe a comparator group left out.
"""

from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.found import _Cue

_OBJECT_BEFORE = re.compile(
    r"\b(?:with|to|than|over|as|of|including|against|among|by|versus|vs\.?|like)\s+"
    r"(?:(?:the|a|an|our|other|their|its|several|many|some|all)\s+)?$",
    re.IGNORECASE,
)
# "we see it as the best open model", "emerges as the strongest": a predicate, not an object
_REGARDED_AS = re.compile(
    r"\b(?:it|itself|them|themselves|emerges?|emerged|stands?|stood|ranks?|ranked|regarded|"
    r"considered|positioned|established|rated|recogni[sz]ed|out)\s+as\s+(?:(?:the|a|an|one\s+of\s+the)\s+)?$",
    re.IGNORECASE,
)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:the|a|an|all|other|every|existing|current|previous|prior|many|most|several|"
    r"even|much|far)\s+)*",
    re.IGNORECASE,
)
_OR_BETWEEN = re.compile(r"\s*,?\s+(?:or|and/or)\s+(?:even\s+)?", re.IGNORECASE)
# A superlative that ends in a plural model noun describes a group ("the strongest open
# models", "SOTA chatbots"), which is a comparator, never a claim of its own.
_PLURAL_GROUP_END = re.compile(
    r"(?:models|llms|vlms|lmms|mllms|systems|baselines|chatbots|assistants|agents|methods)\W*$",
    re.IGNORECASE,
)
_PLURAL_GROUP_NEXT = re.compile(
    r"^\s*(?:(?!(?:for|among|of|in|on|at|across|with|than|and|or|to)\b)[\w()-]+\s+){0,3}?"
    r"(?:models|llms|vlms|lmms|mllms|systems|baselines|chatbots|"
    r"assistants|agents|methods|approaches|works|solutions|techniques)\b",
    re.IGNORECASE,
)
_ADJECTIVAL = re.compile(
    r"(?:(?:the|a|an|world's|new)\s+)*(?:state|sota|best|strongest|top|leading|most|highest|"
    r"number|#|industry|field|class|category|market)",
    re.IGNORECASE,
)
# ... and one followed by a thing that is not a model ("a state-of-the-art method").
_NOT_MODEL_NEXT = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:methods?|techniques?|approach(?:es)?|algorithms?|frameworks?|"
    r"architectures?|tools?|toolkits?|library|libraries|engines?|hardware|infrastructure|"
    r"pipelines?|recipes?|datasets?|data|benchmarks?|evaluations?|training|inference|serving|"
    r"attention|tokeni[sz]ers?|research|labs?|laborator(?:y|ies)|company|companies|team|"
    r"facilit(?:y|ies)|gpus?|chips?|support|features?|design|quantization|kernels?|"
    r"compute|performance\s+per\s+(?:dollar|watt)|price|pricing|efficiency|speed|latency)\b",
    re.IGNORECASE,
)


def find_cues(sentence: str) -> list[_Cue]:
    """Relation cues in a sentence, left to right, overlaps resolved to the longest."""
    present: set[str] = set()
    for m in lx.CUE_ANCHORS.finditer(sentence.lower()):
        present |= lx.ANCHORS_WITHIN[m.group(0)]
    hits: list[_Cue] = []
    for index in sorted({i for anchor in present for i in lx.CUES_BY_ANCHOR[anchor]}):
        _, relation, _, needs = lx.CUE_PATTERNS[index]
        for m in lx.cue_pattern(index).finditer(sentence):
            if m.end() > m.start():
                hits.append(_Cue(relation, m.start(), m.end(), m.group(0), needs))
    hits.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Cue] = []
    for cue in hits:
        if chosen and cue.start < chosen[-1].end:
            continue
        if cue.relation == "best_in_group" and _describes_a_group(sentence, cue):
            continue  # "on par with the best closed models": the group is the target
        last = chosen[-1] if chosen else None
        if (
            cue.relation == "best_in_group"
            and last is not None
            and last.relation != "best_in_group"
            and _OBJECT_GAP.fullmatch(sentence[last.end : cue.start])
        ):
            continue  # "surpasses the state of the art": the superlative is the object
        if last is not None and _OR_BETWEEN.fullmatch(sentence[last.end : cue.start]):
            # "on par with or better than X": one claim, the weaker (first) relation
            chosen[-1] = _Cue(
                last.relation, last.start, cue.end, sentence[last.start : cue.end], last.needs
            )
            continue
        chosen.append(cue)
    return chosen


def _describes_a_group(sentence: str, cue: _Cue) -> bool:
    """A superlative used as a noun modifier: a comparator or baseline, not a claim."""
    before = sentence[: cue.start]
    if _OBJECT_BEFORE.search(before) and not _REGARDED_AS.search(before):
        return True
    after = sentence[cue.end :]
    if _NOT_MODEL_NEXT.match(after) and not re.search(r"(?:model|llm)s?\W*$", cue.text, re.I):
        return True  # "a state-of-the-art method in generative modeling"
    if not _ADJECTIVAL.match(cue.text):
        return False  # a verb ("leads among open models") is said of the subject
    plural = _PLURAL_GROUP_END.search(cue.text) or _PLURAL_GROUP_NEXT.match(after)
    if plural is None:
        return False
    # "X is one of the strongest open models", "These are the best models of their size"
    clause = before[max(before.rfind(","), before.rfind(";"), 0) :]
    return not lx.PREDICATE_BEFORE.search(clause[-80:])
