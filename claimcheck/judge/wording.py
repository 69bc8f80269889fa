"""What the claim's own words say beyond its parsed fields: the settings it states (n-shot, CoT,
maj@k), the domain it narrows to ("better at coding"), and the words that pick a checkpoint or
an older version.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.judge.domain import RegistryLike
from claimcheck.models import Claim, Evaluation

_SHOT_RE = re.compile(r"(?i)\b(\d+)[- ]?shot\b")
_KAT_RE = re.compile(r"(?i)\b(maj|cons|pass|best[- ]of)@(\d+)\b")
_COT_RE = re.compile(r"(?i)\b(cot|chain[- ]of[- ]thought)\b")


def _settings_of(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    m = _SHOT_RE.search(text)
    if m:
        out["shots"] = m.group(1)
    m = _KAT_RE.search(text)
    if m:
        out["k"] = f"{m.group(1).lower().replace(' ', '-')}@{m.group(2)}"
    if _COT_RE.search(text):
        out["cot"] = "CoT"
    return out


def _setting_mismatch(claim_settings: dict[str, str], row: Evaluation) -> list[str]:
    """Which of the claim's settings the independent row does not share."""
    row_settings = _settings_of(f"{row.setting} {row.metric}")
    problems = []
    if (
        "shots" in claim_settings
        and row_settings.get("shots", claim_settings["shots"]) != (claim_settings["shots"])
    ):
        problems.append(f"{claim_settings['shots']}-shot vs {row_settings['shots']}-shot")
    if "k" in claim_settings and row_settings.get("k") != claim_settings["k"]:
        problems.append(f"{claim_settings['k']} vs {row_settings.get('k', 'a single sample')}")
    # only a row that states its prompting (n-shot) is known not to use chain-of-thought
    if "cot" in claim_settings and "cot" not in row_settings and "shots" in row_settings:
        problems.append("chain-of-thought vs no chain-of-thought stated")
    return problems


# words that make an older version the one meant: "the original DeepSeek-R1"
_CHOSEN_OLDER = re.compile(
    r"(?i)\b(?:original|initial|first|older|earlier|previous)\s+(?:version of\s+)?$"
)
# a model name that says which checkpoint it is
_TUNING_WORD = re.compile(
    r"(?i)(?<![a-z])(?:base|instruct|instruction|chat|it|inst|sft|dpo|rlhf|pretrained|"
    r"pre-trained)(?![a-z])"
)
_CHAT_WORDS = re.compile(
    r"(?i)\b(?:chat|chatbot|arena|instruction[- ]following|instruction-tuned|assistant|"
    r"agentic|agents?|conversations?|conversational|dialogue|human preference)\b"
)
_BASE_WORDS = re.compile(
    r"(?i)\b(?:base|pre-?trained|foundation)[- ](?:models?|checkpoints?|versions?|llms?)\b"
    r"|\bpre-?training\b"
)
# a group phrase given with its examples: "leading models such as A, B and C"
_EXAMPLES = re.compile(r"(?i)\b(?:such as|like|including|e\.g\.|namely|for example)\b")


# "..., particularly on coding tasks" stresses part of a broad claim; it does not narrow it
_EMPHASIS = re.compile(
    r"(?i)\b(?:particularly|especially|notably|above all|in particular|most of all|"
    r"even more so)\b[^.;:]*"
)
_DOMAIN_AFTER = (
    r"(?:tasks?|benchmarks?|abilit(?:y|ies)|capabilit(?:y|ies)|performance|skills?|problems?|"
    r"evaluations?|scores?|llms?|lms?|models?|questions?|success|"
    r"leaderboards?|boards?|categor(?:y|ies)|rankings?|arenas?)"
)


@lru_cache(maxsize=8)
def _domain_patterns(
    categories: tuple[tuple[str, tuple[str, ...], bool], ...],
) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    out = []
    for category, phrases, in_groups in categories:
        if not phrases:
            continue
        words = "|".join(
            re.escape(p).replace(r"\ ", r"[\s-]+") for p in sorted(phrases, key=len, reverse=True)
        )
        prose = re.compile(
            rf"(?i)\b(?:at|in|on|for|across)\s+(?:[\w-]+[\s,]+){{0,3}}?(?P<a>{words})\b"
            rf"|\b(?P<b>{words})[\s-]+{_DOMAIN_AFTER}\b"
        )
        group = re.compile(rf"(?i)\b(?:{words})\b") if in_groups else None
        out.append((category, prose, group))
    return out


@lru_cache(maxsize=8)
def _domain_words(
    categories: tuple[tuple[str, tuple[str, ...], bool], ...],
) -> re.Pattern[str]:
    """Any phrase of any category, as a first cheap test."""
    phrases = sorted({p for _c, ps, _g in categories for p in ps}, key=len, reverse=True)
    words = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in phrases) or "(?!)"
    return re.compile(rf"(?i)\b(?:{words})\b")


def _domains(claim: Claim, registry: RegistryLike) -> dict[str, str]:
    """Categories a broad claim's words narrow it to, with the words that said so."""
    categories = getattr(registry, "categories", None)
    if not categories:
        return {}
    found: dict[str, str] = {}
    key = tuple((c, p, g) for c, (p, g) in categories.items())
    patterns = _domain_patterns(key)
    words = _domain_words(key)
    if not (words.search(claim.text) or (claim.target_group and words.search(claim.target_group))):
        return found  # no category is named at all: the usual case, one search
    text = _EMPHASIS.sub(" ", _own_clause(claim))
    for category, prose, group in patterns:
        m = prose.search(text)
        if m is not None:
            found[category] = " ".join((m.group("a") or m.group("b") or m.group(0)).split())
        elif group is not None and claim.target_group:
            g = group.search(claim.target_group)
            if g is not None:
                found[category] = " ".join(g.group(0).split())
    return found


# clause boundaries; ", and" only where a new comparison follows ("..., and beats it at math"),
# not inside a list ("software engineering, tool use, and long context tasks")
_CLAUSE_BREAK = re.compile(
    r"[:;]\s+|\.\s+(?=[A-Z])|,\s+(?:and|but|while|whereas|although)\s+"
    r"(?=(?:\S+\s+){0,3}?(?:beats|outperforms|surpasses|matches|rivals|trails|leads|exceeds|"
    r"is|are|achieves|delivers|reaches|approaches)\b)"
)


def _own_clause(claim: Claim) -> str:
    """The clause of the sentence that holds this claim (its target or group is in it).

    A sentence with several claims shares its words: "the best closed model for coding: it
    improves on the June release across the board" narrows only its first claim to coding.
    """
    anchors = [t.text for t in claim.targets if t.text] + [claim.target_group or ""]
    for anchor in anchors:
        anchor = " ".join(anchor.split())
        if not anchor:
            continue
        start = 0
        for m in [*_CLAUSE_BREAK.finditer(claim.text), None]:
            end = m.start() if m else len(claim.text)
            clause = claim.text[start:end]
            if anchor in " ".join(clause.split()):
                return clause
            start = m.end() if m else start
    return claim.text
