"""The registry name ruler, built once per registry and loaded from the cache after that.

Adding ~4,600 alias patterns to an EntityRuler tokenizes every one of them and builds the
phrase matcher's trie token by token: a sizeable share of a one-file `check`. What the
matcher keeps is small and plain: for each match key ("MODEL||gpt-4o") the sequences of
LOWER hashes of its patterns, which is exactly what spaCy pickles for a PhraseMatcher
(`PhraseMatcher.__reduce__`) and rebuilds with `unpickle_matcher`. That state is written to
the user cache as JSON, keyed by a hash of the patterns themselves (so any change to the
registry or to the rules that turn aliases into patterns is a different key), spaCy's
version and claimcheck's, and loaded through spaCy's own rebuild function.

A ruler loaded this way matches exactly like a freshly built one (a test compares them on
text); it only lacks the pattern Docs that `EntityRuler.patterns` would list.
"""

from __future__ import annotations

import json
from typing import Any

import spacy
from spacy.matcher.phrasematcher import unpickle_matcher  # type: ignore[attr-defined]

from claimcheck import cache

KIND = "names"
FORMAT = 1


def cache_key(ruler: Any, patterns: list[dict[str, Any]]) -> str:
    return cache.digest(
        f"ruler {FORMAT} spacy {spacy.__version__} attr {ruler.phrase_matcher_attr}",
        f"sep {ruler.ent_id_sep} lang {ruler.nlp.lang}",
        # sorted: the order of patterns does not change what the ruler matches, and it varies
        # between processes (the variants of an alias come from a set)
        *sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in patterns),
    )


def add_patterns(ruler: Any, patterns: list[dict[str, Any]]) -> bool:
    """Give `ruler` these phrase patterns, from the cache when it has them. True if cached."""
    key = cache_key(ruler, patterns)
    state = cache.read_json(KIND, key)
    if state is not None:
        try:
            _restore(ruler, state)
            return True
        except (KeyError, TypeError, ValueError):
            ruler.clear()  # a damaged file: build as if it were not there
    ruler.add_patterns(patterns)
    cache.write_json(KIND, key, _state(ruler))
    return False


def _state(ruler: Any) -> dict[str, Any]:
    _vocab, docs, _callbacks, attr = ruler.phrase_matcher.__reduce__()[1]
    strings = ruler.nlp.vocab.strings
    entries = []
    for key, keywords in docs.items():
        label, ent_id = ruler._ent_ids.get(strings[key], (key, None))
        entries.append([key, label, ent_id, sorted(list(k) for k in keywords)])
    return {"attr": int(attr), "entries": sorted(entries, key=lambda e: e[0])}


def _restore(ruler: Any, state: dict[str, Any]) -> None:
    strings = ruler.nlp.vocab.strings
    docs = {}
    ent_ids = {}
    for key, label, ent_id, keywords in state["entries"]:
        docs[key] = [tuple(int(h) for h in k) for k in keywords]
        if ent_id is not None:
            ent_ids[strings.add(key)] = (label, ent_id)
    matcher = unpickle_matcher(ruler.nlp.vocab, docs, {}, int(state["attr"]))
    ruler.phrase_matcher = matcher
    ruler._ent_ids.update(ent_ids)
