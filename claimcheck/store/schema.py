"""The store's schema, its version, and the migrations that bring an older store up to it.

The tables are written out as SQL rather than left to sqlite-utils' inference because they
carry what a reader of the file needs: foreign keys (articles → claims → verdicts → evidence,
evaluations → models, benchmarks and the article a vendor table came from), so Datasette and
other SQLite tools link them, and indexes on every column the program looks rows up by.

Foreign keys are DEFERRABLE INITIALLY DEFERRED: a batch that replaces the registries or an
article's claims is checked when it commits, not row by row. Children cascade on delete, so
removing an article removes its claims, verdicts, evidence, aliases, versions and vendor rows.

`meta.schema_version` says which version a file has. `ensure_schema` creates a new store at
the current version, runs each migration of an older one in one transaction (foreign keys
checked before it commits: a migration that would leave a dangling reference rolls back
whole), and refuses a store from a newer claimcheck. Columns, indexes and triggers added later
without a migration of their own (an additive change) are added when missing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import fields

from claimcheck.models import Evidence

SCHEMA_VERSION = 2

_FK = "DEFERRABLE INITIALLY DEFERRED"


def _evidence_columns() -> list[tuple[str, str]]:
    """One column per field of `Evidence`, so a field added there is stored too."""
    kinds = {"float": "REAL", "int": "INTEGER", "bool": "INTEGER"}
    return [(f.name, kinds.get(str(f.type), "TEXT")) for f in fields(Evidence)]


EVIDENCE_FIELDS: tuple[str, ...] = tuple(name for name, _ in _evidence_columns())

TABLES: dict[str, str] = {
    "meta": "key TEXT PRIMARY KEY, value TEXT",
    "models": (
        "id TEXT PRIMARY KEY, name TEXT, org TEXT, family TEXT, version TEXT, size TEXT, "
        "variant TEXT, release_date TEXT, open_weights INTEGER"
    ),
    "model_aliases": (
        f"alias TEXT, model_id TEXT REFERENCES models(id) ON DELETE CASCADE {_FK}, "
        "PRIMARY KEY (alias, model_id)"
    ),
    "benchmarks": (
        "id TEXT PRIMARY KEY, name TEXT, items INTEGER, metric_kind TEXT, "
        "higher_is_better INTEGER, scale REAL, caveats TEXT, category TEXT"
    ),
    "benchmark_aliases": (
        f"alias TEXT, benchmark_id TEXT REFERENCES benchmarks(id) ON DELETE CASCADE {_FK}, "
        "PRIMARY KEY (alias, benchmark_id)"
    ),
    "snapshots": (
        "sha256 TEXT PRIMARY KEY, source TEXT, file_name TEXT, source_url TEXT, as_of TEXT, "
        "kind TEXT, rows INTEGER, imported_at TEXT, bundled INTEGER"
    ),
    "articles": (
        "id TEXT PRIMARY KEY, url TEXT, canonical_url TEXT, title TEXT, published TEXT, "
        "source TEXT, fetched_at TEXT, content_hash TEXT, text TEXT, checked_at TEXT"
    ),
    "article_aliases": (
        "alias TEXT PRIMARY KEY, "
        f"article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE {_FK}, "
        "added_at TEXT"
    ),
    "article_versions": (
        f"article_id TEXT REFERENCES articles(id) ON DELETE CASCADE {_FK}, "
        "content_hash TEXT, text TEXT, fetched_at TEXT, PRIMARY KEY (article_id, content_hash)"
    ),
    "evaluations": (
        "id TEXT PRIMARY KEY, model TEXT, "
        f"model_id TEXT REFERENCES models(id) {_FK}, benchmark TEXT, "
        f"benchmark_id TEXT REFERENCES benchmarks(id) {_FK}, metric TEXT, score REAL, "
        "ci_low REAL, ci_high REAL, stderr REAL, setting TEXT, source TEXT, source_url TEXT, "
        "as_of TEXT, snapshot TEXT, notes TEXT, kind TEXT, reported_by TEXT, derived INTEGER, "
        f"document TEXT REFERENCES articles(id) ON DELETE CASCADE {_FK}, system TEXT"
    ),
    "prices": (
        "model_key TEXT, provider TEXT, model_id TEXT, input_usd_per_mtok REAL, "
        "output_usd_per_mtok REAL, as_of TEXT, source TEXT, PRIMARY KEY (model_key, provider)"
    ),
    "sources": "name TEXT PRIMARY KEY, url TEXT, kind TEXT, added_at TEXT, bundled INTEGER",
    "http_cache": (
        "url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, fetched_at TEXT, "
        "error TEXT"
    ),
    "claims": (
        "id TEXT PRIMARY KEY, "
        f"article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE {_FK}, "
        'seq INTEGER, text TEXT, start INTEGER, "end" INTEGER, subject TEXT, subject_id TEXT, '
        "relation TEXT, targets TEXT, target_group TEXT, benchmarks TEXT, scope TEXT, "
        "quantifier TEXT, numbers TEXT, settings TEXT, checkworthiness REAL, negated INTEGER, "
        "claim_date TEXT"
    ),
    "verdicts": (
        f"claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE {_FK}, "
        "verdict TEXT, flags TEXT, reasons TEXT, tally TEXT, judged_at TEXT, "
        "evidence_snapshots TEXT"
    ),
    "evidence": (
        f"claim_id TEXT NOT NULL REFERENCES verdicts(claim_id) ON DELETE CASCADE {_FK}, "
        "seq INTEGER NOT NULL, "
        + ", ".join(f"{name} {kind}" for name, kind in _evidence_columns())
        + ", PRIMARY KEY (claim_id, seq)"
    ),
}

# every column a query filters or joins on (SQLite indexes primary keys by itself)
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("evaluations", ("model_id", "benchmark_id")),
    ("evaluations", ("benchmark_id",)),
    ("evaluations", ("source",)),
    ("evaluations", ("kind",)),
    ("evaluations", ("document",)),
    ("evaluations", ("snapshot",)),
    ("evaluations", ("model",)),
    ("model_aliases", ("model_id",)),
    ("benchmark_aliases", ("benchmark_id",)),
    ("prices", ("model_id",)),
    ("articles", ("content_hash",)),
    ("articles", ("url",)),
    ("articles", ("canonical_url",)),
    ("article_aliases", ("article_id",)),
    ("claims", ("article_id",)),
)


# `Store.index_summary` keeps what it derives from the judge's index rows in `meta`; any
# change to those rows (resolved, not a checked document's own table), by this program or
# another SQLite tool, drops it, and the next read computes it again
SUMMARY_KEY = "index_summary"
_FORGET_SUMMARY = f"BEGIN DELETE FROM meta WHERE key = '{SUMMARY_KEY}'; END"
TRIGGERS: dict[str, str] = {
    "evaluations_added": (
        "AFTER INSERT ON evaluations WHEN COALESCE(NEW.document, '') = '' " + _FORGET_SUMMARY
    ),
    "evaluations_changed": "AFTER UPDATE ON evaluations " + _FORGET_SUMMARY,
    "evaluations_removed": (
        "AFTER DELETE ON evaluations WHEN COALESCE(OLD.document, '') = '' " + _FORGET_SUMMARY
    ),
}


def trigger_sql(name: str) -> str:
    return f'CREATE TRIGGER IF NOT EXISTS "{name}" {TRIGGERS[name]}'


class SchemaError(Exception):
    """The file's schema cannot be used or upgraded; the message is for the user."""


