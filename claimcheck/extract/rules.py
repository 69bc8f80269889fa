"""From one candidate sentence and its name mentions to claims.

Pure functions over strings and character offsets, so the rules can be tested (and reasoned
about) without spaCy: the spaCy component finds the sentences and the registry-known names,
then hands each candidate sentence here.

How a sentence becomes claims:
1. Relation cues are found with the patterns in `lexicon` ("outperforms", "on par with",
   "second only to", "state of the art" ...). Each cue opens a claim; its segment runs to the
   next cue or clause break.
2. Targets are the model names in the segment ("it" / "them" point back to the previous
   claim's targets); a target group ("open-source models", "its class") is taken when named.
3. The subject is the model named last before the cue, or an implicit subject ("our model",
   "it", "the 72B version") resolved from the document; later cues in the same sentence share
   the subject unless a new model is named right before them.
4. Benchmarks come from the segment, else from the sentence's lead ("On HumanEval, ..."),
   else from the previous claim in the sentence.
5. Claims about something other than a model (an engine, a price, a dataset) or without
   anything to compare against are dropped: those are the traps a reader would call noise.

"does not yet match X" is kept as relation `matches` with `negated=True`; the judge reads a
negated `matches` like `trails`. "not as strong as X" is written as a plain `trails`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimcheck.extract import lexicon as lx


@dataclass(frozen=True)
class Found:
    """A name found in the text: offsets into the document, kind MODEL or BENCH."""

    start: int
    end: int
    kind: str
    text: str
    id: str | None = None


@dataclass
class Context:
    """What the rules know about the document beyond the sentence."""

    title_model: Found | None = None
    last_subject: Found | None = None
    resolve_model: object = None  # callable(text) -> id | None, for names built from sizes
    # callable(phrase) -> the model named most recently before the current sentence that
    # `phrase` can refer to (or None); a callable so the document is only searched when a
    # sentence needs an antecedent
    recent_model: object = None
    # the release's own name (from the file name): a Found, or a callable computing it once
    release_model: object = None

    def release(self) -> Found | None:
        if callable(self.release_model):
            self.release_model = self.release_model()
        return self.release_model  # type: ignore[return-value]


@dataclass
class RawClaim:
    relation: str
    subject: Found | None
    targets: list[Found] = field(default_factory=list)
    target_group: str | None = None
    benchmarks: list[Found] = field(default_factory=list)
    negated: bool = False
    cue_start: int = 0
    # document offsets of the claim's own clause: the text before its cue since the previous
    # claim's segment (lead_start..cue_start) and its segment (cue_start..seg_end)
    lead_start: int = 0
    seg_end: int = 0


@dataclass(frozen=True)
class _Cue:
    relation: str
    start: int
    end: int
    text: str


_COMPARED = re.compile(
    r"\b(?:compared\s+(?:to|with|against)|relative\s+to|versus|vs\.?|against)\s+",
    re.IGNORECASE,
)
_SHARED_GAP = re.compile(
    r"^\s*,?\s*(?:(?:is|are|was|also|still|now|even|then|in\s+turn|\w+ly)\s+)*$", re.I
)
_GROUP_CUE_WORDS = re.compile(
    r"^(?:the|a|an|world's|new|best|best-performing|strongest|most|capable|powerful|top|"
    r"top-performing|top-ranked|performing|state-of-the-art)\s+",
    re.IGNORECASE,
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:with|to|than|over|as|of|including|against|among)\s+$", re.IGNORECASE
)
# "we see it as the best open model", "emerges as the strongest": a predicate, not an object
_REGARDED_AS = re.compile(
    r"\b(?:it|itself|them|themselves|emerges?|emerged|stands?|stood|ranks?|ranked|regarded|"
    r"considered|positioned|established|rated|recogni[sz]ed)\s+as\s+$",
    re.IGNORECASE,
)
_CLAUSE_JOINT = re.compile(r"(?:,\s*(?:and|but|while|whereas)|;)\s+", re.IGNORECASE)
_OR_BETWEEN = re.compile(r"\s*,?\s+or\s+(?:even\s+)?", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:as|than|to|with|of|over|from|against|vs\.?|versus|like|including)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PREDICATIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|being|as|of|than)\s+$", re.I)
_GROUP_AFTER = re.compile(r"^\s*(?:models?|family|families|series|line)\b", re.I)
_NOT_GROUP = re.compile(r"^(?:human|humans|human experts)$", re.IGNORECASE)


def find_cues(sentence: str) -> list[_Cue]:
    """Relation cues in a sentence, left to right, overlaps resolved to the longest."""
    lower = sentence.lower()
    hits: list[_Cue] = []
    for anchors, relation, pattern in lx.CUE_PATTERNS:
        if not any(anchor in lower for anchor in anchors):
            continue
        for m in pattern.finditer(sentence):
            if m.end() > m.start():
                hits.append(_Cue(relation, m.start(), m.end(), m.group(0)))
    hits.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Cue] = []
    for cue in hits:
        if chosen and cue.start < chosen[-1].end:
            continue
        if (
            cue.relation == "best_in_group"
            and _OBJECT_BEFORE.search(sentence[: cue.start])
            and not _REGARDED_AS.search(sentence[: cue.start])
        ):
            continue  # "on par with the best closed models": the group is the target
        last = chosen[-1] if chosen else None
        if last is not None and _OR_BETWEEN.fullmatch(sentence[last.end : cue.start]):
            # "on par with or better than X": one claim, the weaker (first) relation
            chosen[-1] = _Cue(last.relation, last.start, cue.end, sentence[last.start : cue.end])
            continue
        chosen.append(cue)
    return chosen


def claims_in_sentence(
    sentence: str,
    offset: int,
    mentions: list[Found],
    ctx: Context,
    cues: list[_Cue] | None = None,
) -> list[RawClaim]:
    """The claims of one sentence (`offset` = its start in the document).

    `cues` may be passed when the caller already ran `find_cues` (to skip sentences without
    any before looking up names).
    """
    if cues is None:
        cues = find_cues(sentence)
    cues = [
        c
        for c in cues
        if not any(m.start <= offset + c.start and offset + c.end <= m.end for m in mentions)
    ]
    if not cues:
        return []
    models = [m for m in mentions if m.kind == "MODEL"]
    benches = [m for m in mentions if m.kind == "BENCH"]
    compared = _compared_models(sentence, offset, models, cues[0].start)
    claims: list[RawClaim] = []
    lead_start = 0
    for i, cue in enumerate(cues):
        seg_end = cues[i + 1].start if i + 1 < len(cues) else len(sentence)
        brk = lx.CLAUSE_BREAK.search(sentence, cue.end, seg_end)
        if brk:
            seg_end = brk.start()
        prev = claims[-1] if claims else None
        claim = _one_claim(
            sentence, offset, cue, seg_end, i, cues, models, benches, compared, prev, ctx
        )
        if claim is not None:
            claim.lead_start = offset + lead_start
            claim.seg_end = offset + seg_end
            claims.append(claim)
        lead_start = seg_end
    for first, second in zip(claims, claims[1:], strict=False):
        # "the strongest open model for math, beating X on MATH": the group claim rests on
        # the benchmark its own elaboration names
        if (
            first.relation == "best_in_group"
            and not first.benchmarks
            and first.subject == second.subject
        ):
            first.benchmarks = list(second.benchmarks)
    if claims and claims[0].subject is not None:
        ctx.last_subject = claims[0].subject
    return claims


def _one_claim(
    sentence: str,
    offset: int,
    cue: _Cue,
    seg_end: int,
    index: int,
    cues: list[_Cue],
    models: list[Found],
    benches: list[Found],
    compared: list[Found],
    prev: RawClaim | None,
    ctx: Context,
) -> RawClaim | None:
    a_seg, b_seg = offset + cue.end, offset + seg_end
    relation = cue.relation
    negated = bool(lx.NEGATION_BEFORE.search(sentence[max(0, cue.start - 30) : cue.start]))
    if relation == "trails" and cue.text.lower().startswith("not"):
        negated = False  # "not as strong as X" is a plain trails claim

    level_cue = bool(
        re.search(r"(?:level|-class)\s+(?:quality|performance|result|capabilit)", cue.text, re.I)
    )
    # targets
    targets = [m for m in models if a_seg <= m.start < b_seg]
    if cue.relation == "surpasses" and cue.text.lower().startswith("preferred"):
        inside = [m for m in models if offset + cue.start <= m.start < offset + cue.end]
        subject_override = inside[0] if inside else None
    else:
        subject_override = None
    if level_cue:
        before = [m for m in models if m.end <= offset + cue.start]
        targets = before[-1:] if before else []
    if not targets and index == 0 and compared:
        targets = list(compared)
    if not targets and subject_override is None and not level_cue:
        # the target can sit inside the cue: "90% of ChatGPT's quality"
        targets = [m for m in models if offset + cue.start <= m.start < a_seg]
    segment_text = sentence[cue.end : seg_end]
    if not targets and prev is not None and lx.PRONOUN_TARGET.match(segment_text):
        targets = list(prev.targets)

    # subject
    prev_end = offset + (cues[index - 1].end if index > 0 else 0)
    subject: Found | None = subject_override
    if subject is None and index > 0 and prev is not None and prev.subject is not None:
        candidates = [m for m in models if prev_end <= m.start and m.end <= offset + cue.start]
        new = candidates[-1] if candidates else None
        if (
            new is not None
            and new not in prev.targets
            and _SHARED_GAP.match(sentence[new.end - offset : cue.start])
        ):
            subject = new
        else:
            subject = prev.subject
    if subject is None:
        subject = _subject_before(
            sentence, offset, cue, models, compared, targets, level_cue, ctx, benches
        )
    if subject is None:
        return None
    subject_is_we = subject.kind == "WE"
    if subject_is_we:
        subject = _antecedent(ctx, "we")
        if subject is None:
            return None

    # the comparison is about something other than a model
    lead_at = 0
    if subject.start >= offset and subject.end <= offset + cue.start:
        lead_at = subject.end - offset
    # "X sets a new point on the performance/cost front, and it rivals Y": once a model has
    # been named, a new clause's subject is that model, whatever the earlier clause was about
    for joint in _CLAUSE_JOINT.finditer(sentence, lead_at, cue.start):
        if any(m.start < offset + joint.start() for m in models):
            lead_at = joint.end()
    lead = sentence[lead_at : cue.start]
    if lx.NON_MODEL_SUBJECT.search(lead[-60:]):
        return None
    first_target = targets[0].start - offset if targets else seg_end
    if lx.NON_MODEL_PREDICATE.search(sentence[cue.end : max(cue.end, first_target)]):
        return None

    targets = [
        t
        for t in targets
        if not _same(t, subject) and not _GROUP_AFTER.match(sentence[t.end - offset :])
    ]
    group = _group(sentence, cue, seg_end, targets, offset, models + benches)
    if relation == "surpasses" and not targets and group and not _NOT_GROUP.match(group):
        relation = "best_in_group"
    if index > 0 and not targets and not group and prev is not None and relation != "best_in_group":
        targets = list(prev.targets)

    # benchmarks
    bench = [b for b in benches if a_seg <= b.start < b_seg]
    if not bench:
        lead_start = offset + (cues[index - 1].end if index > 0 else 0)
        bench = [b for b in benches if lead_start <= b.start < offset + cue.start]
    if not bench and prev is not None:
        bench = list(prev.benchmarks)

    if relation == "best_in_group":
        if not group:
            group = "all models"
    elif not targets and not group:
        return None
    if subject_is_we and not targets:
        return None
    return RawClaim(
        relation=relation,
        subject=subject,
        targets=_dedupe(targets),
        target_group=group,
        benchmarks=_dedupe(bench),
        negated=negated,
        cue_start=offset + cue.start,
    )


def _subject_before(
    sentence: str,
    offset: int,
    cue: _Cue,
    models: list[Found],
    compared: list[Found],
    targets: list[Found],
    level_cue: bool,
    ctx: Context,
    benches: list[Found] = (),  # type: ignore[assignment]
) -> Found | None:
    cue_at = offset + cue.start
    explicit = [
        m
        for m in models
        if m.end <= cue_at and m not in compared and not (level_cue and m in targets)
    ]
    # "X is twice as fast as Y and ahead of Z": Y is the object of a preposition, not the
    # subject; take the model named last that is not one
    best: Found | None = None
    for found in reversed(explicit):
        if not _PREPOSITION_BEFORE.search(
            sentence[max(0, found.start - offset - 12) : found.start - offset]
        ):
            best = found
            break
    if best is None and explicit:
        best = explicit[-1]
    implicit: re.Match[str] | None = None
    for m in lx.IMPLICIT_SUBJECT.finditer(sentence, 0, cue.start):
        a, b = offset + m.start(), offset + m.end()
        if any(x.start < b and a < x.end for x in (*models, *benches)):
            continue  # "the Open LLM Leaderboard" is a name, not "the model"
        if not _PREDICATIVE_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
            implicit = m
    if implicit is not None and (best is None or offset + implicit.start() > best.end):
        phrase = implicit.group(0)
        if phrase.strip().lower() == "we":
            return Found(offset + implicit.start(), offset + implicit.end(), "WE", phrase)
        if best is not None and phrase.strip().lower() == "it":
            # "X sets a new record, and it rivals Y": the sentence's own model is the most
            # recent one named ("our model" after "Unlike X," still means the release)
            return best
        return _antecedent(ctx, phrase)
    return best


def _antecedent(ctx: Context, phrase: str) -> Found | None:
    """What "it", "our model" or "the 72B version" refers to in this document.

    The model named most recently before the sentence (a reader's antecedent), else the
    subject of the last claim (which may be a name built from a size), else the title's
    model, else the release's own name.
    """
    recent = ctx.recent_model(phrase) if callable(ctx.recent_model) else None
    base = recent or ctx.last_subject or ctx.title_model or ctx.release()
    size = lx.SIZE.search(phrase)
    if size is None:
        return base
    wanted = size.group(1) + size.group(2).upper()
    for known in (recent, ctx.last_subject, ctx.title_model, ctx.release()):
        if known is not None and re.search(rf"(?<![\d.]){re.escape(wanted)}\b", known.text, re.I):
            return known
    family_source = ctx.title_model or base
    if family_source is None:
        return None
    family = lx.SIZE.sub("", family_source.text).strip(" -")
    family = re.sub(r"-(?:Instruct|Chat|Base|it)$", "", family).rstrip("-")
    name = f"{family}-{wanted}"
    resolve = ctx.resolve_model
    model_id = resolve(name) if callable(resolve) else None
    return Found(-1, -1, "MODEL", name, model_id)


def _compared_models(
    sentence: str, offset: int, models: list[Found], first_cue: int
) -> list[Found]:
    """Models in a leading "Compared with X," phrase: targets, never the subject."""
    found: list[Found] = []
    for m in _COMPARED.finditer(sentence, 0, first_cue):
        stop = sentence.find(",", m.end(), first_cue)
        stop = first_cue if stop < 0 else stop
        found += [x for x in models if offset + m.end() <= x.start < offset + stop]
    return found


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
        if re.search(r"\b(?:models?|llms?)\b", inner, re.I) and not re.fullmatch(
            r"(?:models?|llms?)", inner, re.I
        ):
            return inner
    limit = targets[0].start - offset if targets else seg_end
    for m in lx.TARGET_GROUP.finditer(sentence, cue.end, seg_end):
        if m.start() >= max(limit, cue.end) and targets:
            break
        a, b = offset + m.start(), offset + m.end()
        if any(x.start < b and a < x.end for x in mentions):
            continue
        text = m.group(0).strip()
        if re.fullmatch(r"(?:the\s+)?(?:models?|llms?|systems?)", text, re.I):
            continue
        return text
    return None


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
