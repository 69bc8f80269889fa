"""The judge's English: how scores, margins, models, sources and comparisons are said in the
reasons, and the evidence rows shown with them. Nothing here decides a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.domain import RegistryLike, source_name
from claimcheck.judge.noise import Z95
from claimcheck.judge.table import _DATE_RE
from claimcheck.models import BenchmarkInfo, Claim, Evaluation, Evidence, Price


def _fmt(x: float) -> str:
    """Scores and margins as a reader quotes them: one decimal, whole Elo, two below 1."""
    if abs(x) >= 100 and float(x).is_integer():
        return str(int(x))
    if 0 < abs(x) < 1:
        return f"{x:.2f}"
    return f"{x:.1f}"


def _unit(info: BenchmarkInfo) -> str:
    return "Elo points" if info.metric_kind == "elo" or not info.scale else "points"


def _model_name(registry: RegistryLike, mid: str | None) -> str:
    """The display name ("o1 mini (2024-09-12, high)"), never a raw id where one is known."""
    if not mid:
        return "an unknown model"
    named = getattr(registry, "display_name", None)
    if named is not None:
        return str(named(mid))
    info = registry.models.get(mid)
    return info.name if info else mid


def _family_name(registry: RegistryLike, family: str) -> str:
    named = getattr(registry, "family_name", None)
    return str(named(family)) if named is not None else family


def _where(c: _Cmp, registry: RegistryLike) -> str:
    release = _DATE_RE.findall(c.s.setting)
    named = re.search(r"(?i)release|snapshot", c.s.setting)
    when = f", {release[0].replace('_', '-')} release" if release and named and not c.detail else ""
    detail = f", {c.detail}" if c.detail else ""
    return f"{c.info.name} ({source_name(registry, c.s.source)}, {c.s.metric}{when}{detail})"


def _release_label(e: Evaluation) -> str:
    dates = _DATE_RE.findall(e.setting)
    if dates:
        return max(d.replace("_", "-") for d in dates)
    return e.as_of or "undated"


def _sentence(c: _Cmp, registry: RegistryLike) -> str:
    sname = _model_name(registry, c.s.model_id)
    tname = _model_name(registry, c.t.model_id)
    if c.parts:
        return _composite_sentence(c, sname, tname, registry)
    unit = _unit(c.info)
    gap = abs(c.diff)
    if c.margin == 0:
        side = "ahead" if c.diff > 0 else "behind" if c.diff < 0 else ""
        verdict = f"{_fmt(gap)} {unit} {side}" if side else "level"
        return (
            f"On {_where(c, registry)}, {sname} scores {_fmt(c.s.score)} vs {tname} "
            f"{_fmt(c.t.score)}: {verdict} (no noise estimate: the source publishes no CI or SE "
            "and the item count is unknown, so this difference alone decides nothing)."
        )
    if c.outcome == "win":
        verdict = f"{_fmt(gap)} {unit} ahead, beyond the ±{_fmt(c.margin)} noise margin"
    elif c.outcome == "loss":
        verdict = f"{_fmt(gap)} {unit} behind, beyond the ±{_fmt(c.margin)} noise margin"
    else:
        side = "ahead" if c.diff > 0 else "behind" if c.diff < 0 else "level"
        verdict = (
            f"{_fmt(gap)} {unit} {side}, inside the ±{_fmt(c.margin)} noise margin"
            if side != "level"
            else f"level, inside the ±{_fmt(c.margin)} noise margin"
        )
    return (
        f"On {_where(c, registry)}, {sname} scores {_fmt(c.s.score)} vs {tname} "
        f"{_fmt(c.t.score)}: {verdict} ({c.method})."
    )


def _composite_sentence(c: _Cmp, sname: str, tname: str, registry: RegistryLike) -> str:
    ahead = sum(1 for p in c.parts if p.diff > 0)
    behind = sum(1 for p in c.parts if p.diff < 0)
    names = ", ".join(p.info.name for p in c.parts)
    where = "beyond" if abs(c.diff) > c.margin else "inside"
    return (
        f"{source_name(registry, c.s.source)}'s average ({sname} {_fmt(c.s.score)} vs {tname} "
        f"{_fmt(c.t.score)}) has no noise estimate, so the board counts once through its "
        f"{len(c.parts)} parts that have one ({names}): {sname} is ahead on {ahead} and "
        f"behind on {behind}, combined z = {c.diff:+.1f}, {where} ±{Z95}."
    )


def _evidence(c: _Cmp, registry: RegistryLike) -> Evidence:
    return Evidence(
        benchmark=c.info.name,
        source=c.s.source,
        subject_score=c.s.score,
        target_score=c.t.score,
        difference=round(c.diff, 4),
        margin=round(c.margin, 4),
        as_of=max(c.s.as_of, c.t.as_of),
        metric=c.s.metric,
        setting=c.s.setting,
        margin_method=c.method,
        subject_model=_model_name(registry, c.s.model_id),
        target_model=_model_name(registry, c.t.model_id),
        kind=c.s.kind,
        snapshot=c.s.snapshot,
        # without a noise estimate a difference is neither a win nor a loss, whichever side
        outcome="unmeasured" if c.unmeasured else c.outcome,
        source_url=c.s.source_url,
    )


_BAR_TEXT = {
    "all": "every benchmark",
    "clear_majority": "a clear majority (two thirds) of benchmarks",
    "majority": "more than half of the benchmarks",
    "aggregate": "the average over benchmarks",
    "several": "at least two benchmarks",
    "some": "at least one benchmark",
}

_OUTCOME_WORD = {"win": "ahead", "loss": "behind", "tie": "inside the noise"}
_REL_WORD = {
    "surpasses": "surpasses",
    "matches": "matches",
    "approaches": "comes close to",
    "trails": "trails only",
    "best_in_group": "leads",
}

# a subject that is a pronoun or a description, not a name
_UNNAMED = re.compile(
    r"(?i)^(?:it|they|we|us|this|that|these|those|our|the|its|their|a|an|one|both|each)\b"
)


def _unnamed_reason(claim: Claim, registry: RegistryLike | None = None) -> str:
    """Why a claim without a resolved subject cannot be checked, in the reader's words."""
    text = claim.subject.text.strip() if claim.subject and claim.subject.text else ""
    if not text or _UNNAMED.match(text) or (text == text.lower() and not re.search(r"\d", text)):
        shown = f"'{text}'" if text else "The model the claim is about"
        return (
            f"{shown} is never named: the document does not say which model it is, so no "
            "evaluation can be found for it."
        )
    fits = getattr(registry, "fits", None)
    several = fits(text) if fits is not None else []
    if len(several) > 1:
        names = [_model_name(registry, m.id) for m in several[:4]] if registry else []
        more = f" and {len(several) - 4} more" if len(several) > 4 else ""
        return (
            f"'{text}' names {len(several)} models ({', '.join(names)}{more}), not one; the "
            "claim does not say which, so no one model's evaluations can be used."
        )
    return f"{text} is not a model claimcheck knows, so no evaluation covers it."


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _settings_text(s: dict[str, str]) -> str:
    parts = []
    if "shots" in s:
        parts.append(f"{s['shots']}-shot")
    if "cot" in s:
        parts.append("CoT")
    if "k" in s:
        parts.append(s["k"])
    return ", ".join(parts)


def _price_text(p: Price) -> str:
    return f"${p.input_usd_per_mtok or 0:.2f}/${p.output_usd_per_mtok or 0:.2f}"
