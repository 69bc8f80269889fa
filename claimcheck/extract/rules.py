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

Steps 1-3 live in `cue_scan`, `targets` and `subjects`; this module assembles the claims.

"does not yet match X" is kept as relation `matches` with `negated=True`; the judge reads a
negated `matches` like `trails`. "not as strong as X" is written as a plain `trails`.
"""

from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.cue_scan import find_cues
from claimcheck.extract.found import Context, Found, RawClaim, _Cue
from claimcheck.extract.subjects import (
    _CLAUSE_JOINT,
    _antecedent,
    _clause_start,
    _context_subject,
    _fresh_subject,
    _in_subject_slot,
    _name_in,
    _name_subject,
    _subject_before,
    name_like,
)
from claimcheck.extract.targets import (
    _compared,
    _dedupe,
    _group,
    _group_at,
    _listed_names,
    _same,
)

_SHARED_GAP = re.compile(
    r"^\s*,?\s*(?:(?:is|are|was|also|still|now|even|then|in\s+turn|\w+ly)\s+)*$", re.I
)
_JOINED_CUES = re.compile(
    r"[\s,—–-]*(?:and|or|but)\b(?:\s+(?:in\s+(?:some|many|most|several)\s+(?:cases|areas|tasks)|"
    r"even|sometimes|often|occasionally|at\s+times))*[\s,—–-]*",
    re.IGNORECASE,
)
_GROUP_AFTER = re.compile(r"^\s*(?:models|family|families|series|line)\b", re.I)
_SUBJECT_TAIL = re.compile(r"^\s*(?:['’]s|of(?:\s+the)?)\s+(?:[\w-]+\s+){0,3}", re.I)


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


_RANK_CUE = re.compile(r"#|\bno\.|\btop\b|\bfirst\b|number|spot|place|rank|\d", re.I)
_CAPITAL = re.compile(r"[A-Z]")
_OBJECT_INSIDE = re.compile(r"(?:leav|prefer)", re.I)
_BETWEEN = re.compile(r"(?:the\s+)?gap\s+between\b", re.I)
_EVERY_BEFORE = re.compile(r"\b(?:every|each|any|all)\s+(?:other\s+)?$", re.I)
_EVERY = re.compile(r"(?:all|every|any|each)\b", re.I)
