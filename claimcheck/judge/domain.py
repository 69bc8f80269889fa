"""What the judge knows about the domain beyond the registry: source names, benchmark families,
leaderboards and their averages, serving-build and modality markers, and the registry's shape.

These are data kept in Python for now: the registry CSVs (`data/`) have no table for source
display names, benchmark families or leaderboard averages yet, and moving them there means a
loader and a registry attribute each. Everything here is read, never changed, by the rest of
the judge.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from claimcheck.models import BenchmarkInfo, ModelInfo

SOURCE_NAMES: dict[str, str] = {
    "alpaca_eval": "AlpacaEval",
    "arena_hard_auto": "Arena-Hard-Auto",
    "livebench": "LiveBench",
    "evalplus": "EvalPlus",
    "aider": "Aider",
    "wildbench": "WildBench",
    "lmarena_via_wildbench": "LMArena via WildBench",
    "livecodebench": "LiveCodeBench",
    "bigcodebench": "BigCodeBench",
    "lmarena_mirror": "LMArena",
    "hf_open_llm_leaderboard_v1": "HF Open LLM Leaderboard v1",
    "hf_open_llm_leaderboard_v2": "HF Open LLM Leaderboard v2",
    "mixeval": "MixEval",
    "epoch_ai": "Epoch AI",
    "helm_via_epoch": "Stanford HELM via Epoch AI",
    "lmarena": "LMArena",
    "swebench": "SWE-bench",
}

# Names a source gives an evaluated build that is not the released model as such.
_VARIANT_MARKERS = re.compile(
    r"(?i)(?<![a-z])(fp8|fp4|int8|int4|awq|gptq|gguf|q4|q8|turbo|exp|experimental|preview|"
    r"quantized|quantised|beta|internal)(?![a-z])"
)
_RISKY_VARIANTS = {
    "experimental",
    "exp",
    "preview",
    "quantized",
    "quantised",
    "serving",
    "latest",
    "internal",
    "beta",
}

# ids of serving builds of a released model: "<released id>-fp8", "<released id>-turbo" ...
_STANDIN_RE = re.compile(r"^(?P<base>.+)-(fp8|fp4|int8|int4|awq|gptq|gguf|turbo|bf16)$")


class RegistryLike(Protocol):
    """What the judge needs from `claimcheck.registry.Registry`."""

    models: dict[str, ModelInfo]
    benchmarks: dict[str, BenchmarkInfo]

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None: ...


@lru_cache(maxsize=65536)
def _variant_marks(name: str) -> frozenset[str]:
    return frozenset(m.lower() for m in _VARIANT_MARKERS.findall(name))


# Near-duplicate measurements of one benchmark (same items, another version, a subset, a
# stricter test suite): family -> member ids, headline first.
_BENCHMARK_FAMILIES: dict[str, tuple[str, ...]] = {
    "mixeval": (
        "mixeval",
        "mixeval-hard",
        "mixeval-mmlu",
        "mixeval-mmlu-hard",
        "mixeval-triviaqa",
        "mixeval-triviaqa-hard",
        "mixeval-drop",
        "mixeval-drop-hard",
        "mixeval-hellaswag",
        "mixeval-commonsenseqa",
    ),
    "arena-hard-auto": ("arena-hard-auto-v2.0", "arena-hard-auto-v0.1"),
    "alpacaeval": ("alpacaeval-2.0", "alpacaeval-1.0"),
    "humaneval": ("humaneval-plus", "humaneval"),
    "mbpp": ("mbpp-plus", "mbpp"),
    "bigcodebench": ("bigcodebench-complete", "bigcodebench-instruct"),
    "frontiermath": ("frontiermath", "frontiermath-public"),
    "frontiermath-tier-4": ("frontiermath-tier-4", "frontiermath-tier-4-public"),
    # a board's category rating before its occupation slice of the same domain
    "lmarena-coding": ("lmarena-coding", "lmarena-occupation-software-it-services"),
    "lmarena-math": ("lmarena-math", "lmarena-occupation-mathematical"),
    "livebench-coding": ("livebench-coding", "livebench-agentic-coding"),
}
_FAMILY_OF: dict[str, tuple[str, int]] = {
    bid: (family, rank)
    for family, members in _BENCHMARK_FAMILIES.items()
    for rank, bid in enumerate(members)
}
# Leaderboards whose own average is their headline: every other number they publish is a part
# of it, so for a broad claim only the average counts (a part counts where the claim names it).
_LEADERBOARD_AVERAGES: dict[str, str] = {
    "livebench": "livebench",
    "hf_open_llm_leaderboard_v1": "hf-open-llm-v1",
    "hf_open_llm_leaderboard_v2": "hf-open-llm-v2",
    "lmarena": "lmarena",  # LMArena's own board: its 28 category ratings are parts of it
}
# Boards whose parts are slices of the same votes (LMArena's category ratings re-rate subsets
# of the battles behind the overall rating), not separate components of an average: a broad
# claim reads them by the overall rating alone, and a part is compared only where the claim
# names it or is narrowed to its domain.
_SLICED_BOARDS = frozenset({"lmarena"})
# a second reading of the same runs: shown, counted only when nothing else is there
_SECONDARY_SETTING = re.compile(r"(?i)\bwith style control\b|\ball problems in file\b")

_CHAT_CATEGORIES = frozenset({"chat", "instruction_following", "agentic", "tool_use"})

_MODALITY = (
    ("vision", re.compile(r"(?:^|-)(?:vl|vlm|vision|visual|\d+(?:\.\d+)?v)(?:-|$)")),
    ("audio", re.compile(r"(?:^|-)(?:audio|speech|asr|tts|voice)(?:-|$)")),
)


def _modality(info: ModelInfo | None) -> str | None:
    """A vision-language or audio model, told by the words of its id ("qwen2-vl-72b")."""
    if info is None:
        return None
    for modality, pattern in _MODALITY:
        if pattern.search(info.id):
            return modality
    return None