def create_table_sql(name: str, *, as_name: str | None = None) -> str:
    return f'CREATE TABLE "{as_name or name}" ({TABLES[name]})'


def index_sql(table: str, columns: tuple[str, ...]) -> str:
    name = f"idx_{table}_{'_'.join(columns)}"
    cols = ", ".join(f'"{c}"' for c in columns)
    return f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})'


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _declared_columns(table: str) -> list[tuple[str, str]]:
    """(name, type) of the columns TABLES declares for `table` (constraints left out)."""
    out = []
    for part in _split_top_level(TABLES[table]):
        words = part.split()
        if not words or words[0].upper() in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK"):
            continue
        out.append((words[0].strip('"'), words[1] if len(words) > 1 else ""))
    return out


def _split_top_level(definition: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(definition):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(definition[start:i].strip())
            start = i + 1
    parts.append(definition[start:].strip())
    return parts


def stored_version(conn: sqlite3.Connection) -> int | None:
    """The file's schema version: None for an empty file, 1 for a store from before versions."""
    tables = _tables(conn)
    if not tables:
        return None
    if "meta" not in tables:
        return 1
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 1
    except (TypeError, ValueError):
        raise SchemaError(f"schema_version {row[0]!r} is not a number") from None


def ensure_schema(conn: sqlite3.Connection, transaction: Callable[[], object]) -> None:
    """Create, upgrade or accept the schema of `conn` (see the module docstring).

    `transaction()` returns the store's context manager for one atomic batch. On a store that
    is already current this reads and writes nothing beyond `sqlite_master`.
    """
    version = stored_version(conn)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaError(
            f"made by a newer claimcheck (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade claimcheck"
        )
    if version is None:
        with transaction():  # type: ignore[attr-defined]
            for name in TABLES:
                conn.execute(create_table_sql(name))
            for table, columns in INDEXES:
                conn.execute(index_sql(table, columns))
            for name in TRIGGERS:
                conn.execute(trigger_sql(name))
            _set_version(conn)
        return
    for step in range(version, SCHEMA_VERSION):
        _migrate(conn, transaction, MIGRATIONS[step + 1])
    _complete(conn, transaction)


def _set_version(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [str(SCHEMA_VERSION)],
    )


def _complete(conn: sqlite3.Connection, transaction: Callable[[], object]) -> None:
    """Add what a current store lacks without a migration: missing tables, columns, indexes."""
    tables = _tables(conn)
    missing_tables = [name for name in TABLES if name not in tables]
    stored = {table: set(_columns(conn, table)) for table in TABLES if table in tables}
    missing_columns = [
        (table, name, kind)
        for table, columns in stored.items()
        for name, kind in _declared_columns(table)
        if name not in columns
    ]
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing_indexes = [(t, c) for t, c in INDEXES if f"idx_{t}_{'_'.join(c)}" not in have]
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing_triggers = [name for name in TRIGGERS if name not in triggers]
    if not (missing_tables or missing_columns or missing_indexes or missing_triggers):
        return
    with transaction():  # type: ignore[attr-defined]
        for name in missing_tables:
            conn.execute(create_table_sql(name))
        for table, name, kind in missing_columns:
            conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {kind}')
        for table, columns in missing_indexes:
            conn.execute(index_sql(table, columns))
        for name in missing_triggers:
            conn.execute(trigger_sql(name))
        # a summary kept before the triggers were there to drop it is not to be trusted
        conn.execute("DELETE FROM meta WHERE key = ?", [SUMMARY_KEY])


Migration = Callable[[sqlite3.Connection], None]


def _migrate(conn: sqlite3.Connection, transaction: Callable[[], object], step: Migration) -> None:
    # tables are rebuilt, which SQLite only allows with foreign keys off; they are checked
    # before the migration commits instead
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with transaction():  # type: ignore[attr-defined]
            step(conn)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                table, _rowid, parent, _ = problems[0]
                raise SchemaError(
                    f"upgrade stopped, nothing changed: {len(problems)} row(s) of {table} "
                    f"refer to missing {parent} rows"
                )
            _set_version(conn)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _rebuild(conn: sqlite3.Connection, name: str) -> list[str]:
    """Rename `name` to `name_old` (if present) and create it anew; returns the old columns."""
    if name not in _tables(conn):
        conn.execute(create_table_sql(name))
        return []
    old = _columns(conn, name)
    conn.execute(f'ALTER TABLE "{name}" RENAME TO "{name}_old"')
    conn.execute(create_table_sql(name))
    return old


def _copy(conn: sqlite3.Connection, name: str, old: list[str], where: str = "") -> None:
    cols = [c for c, _ in _declared_columns(name) if c in old]
    if not cols:
        return
    quoted = ", ".join(f'"{c}"' for c in cols)
    conn.execute(f'INSERT INTO "{name}" ({quoted}) SELECT {quoted} FROM "{name}_old" {where}')


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    """Version 1 → 2: foreign keys, one article per content hash, evidence as rows.

    Articles were keyed by path, so a file checked under two paths (the app's and the CLI's)
    was stored twice. Each content hash now keeps one article (the one checked last); the
    others' paths and URLs become its aliases and their duplicate claims go. Rows that refer
    to nothing (a vendor row of a deleted article, an alias of a dropped model) are dropped;
    an evaluation's model or benchmark id the registry no longer has is set to NULL, as for
    any name the registry does not know. Everything else is copied as it was.
    """
    old_cols = {name: _rebuild(conn, name) for name in TABLES if name in _REBUILT}
    for name in ("models", "benchmarks"):
        _copy(conn, name, old_cols[name])
    _copy(
        conn,
        "model_aliases",
        old_cols["model_aliases"],
        "WHERE model_id IN (SELECT id FROM models)",
    )
    _copy(
        conn,
        "benchmark_aliases",
        old_cols["benchmark_aliases"],
        "WHERE benchmark_id IN (SELECT id FROM benchmarks)",
    )

    # articles: one per content hash, the most recently checked one kept
    keep: dict[str, str] = {}  # old article id -> the id kept for its content
    by_hash: dict[str, str] = {}
    rows = (
        conn.execute(
            "SELECT id, content_hash FROM articles_old "
            "ORDER BY COALESCE(checked_at, fetched_at, '') DESC, id"
        ).fetchall()
        if old_cols["articles"]
        else []
    )
    for aid, content_hash in rows:
        key = content_hash or f"id:{aid}"
        keep[aid] = by_hash.setdefault(key, aid)
    conn.execute("CREATE TEMP TABLE _keep (old TEXT PRIMARY KEY, new TEXT)")
    conn.executemany("INSERT INTO _keep VALUES (?, ?)", list(keep.items()))
    _copy(conn, "articles", old_cols["articles"], "WHERE id IN (SELECT new FROM _keep)")
    if old_cols["articles"]:
        conn.execute(
            "INSERT OR IGNORE INTO article_aliases (alias, article_id, added_at) "
            "SELECT a.url, k.new, a.checked_at FROM articles_old a JOIN _keep k ON k.old = a.id "
            "WHERE COALESCE(a.url, '') != ''"
        )
        conn.execute(
            "INSERT OR IGNORE INTO article_aliases (alias, article_id, added_at) "
            "SELECT a.canonical_url, k.new, a.checked_at FROM articles_old a "
            "JOIN _keep k ON k.old = a.id WHERE COALESCE(a.canonical_url, '') != ''"
        )
    if old_cols["article_versions"]:
        conn.execute(
            "INSERT OR IGNORE INTO article_versions (article_id, content_hash, text, fetched_at) "
            "SELECT k.new, v.content_hash, v.text, v.fetched_at FROM article_versions_old v "
            "JOIN _keep k ON k.old = v.article_id"
        )
    _copy(conn, "claims", old_cols["claims"], "WHERE article_id IN (SELECT new FROM _keep)")
    _copy(conn, "verdicts", old_cols["verdicts"], "WHERE claim_id IN (SELECT id FROM claims)")
    if "evidence" in old_cols["verdicts"]:
        _evidence_rows_from_json(conn)

    # evaluations: ids the registry lost become NULL; vendor rows follow their article
    cols = [c for c, _ in _declared_columns("evaluations") if c in old_cols["evaluations"]]
    select = []
    for c in cols:
        if c == "model_id":
            select.append("CASE WHEN model_id IN (SELECT id FROM models) THEN model_id END")
        elif c == "benchmark_id":
            select.append(
                "CASE WHEN benchmark_id IN (SELECT id FROM benchmarks) THEN benchmark_id END"
            )
        else:
            select.append(f'"{c}"')
    if cols:
        conn.execute(
            f"INSERT INTO evaluations ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
            f"SELECT {', '.join(select)} FROM evaluations_old WHERE document IS NULL "
            "OR document IN (SELECT old FROM _keep WHERE old = new)"
        )
    for name in old_cols:
        if old_cols[name]:
            conn.execute(f'DROP TABLE "{name}_old"')
    conn.execute("DROP TABLE _keep")
    for table, columns in INDEXES:
        conn.execute(index_sql(table, columns))
    for name in TABLES:  # tables this version adds that no rebuild created
        if name not in _tables(conn):
            conn.execute(create_table_sql(name))


def _evidence_rows_from_json(conn: sqlite3.Connection) -> None:
    """Version 1 kept a verdict's evidence as a JSON list; version 2 keeps one row each."""
    marks = ", ".join("?" * (len(EVIDENCE_FIELDS) + 2))
    sql = f"INSERT INTO evidence (claim_id, seq, {', '.join(EVIDENCE_FIELDS)}) VALUES ({marks})"
    cursor = conn.execute(
        "SELECT claim_id, evidence FROM verdicts_old WHERE claim_id IN (SELECT claim_id FROM "
        "verdicts) AND COALESCE(evidence, '') NOT IN ('', '[]')"
    )
    for claim_id, text in cursor.fetchall():
        try:
            items = json.loads(text)
        except (TypeError, ValueError):
            continue
        conn.executemany(
            sql,
            [
                (claim_id, seq, *(item.get(f) for f in EVIDENCE_FIELDS))
                for seq, item in enumerate(items)
                if isinstance(item, dict)
            ],
        )


# tables whose definition changed in version 2 (the others are kept as they are)
_REBUILT = frozenset(
    {
        "models",
        "model_aliases",
        "benchmarks",
        "benchmark_aliases",
        "articles",
        "article_aliases",
        "article_versions",
        "evaluations",
        "claims",
        "verdicts",
        "evidence",
    }
)

MIGRATIONS: dict[int, Migration] = {2: _migrate_to_2}
