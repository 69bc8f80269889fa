"""The name a reader sees for a model: the registry's own name, or a tidy one for a slug."""

from __future__ import annotations

import re
from functools import cache

from claimcheck.models import ModelInfo
from claimcheck.registry.names import _SPLIT_VERSION

# How brand and variant words are written when a registry name is only a lowercase slug.
_DISPLAY_WORDS = {
    w.lower(): w
    for w in """
    GPT ChatGPT Claude Llama Qwen QwQ DeepSeek Gemini Gemma Mistral Mixtral Codestral Ministral
    Magistral Phi Yi GLM ChatGLM Kimi MiniMax Grok InternLM OLMo Granite Nova Falcon Command
    Opus Sonnet Haiku Instruct Chat Base Coder Code Thinking Preview Exp Pro Flash Lite Turbo
    Large Medium Small Vision Math Reasoner Plus Max Ultra Air Codex BLOOM OPT Pythia Vicuna
    Zephyr Starcoder StarCoder2 WizardLM WizardCoder Hermes Nemotron Dracarys Aligner OSS
    """.split()  # noqa: SIM905 - a word list reads better as words
}
_LOWER_WORDS = frozenset({"mini", "nano", "latest", "it"})
_EFFORT_WORDS = frozenset({"minimal", "low", "medium", "high", "xhigh", "concise", "verbose"})
# a snapshot's date or build number written after the family name: "(2024-08-06)", "-0613"
_FAMILY_SUFFIX = re.compile(r"\s*(?:\([^()]*\d[^()]*\)|[-\s](?:20\d\d-\d\d-\d\d|\d{4}))\s*$")
# the date or build number ending a preview/experimental build's id ("-0827", "-2025-02-27")
_SERIES_DATE = re.compile(r"[-_](?:20\d\d-?\d\d-?\d\d|\d\d-\d\d|\d{4})$")
_SLUG_DATE = re.compile(r"(?<!\d)(20[12]\d)-?([01]\d)-?([0-3]\d)(?!\d)")


def display_name(model: ModelInfo | None, fallback: str = "") -> str:
    """The name a reader should see: the registry's own name, or a tidy one for a slug.

    Many leaderboards name models only by an API slug ("o1-mini-2024-09-12_high",
    "qwen2.5-72b-instruct-turbo"); a reason quotes them as "o1 mini (2024-09-12, high)" and
    "Qwen2.5 72B Instruct Turbo". Names that already carry capitals or spaces are kept.
    """
    if model is None:
        return fallback or "an unknown model"
    name = model.name or model.id
    if name != name.lower():
        return name
    prefix, slash, rest = name.rpartition("/")
    return (prefix + slash if slash else "") + _tidy_slug(rest)


@cache
def _tidy_slug(slug: str) -> str:
    dates = [f"{y}-{m}-{d}" for y, m, d in _SLUG_DATE.findall(slug)]
    body = _SLUG_DATE.sub(" ", slug)
    body = re.sub(r"(?<=\d)_(?=\d)", ".", body)  # "1_8b" is 1.8B
    body = _SPLIT_VERSION.sub(r"\1.\2", body)
    words = [w for w in re.split(r"[-_\s:()]+", body) if w]
    # a reasoning-effort or prompt-style suffix ("_high", "-high-effort"), not a size word
    efforts: list[str] = []
    while len(words) > 1 and (words[-1] in _EFFORT_WORDS or words[-1] == "effort"):
        word = words.pop()
        if word != "effort":
            efforts.insert(0, word)
    out: list[str] = []
    for word in words:
        if word in _DISPLAY_WORDS:
            word = _DISPLAY_WORDS[word]
        elif re.fullmatch(r"\d+(?:\.\d+)?[bmk]|a\d+(?:\.\d+)?[bm]|\d+x\d+(?:\.\d+)?b", word):
            word = word.upper().replace("X", "x")
        elif re.fullmatch(r"v\d[\w.]*", word):
            word = "V" + word[1:]
        elif word not in _LOWER_WORDS and not word[:1].isdigit() and not re.fullmatch(r"o\d", word):
            prefix = re.match(r"[a-z]+", word)
            brand = _DISPLAY_WORDS.get(prefix.group(0)) if prefix else None
            word = brand + word[len(brand) :] if brand else word[:1].upper() + word[1:]
        if out and out[-1] in ("GPT", "ChatGPT") and (word[:1].isdigit() or word == "OSS"):
            out[-1] = f"{out[-1]}-{word}"  # GPT-4o, GPT-4.1
            continue
        out.append(word)
    extra = ", ".join(dates + efforts)
    return " ".join(out) + (f" ({extra})" if extra else "")
