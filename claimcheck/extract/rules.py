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
    # short names the document uses once it has named a model in full ("R1" for DeepSeek-R1)
    short_names: dict[str, Found] = field(default_factory=dict)

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
    needs: str = "comparator"  # "comparator": only a claim when a comparator is found


_COMPARED = re.compile(
    r"\b(?:(?:when\s+|as\s+)?compared\s+(?:to|with|against)|in\s+comparison\s+(?:to|with)|"
    r"relative\s+to|versus|vs\.?|against)\s+",
    re.IGNORECASE,
)
_SHARED_GAP = re.compile(
    r"^\s*,?\s*(?:(?:is|are|was|also|still|now|even|then|in\s+turn|\w+ly)\s+)*$", re.I
)
_GROUP_CUE_WORDS = re.compile(
    r"^(?:the|a|an|world's|new|best|best-performing|strongest|most|capable|powerful|top|"
    r"top-performing|top-ranked|performing|state-of-the-art|accurate|advanced|intelligent|"
    r"performant|number|one|#1|leading)\s+",
    re.IGNORECASE,
)
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
_CLAUSE_JOINT = re.compile(r"(?:,\s*(?:and|but|while|whereas)|;)\s+", re.IGNORECASE)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:the|a|an|all|other|every|existing|current|previous|prior|many|most|several|"
    r"even|much|far)\s+)*",
    re.IGNORECASE,
)
_JOINED_CUES = re.compile(
    r"[\s,—–-]*(?:and|or|but)\b(?:\s+(?:in\s+(?:some|many|most|several)\s+(?:cases|areas|tasks)|"
    r"even|sometimes|often|occasionally|at\s+times))*[\s,—–-]*",
    re.IGNORECASE,
)
_OR_BETWEEN = re.compile(r"\s*,?\s+(?:or|and/or)\s+(?:even\s+)?", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:as|than|to|with|of|over|from|against|vs\.?|versus|like|including|on|upon|using|via|"
    r"atop|by|behind)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where a subject can stand: a clause's start, after a conjunction, "that" or a reporting verb.
_SUBJECT_SLOT = re.compile(
    r"(?:[,;:—–(]|\s-+|\b(?:and|but|that|which|while|whereas|so|then|also|now|claims?|says?|"
    r"said|reports?|reported|shows?|showed|found|finds?|believes?|discover(?:s|ed)?|notes?))"
    r"\s*(?:(?:\w+ly|also|even|now|still|both)\s+){0,3}$",
    re.IGNORECASE,
)


def _in_subject_slot(sentence: str, at: int) -> bool:
    """Whether position `at` is where a subject can stand (see `_SUBJECT_SLOT`)."""
    before = sentence[max(0, at - 60) : at]
    return not sentence[:at].strip(" -*>#•\"'“‘") or bool(_SUBJECT_SLOT.search(before))


_COPULA_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|becomes?|became|remains?|stays?)\s+(?:\w+\s+){0,2}$", re.I
)
_INTRODUCER = re.compile(
    r"^\W*(?:introducing|announcing|meet|presenting|say\s+hello\s+to|welcome)\s+", re.I
)
_PREDICATIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|being|as|of|than|with|to|over|against|among|including|like|by|"
    r"from|versus|vs\.?|and|or|beside|besides|unlike)\s+$",
    re.I,
)
_GROUP_AFTER = re.compile(r"^\s*(?:models|family|families|series|line)\b", re.I)
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
# What may stand between a name and its verb: "Eurus even outperforms", "DBRX sets a new".
_NAME = re.compile(
    r"(?<![\w.@/-])((?:[A-Z][\w.+]*(?:[-–][\w.+]+)*|[a-z][a-z]*(?:[-.][\w+]+)*\d[\w.+-]*)"
    r"(?:\s+(?:[A-Z0-9][\w.+-]*|[a-z]+\d[\w.]*))?)"
)
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        """the this that these those it its we our they their he she his her a an in on at for
    with by from to of as and but or so also even both each all most many some several other
    such compared across according overall notably specifically particularly furthermore
    moreover additionally however meanwhile today now here there figure fig table note news
    update updates results result experiments experiment benchmark benchmarks evaluation
    evaluations performance model models while when where which who what unlike like despite
    thanks besides finally first second third next then earlier later recently currently
    since after before during among against based using without strong natural robust
    introducing announcing meet new our in-house researchers independent early testers per
    human humans reviewers users developers customers one two three four five six seven eight
    nine ten if yes no not only just than chinese english korean japanese french german
    spanish arabic python java january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday
    highlights key main details summary conclusion abstract introduction background""",
    )
)
_SUBJECT_TAIL = re.compile(r"^\s*(?:['’]s|of(?:\s+the)?)\s+(?:[\w-]+\s+){0,3}", re.I)
_NAME_GAP = re.compile(
    r"^(?:\s*,?\s*(?:also|even|now|still|already|further|then|consistently|significantly|"
    r"clearly|marginally|slightly|handily|easily|reportedly|reliably|comfortably|"
    r"substantially|dramatically|\w+ly|is|are|was|were|has|have|had|can|could|does|did|"
    r"achieves?|achieved|sets?|set|delivers?|delivered|shows?|showed|offers?|reaches?|reached|"
    r"becomes?|became|remains?|ranks?|ranked|stands?|emerges?|establishes?|obtains?|posts?|"
    r"demonstrates?|the|a|an|new|its|their|out|as|one|of|not|only)\b)*\s*$",
    re.IGNORECASE,
)


