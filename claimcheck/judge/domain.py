"""What the judge knows about the domain beyond models and benchmarks, read from the registry it
is given: leaderboard names and averages, benchmark families and variant markers come from the
registry CSVs (`leaderboards.csv`, `benchmark_families.csv`, `variant_markers.csv`) as its
`domain`; this module makes the lookups the judge needs from them, once per domain.

Still kept here as code: the modality words of model ids, the chat categories and the
second-reading settings, which are rules over names more than tables of facts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from claimcheck.models import BenchmarkInfo, Domain, ModelInfo

EMPTY_DOMAIN = Domain()


class RegistryLike(Protocol):
    """What the judge needs from `claimcheck.registry.Registry`."""

    models: dict[str, ModelInfo]
    benchmarks: dict[str, BenchmarkInfo]
    # and, read where present (`domain_of`): `domain`, `categories`, `display_name`, ...

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None: ...


def domain_of(registry: object) -> Domain:
    """The registry's domain tables; empty for a registry without them (a small test stub)."""
    found = getattr(registry, "domain", None)
    return found if isinstance(found, Domain) else EMPTY_DOMAIN


def source_name(registry: object, source: str) -> str:
    """A source as a reason names it ("livebench" -> "LiveBench")."""
    return domain_of(registry).source_names.get(source, source)


@lru_cache(maxsize=16)
def _family_of(domain: Domain) -> dict[str, tuple[str, int]]:
    """benchmark id -> (its family, its rank in it: 0 for the headline)."""
    return {
        bid: (family, rank)
        for family, members in domain.benchmark_families.items()
        for rank, bid in enumerate(members)
    }


def _whole_words(words: tuple[str, ...]) -> str:
    # longest first, so that no word is cut short by another it begins with
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=16)
def _standin_re(domain: Domain) -> re.Pattern[str]:
    """ids of serving builds of a released model: "<released id>-fp8", "<released id>-turbo"."""
    if not domain.standin_suffixes:
        return re.compile(r"(?!)")
    return re.compile(rf"^(?P<base>.+)-({_whole_words(domain.standin_suffixes)})$")


@lru_cache(maxsize=16)
def _marker_re(domain: Domain) -> re.Pattern[str]:
    if not domain.name_markers:
        return re.compile(r"(?!)")
    return re.compile(rf"(?i)(?<![a-z])({_whole_words(domain.name_markers)})(?![a-z])")


@lru_cache(maxsize=65536)
def _variant_marks(domain: Domain, name: str) -> frozenset[str]:
    """The words of a name that mark a build which is not the released model as such."""
    return frozenset(m.lower() for m in _marker_re(domain).findall(name))


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
