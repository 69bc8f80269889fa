"""An old store upgrades to the current schema without losing what it held.

The version 1 schema below is what claimcheck 0.1 wrote (sqlite-utils' inferred tables, no
foreign keys, articles keyed by path, evidence as JSON inside verdicts). The store built from
it holds the duplicate that version made when the app and the CLI checked the same sample
from two paths.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from claimcheck.models import Evidence
from claimcheck.store import Store, StoreError, verdict_from_record
from claimcheck.store.schema import SCHEMA_VERSION

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE evaluations (id TEXT PRIMARY KEY, model TEXT, model_id TEXT, benchmark TEXT,
  benchmark_id TEXT, metric TEXT, score REAL, ci_low REAL, ci_high REAL, stderr REAL,
  setting TEXT, source TEXT, source_url TEXT, as_of TEXT, snapshot TEXT, notes TEXT,
  kind TEXT, reported_by TEXT, derived INTEGER, document TEXT);
CREATE TABLE snapshots (sha256 TEXT PRIMARY KEY, source TEXT, file_name TEXT,
  source_url TEXT, as_of TEXT, kind TEXT, rows INTEGER, imported_at TEXT, bundled INTEGER);
CREATE TABLE models (id TEXT PRIMARY KEY, name TEXT, org TEXT, family TEXT, version TEXT,
  size TEXT, variant TEXT, release_date TEXT, open_weights INTEGER);
CREATE TABLE model_aliases (alias TEXT, model_id TEXT, PRIMARY KEY (alias, model_id));
CREATE TABLE benchmarks (id TEXT PRIMARY KEY, name TEXT, items INTEGER, metric_kind TEXT,
  higher_is_better INTEGER, scale REAL, caveats TEXT, category TEXT);
CREATE TABLE benchmark_aliases (alias TEXT, benchmark_id TEXT,
  PRIMARY KEY (alias, benchmark_id));
CREATE TABLE prices (model_key TEXT, provider TEXT, model_id TEXT, input_usd_per_mtok REAL,
  output_usd_per_mtok REAL, as_of TEXT, source TEXT, PRIMARY KEY (model_key, provider));
CREATE TABLE sources (name TEXT PRIMARY KEY, url TEXT, kind TEXT, added_at TEXT,
  bundled INTEGER);
CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER,
  fetched_at TEXT, error TEXT);
CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT, canonical_url TEXT, title TEXT,
  published TEXT, source TEXT, fetched_at TEXT, content_hash TEXT, text TEXT,
  checked_at TEXT);
CREATE TABLE article_versions (article_id TEXT, content_hash TEXT, text TEXT,
  fetched_at TEXT, PRIMARY KEY (article_id, content_hash));
CREATE TABLE claims (id TEXT PRIMARY KEY, article_id TEXT, seq INTEGER, text TEXT,
  start INTEGER, "end" INTEGER, subject TEXT, subject_id TEXT, relation TEXT, targets TEXT,
  target_group TEXT, benchmarks TEXT, scope TEXT, quantifier TEXT, numbers TEXT,
  settings TEXT, checkworthiness REAL, negated INTEGER, claim_date TEXT);
CREATE TABLE verdicts (claim_id TEXT PRIMARY KEY, verdict TEXT, flags TEXT, reasons TEXT,
  evidence TEXT, tally TEXT, judged_at TEXT, evidence_snapshots TEXT);
CREATE INDEX idx_evaluations_model_id_benchmark_id ON evaluations (model_id, benchmark_id);
CREATE INDEX idx_evaluations_source ON evaluations (source);
CREATE INDEX idx_evaluations_kind ON evaluations (kind);
CREATE INDEX idx_claims_article_id ON claims (article_id);
CREATE INDEX idx_model_aliases_model_id ON model_aliases (model_id);
INSERT INTO meta VALUES ('schema_version', '1'), ('bundled_fingerprint', 'abc');
"""

EVIDENCE = [
    {
        "benchmark": "mmlu",
        "source": "helm",
        "subject_score": 80.1,
        "target_score": 79.0,
        "difference": 80.1 - 79.0,
        "margin": 0.7,
        "as_of": "2024-01-01",
        "metric": "accuracy",
        "setting": "5-shot",
        "margin_method": "binomial SE, n=14042",
        "subject_model": "m1",
        "target_model": "m2",
        "kind": "independent",
        "snapshot": "snap",
        "outcome": "win",
    }
]


