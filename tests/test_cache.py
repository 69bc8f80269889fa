"""Built once, read by every later process: the name ruler and the bundled store.

Each test points CLAIMCHECK_CACHE at its own directory, so what it finds there is what the
code under test wrote.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from claimcheck import bundled, cache
from claimcheck.config import bundled_data_dir
from claimcheck.extract import ruler_cache
from claimcheck.extract.pipeline import _patterns, build_nlp
from claimcheck.models import Document, Evaluation
from claimcheck.registry import load_registry
from claimcheck.store import (
    Snapshot,
    Store,
    bundled_template,
    create_from_template,
    load_bundled,
)

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


# -- the bundled store ------------------------------------------------------------------------


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = ("evaluations", "snapshots", "models", "model_aliases", "benchmarks", "prices")
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def _no_import(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data_dir: Any) -> Any:
        raise AssertionError("the bundled files were imported instead of copied")

    # every load of the bundled files reads them through here (`store.load_bundled`)
    monkeypatch.setattr(bundled, "read_bundled", refuse)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One template for the module (building one is a full import)."""
    folder = tmp_path_factory.mktemp("shared-cache")
    old = os.environ.get("CLAIMCHECK_CACHE")
    os.environ["CLAIMCHECK_CACHE"] = str(folder)
    try:
        assert bundled_template(bundled_data_dir()) is not None
    finally:
        if old is None:
            del os.environ["CLAIMCHECK_CACHE"]
        else:
            os.environ["CLAIMCHECK_CACHE"] = old
    return folder


@pytest.fixture()
def template_cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(shared_cache))
    return shared_cache


def test_a_new_store_is_a_copy_of_the_template(
    template_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (template,) = template_cache.glob("store-*.db")
    _no_import(monkeypatch)
    store = Store.open(tmp_path / "new" / "claimcheck.db")
    try:
        assert store.ensure_bundled(bundled_data_dir()) is False  # already current
        assert store.stats()["independent"]["rows"] > 30_000
    finally:
        store.close()
    assert _counts(tmp_path / "new" / "claimcheck.db") == _counts(template)


def test_an_empty_store_is_filled_from_the_template(
    template_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Store(path)` then `ensure_bundled` (the app's way) copies the tables in SQL."""
    (template,) = template_cache.glob("store-*.db")
    _no_import(monkeypatch)
    with Store(tmp_path / "app.db") as store:
        assert store.ensure_bundled(bundled_data_dir()) is True
        assert store.ensure_bundled(bundled_data_dir()) is False
    assert _counts(tmp_path / "app.db") == _counts(template)


def test_the_template_holds_what_an_import_stores(template_cache: Path, tmp_path: Path) -> None:
    (template,) = template_cache.glob("store-*.db")
    direct = Store(tmp_path / "direct.db")
    try:
        load_bundled(direct, bundled_data_dir())
    finally:
        direct.close()
    query = (
        "SELECT id, model_id, benchmark_id, score, snapshot FROM evaluations ORDER BY id",
        "SELECT * FROM models ORDER BY id",
        "SELECT model_key, provider, model_id FROM prices ORDER BY 1, 2",
    )
    for sql in query:
        rows = []
        for path in (direct.path, template):
            conn = sqlite3.connect(path)
            rows.append(conn.execute(sql).fetchall())
            conn.close()
        assert rows[0] == rows[1]


def test_a_refresh_from_the_template_keeps_what_the_user_stored(
    template_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "user.db"
    store = Store.open(path)
    bundled = _counts(path)
    user_row = Evaluation(
        model="My-Model-7B",
        benchmark="MMLU",
        metric="acc",
        score=61.0,
        source="mine",
        as_of="2025",
        snapshot="u1",
    )
    store.import_evaluations([user_row], Snapshot(sha256="u1", source="mine", file_name="f.csv"))
    store.save_checked(Document("x outperforms y", path="/a.md"), [])
    # as if an older release of claimcheck had built this store
    store.set_meta("bundled_fingerprint", "an older release")
    store.set_meta("bundled_signature", "an older release")
    store.db.execute("DELETE FROM evaluations WHERE rowid % 3 = 0 AND snapshot != 'u1'")
    _no_import(monkeypatch)
    assert store.ensure_bundled(bundled_data_dir()) is True
    counts = _counts(path)
    assert counts["evaluations"] == bundled["evaluations"] + 1
    assert counts["snapshots"] == bundled["snapshots"] + 1
    assert store.db["articles"].count == 1
    assert [e.model for e in store.evaluations(sources=["mine"])] == ["My-Model-7B"]
    store.close()


def test_unchanged_files_are_not_hashed_again_but_changed_ones_are(
    template_cache: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data, ignore=shutil.ignore_patterns("samples"))
    store = Store.open(tmp_path / "s.db", data_dir=data)
    try:
        assert store.ensure_bundled(data) is False
        target = data / "benchmarks.csv"
        os.utime(target)  # touched, same content: the hash decides, nothing reloads
        assert store.ensure_bundled(data) is False
        assert store.get_meta("bundled_signature") == bundled.bundled_signature(data)
        with open(target, "a", encoding="utf-8") as fh:
            fh.write("\n")
        assert store.ensure_bundled(data) is True
    finally:
        store.close()


def test_a_store_that_appeared_meanwhile_is_never_replaced(
    template_cache: Path, tmp_path: Path
) -> None:
    path = tmp_path / "taken.db"
    path.write_bytes(b"")
    assert create_from_template(path, bundled_data_dir()) is False
    assert path.read_bytes() == b""
    assert not list(tmp_path.glob(".taken.db.*"))


def test_without_a_writable_cache_the_store_is_imported_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(blocker / "cache"))
    assert bundled_template(bundled_data_dir()) is None
    with Store.open(tmp_path / "s.db") as store:
        assert store.stats()["independent"]["rows"] > 30_000


def test_no_template_is_built_for_a_store_that_cannot_be_created(
    cache_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert create_from_template(blocker / "store.db", bundled_data_dir()) is False
    assert not cache_dir.exists() or not list(cache_dir.glob("store-*.db"))


# -- the registry -------------------------------------------------------------------------------


def test_a_registry_is_built_once_then_read_with_its_fuzzy_tables(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck import registry as reg

    data = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), data, ignore=shutil.ignore_patterns("samples", "eval*"))
    reg._load.cache_clear()
    try:
        built = reg.load_registry(data)
        assert len(list(cache_dir.glob("registry-*.pickle"))) == 1
        expected = built.resolve_model("Qwen2.5-72B-Instrct", "2024-10-01")
        reg._load.cache_clear()

        def no_build(data_dir: Path) -> Any:
            raise AssertionError("the registry was built again instead of read from the cache")

        with monkeypatch.context() as patched:
            patched.setattr(reg, "_build", no_build)
            cached = reg.load_registry(data)
        assert cached is not built
        assert cached._model_index._buckets  # the fuzzy tables came with it
        assert cached.resolve_model("Qwen2.5-72B-Instrct", "2024-10-01") == expected
        assert expected.id == "qwen2.5-72b-instruct" and expected.method == "fuzzy"
        with open(data / "model_aliases.csv", "a", encoding="utf-8") as fh:
            fh.write("Qwen Two Point Five 72B,qwen2.5-72b-instruct\n")
        reg._load.cache_clear()
        changed = reg.load_registry(data)  # a changed file is a new key: built again
        assert changed.resolve_model("Qwen Two Point Five 72B").id == "qwen2.5-72b-instruct"
        assert len(list(cache_dir.glob("registry-*.pickle"))) == 2
    finally:
        reg._load.cache_clear()