def find_cues(sentence: str) -> list[_Cue]:
    """Relation cues in a sentence, left to right, overlaps resolved to the longest."""
    present: set[str] = set()
    for m in lx.CUE_ANCHORS.finditer(sentence.lower()):
        present |= lx.ANCHORS_WITHIN[m.group(0)]
    hits: list[_Cue] = []
    for index in sorted({i for anchor in present for i in lx.CUES_BY_ANCHOR[anchor]}):
        relation, pattern, needs = lx.CUE_PATTERNS[index][1:]
        for m in pattern.finditer(sentence):
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


# Each cue is judged against the whole sentence, so a "sentence" of hundreds of cues (a run of
# cue words with no full stop) cost quadratic time. Real sentences hold one to three.
MAX_CUES_PER_SENTENCE = 8


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
        for c in cues[: 4 * MAX_CUES_PER_SENTENCE]
        if not any(m.start <= offset + c.start and offset + c.end <= m.end for m in mentions)
    ][:MAX_CUES_PER_SENTENCE]
    if not cues:
        return []
    models = [m for m in mentions if m.kind == "MODEL"]
    benches = [m for m in mentions if m.kind == "BENCH"]
    label = lx.LABEL.match(sentence)
    if label and any(c.start >= label.end() for c in cues):
        # "SoTA understanding of images: Qwen2-VL achieves ...": the label only announces
        cues = [c for c in cues if c.start >= label.end()]
    cues = [c for c in cues if not _names_a_model(sentence, offset, c, models)]
    if not cues:
        return []
    compared, compared_group = _compared(sentence, offset, models, cues[0].start)
    claims: list[RawClaim] = []
    lead_start = 0
    for i, cue in enumerate(cues):
        seg_end = cues[i + 1].start if i + 1 < len(cues) else len(sentence)
        brk = lx.CLAUSE_BREAK.search(sentence, cue.end, seg_end)
        if brk:
            seg_end = brk.start()
        elif i + 1 < len(cues) and _JOINED_CUES.fullmatch(sentence[cue.end : seg_end]):
            # "matches - and in some cases surpasses - X": both cues take the same object
            nxt = cues[i + 1]
            later = cues[i + 2].start if i + 2 < len(cues) else len(sentence)
            brk = lx.CLAUSE_BREAK.search(sentence, nxt.end, later)
            seg_end = brk.start() if brk else later
        prev = claims[-1] if claims else None
        claim = _one_claim(
            sentence,
            offset,
            cue,
            seg_end,
            i,
            cues,
            models,
            benches,
            (compared, compared_group),
            prev,
            ctx,
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
    claims = _merge_rank_and_leader(claims)
    claims = _per_subject(sentence, offset, claims, models)
    if claims and claims[0].subject is not None:
        ctx.last_subject = claims[0].subject
    return claims


def _merge_rank_and_leader(claims: list[RawClaim]) -> list[RawClaim]:
    """Make "ranks second on X, just behind Y" one trails claim with Y as its target."""
    out: list[RawClaim] = []
    for claim in claims:
        last = out[-1] if out else None
        if (
            last is not None
            and last.relation == "trails"
            and claim.relation == "trails"
            and not last.targets
            and claim.targets
            and last.subject == claim.subject
        ):
            last.targets = claim.targets
            last.benchmarks = last.benchmarks or claim.benchmarks
            last.seg_end = claim.seg_end
            continue
        out.append(claim)
    return out


def _per_subject(
    sentence: str, offset: int, claims: list[RawClaim], models: list[Found]
) -> list[RawClaim]:
    """ "A and B outperform C" is two claims: one per coordinated subject."""
    out: list[RawClaim] = []
    for claim in claims:
        out.append(claim)
        subject = claim.subject
        if subject is None or subject.start < offset or subject.kind != "MODEL":
            continue
        extra: list[Found] = []
        cursor = subject.start
        for other in sorted(
            (m for m in models if m.end <= cursor and m not in claim.targets),
            key=lambda m: -m.start,
        ):
            between = sentence[other.end - offset : cursor - offset]
            if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|as\s+well\s+as\s+)", between):
                break
            extra.append(other)
            cursor = other.start
        for other in reversed(extra):
            out.insert(
                len(out) - 1,
                RawClaim(
                    relation=claim.relation,
                    subject=other,
                    targets=list(claim.targets),
                    target_group=claim.target_group,
                    benchmarks=list(claim.benchmarks),
                    negated=claim.negated,
                    cue_start=claim.cue_start,
                    lead_start=claim.lead_start,
                    seg_end=claim.seg_end,
                ),
            )
    return out


