"""How model and benchmark names are spelt canonically, and what a fuzzy match may not change.

Normalisation folds the spellings sources use (provider prefixes, dates with or without
hyphens, "3-5" for 3.5, "chat" for instruct) into tokens; the identity tokens (versions, sizes,
dates, variant words) are what a fuzzy match must leave exactly as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FUZZY_CUTOFF = 85.0
# builds that are not the released model of a line: never what a bare name or "its
# predecessor" means while a released member exists
_NOT_RELEASED = frozenset(
    {"experimental", "preview", "quantized", "serving", "latest", "internal", "beta"}
)
CANDIDATE_LIMIT = 5

# Words that name a different model when they differ ("GPT-4o" vs "GPT-4o-mini"); any token with
# a digit (a version, a size, a date, a context length) is an identity token as well.
MODEL_VARIANT_WORDS = frozenset(
    """
    mini nano micro tiny turbo instruct base preview exp pro flash sonnet haiku opus large small
    medium lite plus max ultra fp8 fp16 bf16 awq gguf gptq int4 int8 coder code math vision
    thinking reasoning latest air long moe distill r omni ollama chatgpt deepseek qwen qwq llama
    gemma gemini claude gpt mistral mixtral codestral ministral phi yi glm chatglm command grok nova
    """.split()  # noqa: SIM905 - a word list reads better as words
)

BENCHMARK_VARIANT_WORDS = frozenset(
    """
    pro redux plus diamond hard verified lite mixed mini base level main full complete instruct
    public private tier creative prompts english easy medium polyglot edit refactoring
    multilingual mul non chinese multi mixeval livebench arena alpacaeval
    """.split()  # noqa: SIM905 - a word list reads better as words
)

# Different spellings of the same variant word; "chat" and "it" mean the instruction-tuned model.
_MODEL_SYNONYMS = {
    "it": "instruct",
    "inst": "instruct",
    "chat": "instruct",
    "instruction": "instruct",
    "experimental": "exp",
    "hf": "",
    "meta": "",
    "the": "",
    "v": "",
    "med": "medium",
    "free": "",
    "nitro": "",
    "floor": "",
    "model": "",
}

_BENCHMARK_SYNONYMS = {
    "lvl": "level",
    "l": "level",
    "the": "",
    "benchmark": "",
    "cot": "",
    "shot": "",
    "v": "",
    "test": "",
    "set": "",
    "subset": "",
}

_PROVIDER_DOT = re.compile(
    r"^(?:(?:us|eu|apac|global|jp|au)\.)?"
    r"(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|google|writer|moonshot)\.",
)
_BEDROCK_SUFFIX = re.compile(r"-v\d+:\d+$")
_FULL_DATE = re.compile(r"(?<!\d)(20[12]\d)[-_/.]?([01]\d)[-_/.]?([0-3]\d)(?!\d)")
_SPLIT_VERSION = re.compile(r"(?<![\d.])(\d)[-_](\d)(?![\d.a-z])")
_TOKEN = re.compile(r"\d+(?:\.\d+)*(?:x\d+(?:\.\d+)*)?[a-z]*|[a-z]+")
_GPT_T = re.compile(r"\b(gpt[-\s]?\d+(?:\.\d+)?)[-\s]?t\b")
# words a name may leave out when only one registry model fits ("NexusRaven-V2" is the 13B)
_COMPLETION_WORD = re.compile(r"^(?:\d+(?:\.\d+)?[bm]|instruct|base)$")
_PROSE_TRIM = re.compile(r"(?:['’]s|[.,;:!?\"'’”“])+$")
_MONTH_DAY = re.compile(r"(?<![\d.])(0[1-9]|1[0-2])-([0-3]\d)(?![\d.])")
_DATE_TOKEN = re.compile(r"^20[12]\d[01]\d[0-3]\d$")
# A trailing "(EM)", "(Acc.)", "(Pass@1-COT)", "(5-shot)" in a vendor table names the metric or
# setting, not another benchmark; "(Diamond)" or "(Hard)" would, so only these words qualify.
_METRIC_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s*\((?P<metric>(?:em|exact[ -]match|acc\.?|accuracy|pass@\d+[^()]*|"
    r"resolved|percentile|rating|correct|f1|[\d.]+[- ]?shot[^()]*|[^()]*\bcot\b[^()]*|"
    r"strict[^()]*|bpb|elo|score|%|lc|win[ -]rate[^()]*|maj@\d+|cons@\d+))\)\s*$",
    re.IGNORECASE,
)


def strip_provider(text: str) -> str:
    """Reduce an API key or a repository id to the model name it carries.

    Price tables and hubs prefix and suffix names ("azure/eu/gpt-4o-2024-08-06",
    "anthropic.claude-3-5-sonnet-20240620-v1:0", "Qwen/Qwen2.5-72B-Instruct",
    "vertex_ai/claude-3-5-sonnet@20240620"); the model is the last path part without the
    provider's own version suffix.
    """
    name = text.strip()
    if name.lower().startswith("ollama/"):
        # a local 4-bit build is a different model from the one it is named after
        return "ollama-" + name[len("ollama/") :].replace("@", "-")
    if "/" in name:
        name = name.rstrip("/").rsplit("/", 1)[-1]
    if "--" in name:  # EvalPerf writes "org--repo"
        name = name.rsplit("--", 1)[-1]
    match = _PROVIDER_DOT.match(name.lower())
    if match:
        rest = name[match.end() :]
        # "deepseek.v3.2" names the model by version only: keep the vendor as the name
        name = rest if not re.match(r"v\d", rest) else match.group(0)[:-1] + "-" + rest
    unsuffixed = _BEDROCK_SUFFIX.sub("", name)
    if any(c.isdigit() for c in unsuffixed):  # "claude-v2:1" is Claude 2.1, not "claude"
        name = unsuffixed
    return name.replace("@", "-")


def model_tokens(text: str, strict: bool = False) -> list[str]:
    """The words of a model name in a canonical spelling, in their original order.

    `strict` keeps "chat" apart from "instruct": the same model as a rule, but MPT and
    RedPajama published one of each.
    """
    name = strip_provider(text).lower()
    name = _FULL_DATE.sub(lambda m: f" {m.group(1)}{m.group(2)}{m.group(3)} ", name)
    name = _MONTH_DAY.sub(r" \1\2 ", name)  # "preview-05-06" is one date, not two numbers
    name = _SPLIT_VERSION.sub(r"\1.\2", name)  # "claude-3-5-sonnet" writes 3.5 with a hyphen
    name = _GPT_T.sub(r"\1 turbo", name)  # "GPT-3.5T", "GPT-4-T": the Turbo models
    name = name.replace("+", " plus ")
    tokens = []
    for token in _TOKEN.findall(name):
        if not (strict and token == "chat"):
            token = _MODEL_SYNONYMS.get(token, token)
        if token:
            tokens.append(token)
    return tokens


def normalise_model(text: str, strict: bool = False) -> str:
    """An order-insensitive key: two spellings of one model share it."""
    return " ".join(sorted(model_tokens(text, strict)))


def _mmdd(token: str) -> str:
    return token[4:] if _DATE_TOKEN.match(token) else token


def _identity(tokens: Iterable[str], words: frozenset[str]) -> frozenset[str]:
    identity = set()
    for token in tokens:
        if any(c.isdigit() for c in token) or token in words:
            identity.add(_mmdd(token))
        elif len(token) >= 5:
            # a misspelt variant word ("Sonet") still names that variant
            match = _typo_of(token, words)
            if match:
                identity.add(match)
    return frozenset(identity)


def _typo_of(word: str, words: Iterable[str]) -> str | None:
    """The long word that `word` is a slip of (one letter in five or six), if any.

    Short names differ by one letter all the time ("llava" is not "llama", "airx" is not
    "air"), so only slips of words of six letters or more are corrected.
    """
    if len(word) < 5:
        return None
    from rapidfuzz import fuzz, process

    match = process.extractOne(
        word, [w for w in words if len(w) >= 6], scorer=fuzz.ratio, score_cutoff=80
    )
    return match[0] if match else None


def _same_words(query: list[str], choice: list[str], vocabulary: frozenset[str]) -> bool:
    """Whether two names have the same words up to typos, in either direction.

    Identity tokens alone would let "Llama-3-8B-Instruct-SimPO" (a fine-tune nobody
    registered) fuzzy-match Meta's model: an extra or missing word means another model. A
    query word the registry knows ("sonar") is meant as written and is never "corrected" to
    a neighbour ("solar"); only unknown words count as typos.
    """

    extra = [w for w in query if w not in choice]
    if any(w in vocabulary for w in extra):
        return False
    missing = [w for w in choice if w not in query]
    if len(extra) != len(missing):
        return False
    # every unknown word must be a slip of exactly one missing word, and vice versa
    return (
        bool(query)
        and all(_typo_of(w, missing) for w in extra)
        and all(any(_typo_of(w, [m]) for w in extra) for m in missing)
    )


def model_identity(text: str) -> frozenset[str]:
    """The tokens a fuzzy match must not change: versions, sizes, dates and variant words.

    Full dates count by month and day, so "0513" and "2024-05-13" agree.
    """
    return _identity(model_tokens(text), MODEL_VARIANT_WORDS)


def benchmark_tokens(text: str) -> list[str]:
    name = text.lower().replace("+", " plus ")
    name = re.sub(r"\b\d+\s*-?\s*shots?\b", " ", name)
    tokens = []
    for token in _TOKEN.findall(name):
        token = _BENCHMARK_SYNONYMS.get(token, token)
        if token:
            tokens.append(token)
    return tokens


def normalise_benchmark(text: str) -> str:
    return " ".join(benchmark_tokens(text))


def benchmark_identity(text: str) -> frozenset[str]:
    return _identity(benchmark_tokens(text), BENCHMARK_VARIANT_WORDS)


def _alias_key(alias: str, model_id: str) -> str:
    """The normalised key of an alias, or "" when normalising would drop its identity.

    A fine-tune published under another organisation's name ("upstage/Llama-2-70b-instruct",
    id "upstage-llama-2-70b-instruct") is only itself with its organisation; without it, it
    would claim the spelling of the model it was tuned from.
    """
    org, slash, _rest = alias.partition("/")
    if slash and "/" not in _rest and model_id.startswith(org.lower() + "-"):
        return ""
    return normalise_model(alias)
