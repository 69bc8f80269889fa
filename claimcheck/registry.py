"""The model and benchmark registries, and name resolution against them.

Every leaderboard and every announcement spells model names its own way ("gpt-4o-2024-05-13",
"GPT-4o (2024-05-13)", "GPT-4o 0513"), and a wrong merge is worse than no merge: a claim about
Qwen2.5 judged with Qwen2 numbers is a false verdict. So resolution goes from the safest step to
the loosest (exact alias, then a normalised form, then fuzzy matching), and the fuzzy step may
never cross a difference in version, size, date or variant: those "identity tokens" must agree
exactly. A bare family name ("GPT-4o") is not a model but a line of snapshots; given a date it
resolves to the snapshot that was current then.

The registries are plain CSV files in the bundled data directory, so they stay diffable and
reviewable; nothing here touches the store or the network.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from claimcheck.config import bundled_data_dir
from claimcheck.models import BenchmarkInfo, ModelInfo, Resolution

# rapidfuzz is imported where fuzzy matching happens: most names resolve exactly, and a
# one-file `check` should not pay for loading it

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


def _size_of(model: ModelInfo) -> float:
    m = re.search(r"(\d+(?:\.\d+)?)\s*[bB]", model.size or "")
    return float(m.group(1)) if m else 0.0


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


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(
                line for line in handle if line.strip() and not line.startswith("#")
            )
        ]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _bool(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("true", "yes", "1", "y"):
        return True
    if value in ("false", "no", "0", "n"):
        return False
    return None


@dataclass
class _Index:
    """Lookup tables for one kind of name (models or benchmarks)."""

    exact: dict[str, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)
    normalised: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    choices: list[str] = field(default_factory=list)  # alias strings for rapidfuzz
    choice_ids: list[str] = field(default_factory=list)
    _processed: list[str] | None = None
    _buckets: dict[frozenset[str], list[int]] | None = None
    _word_index: dict[str, list[int]] | None = None

    @property
    def processed(self) -> list[str]:
        """The choices through rapidfuzz's default processor, computed once, not per query."""
        from rapidfuzz import utils

        if self._processed is None or len(self._processed) != len(self.choices):
            self._processed = [utils.default_process(c) for c in self.choices]
        return self._processed

    def fuzzy(
        self,
        raw: str,
        tokens: Callable[[str], list[str]],
        identity: Callable[[str], frozenset[str]],
        vocabulary: frozenset[str],
    ) -> tuple[tuple[str, float] | None, list[str]]:
        """The best guarded match (target, score) and the closest targets as candidates.

        Only aliases with the query's identity tokens are scored at all, which is both the
        guard and what keeps a miss cheap (a few aliases instead of thousands).
        """
        from rapidfuzz import fuzz, process, utils

        if self._buckets is None:
            self._buckets = defaultdict(list)
            for position, choice in enumerate(self.choices):
                self._buckets[identity(choice)].append(position)
        query = utils.default_process(raw)
        query_tokens = tokens(raw)
        positions = self._buckets.get(identity(raw), [])
        scored = process.extract(
            query,
            [self.processed[p] for p in positions],
            scorer=fuzz.WRatio,
            processor=None,
            limit=10,
            score_cutoff=FUZZY_CUTOFF,
        )
        for _choice, score, index in scored:
            position = positions[index]
            if _same_words(query_tokens, tokens(self.choices[position]), vocabulary):
                return (self.choice_ids[position], float(score)), []
        return None, self._nearest(query, query_tokens, tokens)

    def _nearest(
        self, query: str, query_tokens: list[str], tokens: Callable[[str], list[str]]
    ) -> list[str]:
        """Closest targets for a miss, scored among aliases that share a distinctive word
        with the query (so "Qwen2.5-72B-SuperTune" lists Qwen models, not look-alike
        strings); plain string similarity over everything when none does."""
        from rapidfuzz import fuzz, process

        if self._word_index is None:
            self._word_index = defaultdict(list)
            for position, choice in enumerate(self.choices):
                for word in set(tokens(choice)):
                    self._word_index[word].append(position)
        limit = max(50, len(self.choices) // 10)  # words this common say nothing
        shared = sorted(
            {
                p
                for word in set(query_tokens)
                if len(self._word_index.get(word, ())) <= limit
                for p in self._word_index.get(word, ())
            }
        )
        if shared:
            nearest = process.extract(
                query,
                [self.processed[p] for p in shared],
                scorer=fuzz.WRatio,
                processor=None,
                limit=25,
            )
            positions = [shared[i] for _c, _s, i in nearest]
        else:
            nearest = process.extract(
                query, self.processed, scorer=fuzz.ratio, processor=None, limit=25
            )
            positions = [p for _c, _s, p in nearest]
        return list(dict.fromkeys(self.choice_ids[p] for p in positions))

    def add(self, alias: str, target: str, key: str) -> None:
        self.exact.setdefault(alias, target)
        self.folded.setdefault(alias.casefold(), target)
        if key:
            self.normalised[key].add(target)
        self.choices.append(alias)
        self.choice_ids.append(target)


class Registry:
    """Canonical models and benchmarks with their aliases, loaded from CSV files."""

    def __init__(
        self,
        models: Iterable[ModelInfo],
        benchmarks: Iterable[BenchmarkInfo],
        family_aliases: Iterable[tuple[str, str]] = (),
        benchmark_metric_aliases: Iterable[tuple[str, str, str]] = (),
        categories: Iterable[tuple[str, tuple[str, ...], bool]] = (),
    ) -> None:
        # benchmark category -> (the phrases prose names it by, may a group phrase name it)
        self.categories: dict[str, tuple[tuple[str, ...], bool]] = {
            c: (phrases, in_groups) for c, phrases, in_groups in categories
        }
        self.models: dict[str, ModelInfo] = {m.id: m for m in models}
        self._orgs: dict[str, list[ModelInfo]] | None = None
        self._display: dict[str, str] = {}
        self._token_models: dict[str, set[str]] | None = None
        self._model_cache: dict[tuple[str, str | None], Resolution] = {}
        self._fuzzy_cache: dict[
            str, tuple[tuple[str, float] | None, tuple[str, float] | None, list[str]]
        ] = {}
        self._bench_cache: dict[tuple[str, str | None], Resolution] = {}
        self._strict_keys: dict[str, set[str]] = defaultdict(set)
        self.benchmarks: dict[str, BenchmarkInfo] = {b.id: b for b in benchmarks}
        self._families: dict[str, list[ModelInfo]] = defaultdict(list)
        for model in self.models.values():
            self._families[model.family].append(model)
        for members in self._families.values():
            members.sort(key=lambda m: (m.release_date or "", m.id))

        self._model_index = _Index()
        self._family_index = _Index()
        for model in self.models.values():
            for alias in dict.fromkeys((model.id, model.name, *model.aliases)):
                if alias:
                    key = _alias_key(alias, model.id)
                    self._model_index.add(alias, model.id, key)
                    if key:
                        self._strict_keys[normalise_model(alias, strict=True)].add(model.id)
            # a dated snapshot is also written with month and day only ("GPT-4o 0513")
            tokens = model_tokens(model.id)
            if any(_DATE_TOKEN.match(t) for t in tokens):
                key = " ".join(sorted(_mmdd(t) for t in tokens))
                self._model_index.normalised[key].add(model.id)
        # A line is what a bare name means: one family ("GPT-4o"), or several when a vendor
        # reuses the name across versions ("Mistral Large" is Large, Large 2 and Large 24.11:
        # an alias listed with several families). On a date it is the version current then.
        named: dict[str, list[str]] = defaultdict(list)
        for alias, family in family_aliases:
            if family in self._families and family not in named[alias]:
                named[alias].append(family)
        self._lines: dict[str, tuple[str, ...]] = {}  # line -> the model ids it holds
        family_pairs: list[tuple[str, str]] = []
        for alias, families in named.items():
            line = "|".join(families)
            self._lines[line] = tuple(m.id for f in families for m in self._families[f])
            family_pairs.append((alias, line))
        named_keys = {normalise_model(alias) for alias in named}
        for family, members in self._families.items():  # a family id names its own line
            self._lines.setdefault(family, tuple(m.id for m in members))
            # ... unless the registry says that name is a longer line ("mistral-large")
            if normalise_model(family) not in named_keys:
                family_pairs.append((family, family))
        # a preview or experimental series is named by its id without the date
        # ("gemini-1.5-pro-exp" is whichever -exp build was current), within its family
        series: dict[str, list[str]] = defaultdict(list)
        for model in self.models.values():
            if model.variant in _NOT_RELEASED:
                stem = _SERIES_DATE.sub("", model.id)
                if stem != model.id and stem not in self._families and stem not in self.models:
                    series[stem].append(model.id)
        for stem, ids in series.items():
            self._lines[stem] = tuple(ids)
            family_pairs.append((stem, stem))
        for alias, line in family_pairs:
            self._family_index.add(alias, line, normalise_model(alias))
        self._family_keys: dict[str, str] = {}
        for alias, line in family_pairs:
            self._family_keys.setdefault(normalise_model(alias), line)

        self._bench_index = _Index()
        for bench in self.benchmarks.values():
            for alias in dict.fromkeys((bench.id, bench.name, *bench.aliases)):
                if alias:
                    self._bench_index.add(alias, bench.id, normalise_benchmark(alias))
        # (alias casefolded, metric or metric prefix ending in '*') -> benchmark id
        self._bench_metric: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for alias, metric, bench_id in benchmark_metric_aliases:
            if bench_id in self.benchmarks:
                self._bench_metric[normalise_benchmark(alias)].append((metric, bench_id))

    # the words of every alias, for the fuzzy step only: built on its first use, since most
    # processes resolve every name exactly and tokenizing all aliases is much of the load time

    @cached_property
    def _model_vocabulary(self) -> frozenset[str]:
        aliases = self._model_index.choices + self._family_index.choices
        return frozenset(t for alias in aliases for t in model_tokens(alias))

    @cached_property
    def _bench_vocabulary(self) -> frozenset[str]:
        return frozenset(t for alias in self._bench_index.choices for t in benchmark_tokens(alias))

    def warm(self) -> None:
        """Build now the lookup tables that fuzzy matching builds on first use (so that a
        cached registry carries them), by resolving names no registry has; forget the
        answers."""
        self.resolve_model("zz unknown model 0")
        self.resolve_benchmark("zz unknown benchmark 0")
        self._model_cache.clear()
        self._fuzzy_cache.clear()
        self._bench_cache.clear()

    # -- models ------------------------------------------------------------------------------

    def model_alias_pairs(self) -> list[tuple[str, str]]:
        """(alias, id) for EntityRuler patterns.

        Bare family names ("GPT-4o") map to the family id; pass the text to resolve_model with
        the document date to get the snapshot.
        """
        pairs = list(zip(self._model_index.choices, self._model_index.choice_ids, strict=True))
        pairs += [
            (alias, self.models[self._lines[line][-1]].family)
            for alias, line in zip(
                self._family_index.choices, self._family_index.choice_ids, strict=True
            )
        ]
        return list(dict.fromkeys(pairs))

    def families(self) -> list[str]:
        return sorted(self._families)

    def display_name(self, model_id: str | None) -> str:
        """A model's name as a reason should print it (see `display_name`)."""
        if not model_id:
            return "an unknown model"
        shown = self._display.get(model_id)
        if shown is None:
            shown = self._display[model_id] = display_name(self.models.get(model_id), model_id)
        return shown

    def family_name(self, family: str) -> str:
        """A family as a reader names it: its newest member's name without the snapshot."""
        members = self._families.get(family)
        if not members:
            return _tidy_slug(family)
        name = display_name(members[-1])
        bare = _FAMILY_SUFFIX.sub("", name).strip()
        return bare or name

    def family_members(self, family: str) -> list[ModelInfo]:
        """The snapshots of a model line, oldest first (undated ones first)."""
        return list(self._families.get(family, ()))

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None:
        """The member released last on or before `as_of` (the newest without a date).

        Released builds come first: a preview, experimental, serving or quantized build is
        what a bare name means only while no released member exists yet. Before the first
        release we return the earliest member: a claim cannot name a model that does not
        exist yet, so the date is more likely wrong than the name.
        """
        return self._current(self._families.get(family, ()), as_of)

    def line_members(self, line: str) -> list[ModelInfo]:
        """Every version and snapshot a bare name's line holds, oldest first."""
        ids = self._lines.get(line) or tuple(m.id for m in self._families.get(line, ()))
        members = [self.models[i] for i in ids]
        return sorted(members, key=lambda m: (m.release_date or "", m.id))

    @staticmethod
    def _current(members: Iterable[ModelInfo], as_of: str | None) -> ModelInfo | None:
        members = list(members)
        if not members:
            return None
        released = [m for m in members if m.variant not in _NOT_RELEASED]
        for pool in (released, members):
            if not pool:
                continue
            dated = [m for m in pool if m.release_date]
            if not as_of:
                return (dated or pool)[-1]
            current = [m for m in dated if m.release_date and m.release_date <= as_of[:10]]
            if current:
                return current[-1]
        dated = [m for m in members if m.release_date]
        return dated[0] if dated else members[-1]

    def _line_key(self, model: ModelInfo) -> tuple[str, frozenset[str], frozenset[str]]:
        """(organisation, words, size tokens): what stays the same along a model line."""
        tokens = [t for t in model_tokens(model.id) if not _DATE_TOKEN.match(t)]
        words = frozenset(t for t in tokens if not any(c.isdigit() for c in t))
        sizes = frozenset(t for t in tokens if re.fullmatch(r"\d+(?:\.\d+)?[bm]", t))
        return model.org, words, sizes

    def _line_members(self, model: ModelInfo) -> list[ModelInfo]:
        if self._orgs is None:
            self._orgs = defaultdict(list)
            for m in self.models.values():
                self._orgs[m.org].append(m)
        return [m for m in self._orgs.get(model.org, ()) if m.id != model.id]

    def predecessor(self, model_id: str | None) -> ModelInfo | None:
        """The latest earlier release of a model's line: same organisation, words (tuning,
        line name), size; another version; released before it. None when unknown."""
        model = self.models.get(model_id or "")
        if model is None or not model.release_date or not model.org:
            return None
        org, words, sizes = self._line_key(model)
        found = [
            m
            for m in self._line_members(model)
            if m.release_date
            and m.release_date < model.release_date
            and m.variant not in _NOT_RELEASED
            and self._line_key(m) == (org, words, sizes)
        ]
        return max(found, key=lambda m: m.release_date or "") if found else None

    def sibling(self, model_id: str | None, size_b: float) -> ModelInfo | None:
        """The model of the same line and version in another size ("the 72B model")."""
        model = self.models.get(model_id or "")
        if model is None or not model.org or size_b <= 0:
            return None
        org, words, _sizes = self._line_key(model)
        want = f"{size_b:g}b"
        versions = {t for t in model_tokens(model.id) if re.fullmatch(r"\d+(?:\.\d+)*", t)}
        found = [
            m
            for m in self._line_members(model)
            if self._line_key(m)[:2] == (org, words)
            and self._line_key(m)[2] == {want}
            and versions <= set(model_tokens(m.id))
            and m.variant not in _NOT_RELEASED
        ]
        found.sort(key=lambda m: (m.release_date or "", m.id))
        return found[-1] if found else None

    def base_of(self, model_id: str) -> str | None:
        """The pretrained base model of an instruct/chat model, if the registry has it.

        Vendor tables name both columns alike ("DeepSeek-V3" in DeepSeek's base-model table
        is DeepSeek-V3-Base); importers that know a row is from a base table map it here.
        """
        model = self.models.get(model_id)
        if model is None:
            return None
        if model.variant == "base":
            return model.id
        stem = re.sub(r"-(instruct|chat|it|inst)(?=-|$)", "", model.id)
        for candidate in (stem, f"{stem}-base", f"{model.id}-base"):
            found = self.models.get(candidate)
            if found is not None and found.id != model.id and found.variant == "base":
                return found.id
        return None

    def instruct_of(self, model_id: str) -> str | None:
        """The instruction-tuned checkpoint released with a base model, if the registry has it
        ("Qwen2-72B" -> Qwen2-72B-Instruct, "Gemma 2 27B" -> gemma-2-27b-it)."""
        model = self.models.get(model_id)
        if model is None:
            return None
        if model.variant in ("instruct", "chat"):
            return model.id
        stem = re.sub(r"-base(?=-|$)", "", model.id)
        candidates = [f"{stem}-{tuning}" for tuning in ("instruct", "chat", "it")]
        versioned = re.match(r"^(?P<head>.+?)(?P<version>-v\d[\w.]*)$", stem)
        if versioned:  # "mistral-7b-v0.3" -> "mistral-7b-instruct-v0.3"
            candidates += [f"{versioned['head']}-{t}{versioned['version']}" for t in ("instruct",)]
        if stem != model.id:
            candidates.append(stem)
        for candidate in candidates:
            found = self.models.get(candidate)
            if found is not None and found.variant in ("instruct", "chat", ""):
                return found.id
        return None

    def _family_resolution(
        self, text: str, line: str, as_of: str | None, method: str, score: float = 100.0
    ) -> Resolution:
        members = self.line_members(line)
        chosen = self._current(members, as_of)
        assert chosen is not None
        if len(members) == 1:
            return Resolution(text, chosen.id, chosen.family, method, score, ())
        others = tuple(m.id for m in reversed(members) if m.id != chosen.id)
        # which version was current cannot be told where a released version has no date
        undated = (
            tuple(
                m.id
                for m in members
                if not m.release_date and m.variant not in _NOT_RELEASED and m.id != chosen.id
            )
            if as_of
            else ()
        )
        return Resolution(
            text,
            chosen.id,
            chosen.family,
            "as_of" if as_of else "family",
            score,
            others,
            undated,
        )

    def _model_resolution(self, text: str, model_id: str, method: str, score: float) -> Resolution:
        return Resolution(text, model_id, self.models[model_id].family, method, score, ())

    def resolve_model(self, text: str, as_of: str | None = None) -> Resolution:
        """Resolve a model name as written to a canonical model id.

        Order: an exact alias (a model's own names first, then bare family names resolved
        through `as_of`), the same ignoring case, the normalised form, then a fuzzy match whose
        identity tokens and words equal the query's. Unknown names give id=None and the
        closest ids as candidates. Results are memoised: sources repeat names thousands of
        times.
        """
        key = (text, as_of[:10] if as_of else None)
        cached = self._model_cache.get(key)
        if cached is None:
            cached = self._resolve_model(text, key[1])
            if len(self._model_cache) < 100_000:
                self._model_cache[key] = cached
        return cached

    def resolve_model_among(
        self, text: str, as_of: str | None, taken: frozenset[str] = frozenset()
    ) -> Resolution:
        """Resolve a name that sits in a table beside other names (one leaderboard file).

        A board that lists "Mistral Large 2" as its own entry means an earlier version by a
        bare "Mistral-Large" in the same table: where a bare line name lands on a model that
        another name of the table (`taken`: the ids those names resolve to exactly) already
        is, it means the version released last before that one.
        """
        res = self.resolve_model(text, as_of)
        if res.id is None or res.method not in ("as_of", "family") or res.id not in taken:
            return res
        chosen = self.models[res.id]
        earlier = [
            m
            for m in (self.models[c] for c in res.candidates if c in self.models)
            if m.release_date
            and chosen.release_date
            and m.release_date < chosen.release_date
            and m.variant not in _NOT_RELEASED
            and m.id not in taken
        ]
        if not earlier:
            return res
        prev = max(earlier, key=lambda m: (m.release_date or "", m.id))
        return Resolution(text, prev.id, prev.family, res.method, res.score, res.candidates)

    def exact_ids(self, names: Iterable[str]) -> frozenset[str]:
        """The ids these names resolve to by their own name (not through a line and a date)."""
        out = set()
        for name in names:
            res = self.resolve_model(name)
            if res.id and res.method in ("exact", "normalised"):
                out.add(res.id)
        return frozenset(out)

    def _resolve_model(self, text: str, as_of: str | None) -> Resolution:
        raw = text.strip()
        if not raw:
            return Resolution(text, None)
        # A model's own name wins over its family: "DeepSeek-V3" is the December model even
        # after DeepSeek-V3-0324 exists. Only names that no snapshot owns ("GPT-4o") go
        # through the family and the claim date.
        if raw in self._model_index.exact:
            return self._model_resolution(text, self._model_index.exact[raw], "exact", 100.0)
        if raw in self._family_index.exact:
            return self._family_resolution(text, self._family_index.exact[raw], as_of, "exact")
        folded = raw.casefold()
        if folded in self._model_index.folded:
            return self._model_resolution(text, self._model_index.folded[folded], "exact", 100.0)
        if folded in self._family_index.folded:
            family = self._family_index.folded[folded]
            return self._family_resolution(text, family, as_of, "exact")

        bare = _PROSE_TRIM.sub("", raw)
        if bare and bare != raw:  # "GPT-4o's", "Llama 3.1 405B," as prose leaves them
            inner = self._resolve_model(bare, as_of)
            return Resolution(
                text, inner.id, inner.family, inner.method, inner.score, inner.candidates
            )
        key = normalise_model(raw)
        ids = self._model_index.normalised.get(key, set())
        if len(ids) == 1:
            return self._model_resolution(text, next(iter(ids)), "normalised", 100.0)
        if len(ids) > 1:  # two models share a spelling: "chat" may tell them apart
            strict = self._strict_keys.get(normalise_model(raw, strict=True), set()) & ids
            if len(strict) == 1:
                return self._model_resolution(text, next(iter(strict)), "normalised", 100.0)
            return Resolution(text, None, None, None, 0.0, tuple(sorted(ids)))
        if key in self._family_keys:
            return self._family_resolution(text, self._family_keys[key], as_of, "normalised")
        tokens = key.split()
        if "latest" in tokens:  # "mistral-large-latest" is whichever snapshot is current
            rest = " ".join(t for t in tokens if t != "latest")
            if rest in self._family_keys:
                return self._family_resolution(text, self._family_keys[rest], as_of, "normalised")
        stripped = strip_provider(raw)
        if stripped != raw:
            # the provider's prefix carries no identity: the bare name decides, hit or miss
            inner = self._resolve_model(stripped, as_of)
            return Resolution(
                text, inner.id, inner.family, inner.method, inner.score, inner.candidates
            )
        return self._fuzzy_model(text, raw, as_of)

    def _fuzzy_model(self, text: str, raw: str, as_of: str | None) -> Resolution:
        found, family, candidates = self._fuzzy_match(raw)
        if found:
            return self._model_resolution(text, found[0], "fuzzy", found[1])
        if family:
            res = self._family_resolution(text, family[0], as_of, "fuzzy", family[1])
            return Resolution(text, res.id, res.family, "fuzzy", res.score, res.candidates)
        completed = self._completion(raw)
        if completed is not None:
            return self._model_resolution(text, completed, "completed", 100.0)
        return Resolution(text, None, None, None, 0.0, tuple(candidates[:CANDIDATE_LIMIT]))

    def _fuzzy_match(
        self, raw: str
    ) -> tuple[tuple[str, float] | None, tuple[str, float] | None, list[str]]:
        """(model match, family match, candidates) for a name: searched once per name.

        The search does not depend on the date (only picking a family's snapshot does), and
        a batch of documents meets the same unknown names on many dates.
        """
        hit = self._fuzzy_cache.get(raw)
        if hit is None:
            found, candidates = self._model_index.fuzzy(
                raw, model_tokens, model_identity, self._model_vocabulary
            )
            family = None
            if not found:
                family, _ = self._family_index.fuzzy(
                    raw, model_tokens, model_identity, self._model_vocabulary
                )
            hit = (found, family, candidates)
            if len(self._fuzzy_cache) < 100_000:
                self._fuzzy_cache[raw] = hit
        return hit

    def _completion(self, raw: str) -> str | None:
        """The one model a name fits when it leaves out only a size or a tuning word.

        Real text writes "NexusRaven-V2" for the only NexusRaven-V2 there is (13B), and
        "Qwen2-VL-72B" for Qwen2-VL-72B-Instruct when no base checkpoint was released. Every
        word of the name must be there (a vision model stays a vision model, a version its
        version); when more than one model fits, the name stays unresolved, except that a
        base and its instruct checkpoint fitting together give the base (a bare name's usual
        meaning, which the judge may revise from the claim's context).
        """
        query = set(model_tokens(raw))
        if len(query) < 2 or not any(any(c.isdigit() for c in t) for t in query):
            return None
        fits = self.fits(raw)
        if len(fits) == 1:
            return fits[0].id
        if len(fits) == 2 and {m.variant for m in fits} in ({"base", "instruct"}, {"base", "chat"}):
            return next(m.id for m in fits if m.variant == "base")
        return None

    def fits(self, raw: str) -> list[ModelInfo]:
        """Released models a name fits when it leaves out only sizes or tuning words
        ("Granite Code" fits the 3B to 34B base and instruct models)."""
        query = set(model_tokens(raw))
        if not query:
            return []
        if self._token_models is None:
            index: dict[str, set[str]] = defaultdict(set)
            for model in self.models.values():
                for alias in (model.id, model.name, *model.aliases):
                    for token in model_tokens(alias):
                        index[token].add(model.id)
            self._token_models = index
        sets = sorted((self._token_models.get(t, set()) for t in query), key=len)
        if not sets or not sets[0]:
            return []
        fits = []
        for mid in sets[0].intersection(*sets[1:]):
            model = self.models[mid]
            for alias in (model.id, model.name, *model.aliases):
                tokens = set(model_tokens(alias))
                extra = tokens - query
                if query <= tokens and extra and all(_COMPLETION_WORD.match(t) for t in extra):
                    fits.append(model)
                    break
        return sorted(
            (m for m in fits if m.variant not in _NOT_RELEASED),
            key=lambda m: (_size_of(m), m.id),
        )

    # -- benchmarks --------------------------------------------------------------------------

    def benchmark_alias_pairs(self) -> list[tuple[str, str]]:
        """(alias, benchmark id) for EntityRuler patterns."""
        return list(
            dict.fromkeys(zip(self._bench_index.choices, self._bench_index.choice_ids, strict=True))
        )

    def resolve_benchmark(self, text: str, metric: str | None = None) -> Resolution:
        """Resolve a benchmark name (and, for composite leaderboards, its metric) to an id.

        The metric matters where one source row names a whole leaderboard and the metric names
        the part ("LiveBench" + "category_average:Coding" is LiveBench's coding category).
        Results are memoised: every table row and every source file repeats its names.
        """
        key = (text, metric)
        cached = self._bench_cache.get(key)
        if cached is None:
            cached = self._resolve_benchmark(text, metric)
            if len(self._bench_cache) < 100_000:
                self._bench_cache[key] = cached
        return cached

    def _resolve_benchmark(self, text: str, metric: str | None) -> Resolution:
        raw = text.strip()
        if not raw:
            return Resolution(text, None)
        key = normalise_benchmark(raw)
        if metric and key in self._bench_metric:
            for pattern, bench_id in self._bench_metric[key]:
                if pattern == metric or (pattern.endswith("*") and metric.startswith(pattern[:-1])):
                    return self._bench_resolution(text, bench_id, "exact", 100.0)
        index = self._bench_index
        if raw in index.exact:
            return self._bench_resolution(text, index.exact[raw], "exact", 100.0)
        if raw.casefold() in index.folded:
            return self._bench_resolution(text, index.folded[raw.casefold()], "exact", 100.0)
        ids = index.normalised.get(key, set())
        if len(ids) == 1:
            return self._bench_resolution(text, next(iter(ids)), "normalised", 100.0)
        if len(ids) > 1:
            return Resolution(text, None, None, None, 0.0, tuple(sorted(ids)))
        suffixed = _METRIC_SUFFIX.match(raw)
        if suffixed:
            inner = self.resolve_benchmark(suffixed["name"], metric)
            if inner.id:
                return self._bench_resolution(text, inner.id, "normalised", inner.score)
        found, candidates = index.fuzzy(
            raw, benchmark_tokens, benchmark_identity, self._bench_vocabulary
        )
        if found:
            return self._bench_resolution(text, found[0], "fuzzy", found[1])
        return Resolution(text, None, None, None, 0.0, tuple(candidates[:CANDIDATE_LIMIT]))

    def _bench_resolution(self, text: str, bench_id: str, method: str, score: float) -> Resolution:
        return Resolution(text, bench_id, None, method, score, ())


def _load_models(data_dir: Path) -> tuple[list[ModelInfo], list[tuple[str, str]]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(data_dir / "model_aliases.csv"):
        if row.get("alias") and row.get("model_id"):
            aliases[row["model_id"]].append(row["alias"])
    models = [
        ModelInfo(
            id=row["id"],
            name=row.get("name") or row["id"],
            org=row.get("org", ""),
            family=row.get("family") or row["id"],
            version=row.get("version", ""),
            size=row.get("size", ""),
            variant=row.get("variant", ""),
            release_date=row.get("release_date") or None,
            open_weights=_bool(row.get("open_weights", "")),
            aliases=tuple(aliases.get(row["id"], ())),
        )
        for row in _read_csv(data_dir / "models.csv")
        if row.get("id")
    ]
    # family_aliases.csv (generated: one family per alias) and lines.csv (curated: a name a
    # vendor reuses across versions, one row per family)
    families = [
        (row["alias"], row["family"])
        for name in ("family_aliases.csv", "lines.csv")
        for row in _read_csv(data_dir / name)
        if row.get("alias") and row.get("family")
    ]
    return models, families


def _load_benchmarks(
    data_dir: Path,
) -> tuple[list[BenchmarkInfo], list[tuple[str, str, str]]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    metric_aliases: list[tuple[str, str, str]] = []
    for row in _read_csv(data_dir / "benchmark_aliases.csv"):
        if not (row.get("alias") and row.get("benchmark_id")):
            continue
        if row.get("metric"):
            metric_aliases.append((row["alias"], row["metric"], row["benchmark_id"]))
        else:
            aliases[row["benchmark_id"]].append(row["alias"])
    benchmarks = []
    for row in _read_csv(data_dir / "benchmarks.csv"):
        if not row.get("id"):
            continue
        items = row.get("items", "")
        benchmarks.append(
            BenchmarkInfo(
                id=row["id"],
                name=row.get("name") or row["id"],
                aliases=tuple(aliases.get(row["id"], ())),
                items=int(items) if items.isdigit() else None,
                metric_kind=row.get("metric_kind") or "accuracy",
                higher_is_better=_bool(row.get("higher_is_better", "")) is not False,
                scale=float(row["scale"]) if row.get("scale") else 100.0,
                caveats=_split(row.get("caveats", "")),
                category=row.get("category", ""),
                primary_metrics=_split(row.get("primary_metrics", "")),
            )
        )
    return benchmarks, metric_aliases


def _load_categories(data_dir: Path) -> list[tuple[str, tuple[str, ...], bool]]:
    return [
        (row["category"], _split(row.get("phrases", "")), _bool(row.get("in_groups", "")) is True)
        for row in _read_csv(data_dir / "categories.csv")
        if row.get("category")
    ]


def _build(data_dir: Path) -> Registry:
    models, families = _load_models(data_dir)
    benchmarks, metric_aliases = _load_benchmarks(data_dir)
    return Registry(models, benchmarks, families, metric_aliases, _load_categories(data_dir))


@cache
def _load(data_dir: Path) -> Registry:
    """Read from the user cache when these files were loaded before (see `claimcheck.cache`):
    building the indexes and the tables fuzzy matching needs takes several times longer than
    reading them back."""
    from claimcheck import cache as files

    try:
        key = _cache_key(data_dir)
    except OSError:  # an unreadable file: let the build report it
        return _build(data_dir)
    found = files.read_pickle("registry", key)
    if isinstance(found, Registry):
        return found
    registry = _build(data_dir)
    registry.warm()
    files.write_pickle("registry", key, registry)
    return registry


def _cache_key(data_dir: Path) -> str:
    import hashlib
    import importlib.util
    import sys

    from claimcheck import cache as files

    here = Path(__file__).resolve().parent
    # the cached tables hold rapidfuzz's processed aliases: another rapidfuzz is another
    # key (its files, found without importing it, which this process may never need)
    spec = importlib.util.find_spec("rapidfuzz")
    origin = Path(spec.origin) if spec and spec.origin else None
    stamp = f"{origin} {origin.stat().st_mtime_ns}" if origin and origin.is_file() else ""
    parts = [f"registry python {sys.version_info[:2]} rapidfuzz {stamp}"]
    # every table beside the evaluations, not a list of the ones read today: a registry file
    # added later must never be served from a cache that did not read it
    tables = sorted(data_dir.glob("*.csv"))
    for path in [*tables, here / "registry.py", here / "models.py"]:
        data = path.read_bytes() if path.is_file() else b""
        parts.append(f"{path.name} {hashlib.sha256(data).hexdigest()}")
    return files.digest(*parts)


def load_registry(data_dir: Path | None = None) -> Registry:
    """The registry from `data_dir` (default: the bundled data), loaded once per directory."""
    return _load(Path(data_dir or bundled_data_dir()).resolve())


def resolve_model(text: str, as_of: str | None = None) -> Resolution:
    """Resolve a model name with the default registry (see Registry.resolve_model)."""
    return load_registry().resolve_model(text, as_of)


def resolve_benchmark(text: str, metric: str | None = None) -> Resolution:
    """Resolve a benchmark name with the default registry (see Registry.resolve_benchmark)."""
    return load_registry().resolve_benchmark(text, metric)