def _names_a_model(sentence: str, offset: int, cue: _Cue, models: list[Found]) -> bool:
    """A superlative that names a model ("the recently released SOTA model Llama-3-70B")."""
    if cue.relation != "best_in_group":
        return False
    after = offset + cue.end
    gap = _APPOSITIVE_GAP.match(sentence, cue.end)
    gap_end = after + (gap.end() - cue.end if gap else 0)
    return any(after <= m.start <= gap_end for m in models)


_APPOSITIVE_GAP = re.compile(r"\s*(?:(?:open|open-source|language|model|llm|version|models)\s+)*")


def _one_claim(
    sentence: str,
    offset: int,
    cue: _Cue,
    seg_end: int,
    index: int,
    cues: list[_Cue],
    models: list[Found],
    benches: list[Found],
    compared_with: tuple[list[Found], str | None],
    prev: RawClaim | None,
    ctx: Context,
) -> RawClaim | None:
    a_seg, b_seg = offset + cue.end, offset + seg_end
    relation = cue.relation
    compared, compared_group = compared_with
    before = sentence[max(0, cue.start - 30) : cue.start]
    negated = bool(lx.NEGATION_BEFORE.search(before))
    if negated and (
        # "not as strong as X" is a plain trails claim; "not only beats X but also ..." no negation
        (relation == "trails" and re.match(r"(?:not|do(?:es)?\s+not)\b", cue.text, re.I))
        or re.search(r"\bnot\s+only\s+$", before, re.I)
    ):
        negated = False

    # "an o1-level model", "GPT-4-class performance", "a GPT-4 level model": the level is
    # named by the model just before the level word, inside the cue or right before it
    level_at = _level_word(cue) if relation == "matches" else -1
    level_cue = level_at >= 0
    # targets
    targets = [m for m in models if a_seg <= m.start < b_seg]
    subject_override: Found | None = None
    if cue.relation == "surpasses" and re.match(r"prefer", cue.text, re.I):
        inside = [m for m in models if offset + cue.start <= m.start < offset + cue.end]
        subject_override = inside[0] if inside else _name_in(sentence, offset, cue.start, cue.end)
    if level_cue:
        level = offset + cue.start + level_at
        targets = [m for m in models if offset + cue.start - 2 <= m.end <= level + 1]
        if not targets:
            preceding = [m for m in models if m.end <= level + 1 and m.end >= level - 2]
            targets = preceding[-1:]
    if not targets and index == 0 and compared:
        targets = list(compared)
    if not targets and subject_override is None and not level_cue:
        # the target can sit inside the cue: "90% of ChatGPT's quality"
        targets = [m for m in models if offset + cue.start <= m.start < a_seg]
    if _BETWEEN.match(cue.text) and len(targets) >= 2:
        # "the gap between X and Y is small": X is the subject, Y the target
        subject_override, targets = targets[0], targets[1:]
    segment_text = sentence[cue.end : seg_end]
    if not targets and prev is not None and lx.PRONOUN_TARGET.match(segment_text):
        targets = list(prev.targets)

    # subject
    prev_end = offset + (cues[index - 1].end if index > 0 else 0)
    subject: Found | None = subject_override
    subject_end = 0  # where the subject phrase ends in the sentence (0: not in it)
    from_context = False  # the clause names no subject: the document's model is assumed
    if subject is None and index > 0 and prev is not None and prev.subject is not None:
        candidates = [m for m in models if prev_end <= m.start and m.end <= offset + cue.start]
        new = candidates[-1] if candidates else None
        fresh = _fresh_subject(sentence, prev_end - offset, cue.start, models, benches, ctx)
        if (
            new is not None
            and new not in prev.targets
            and _SHARED_GAP.match(sentence[new.end - offset : cue.start])
        ):
            subject = new
        elif fresh is not None:
            subject = fresh  # "X is competitive with Y, and the 32B model trails only Z"
        else:
            subject = prev.subject
    elif subject is None:
        subject, subject_end = _subject_before(
            sentence, offset, cue, models, compared, targets, level_cue, ctx, benches
        )
        # a name can only take over if a capital letter stands after the subject found
        named = (
            _name_subject(sentence, offset, cue, models, benches, ctx)
            if subject is None or _CAPITAL.search(sentence, subject_end, cue.start)
            else None
        )
        if named is not None and (
            subject is None
            or (
                subject_end
                and named.end - offset > subject_end
                and _in_subject_slot(sentence, named.start - offset)
            )
        ):
            subject, subject_end = named, named.end - offset
    subject_is_we = subject is not None and subject.kind == "WE"
    if subject_is_we:
        resolved = _antecedent(ctx, "we")
        subject = resolved
    if subject is None and not subject_is_we:
        if _GROUP_SUBJECT.search(sentence[_clause_start(sentence, cue.start) : cue.start]):
            return None  # "Larger models outperform smaller ones": about models in general
        subject = _context_subject(ctx)
        from_context = True
    if subject is not None and subject.start >= offset and subject.end <= offset + cue.start:
        subject_end = max(subject_end, subject.end - offset)

    # the comparison is about something other than a model
    lead_at = subject_end
    # "X sets a new point on the performance/cost front, and it rivals Y": once a model has
    # been named, a new clause's subject is that model, whatever the earlier clause was about
    for joint in _CLAUSE_JOINT.finditer(sentence, lead_at, cue.start):
        if any(m.start < offset + joint.start() for m in models):
            lead_at = joint.end()
    lead = sentence[lead_at : cue.start]
    clause = sentence[_clause_start(sentence, cue.start) : cue.start]
    if subject_end:
        # "Qwen's serving stack beats ...": the subject phrase's own tail
        tail = _SUBJECT_TAIL.match(lead)
        if tail and lx.NON_MODEL_SUBJECT.search(tail.group(0)):
            return None
    elif lx.NON_MODEL_SUBJECT.search(lead[-60:]):
        return None
    if lx.ASPIRATION.search(clause):
        return None  # "our goal is to match", "plans to release a GPT-4 level model"
    relative = _RELATIVE_BEFORE.search(sentence, 0, cue.start)
    if relative and lx.NON_MODEL_SUBJECT.search(
        clause[: max(0, relative.start() - len(sentence[: cue.start]) + len(clause))]
    ):
        return None  # "we propose CISPO, a novel algorithm ..., which outperforms ..."

    targets = [
        t
        for t in targets
        if (subject is None or not _same(t, subject))
        and not _GROUP_AFTER.match(sentence[t.end - offset :])
        and not (
            _EVERY_BEFORE.search(sentence[max(0, t.start - offset - 12) : t.start - offset])
            and re.match(r"\s+models?\b", sentence[t.end - offset :], re.I)
        )
    ]
    group = _group(sentence, cue, seg_end, targets, offset, models + benches)
    if not targets and not group and _OBJECT_INSIDE.match(cue.text):
        inner = lx.TARGET_GROUP.search(sentence, cue.start, cue.end)
        group = inner.group(0).strip() if inner else None
    if not targets and not group and index == 0 and compared_group:
        group = compared_group
    if relation == "surpasses" and not targets and group and _EVERY.match(group):
        relation = "best_in_group"  # "outperforms all open-source models": best among them
    if (not targets or all(t.id is None for t in targets)) and lx.HUMAN_COMPARATOR.match(
        re.sub(r"^\s*(?:the\s+|that\s+of\s+|those\s+of\s+)?", "", sentence[cue.end : cue.end + 40])
    ):
        return None  # "performs similarly to PhD students"
    if not targets and not group and relation != "best_in_group":
        named_target = _name_in(sentence, offset, cue.end, seg_end, object_only=True)
        if named_target is not None:
            targets = [named_target]
    if targets or group:
        listed = _listed_names(
            sentence, offset, cue.end, seg_end, [t for t in targets if t.start >= a_seg], group
        )
        targets = targets + [t for t in listed if subject is None or not _same(t, subject)]
    first_target = min(
        [t.start - offset for t in targets] + [_group_at(sentence, group, cue.end, seg_end)]
    )
    if lx.NON_MODEL_PREDICATE.search(sentence[cue.end : max(cue.end, first_target)]):
        return None
    aspect_end = seg_end
    if index + 1 < len(cues) and re.search(r"\band\s+$", sentence[cue.end : cues[index + 1].start]):
        # "comparable to X and beats Y in terms of token capacity": one aspect for both
        aspect_end = cues[index + 2].start if index + 2 < len(cues) else len(sentence)
    participle = lx.PARTICIPLE.search(sentence, cue.end, aspect_end)
    if lx.NON_MODEL_ASPECT.search(
        sentence, cue.start, participle.start() if participle else aspect_end
    ):
        return None
    if not targets and group and lx.HUMAN_COMPARATOR.search(group):
        return None  # "on par with human experts"
    if (
        not targets
        and not group
        and lx.HUMAN_COMPARATOR.match(sentence[cue.end : cue.end + 30].lstrip(" -"))
    ):
        return None
    if relation in ("matches", "approaches", "trails") and lx.QUANTIZED.search(sentence):
        return None  # a quantized copy of the same weights, not another model
    if (subject is None or (subject.id is None and not name_like(subject.text))) and (
        lx.GENERIC.search(clause)
    ):
        return None  # "larger models generally perform better than smaller ones"
    if index > 0 and not targets and not group and prev is not None and relation != "best_in_group":
        targets = list(prev.targets)

    # benchmarks
    bench = [b for b in benches if a_seg <= b.start < b_seg]
    if not bench and _BETWEEN.match(cue.text):
        bench = [b for b in benches if offset + cue.start <= b.start < a_seg]
    if not bench:
        lead_start = offset + (cues[index - 1].end if index > 0 else 0)
        bench = [b for b in benches if lead_start <= b.start < offset + cue.start]
    if not bench and prev is not None:
        bench = list(prev.benchmarks)

    if (
        cue.needs == "none"
        and from_context
        and not bench
        and _RANK_CUE.search(cue.text)
        and not lx.RANK_CONTEXT.search(sentence)
    ):
        return None  # "was a top ten hit in the UK": a rank, but not on any leaderboard
    if relation == "best_in_group":
        if lx.USAGE.search(sentence) or lx.LEGEND.search(sentence):
            return None  # "for the best results, set ...", "best scores are in bold"
        if lx.SETUP.search(sentence[: cue.start]) and not lx.PREDICATE_BEFORE.search(clause[-80:]):
            return None  # "we compare against GPT-4o and the SOTA models"
        if not group:
            group = "all models"
    elif not targets and not group and cue.needs == "comparator":
        return None
    if subject_is_we and subject is None and not targets and relation != "best_in_group":
        return None  # "we compare with ..." without a result
    if subject is None and subject_is_we:
        subject = Found(-1, -1, "MODEL", "we", None)
    return RawClaim(
        relation=relation,
        subject=subject,
        targets=_dedupe(targets),
        target_group=group,
        benchmarks=_dedupe(bench),
        negated=negated,
        cue_start=offset + cue.start,
    )


