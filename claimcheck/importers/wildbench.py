"""WildBench v2 stats (allenai/WildBench `leaderboard/data_dir/all_stat_wildbench.<K>.json`).

One object per model with WB-Scores, WB-Elo and pairwise rewards at length penalty K. The
file also carries a copy of the Chatbot Arena hard-en Elo at a named date; those rows are
emitted under their own source, `lmarena_via_wildbench`, because they are a secondary copy of
another leaderboard and must not be mistaken for WildBench's own measurement.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.importers.evalplus import load_json
from claimcheck.models import Evaluation

MANIFEST = {
    "f856c5569a037283f591987756ddc633a60d80ec39ac239a6379508816ef6f7c": FileMeta(
        "https://github.com/allenai/WildBench/blob/d6b8dcaf377d173d031980f97c16e1a82618c03d/"
        "leaderboard/data_dir/all_stat_wildbench.1500.json",
        "2024-08-01",
    ),
}
_SCORE_SETTING = (
    "WildBench v2 (1024 tasks); checklist scoring 1-10 rescaled; judge gpt-4o-2024-05-13"
)
_TASKS = (
    "Creative Tasks",
    "Planning & Reasoning",
    "Math & Data Analysis",
    "Information/Advice seeking",
    "Coding & Debugging",
)
_ARENA_KEY = re.compile(r"^Arena Elo \(hard-en\) - (\d{4}-\d{2}-\d{2})$")
_K = re.compile(r"^mixture_of_rewards\.K=(\d+)$")


def _metrics(k: str) -> list[tuple[str, str, str]]:
    """(raw key, metric, setting) in the order the reference table lists them."""
    reward = f"pairwise vs gpt-4-turbo/claude-3-haiku/llama-2-70b-chat; length penalty K={k}"
    rows = [
        (f"mixture_of_rewards.K={k}", f"reward (mixture of 3 baselines, K={k})", reward),
        (f"task_macro_reward.K={k}", f"reward (task macro, K={k})", reward),
    ]
    rows += [(f"WB_score.{t}", f"WB-Score {t}", _SCORE_SETTING) for t in _TASKS]
    rows += [
        ("WB_score", "WB-Score", _SCORE_SETTING),
        ("WB_score.task_macro", "WB-Score (task macro)", _SCORE_SETTING),
        ("WB_Elo", "WB-Elo", "WildBench Elo computed from WB pairwise/score results"),
    ]
    return rows


def parse(ctx: FileContext) -> list[Evaluation]:
    data = load_json(ctx)
    if not isinstance(data, dict) or not data:
        raise ctx.error("expected a JSON object of model -> stats")
    first: Any = next(iter(data.values()))
    if not isinstance(first, dict) or "WB_score" not in first:
        raise ctx.error("not a WildBench all_stat file (no WB_score)")
    k = next((m.group(1) for key in first if (m := _K.match(key))), None)
    if k is None:
        raise ctx.error("no mixture_of_rewards.K=<n> key in the first entry")
    metrics = _metrics(k)
    out: list[Evaluation] = []
    for model, rec in data.items():
        if not isinstance(rec, dict):
            raise ctx.error("entry is not an object", f"key {model!r}")
        for key, metric, setting in metrics:
            score = to_float(rec.get(key))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark="WildBench v2",
                    metric=metric,
                    score=r4(score),
                    source="wildbench",
                    setting=setting,
                    notes=f"raw key {key}",
                )
            )
        for key, value in rec.items():
            m = _ARENA_KEY.match(key)
            score = to_float(value) if m else None
            if m is None or score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark="Chatbot Arena (hard prompts, English)",
                    metric="Arena Elo",
                    score=r4(score),
                    source="lmarena_via_wildbench",
                    as_of=m.group(1),
                    setting=f"LMSYS Chatbot Arena hard-en category snapshot {m.group(1)} "
                    "(copied into WildBench stats)",
                    notes="secondary copy made by WildBench authors; primary is the "
                    "LMSYS/LMArena leaderboard",
                )
            )
    return out


IMPORTER = Importer(
    name="wildbench",
    description="WildBench v2 all_stat_wildbench.<K>.json (also yields lmarena_via_wildbench)",
    parser=parse,
    manifest=MANIFEST,
    sources=("wildbench", "lmarena_via_wildbench"),
    patterns=("all_stat_wildbench.*.json",),
)
