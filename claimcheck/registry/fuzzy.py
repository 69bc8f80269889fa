"""Lookup tables for one kind of name, and the guarded fuzzy match over them (rapidfuzz)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from claimcheck.registry.names import FUZZY_CUTOFF, _same_words

# rapidfuzz is imported where fuzzy matching happens: most names resolve exactly, and a
# one-file `check` should not pay for loading it


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