_RELATIVE_BEFORE = re.compile(
    r"\b(?:which|that|who)\s+(?:(?:also|even|further|still|now|\w+ly)\s+)*$", re.IGNORECASE
)
# A clause whose own subject is a kind of model, not one model ("Larger models ...",
# "Most open LLMs ..."): a generic statement, never the document's release.
_GROUP_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*)\W*(?!(?:our|these|those|its|their|the|both|this|my)\b)"
    r"(?:[\w-]+\s+){0,3}(?:models|llms|systems|chatbots|assistants)\b",
    re.IGNORECASE,
)


def _level_word(cue: _Cue) -> int:
    """Where "level" / "class" / "grade" starts in a level cue ("o1-level"), else -1."""
    if re.match(r"(?:at|on|reach)", cue.text, re.I):
        return -1
    m = re.search(r"(?:^|[- ])(?:level|class|grade|caliber|calibre)\b", cue.text, re.I)
    return m.start() if m else -1


def _clause_start(sentence: str, cue_start: int) -> int:
    """Where the clause holding a cue begins: after the last ';' or reporting verb."""
    start = max(sentence.rfind(";", 0, cue_start) + 1, 0)
    label = lx.LABEL.match(sentence, start)
    if label and label.end() <= cue_start:
        start = label.end()
    return start


