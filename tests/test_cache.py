"""Built once, read by every later process: the name ruler.

Each test points CLAIMCHECK_CACHE at its own directory, so what it finds there is what the
code under test wrote.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from claimcheck import cache
from claimcheck.extract import ruler_cache
from claimcheck.extract.pipeline import _patterns, build_nlp
from claimcheck.models import Document
from claimcheck.registry import load_registry

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
TEXTS = [
    "Qwen2.5-72B-Instruct outperforms GPT-4o and Llama 3.1 405B on MMLU-Pro and GPQA Diamond.",
    "Gemma 2 9B rivals Gemma-2-27B on HumanEval, and Claude 3.5 Sonnet leads on Arena-Hard.",
    "Our 7B model beats mistral large 2 on math and DROP; aria and claude are ordinary words.",
    *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir()) if p.suffix == ".md"),
]


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(folder))
    return folder


def _names(nlp: Any) -> list[Any]:
    return [
        (doc._.names, [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents])
        for doc in nlp.pipe(TEXTS)
    ]


# -- the name ruler ---------------------------------------------------------------------------


def test_a_cached_ruler_matches_exactly_like_a_built_one(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = load_registry()
    built = build_nlp(registry)
    assert len(list(cache_dir.glob("names-*.json"))) == 1
    from spacy.pipeline import EntityRuler

    def no_building(self: Any, patterns: Any) -> None:
        raise AssertionError("the ruler was built again instead of read from the cache")

    monkeypatch.setattr(EntityRuler, "add_patterns", no_building)
    cached = build_nlp(registry)
    expected = _names(built)
    assert sum(len(names) for names, _ents in expected) > 50
    assert _names(cached) == expected
    doc = Document(TEXTS[0], path="one.md", title="Qwen2.5")
    claims = [c for d in (built, cached) for c in [_claims(d, doc)]]
    assert claims[0] and claims[0] == claims[1]


def _claims(nlp: Any, document: Document) -> list[Any]:
    doc = nlp.make_doc(document.text)
    doc._.document = document
    return list(nlp(doc)._.claims)


def test_the_ruler_key_follows_the_patterns_not_their_order(cache_dir: Path) -> None:
    nlp = build_nlp(None)
    ruler = nlp.get_pipe("claimcheck_names")
    patterns = _patterns(load_registry())
    key = ruler_cache.cache_key(ruler, patterns)
    assert ruler_cache.cache_key(ruler, list(reversed(patterns))) == key
    changed = [dict(patterns[0], id="another-model"), *patterns[1:]]
    assert ruler_cache.cache_key(ruler, changed) != key
    assert ruler_cache.cache_key(ruler, patterns[1:]) != key


def test_a_damaged_ruler_cache_is_rebuilt(cache_dir: Path) -> None:
    registry = load_registry()
    expected = _names(build_nlp(registry))
    (found,) = cache_dir.glob("names-*.json")
    good = found.read_bytes()
    found.write_bytes(good[: len(good) // 2])  # a half-written file from another tool
    assert _names(build_nlp(registry)) == expected
    assert found.read_bytes() == good  # and it was written again, whole


def test_an_unwritable_cache_only_means_building_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(blocker / "cache"))
    assert cache.write_json("names", "k", {"a": 1}) is False
    assert cache.read_json("names", "k") is None
    assert _names(build_nlp(load_registry()))[0][0]


def test_old_cache_files_are_pruned(cache_dir: Path) -> None:
    for i in range(cache.KEEP + 3):
        assert cache.write_json("names", f"k{i}", i)
        os.utime(cache.path_for("names", f"k{i}", ".json"), (i, i))
    kept = sorted(p.name for p in cache_dir.glob("names-*.json"))
    assert len(kept) == cache.KEEP
    assert cache.read_json("names", f"k{cache.KEEP + 2}") == cache.KEEP + 2  # the newest stays
