"""LMArena's own text leaderboard, as published in lmarena/arena-catalog (`data/`).

`leaderboard-text.json` maps each category LMArena publishes (`full`, `coding`, `math`,
`hard_6`, `if`, languages, occupational fields, ...) to each model's Bradley-Terry rating and
the 2.5% / 97.5% quantiles of its bootstrap; `leaderboard-text-style-control.json` is the same
with style control. Each category is its own benchmark ("Chatbot Arena (text, coding)"), so a
claim about coding can be checked against the coding rating and the verdict can name it; the
bootstrap quantiles are the row's 95% interval. Whether a file is style-controlled is part of
its name as LMArena publishes it, so a newer download is read the same way.
"""

from __future__ import annotations

import json
import math
from typing import Any

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4
from claimcheck.models import Evaluation

_BASE = "https://github.com/lmarena/arena-catalog/blob/"
MANIFEST = {
    "4cb32421ec8c03f991f0fbd006f31685b9cda47c25fc64e38e98966348dd9f3a": FileMeta(
        _BASE + "ea8297b5457e664b4e1f37340426164a9e605927/data/leaderboard-text.json",
        "2025-12-11",
    ),
    "62c20b9fac0f58faf6f0f33bc83d1fddadbf4e25961b348c019378537d061139": FileMeta(
        _BASE + "3b12b7fd947f0946191beffd812f29c1b0aad685/data/leaderboard-text-style-control.json",
        "2025-12-17",
    ),
}

METRIC = "Arena score (Bradley-Terry, Elo scale)"

# LMArena's category keys -> the words its leaderboard page shows for them. A key not listed
# (a category LMArena adds later) keeps its key as the label, so nothing is dropped.
CATEGORY_LABELS: dict[str, str] = {
    "full": "overall",
    "coding": "coding",
    "math": "math",
    "hard_6": "hard prompts",
    "hard_english_6": "hard prompts, English",
    "if": "instruction following",
    "multiturn": "multi-turn",
    "creative_writing": "creative writing",
    "long_user": "longer query",
    "expert": "expert",
    "no_refusal": "excluding refusals",
    "no_short": "excluding short queries",
    "no_tie": "excluding ties",
    "english": "English",
    "chinese": "Chinese",
    "french": "French",
    "german": "German",
    "japanese": "Japanese",
    "korean": "Korean",
    "russian": "Russian",
    "spanish": "Spanish",
    "industry_business_and_management_and_financial_operations": (
        "occupation: business, management and financial operations"
    ),
    "industry_entertainment_and_sports_and_media": "occupation: entertainment, sports and media",
    "industry_legal_and_government": "occupation: legal and government",
    "industry_life_and_physical_and_social_science": (
        "occupation: life, physical and social science"
    ),
    "industry_mathematical": "occupation: mathematical",
    "industry_medicine_and_healthcare": "occupation: medicine and healthcare",
    "industry_software_and_it_services": "occupation: software and IT services",
    "industry_writing_and_literature_and_language": (
        "occupation: writing, literature and language"
    ),
}


def benchmark_name(category: str) -> str:
    """The benchmark a category's ratings are filed under ("Chatbot Arena (text, coding)")."""
    return f"Chatbot Arena (text, {CATEGORY_LABELS.get(category, category)})"


def style_controlled(ctx: FileContext) -> bool:
    """LMArena publishes the style-controlled table under its own file name."""
    name = (ctx.repo_path() + " " + ctx.path.name).lower().replace("_", "-")
    return "style-control" in name


def _number(ctx: FileContext, value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ctx.error(f"{value!r} is not a number", where)
    return float(value)


def parse(ctx: FileContext) -> list[Evaluation]:
    try:
        data = json.loads(ctx.text())
    except json.JSONDecodeError as exc:
        raise ctx.error(f"invalid JSON ({exc.msg})", f"line {exc.lineno} col {exc.colno}") from exc
    if not isinstance(data, dict) or not data:
        raise ctx.error("not an LMArena leaderboard JSON (expects {category: {model: rating}})")
    sc = style_controlled(ctx)
    setting = (
        f"LMArena text leaderboard {ctx.as_of}; "
        f"{'with' if sc else 'without'} style control; 95% bootstrap interval"
    )
    notes = (
        "LMArena's own published ratings (lmarena/arena-catalog); interval = 2.5% and 97.5% "
        "quantiles of the bootstrap; no vote counts or ranks in the file"
    )
    out = []
    for category, models in data.items():
        if not isinstance(models, dict):
            raise ctx.error("a category must map model names to ratings", f"key {category!r}")
        for model, rec in models.items():
            where = f"key {category!r} / {model!r}"
            if not isinstance(rec, dict) or "rating" not in rec:
                raise ctx.error("not an LMArena rating (needs 'rating')", where)
            score = _number(ctx, rec["rating"], where)
            lo = rec.get("rating_q025")
            hi = rec.get("rating_q975")
            out.append(
                ctx.row(
                    model=str(model).strip(),
                    benchmark=benchmark_name(category),
                    metric=METRIC,
                    score=r4(score),
                    ci_low=None if lo is None else r4(_number(ctx, lo, where)),
                    ci_high=None if hi is None else r4(_number(ctx, hi, where)),
                    source="lmarena",
                    setting=setting,
                    notes=notes,
                )
            )
    if not out:
        raise ctx.error("no ratings in the file")
    return out


IMPORTER = Importer(
    name="lmarena",
    description="LMArena's own text leaderboard JSON (lmarena/arena-catalog), every category, "
    "plain or style-controlled",
    parser=parse,
    manifest=MANIFEST,
    sources=("lmarena",),
    patterns=("leaderboard-text.json", "leaderboard-text-style-control.json"),
)