def _fresh_subject(
    sentence: str, a: int, b: int, models: list[Found], benches: list[Found], ctx: Context
) -> Found | None:
    """An implicit subject that opens a later clause of the sentence (", and the 32B model")."""
    joint = _CLAUSE_JOINT.search(sentence, a, b)
    if joint is None:
        return None
    m = lx.IMPLICIT_SUBJECT.match(sentence, joint.end(), b)
    if m is None or m.group(0).strip().lower() in ("it", "we", "they", "these"):
        return None
    if any(x.start < m.end() and m.start() < x.end for x in (*models, *benches)):
        return None
    return _antecedent(ctx, m.group(0))


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
) -> tuple[Found | None, int]:
    """The subject named before a cue, and where its phrase ends in the sentence.

    A model named there, or an implicit subject ("our model", "it", "the 72B version")
    resolved from the document; when the document never names the model, the phrase is kept
    as written (its id None) so the claim is still reported.
    """
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
    in_slot: re.Match[str] | None = None
    for m in lx.IMPLICIT_SUBJECT.finditer(sentence, 0, cue.start):
        a, b = offset + m.start(), offset + m.end()
        if any(x.start < b and a < x.end for x in (*models, *benches)):
            continue  # "the Open LLM Leaderboard" is a name, not "the model"
        before = sentence[max(0, m.start() - 16) : m.start()]
        if _PREDICATIVE_BEFORE.search(before[-12:]) or _COPULA_BEFORE.search(before):
            continue  # "with the SOTA models", "it is currently the only code model"
        if lx.SPEECH.match(sentence, m.end()):
            continue  # "a model that it claims outperforms X": "it" is the reporter
        implicit = m
        if _in_subject_slot(sentence, m.start()):
            in_slot = m
    # "We have updated ..., unified the versions of chat, and refreshed the SOTA": the
    # phrase in a subject's place, not the object of an earlier verb
    if (
        in_slot is not None
        and implicit is not None
        and in_slot is not implicit
        and implicit.group(0).strip().lower() not in ("it", "we", "they")
    ):
        implicit = in_slot
    if (
        implicit is not None
        and best is not None
        and _PREPOSITION_BEFORE.search(
            sentence[max(0, best.start - offset - 12) : best.start - offset]
        )
    ):
        best = None  # "It continues the approach of X, achieving ...": X is not the subject
    if implicit is not None and (best is None or offset + implicit.start() > best.end):
        phrase = implicit.group(0)
        at, end = offset + implicit.start(), offset + implicit.end()
        if phrase.strip().lower() == "we":
            return Found(at, end, "WE", phrase), implicit.end()
        if best is not None and re.match(r"(?:it|an?)\b", phrase.strip(), re.I):
            # "X sets a new record, and it rivals Y", "released X, an open model that ...":
            # the sentence's own model is the most recent one named ("our model" after
            # "Unlike X," still means the release)
            return best, implicit.end()
        resolved = _antecedent(ctx, phrase)
        if resolved is None:
            resolved = Found(at, end, "MODEL", " ".join(phrase.split()), None)
        return resolved, implicit.end()
    return best, (best.end - offset if best is not None and best.start >= offset else 0)