def _v1_store(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    conn.executemany("INSERT INTO models (id, name) VALUES (?, ?)", [("m1", "M1"), ("m2", "M2")])
    conn.execute("INSERT INTO benchmarks (id, name) VALUES ('mmlu', 'MMLU')")
    conn.executemany(
        "INSERT INTO model_aliases VALUES (?, ?)", [("m one", "m1"), ("gone", "m-gone")]
    )
    conn.execute("INSERT INTO snapshots (sha256, source, rows) VALUES ('snap', 'helm', 3)")
    evals = [
        ("e1", "M1", "m1", "MMLU", "mmlu", 80.1, "helm", None),
        ("e2", "M2", "m2", "MMLU", "mmlu", 79.0, "helm", None),
        ("e3", "Old", "m-gone", "MMLU", "mmlu", 50.0, "helm", None),  # registry lost the id
        ("v1", "M1", "m1", "MMLU", "mmlu", 81.0, "vendor_table", "app-id"),
        ("v2", "M1", "m1", "MMLU", "mmlu", 81.0, "vendor_table", "cli-id"),  # the duplicate's
        ("v3", "M1", "m1", "MMLU", "mmlu", 81.0, "vendor_table", "deleted-article"),
    ]
    conn.executemany(
        "INSERT INTO evaluations (id, model, model_id, benchmark, benchmark_id, score, source, "
        "document, kind, metric, as_of) VALUES (?,?,?,?,?,?,?,?,'independent','acc','2024')",
        evals,
    )
    text = "M1 beats M2 on MMLU."
    for aid, url, checked in (
        ("app-id", "/site/claimcheck/data/samples/a.md", "2025-01-01T00:00:00+00:00"),
        ("cli-id", "/repo/data/samples/a.md", "2025-02-01T00:00:00+00:00"),
    ):
        conn.execute(
            "INSERT INTO articles (id, url, canonical_url, title, content_hash, text, checked_at) "
            "VALUES (?, ?, ?, 'A', 'hash-a', ?, ?)",
            [aid, url, url, text, checked],
        )
        conn.execute(
            "INSERT INTO article_versions VALUES (?, 'hash-a', ?, ?)", [aid, text, checked]
        )
        conn.execute(
            'INSERT INTO claims (id, article_id, seq, text, start, "end", subject, subject_id, '
            "relation, targets, benchmarks, numbers, settings, checkworthiness, negated) "
            "VALUES (?, ?, 0, ?, 0, 20, 'M1', 'm1', 'surpasses', '[]', '[]', '[]', '[]', 0.9, 0)",
            [f"{aid}:0", aid, text],
        )
        conn.execute(
            "INSERT INTO verdicts VALUES (?, 'supported', '[]', '[\"because\"]', ?, NULL, "
            "'2025', '[\"snap\"]')",
            [f"{aid}:0", json.dumps(EVIDENCE)],
        )
    conn.execute(
        "INSERT INTO sources VALUES ('lab', 'https://lab.example/feed.xml', 'feed', '2025', 0)"
    )
    conn.commit()
    conn.close()


def test_a_version_1_store_upgrades_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_store(path)
    with Store(path) as store:
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
        # registries, snapshots, sources: every row
        assert store.db["models"].count == 2 and store.db["benchmarks"].count == 1
        assert store.db["snapshots"].count == 1 and store.db["sources"].count == 1
        # evaluations: all independent rows (the lost id unresolved), the kept article's
        # vendor rows; the duplicate's and the deleted article's vendor rows go with them
        rows = {r["id"]: r for r in store.db.query("SELECT * FROM evaluations")}
        assert sorted(rows) == ["e1", "e2", "e3", "v2"]
        assert rows["e3"]["model_id"] is None and rows["e3"]["model"] == "Old"
        # one article for the text, the later-checked one, both paths as aliases
        [article] = store.articles()
        assert article["id"] == "cli-id" and article["claims"] == 1
        assert sorted(store.article_aliases("cli-id")) == [
            "/repo/data/samples/a.md",
            "/site/claimcheck/data/samples/a.md",
        ]
        # the verdict's evidence, now rows, reads back exactly
        [claim] = store.checked_claims()
        assert list(verdict_from_record(claim).evidence) == [Evidence(**e) for e in EVIDENCE]
        assert store.db["evidence"].count == 1
        assert store.db["model_aliases"].count == 1  # the alias of a model nobody has went
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        fk = store.db.execute("PRAGMA foreign_key_list(claims)").fetchall()
        assert fk and fk[0][2] == "articles"
    # a second open finds it current and writes nothing
    conn = sqlite3.connect(path)
    before = conn.execute("PRAGMA data_version").fetchone()[0]
    Store(path).close()
    assert conn.execute("PRAGMA data_version").fetchone()[0] == before
    conn.close()


def test_a_store_from_a_newer_claimcheck_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer claimcheck"):
        Store(path)


def test_a_column_added_later_is_added_to_an_existing_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE evaluations DROP COLUMN system")  # as a store made before it
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert "system" in store.db["evaluations"].columns_dict
