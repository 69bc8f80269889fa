"""The registry: canonical models and benchmarks with their aliases, and resolving a name as
written to one of them (exact, normalised, fuzzy, a line on a date, a name among its table).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from claimcheck.models import BenchmarkInfo, Domain, ModelInfo, Resolution
from claimcheck.registry.display import _SERIES_DATE
from claimcheck.registry.fuzzy import _Index
from claimcheck.registry.lines import _Lines
from claimcheck.registry.names import (
    _COMPLETION_WORD,
    _DATE_TOKEN,
    _METRIC_SUFFIX,
    _NOT_RELEASED,
    _PROSE_TRIM,
    CANDIDATE_LIMIT,
    _alias_key,
    _mmdd,
    benchmark_identity,
    benchmark_tokens,
    model_identity,
    model_tokens,
    normalise_benchmark,
    normalise_model,
    strip_provider,
)


def _size_of(model: ModelInfo) -> float:
    m = re.search(r"(\d+(?:\.\d+)?)\s*[bB]", model.size or "")
    return float(m.group(1)) if m else 0.0


class Registry(_Lines):
    """Canonical models and benchmarks with their aliases, loaded from CSV files."""

    def __init__(
        self,
        models: Iterable[ModelInfo],
        benchmarks: Iterable[BenchmarkInfo],
        family_aliases: Iterable[tuple[str, str]] = (),
        benchmark_metric_aliases: Iterable[tuple[str, str, str]] = (),
        categories: Iterable[tuple[str, tuple[str, ...], bool]] = (),
        domain: Domain | None = None,
    ) -> None:
        # what the judge knows about leaderboards and builds (empty for a registry built in code)
        self.domain = domain or Domain()
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