def _name_subject(
    sentence: str,
    offset: int,
    cue: _Cue,
    models: list[Found],
    benches: list[Found],
    ctx: Context,
) -> Found | None:
    """A name the registry does not know, as the grammatical subject of the cue's clause.

    "Eurus even outperforms ...", "Across benchmarks, DBRX sets a new state of the art",
    "DeepSeek claims R1 matches ...": the first capitalised name of the clause, when only
    adverbs and a short predicate stand between it and the cue.
    """
    start = _clause_start(sentence, cue.start)
    intro = _INTRODUCER.match(sentence, start)
    clause_from = start
    last_comma = sentence.rfind(",", start, cue.start)
    if last_comma >= 0 and not intro:
        clause_from = last_comma + 1
    for m in lx.REPORTING.finditer(sentence, clause_from, cue.start):
        clause_from = m.end()
    if intro and clause_from == start:
        clause_from = intro.end()
    for m in _NAME.finditer(sentence, clause_from, cue.start):
        name = m.group(1).rstrip(".,:;")
        at_start = not sentence[clause_from : m.start(1)].strip(" -*>#•\"'“‘")
        if not could_be_name(name, at_start=at_start):
            continue
        a, b = offset + m.start(1), offset + m.start(1) + len(name)
        if any(x.start < b and a < x.end for x in (*models, *benches)):
            return None  # a known name or benchmark stands here: the other rules decide
        gap = sentence[m.start(1) + len(name) : cue.start]
        if not (intro or _NAME_GAP.match(gap) or _SHORT_PREDICATE.fullmatch(gap)):
            return None
        resolve = ctx.resolve_model
        model_id = resolve(name) if callable(resolve) else None
        return Found(a, b, "MODEL", name, model_id)
    return None


