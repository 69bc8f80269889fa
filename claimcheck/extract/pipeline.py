"""The spaCy pipeline: sentences, registry names, claims.

Built on `spacy.blank("en")` so nothing has to be downloaded: a Markdown-aware sentence
splitter, an EntityRuler whose patterns are the registry's model and benchmark aliases (pattern
id = canonical id), and the claim component, which runs the costly rules only on sentences
that pass a cheap keyword test. Names the registry does not know yet ("Foo-3.5-70B-Instruct")
are found by the name-shape pattern in `lexicon`, on candidate sentences only, because a token
pattern with regular expressions would cost more than tokenizing every document.

The components are registered in `components` (ruler, splitter) and `finder` (claims); this
module assembles them. The nlp object is built once per registry and cached: building the
ruler from ~3,500 aliases takes a noticeable fraction of a second.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

import spacy
from spacy.language import Language

# the spaCy factories the pipeline is assembled from are registered on import
import claimcheck.extract.components  # noqa: F401
import claimcheck.extract.finder  # noqa: F401

MAX_DOCUMENT_CHARS = 50_000_000

# aliases that would tag ordinary words or bare sizes as models
_ALIAS_STOPLIST = frozenset({"aria", "claude", "cohere", "toa", "nullmodel", "gemini", "llama"})
_SIZE_ONLY = re.compile(r"^[\d.]+\s*[bmk]?$", re.IGNORECASE)


def _patterns(registry: Any) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for label, pairs in (
        ("MODEL", registry.model_alias_pairs()),
        ("BENCH", registry.benchmark_alias_pairs()),
    ):
        for alias, canonical in pairs:
            alias = alias.strip()
            if (
                len(alias) < 2
                or (len(alias) < 3 and not any(c.isdigit() for c in alias))
                or alias.casefold() in _ALIAS_STOPLIST
                or _SIZE_ONLY.match(alias)
                or "/" in alias
            ):
                continue
            # "Gemma-2-9B" is also written "Gemma 2 9B"; tokens differ, so add both spellings
            for variant in {alias, alias.replace("-", " "), alias.replace(" ", "-")}:
                key = (label, variant.casefold())
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": label, "pattern": variant, "id": canonical})
    return patterns


_CACHE: weakref.WeakKeyDictionary[Any, Language] = weakref.WeakKeyDictionary()
_NO_REGISTRY: dict[str, Language] = {}


def build_nlp(registry: Any = None) -> Language:
    """A fresh pipeline for `registry` (None: no registry names, the shape rules only)."""
    from claimcheck.extract import ruler_cache

    nlp = spacy.blank("en")
    # no parser or NER model here, so long documents cost memory in proportion to their length
    nlp.max_length = MAX_DOCUMENT_CHARS
    # the ruler before the splitter: the two are independent, and EntityRuler.add_patterns
    # runs every pipe before the ruler on each of its ~4,600 patterns
    ruler = nlp.add_pipe("claimcheck_entity_ruler", name="claimcheck_names")
    nlp.add_pipe("claimcheck_sentences")
    if registry is not None:
        # built once per set of patterns, then loaded from the user cache
        ruler_cache.add_patterns(ruler, _patterns(registry))
    finder = nlp.add_pipe("claimcheck_claims")
    finder.registry = registry  # type: ignore[attr-defined]
    return nlp


def get_nlp(registry: Any = None) -> Language:
    """The cached pipeline for `registry`, built on first use."""
    if registry is None:
        if "" not in _NO_REGISTRY:
            _NO_REGISTRY[""] = build_nlp(None)
        return _NO_REGISTRY[""]
    try:
        return _CACHE[registry]
    except KeyError:
        nlp = build_nlp(registry)
        _CACHE[registry] = nlp
        return nlp
