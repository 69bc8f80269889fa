"""Step 3 of the rules: who a claim is about.

A model named before the cue, a name the registry does not know standing in the subject's
place, or an implicit subject ("our model", "it", "the 72B version") resolved from the
document's context.
"""

from __future__ import annotations

import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.found import Context, Found, _Cue

_CLAUSE_JOINT = re.compile(r"(?:,\s*(?:and|but|while|whereas)|;)\s+", re.IGNORECASE)
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
# What may stand between a name and its verb: "Eurus even outperforms", "DBRX sets a new".
_NAME = re.compile(
    r"(?<![\w.@/-])((?:[A-Z][\w.+]*(?:[-–][\w.+]+)*|[a-z][a-z]*(?:[-.][\w+]+)*\d[\w.+-]*)"
    r"(?:[ \t](?:[A-Z0-9][\w.+-]*|[a-z]+\d[\w.]*))?)"
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
_NAME_GAP = re.compile(
    r"^(?:\s*,?\s*(?:also|even|now|still|already|further|then|consistently|significantly|"
    r"clearly|marginally|slightly|handily|easily|reportedly|reliably|comfortably|"
    r"substantially|dramatically|\w+ly|is|are|was|were|has|have|had|can|could|does|did|"
    r"achieves?|achieved|sets?|set|delivers?|delivered|shows?|showed|offers?|reaches?|reached|"
    r"becomes?|became|remains?|ranks?|ranked|stands?|emerges?|establishes?|obtains?|posts?|"
    r"demonstrates?|the|a|an|new|its|their|out|as|one|of|not|only)\b)*\s*$",
    re.IGNORECASE,
)


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