# "Vicuna's total score is", "Vicuna becomes capable of generating": a few lower-case words
_SHORT_PREDICATE = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w'’-]*){0,6}\s*")


def _name_in(sentence: str, offset: int, a: int, b: int, object_only: bool = False) -> Found | None:
    """An unknown capitalised name between sentence offsets a and b ("prefers Vicuna over").

    With `object_only`, only a name that opens the cue's object counts ("outperforms Alpaca",
    "beats OpenAI's flagship"), not one further on ("... in Chinese").
    """
    text = sentence[a:b]
    lead = (
        re.match(r"\s*(?:the\s+|an?\s+)?(?:(?:[\w.-]+['’]s)\s+)?", text)
        if object_only
        else re.match(r"(?i)\s*prefer(?:s|red)?\s+", text)
    )
    m = _NAME.match(text, lead.end() if lead else 0)
    if m is None:
        return None
    name = m.group(1).rstrip(".,:;")
    if not could_be_name(name, at_start=False) or len(name) < 2:
        return None
    start = offset + a + m.start(1)
    return Found(start, start + len(name), "MODEL", name, None)


_COMMON_SUFFIX = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ies|ive|ous|ed|ly|ers)$", re.I)


def could_be_name(name: str, at_start: bool) -> bool:
    """Whether a capitalised word can be a model's name rather than an ordinary word.

    Mid-sentence capitals are names; at the start of a sentence a plain capitalised word
    ("Reasoning models ...") must not look like a common English word form.
    """
    head = re.sub(r"['’]s$", "", re.split(r"[\s-]", name)[0]).lower()
    if head in _NOT_NAMES or (name.isupper() and len(name) <= 2 and not name[-1].isdigit()):
        return False
    if name_like(name):
        return True
    return not (at_start and _COMMON_SUFFIX.search(head))


def name_like(name: str) -> bool:
    """A digit, an inner capital or all capitals: "R1", "DeepSeek", "DBRX"."""
    return any(c.isdigit() for c in name) or any(c.isupper() for c in name[1:])


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


def _context_subject(ctx: Context) -> Found | None:
    """The subject of a clause that names none (a bullet, a label, a headline fragment)."""
    return _antecedent(ctx, "it")


def _antecedent(ctx: Context, phrase: str) -> Found | None:
    """What "it", "our model" or "the 72B version" refers to in this document.

    The model named most recently before the sentence (a reader's antecedent), else the
    subject of the last claim (which may be a name built from a size), else the title's
    model, else the release's own name.
    """
    recent = ctx.recent_model(phrase) if callable(ctx.recent_model) else None
    base = recent or ctx.last_subject or ctx.title_model or ctx.release()
    if base is not None and base.id is None and base.start < 0 and base.text == phrase:
        base = None
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
    if not family:
        return None
    name = f"{family}-{wanted}"
    resolve = ctx.resolve_model
    model_id = resolve(name) if callable(resolve) else None
    return Found(-1, -1, "MODEL", name, model_id)


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


_RANK_CUE = re.compile(r"#|\bno\.|\btop\b|\bfirst\b|number|spot|place|rank|\d", re.I)
_CAPITAL = re.compile(r"[A-Z]")
_OBJECT_INSIDE = re.compile(r"(?:leav|prefer)", re.I)
_BETWEEN = re.compile(r"(?:the\s+)?gap\s+between\b", re.I)
_EVERY_BEFORE = re.compile(r"\b(?:every|each|any|all)\s+(?:other\s+)?$", re.I)
_ATTRIBUTION = re.compile(r"\baccording\s+to\b|\bas\s+reported\s+by\b", re.I)
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:according\s+to|per|by|from)\s+$", re.I)
_LEADING_PREPOSITION = re.compile(r"^(?:(?:with|to|against|than|over|of|among|versus)\s+)+", re.I)
_EVERY = re.compile(r"(?:all|every|any|each)\b", re.I)
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
