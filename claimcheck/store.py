"""The one place that talks to SQLite.

The store is a plain SQLite file (open it with Datasette or the sqlite3 shell) holding the
registries, the evaluations and what has been checked. It is created on first use from the
bundled data. Every write is an idempotent upsert keyed on content, inside one transaction per
batch, so re-running anything never duplicates and a failure leaves nothing half-written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from claimcheck.models import (
    CheckedDocument,
    Claim,
    Document,
    Evaluation,
    Evidence,
    Mention,
    Price,
    Verdict,
)
from claimcheck.queries import ARTICLES_SQL, read_checked_claims
from claimcheck.schema import EVIDENCE_FIELDS, SCHEMA_VERSION

_EVAL_COLUMNS = {
    "id": str,
    "model": str,
    "model_id": str,
    "benchmark": str,
    "benchmark_id": str,
    "metric": str,
    "score": float,
    "ci_low": float,
    "ci_high": float,
    "stderr": float,
    "setting": str,
    "source": str,
    "source_url": str,
    "as_of": str,
    "snapshot": str,
    "notes": str,
    "kind": str,
    "reported_by": str,
    "derived": int,
    "document": str,
    "system": str,
}


class StoreError(Exception):
    """A store operation failed; the message is meant for the user."""


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than we were willing to wait."""


DEFAULT_LOCK_TIMEOUT = 300.0  # seconds a write waits for another writer (CLAIMCHECK_LOCK_TIMEOUT)
_LOCK_SLICE = 1.0  # SQLite's own busy wait per attempt; between attempts we can say so


def lock_timeout_default() -> float:
    """How long a write waits for another process's lock: CLAIMCHECK_LOCK_TIMEOUT or 300 s."""
    import os

    value = os.environ.get("CLAIMCHECK_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """A SQLite error in words a user can act on."""
    text = str(exc)
    lower = text.lower()
    if "file is not a database" in lower or "malformed" in lower:
        return "not a claimcheck store (not a SQLite database, or a damaged one)"
    if "readonly" in lower or "read-only" in lower:
        return "the file is read-only"
    if "unable to open" in lower:
        return "cannot create or open the file there"
    if _is_busy(exc):
        return "another process is writing to it"
    if "disk i/o" in lower:
        return "disk I/O error (is it a regular file on a working disk?)"
    if "full" in lower:
        return "the disk is full"
    return text


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def evaluation_key(e: Evaluation) -> str:
    """A stable id for an evaluation row: the same number from the same snapshot is one row.

    `notes` is part of it because one snapshot can list a model twice with the same setting
    (HF Open LLM rows at two precisions or commits, a duplicated Arena row) and both are kept.
    """
    parts: tuple[str, ...] = (
        e.kind,
        e.source,
        e.snapshot,
        e.model,
        e.benchmark,
        e.metric,
        e.setting,
        e.as_of,
        e.reported_by or "",
        e.document or "",
        e.notes,
    )
    if e.system:  # only rows that score a system carry it, so older ids stay as they were
        parts += (e.system,)
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:20]


def _eval_record(e: Evaluation) -> dict[str, Any]:
    rec = asdict(e)
    rec["derived"] = int(e.derived)
    rec["id"] = evaluation_key(e)
    return rec


def _eval_from_row(row: dict[str, Any]) -> Evaluation:
    return Evaluation(
        model=row["model"],
        benchmark=row["benchmark"],
        metric=row["metric"],
        score=row["score"],
        source=row["source"],
        as_of=row["as_of"] or "",
        setting=row["setting"] or "",
        ci_low=row["ci_low"],
        ci_high=row["ci_high"],
        stderr=row["stderr"],
        source_url=row["source_url"] or "",
        snapshot=row["snapshot"] or "",
        notes=row["notes"] or "",
        kind=row["kind"],
        reported_by=row["reported_by"],
        derived=bool(row["derived"]),
        model_id=row["model_id"],
        benchmark_id=row["benchmark_id"],
        document=row["document"],
        system=row.get("system") or "",
    )


# Evaluation's fields in order, NULLs already as the dataclass's defaults: the fast read path
_EVAL_SELECT = (
    "model, benchmark, metric, score, source, COALESCE(as_of, ''), COALESCE(setting, ''), "
    "ci_low, ci_high, stderr, COALESCE(source_url, ''), COALESCE(snapshot, ''), "
    "COALESCE(notes, ''), kind, reported_by, derived, model_id, benchmark_id, document, "
    "COALESCE(system, '')"
)


def _evaluations(rows: Iterable[Sequence[Any]]) -> list[Evaluation]:
    """Rows selected with `_EVAL_SELECT` as Evaluations, each distinct string stored once.

    The checker holds every evaluation in memory, and the same source, snapshot hash, URL,
    metric and model names repeat across tens of thousands of rows: sharing one string per
    value takes the index from about 45 MB to about 10 MB. The frozen dataclass is filled
    the way `pickle` restores one (its `__dict__` in one step), which is about a third
    quicker than its `__init__` for ~50k rows; a test reads every field back.
    """
    memo: dict[str, str] = {}
    i = memo.setdefault
    new = object.__new__
    set_dict = object.__setattr__
    out = []
    for m, b, me, sc, so, ao, se, lo, hi, sd, url, snap, no, ki, by, de, mid, bid, doc, sy in rows:
        e = new(Evaluation)
        set_dict(
            e,
            "__dict__",
            {
                "model": i(m, m),
                "benchmark": i(b, b),
                "metric": i(me, me),
                "score": sc,
                "source": i(so, so),
                "as_of": i(ao, ao),
                "setting": i(se, se),
                "ci_low": lo,
                "ci_high": hi,
                "stderr": sd,
                "source_url": i(url, url),
                "snapshot": i(snap, snap),
                "notes": i(no, no),
                "kind": i(ki, ki),
                "reported_by": by if by is None else i(by, by),
                "derived": bool(de),
                "model_id": mid if mid is None else i(mid, mid),
                "benchmark_id": bid if bid is None else i(bid, bid),
                "document": doc,
                "system": i(sy, sy),
            },
        )
        out.append(e)
    return out


# What the judge's index holds: resolved rows, not from a checked document's own table
_INDEXED = "model_id IS NOT NULL AND benchmark_id IS NOT NULL AND COALESCE(document, '') = ''"


# `evaluations()` order, the id last: rows equal in the rest come back in one order every
# time, which the judge's index relies on to keep the same one of two duplicates
_INDEX_ORDER = "ORDER BY source, benchmark_id, metric, as_of, model, id"


@dataclass(frozen=True)
class IndexSummary:
    """Counts over the judge's index rows (see `Store.index_summary`)."""

    rows: int
    first_seen: dict[str, str | None]  # every model id, with its earliest date if any
    system_benchmarks: list[str]  # benchmarks an independent row scores as an agent system
    slices: list[tuple[str, str, str]]  # distinct (benchmark id, kind, source)


@dataclass(frozen=True)
class Snapshot:
    """A file that evaluations were imported from, pinned by its SHA-256."""

    sha256: str
    source: str
    file_name: str
    source_url: str = ""
    as_of: str = ""
    kind: str = "independent"


class Store:
    """A claimcheck database. Create one per thread (SQLite connections are not shareable)."""

    def __init__(
        self,
        path: str | Path,
        *,
        memory: bool = False,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open (creating if needed) a store file; StoreError in words if it cannot be used.

        A write that finds another process holding the lock waits up to `lock_timeout`
        seconds (default `lock_timeout_default()`), calling `on_wait` once with a notice,
        then raises StoreBusy; after one full wait, later writes of this Store give up at once.
        """
        self.path = Path(path) if not memory else None
        self.lock_timeout = lock_timeout_default() if lock_timeout is None else lock_timeout
        self.on_wait = on_wait
        self.gave_up_waiting = False
        try:
            if memory:
                self.db = sqlite_utils.Database(memory=True, execute_plugins=False)
            else:
                p = Path(path)
                if p.exists() and not p.is_file():
                    from claimcheck.files import kind_of

                    what = kind_of(p.stat().st_mode)
                    raise StoreError(f"{p}: cannot open the store: {what}, not a file")
                try:
                    p.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise StoreError(f"{p}: cannot open the store: {reason} ({p.parent})") from exc
                slice_ = min(_LOCK_SLICE, max(self.lock_timeout, 0.01))
                conn = sqlite3.connect(str(p), timeout=slice_, isolation_level=None)
                # no sqlite-utils plugins: claimcheck uses none, and finding them scans the
                # metadata of every installed package on each open
                self.db = sqlite_utils.Database(conn, execute_plugins=False)
                try:
                    self.db.execute("PRAGMA journal_mode=WAL")
                except sqlite3.OperationalError as exc:
                    # switching needs the other writer gone: read in the current mode now,
                    # and switch on a later open
                    if not _is_busy(exc):
                        raise
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.ensure_schema()
        except sqlite3.Error as exc:
            where = self.path or ":memory:"
            raise StoreError(
                f"{where}: cannot open the store: {describe_sqlite_error(exc)}"
            ) from exc

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        data_dir: Path | None = None,
        build: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating if needed) the store, loading the bundled data on first use.

        When the bundled data changes (a new release of claimcheck), its tables are refreshed
        in one transaction; what the user checked, fetched or imported is kept.
        """
        from claimcheck.config import Settings

        settings = Settings.load(path)
        data = Path(data_dir or settings.data_dir)
        if build:
            create_from_template(settings.db_path, data)
        store = cls(settings.db_path, on_wait=on_wait)
        if build:
            try:
                store.ensure_bundled(data)
            except sqlite3.Error as exc:
                store.close()
                reason = describe_sqlite_error(exc)
                raise StoreError(f"{settings.db_path}: cannot open the store: {reason}") from exc
            except BaseException:
                store.close()
                raise
        return store

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Any:
        """`with store.transaction():` — one atomic batch (BEGIN IMMEDIATE ... COMMIT).

        Waits for another process's write lock with a notice (see `__init__`), then raises
        StoreBusy; nothing of the batch is written unless all of it is.
        """
        return _Transaction(self)

    def ensure_schema(self) -> None:
        """Create a new store, upgrade an older one, or accept a current one (`schema`)."""
        from claimcheck.schema import SchemaError, ensure_schema

        try:
            ensure_schema(self.db.conn, self.transaction)
        except SchemaError as exc:
            raise StoreError(f"{self.path or ':memory:'}: {exc}") from exc

    def get_meta(self, key: str) -> str | None:
        try:
            return str(self.db.table("meta").get(key)["value"])
        except sqlite_utils.db.NotFoundError:
            return None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.table("meta").upsert({"key": key, "value": value}, pk="key")

    # -- bundled data ----------------------------------------------------------------------

    def ensure_bundled(self, data_dir: Path) -> bool:
        """Load the bundled registries and evaluations if missing or changed. True if loaded.

        "Unchanged" is first judged from the files' names, sizes and times as recorded at the
        last load, and only when those differ from their content hash. A load copies the
        bundled tables from the template store (built once per bundled data, see
        `bundled_template`) in one transaction; where no template can be cached it imports the
        files. Either way what the user checked, fetched or imported is kept.
        """
        from claimcheck.evaldata import bundled_fingerprint, bundled_signature, load_bundled

        if self.bundled_is_current(data_dir):
            return False
        fingerprint = bundled_fingerprint(data_dir)
        loaded = self.get_meta("bundled_fingerprint") != fingerprint
        if loaded:
            template = bundled_template(data_dir)
            if template is None:
                load_bundled(self, data_dir)
            else:
                self._copy_bundled(template)
            self.set_meta("bundled_fingerprint", fingerprint)
        self.set_meta("bundled_signature", bundled_signature(data_dir))
        return loaded

    def bundled_is_current(self, data_dir: Path) -> bool:
        """Whether the bundled tables come from these files (False may mean "cannot tell
        cheaply": `ensure_bundled` then compares content hashes)."""
        from claimcheck.evaldata import bundled_signature

        return self.get_meta("bundled_signature") == bundled_signature(data_dir)

    def _copy_bundled(self, template: Path) -> None:
        """Replace the bundled tables with the template's, as `load_bundled` would."""
        conn = self.db.conn
        conn.execute("ATTACH DATABASE ? AS template", [f"{template.resolve().as_uri()}?mode=ro"])
        try:
            with self.transaction():
                for name in ("models", "model_aliases", "benchmarks", "benchmark_aliases"):
                    conn.execute(f"DELETE FROM main.{name}")
                    self._insert_from_template(name)
                conn.execute(
                    "DELETE FROM main.evaluations WHERE document IS NULL AND snapshot IN "
                    "(SELECT sha256 FROM main.snapshots WHERE bundled = 1)"
                )
                conn.execute("DELETE FROM main.snapshots WHERE bundled = 1")
                self._insert_from_template("evaluations", "OR REPLACE")
                self._insert_from_template("snapshots", "OR IGNORE")
                if conn.execute("SELECT 1 FROM template.prices LIMIT 1").fetchone():
                    conn.execute("DELETE FROM main.prices")
                    self._insert_from_template("prices", "OR REPLACE")
        finally:
            conn.execute("DETACH DATABASE template")

    def _insert_from_template(self, table: str, conflict: str = "") -> None:
        def columns(schema: str) -> list[str]:
            return [r[1] for r in self.db.conn.execute(f"PRAGMA {schema}.table_info({table})")]

        shared = [c for c in columns("template") if c in set(columns("main"))]
        cols = ",".join(f'"{c}"' for c in shared)
        self.db.conn.execute(
            f"INSERT {conflict} INTO main.{table} ({cols}) SELECT {cols} FROM template.{table}"
        )

    # -- registries ------------------------------------------------------------------------

    def replace_registries(
        self,
        models: Sequence[dict[str, Any]],
        model_aliases: Sequence[dict[str, Any]],
        benchmarks: Sequence[dict[str, Any]],
        benchmark_aliases: Sequence[dict[str, Any]],
    ) -> None:
        """Mirror the registries into readable tables (the registry files are the truth)."""
        with self.transaction():
            for name in ("models", "model_aliases", "benchmarks", "benchmark_aliases"):
                self.db.execute(f"DELETE FROM {name}")
            self.db.table("models").insert_all(models, pk="id")
            self.db.table("model_aliases").insert_all(model_aliases, pk=("alias", "model_id"))
            self.db.table("benchmarks").insert_all(benchmarks, pk="id")
            self.db.table("benchmark_aliases").insert_all(
                benchmark_aliases, pk=("alias", "benchmark_id")
            )
            # an id the new registry no longer has is unresolved now (foreign keys hold)
            for col, table in (("model_id", "models"), ("benchmark_id", "benchmarks")):
                self.db.execute(
                    f"UPDATE evaluations SET {col} = NULL WHERE {col} IS NOT NULL "
                    f"AND {col} NOT IN (SELECT id FROM {table})"
                )

    # -- evaluations -----------------------------------------------------------------------

    def import_evaluations(
        self, rows: Iterable[Evaluation], snapshot: Snapshot, *, bundled: bool = False
    ) -> tuple[int, int]:
        """Store the rows of one file in one transaction. Returns (rows in file, new rows).

        Re-importing the same file changes nothing: ids are derived from content. A model or
        benchmark id the store's registry does not have is stored as unresolved (NULL).
        """
        records = [_eval_record(r) for r in rows]
        with self.transaction():
            self._unresolve_unknown_ids(records)
            before = self.db.table("evaluations").count
            self.db.table("evaluations").upsert_all(records, pk="id", alter=False)
            after = self.db.table("evaluations").count
            self.db.table("snapshots").upsert(
                {
                    **asdict(snapshot),
                    "rows": len(records),
                    "imported_at": now_iso(),
                    "bundled": int(bundled),
                },
                pk="sha256",
            )
        return len(records), after - before

    def _unresolve_unknown_ids(self, records: list[dict[str, Any]]) -> None:
        for col, table in (("model_id", "models"), ("benchmark_id", "benchmarks")):
            ids = sorted({r[col] for r in records if r.get(col)})
            known: set[str] = set()
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                known.update(
                    row[0]
                    for row in self.db.execute(
                        f"SELECT id FROM {table} WHERE id IN ({marks})", chunk
                    )
                )
            for r in records:
                if r.get(col) and r[col] not in known:
                    r[col] = None

    def has_snapshot(self, sha256: str) -> bool:
        return bool(
            self.db.execute("SELECT 1 FROM snapshots WHERE sha256 = ?", [sha256]).fetchone()
        )

    def evaluations(
        self,
        *,
        model_ids: Iterable[str] | None = None,
        benchmark_ids: Iterable[str] | None = None,
        kind: str | None = None,
        until: str | None = None,
        sources: Iterable[str] | None = None,
    ) -> list[Evaluation]:
        """Evaluations filtered by model ids, benchmark ids, kind, source and as_of <= until."""
        where: list[str] = []
        params: list[Any] = []
        for col, values in (
            ("model_id", model_ids),
            ("benchmark_id", benchmark_ids),
            ("source", sources),
        ):
            if values is not None:
                vals = list(values)
                if not vals:
                    return []
                where.append(f"{col} IN ({','.join('?' * len(vals))})")
                params.extend(vals)
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if until:
            where.append("as_of <= ?")
            params.append(until)
        sql = f"SELECT {_EVAL_SELECT} FROM evaluations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" {_INDEX_ORDER}"
        return _evaluations(self.db.conn.execute(sql, params))

    def indexed_evaluations(
        self,
        *,
        until: str | None = None,
        model_id: str | None = None,
        benchmark_id: str | None = None,
        known: dict[str, Evaluation] | None = None,
    ) -> list[Evaluation]:
        """The rows the judge's index holds (all, or one model's or one benchmark's), in
        `evaluations()` order. With `known` (stored id -> Evaluation), a row read before is
        returned as the same object, and new ones are added to it."""
        where, params = [_INDEXED], []
        if until:
            where.append("as_of <= ?")
            params.append(until)
        for column, value in (("model_id", model_id), ("benchmark_id", benchmark_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        tail = f"FROM evaluations WHERE {' AND '.join(where)} {_INDEX_ORDER}"
        if known is None:
            return _evaluations(self.db.conn.execute(f"SELECT {_EVAL_SELECT} {tail}", params))
        rows = self.db.conn.execute(f"SELECT id, {_EVAL_SELECT} {tail}", params).fetchall()
        fresh = [r for r in rows if r[0] not in known]
        for row, e in zip(fresh, _evaluations(r[1:] for r in fresh), strict=True):
            known[row[0]] = e
        return [known[r[0]] for r in rows]

    def index_summary(self, until: str | None = None) -> IndexSummary:
        """What the judge's index derives from all its rows, for an index read on demand."""
        where, params = _INDEXED, []
        if until:
            where += " AND as_of <= ?"
            params.append(until)
        conn = self.db.conn
        (rows,) = conn.execute(f"SELECT COUNT(*) FROM evaluations WHERE {where}", params).fetchone()
        firsts = conn.execute(
            f"SELECT model_id, MIN(CASE WHEN as_of != '' THEN as_of END) "
            f"FROM evaluations WHERE {where} GROUP BY model_id",
            params,
        ).fetchall()
        systems = conn.execute(
            f"SELECT DISTINCT benchmark_id FROM evaluations WHERE {where} "
            "AND kind = 'independent' AND COALESCE(system, '') != ''",
            params,
        ).fetchall()
        slices = conn.execute(
            f"SELECT DISTINCT benchmark_id, kind, source FROM evaluations WHERE {where}", params
        ).fetchall()
        return IndexSummary(rows, dict(firsts), [b for (b,) in systems], slices)

    def in_index_order(self, model_ids: Sequence[str], until: str | None = None) -> list[str]:
        """These model ids in the order the judge's index first meets their rows."""
        if not model_ids:
            return []
        marks = ",".join("?" * len(model_ids))
        sql = f"SELECT model_id FROM evaluations WHERE {_INDEXED} AND model_id IN ({marks})"
        params = [*model_ids]
        if until:
            sql += " AND as_of <= ?"
            params.append(until)
        rows = self.db.conn.execute(f"{sql} {_INDEX_ORDER}", params)
        return list(dict.fromkeys(mid for (mid,) in rows))

    def iter_evaluations(self) -> Iterator[Evaluation]:
        for r in self.db.query("SELECT * FROM evaluations"):
            yield _eval_from_row(r)

    def delete_document_evaluations(self, document: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM evaluations WHERE document = ?", [document])

    # -- prices ----------------------------------------------------------------------------

    def replace_prices(self, prices: Iterable[Price]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM prices")
            self.db.table("prices").insert_all(
                (asdict(p) for p in prices), pk=("model_key", "provider"), replace=True
            )

    def prices(self, model_ids: Iterable[str]) -> list[Price]:
        ids = list(model_ids)
        if not ids:
            return []
        rows = self.db.query(
            f"SELECT * FROM prices WHERE model_id IN ({','.join('?' * len(ids))})", ids
        )
        return [Price(**r) for r in rows]

    # -- articles, claims, verdicts --------------------------------------------------------

    def find_article(self, document: Document, canonical_url: str = "") -> dict[str, Any] | None:
        """The stored article `document` would be saved as (by path or URL, else content)."""
        aid = self._article_for(_aliases(document, canonical_url), _content_hash(document))[0]
        return self.article(aid) if aid else None

    def _article_for(self, aliases: Sequence[str], content_hash: str) -> tuple[str | None, bool]:
        """(the article these aliases and this content are, or None for a new one;
        whether the aliases must move to it from another article).

        One article per content hash, its paths and URLs as aliases. A path whose text changed
        updates its article in place (the old text goes to `article_versions`), unless other
        paths still hold the old text: then it becomes, or joins, the article of its new text.
        """
        by_alias = None
        for alias in aliases:
            row = self.db.execute(
                "SELECT a.id, a.content_hash FROM article_aliases x JOIN articles a "
                "ON a.id = x.article_id WHERE x.alias = ?",
                [alias],
            ).fetchone()
            if row:
                by_alias = row
                break
        found = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", [content_hash]
        ).fetchone()
        by_hash = found[0] if found else None
        if by_alias is None:
            return by_hash, False
        aid, stored_hash = by_alias
        if stored_hash == content_hash:
            return aid, False
        if by_hash is not None:
            return by_hash, True  # this path now holds text another article has
        others = self.db.execute(
            f"SELECT COUNT(*) FROM article_aliases WHERE article_id = ? "
            f"AND alias NOT IN ({','.join('?' * len(aliases))})",
            [aid, *aliases],
        ).fetchone()[0]
        return (None, True) if others else (aid, False)

    def save(
        self,
        checked: CheckedDocument,
        *,
        document: Document | None = None,
        canonical_url: str = "",
        claim_date: str | None = None,
    ) -> str:
        """Store a checked document (its claims, verdicts and vendor table); its article id.

        The one way the CLI, the app, fetch and archive runs save what the Checker made.
        `document` replaces the checked one's (e.g. with an absolute path); see
        `save_checked` for what is written.
        """
        return self.save_checked(
            document or checked.document,
            [(c.claim, c.verdict) for c in checked.claims],
            canonical_url=canonical_url,
            vendor_rows=checked.vendor_rows,
            claim_date=claim_date,
        )

    def save_checked(
        self,
        document: Document,
        checked: Sequence[tuple[Claim, Verdict]],
        *,
        canonical_url: str = "",
        fetched_at: str | None = None,
        vendor_rows: Sequence[Evaluation] = (),
        claim_date: str | None = None,
    ) -> str:
        """Store a document with its claims and verdicts, replacing what it had; its id.

        One transaction, with every table's rows written in one batch. An article is one row
        per content hash: the same text under another path or URL adds an alias and replaces
        the claims, never a second copy; see `_article_for` for a path whose text changed.
        The previous text of a changed article stays in `article_versions`. `claim_date`
        (`check --as-of`) is the date the claims were judged as of, when not the document's.
        """
        content_hash = _content_hash(document)
        aliases = _aliases(document, canonical_url)
        stamp = now_iso()
        conn = self.db.conn
        with self.transaction():
            aid, moved = self._article_for(aliases, content_hash)
            if aid is None:
                aid = self._new_article_id(content_hash)
            if moved:
                self._move_aliases(aliases, aid)
            conn.execute(
                "INSERT INTO articles (id, url, canonical_url, title, published, source, "
                "fetched_at, content_hash, text, checked_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (id) DO UPDATE SET url = excluded.url, "
                "canonical_url = excluded.canonical_url, title = excluded.title, "
                "published = excluded.published, source = excluded.source, "
                "fetched_at = excluded.fetched_at, content_hash = excluded.content_hash, "
                "text = excluded.text, checked_at = excluded.checked_at",
                [
                    aid,
                    document.path,
                    canonical_url or document.path,
                    document.title,
                    document.date,
                    document.source,
                    fetched_at or stamp,
                    content_hash,
                    document.text,
                    stamp,
                ],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO article_aliases (alias, article_id, added_at) "
                "VALUES (?, ?, ?)",
                [(alias, aid, stamp) for alias in aliases],
            )
            conn.execute(
                "INSERT OR IGNORE INTO article_versions (article_id, content_hash, text, "
                "fetched_at) VALUES (?, ?, ?, ?)",
                [aid, content_hash, document.text, fetched_at or stamp],
            )
            # the old claims go with their verdicts and evidence (ON DELETE CASCADE)
            conn.execute("DELETE FROM claims WHERE article_id = ?", [aid])
            conn.execute("DELETE FROM evaluations WHERE document = ?", [aid])
            if vendor_rows:
                records = [_eval_record(_with_document(r, aid)) for r in vendor_rows]
                self._unresolve_unknown_ids(records)
                cols = list(_EVAL_COLUMNS)
                conn.executemany(
                    f"INSERT OR REPLACE INTO evaluations ({','.join(cols)}) "
                    f"VALUES ({','.join('?' * len(cols))})",
                    [tuple(r.get(c) for c in cols) for r in records],
                )
            claim_rows, verdicts = [], []
            for seq, (claim, verdict) in enumerate(checked):
                cid = f"{aid}:{seq}"
                claim_rows.append(claim_record(claim, cid, aid, seq, claim_date or document.date))
                verdicts.append((cid, verdict))
            if claim_rows:
                cols = list(claim_rows[0])
                conn.executemany(
                    f"INSERT INTO claims ({','.join(chr(34) + c + chr(34) for c in cols)}) "
                    f"VALUES ({','.join('?' * len(cols))})",
                    [tuple(r.values()) for r in claim_rows],
                )
                self._write_verdicts(verdicts, stamp)
        return aid

    def _new_article_id(self, content_hash: str) -> str:
        aid = content_hash[:16]
        while self.db.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone():
            aid = hashlib.sha1(aid.encode()).hexdigest()[:16]  # an old path-keyed id collided
        return aid

    def _move_aliases(self, aliases: Sequence[str], aid: str) -> None:
        """Point `aliases` at `aid`; an article left with no alias and no other way to be
        found (it was only ever that path) is the superseded text of it, and goes."""
        marks = ",".join("?" * len(aliases))
        left = [
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT article_id FROM article_aliases WHERE alias IN ({marks}) "
                "AND article_id != ?",
                [*aliases, aid],
            )
        ]
        self.db.execute(
            f"UPDATE article_aliases SET article_id = ? WHERE alias IN ({marks})", [aid, *aliases]
        )
        for old in left:
            if not self.db.execute(
                "SELECT 1 FROM article_aliases WHERE article_id = ? LIMIT 1", [old]
            ).fetchone():
                self.db.execute("DELETE FROM articles WHERE id = ?", [old])

    def _write_verdicts(self, verdicts: Sequence[tuple[str, Verdict]], stamp: str) -> None:
        """Insert or replace the verdicts of these claims and their evidence rows, batched."""
        conn = self.db.conn
        ids = [cid for cid, _ in verdicts]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            conn.execute(
                f"DELETE FROM evidence WHERE claim_id IN ({','.join('?' * len(chunk))})", chunk
            )
        rows = [verdict_record(v, cid, stamp) for cid, v in verdicts]
        cols = list(rows[0]) if rows else []
        if rows:
            updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "claim_id")
            conn.executemany(
                f"INSERT INTO verdicts ({','.join(cols)}) VALUES ({','.join('?' * len(cols))}) "
                f"ON CONFLICT (claim_id) DO UPDATE SET {updates}",
                [tuple(r.values()) for r in rows],
            )
        conn.executemany(
            f"INSERT INTO evidence (claim_id, seq, {','.join(EVIDENCE_FIELDS)}) "
            f"VALUES ({','.join('?' * (len(EVIDENCE_FIELDS) + 2))})",
            [
                (cid, seq, *(getattr(e, f) for f in EVIDENCE_FIELDS))
                for cid, v in verdicts
                for seq, e in enumerate(v.evidence)
            ],
        )

    def articles(self) -> list[dict[str, Any]]:
        """Articles with a verdict tally each, newest first."""
        return list(self.db.query(ARTICLES_SQL))

    def article(self, article_id: str) -> dict[str, Any] | None:
        try:
            return dict(self.db.table("articles").get(article_id))
        except sqlite_utils.db.NotFoundError:
            return None

    def article_aliases(self, article_id: str) -> list[str]:
        """The paths and URLs an article was read from, oldest first."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT alias FROM article_aliases WHERE article_id = ? ORDER BY added_at, rowid",
                [article_id],
            )
        ]

    def resolve_article(self, key: str) -> list[str]:
        """Article ids `key` names: an id, a unique id prefix (4+ characters), a path or URL."""
        if self.article(key):
            return [key]
        row = self.db.execute(
            "SELECT article_id FROM article_aliases WHERE alias = ?", [key]
        ).fetchone()
        if row:
            return [row[0]]
        if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
            return [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM articles WHERE id LIKE ? ORDER BY id", [key.lower() + "%"]
                )
            ]
        return []

    def remove_article(self, article_id: str) -> int:
        """Delete an article with everything that hangs off it; returns its claim count."""
        with self.transaction():
            claims = self.db.execute(
                "SELECT COUNT(*) FROM claims WHERE article_id = ?", [article_id]
            ).fetchone()[0]
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        return int(claims)

    def checked_claims(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """Stored claims joined with their verdicts (JSON columns decoded, evidence as rows)."""
        return read_checked_claims(
            lambda sql, params: self.db.query(sql, params), article_id=article_id
        )

    def update_verdict(self, claim_id: str, verdict: Verdict) -> None:
        with self.transaction():
            self._write_verdicts([(claim_id, verdict)], now_iso())

    # -- fetch sources and HTTP cache ------------------------------------------------------

    def upsert_source(self, name: str, url: str, kind: str, *, bundled: bool = False) -> None:
        with self.transaction():
            self.db.table("sources").upsert(
                {
                    "name": name,
                    "url": url,
                    "kind": kind,
                    "added_at": now_iso(),
                    "bundled": int(bundled),
                },
                pk="name",
            )

    def remove_source(self, name: str) -> bool:
        with self.transaction():
            cur = self.db.execute("DELETE FROM sources WHERE name = ?", [name])
        return cur.rowcount > 0

    def sources(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM sources ORDER BY name"))

    def http_cache(self, url: str) -> dict[str, Any] | None:
        try:
            return dict(self.db.table("http_cache").get(url))
        except sqlite_utils.db.NotFoundError:
            return None

    def set_http_cache(self, url: str, **fields: Any) -> None:
        with self.transaction():
            self.db.table("http_cache").upsert(
                {"url": url, "fetched_at": now_iso(), **fields}, pk="url"
            )

    # -- stats -----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind in ("independent", "self_reported"):
            rows = list(
                self.db.query(
                    "SELECT source, COUNT(*) n, MIN(as_of) first, MAX(as_of) last "
                    "FROM evaluations WHERE kind = ? AND document IS NULL "
                    "GROUP BY source ORDER BY source",
                    [kind],
                )
            )
            out[kind] = {
                "rows": sum(r["n"] for r in rows),
                "sources": {r["source"]: r["n"] for r in rows},
                "dates": {r["source"]: [r["first"], r["last"]] for r in rows},
            }
        out["models"] = self.db.table("models").count
        out["benchmarks"] = self.db.table("benchmarks").count
        out["models_with_evaluations"] = self.db.execute(
            "SELECT COUNT(DISTINCT model_id) FROM evaluations WHERE model_id IS NOT NULL"
        ).fetchone()[0]
        out["unresolved_model_names"] = self.db.execute(
            "SELECT COUNT(DISTINCT model) FROM evaluations WHERE model_id IS NULL"
        ).fetchone()[0]
        # names the registry does not know, with where they come from; a system scored under
        # its own name (a board that names no single model) is counted apart: not a model
        out["unresolved_models"] = [
            {"model": r["model"], "sources": r["sources"].split(","), "rows": r["n"]}
            for r in self.db.query(
                "SELECT model, GROUP_CONCAT(DISTINCT source) sources, COUNT(*) n "
                "FROM evaluations WHERE model_id IS NULL AND COALESCE(system, '') != model "
                "GROUP BY model ORDER BY model"
            )
        ]
        out["systems_without_one_model"] = self.db.execute(
            "SELECT COUNT(DISTINCT system) FROM evaluations "
            "WHERE model_id IS NULL AND COALESCE(system, '') = model"
        ).fetchone()[0]
        # resolved names whose registry entry lacks what a verdict needs to place the model
        out["incomplete_models"] = [
            {
                "model_id": r["id"],
                "missing": [k for k in ("org", "family", "release_date") if not r[k]],
                "names": r["names"],
            }
            for r in self.db.query(
                "SELECT m.id, m.org, m.family, m.release_date, COUNT(DISTINCT e.model) names "
                "FROM models m JOIN evaluations e ON e.model_id = m.id "
                "WHERE COALESCE(m.org, '') = '' OR COALESCE(m.family, '') = '' "
                "OR COALESCE(m.release_date, '') = '' GROUP BY m.id ORDER BY m.id"
            )
        ]
        out["prices"] = self.db.table("prices").count
        out["articles"] = self.db.table("articles").count
        out["claims"] = self.db.table("claims").count
        return out

    def has_article_url(self, url: str) -> bool:
        """Whether an article is stored under this URL (as fetched or as its canonical URL).

        The fetcher asks before trusting a 304: validators are only worth something while the
        article they stand for is still stored.
        """
        row = self.db.execute(
            "SELECT 1 FROM article_aliases WHERE alias = ? UNION ALL "
            "SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1",
            [url, url, url],
        ).fetchone()
        return row is not None

    # -- bundled evaluations (added for claimcheck.evaldata) -------------------------------

    def replace_bundled_evaluations(
        self, rows: Sequence[Evaluation], snapshots: Sequence[Snapshot]
    ) -> int:
        """Swap the bundled evaluations and their snapshots for new ones; returns rows stored.

        Rows from files the user imported (snapshots not marked bundled) are kept. Plain
        `executemany` rather than upserts: on first run this loads tens of thousands of rows,
        and a fresh store should be ready in well under a second. Call inside a transaction to
        make it part of a larger atomic load.
        """
        cols = list(_EVAL_COLUMNS)
        marks = ",".join("?" * len(cols))
        sql = f"INSERT OR REPLACE INTO evaluations ({','.join(cols)}) VALUES ({marks})"
        conn = self.db.conn
        with self.transaction():
            conn.execute(
                "DELETE FROM evaluations WHERE document IS NULL AND snapshot IN "
                "(SELECT sha256 FROM snapshots WHERE bundled = 1)"
            )
            conn.execute("DELETE FROM snapshots WHERE bundled = 1")
            conn.executemany(sql, (_eval_tuple(e) for e in rows))
            stamp = now_iso()
            conn.executemany(
                "INSERT OR IGNORE INTO snapshots (sha256, source, file_name, source_url, as_of, "
                "kind, rows, imported_at, bundled) VALUES (?,?,?,?,?,?,?,?,1)",
                [
                    (s.sha256, s.source, s.file_name, s.source_url, s.as_of, s.kind, n, stamp)
                    for s, n in _snapshot_counts(rows, snapshots)
                ],
            )
        return len(rows)

    def snapshots(self) -> list[dict[str, Any]]:
        """The files evaluations were imported from, newest import first."""
        return list(self.db.query("SELECT * FROM snapshots ORDER BY imported_at DESC, source"))

    def evaluations_named(self, model: str) -> list[Evaluation]:
        """Evaluations whose model is written exactly so (for names the registry cannot resolve)."""
        rows = self.db.query(
            "SELECT * FROM evaluations WHERE model = ? ORDER BY source, benchmark, metric", [model]
        )
        return [_eval_from_row(r) for r in rows]

    def copy_for_checking(self, path: Path) -> None:
        """Write a new store at `path` holding only what a Checker reads: the evaluations
        (without vendor tables parsed from checked documents) with the models and benchmarks
        they refer to, their snapshots, the prices and the metadata. It is what each Dask
        worker gets (`claimcheck.scale`): a private file, small even when thousands of checked
        articles are stored here, that no two processes ever write. The same data gives the
        same bytes, so its hash names the evidence."""
        Store(path).close()  # the schema, made as for any new store
        conn = self.db.conn
        conn.execute("ATTACH DATABASE ? AS copy", [str(path)])
        try:
            conn.execute("BEGIN")  # deferred: a reader here, the copy's only writer
            # rows keep their order: readers break ties by it, so a worker judges as we do
            # the models and benchmarks first: evaluations refer to them
            for table, where in (
                ("models", "ORDER BY rowid"),
                ("benchmarks", "ORDER BY rowid"),
                ("evaluations", "WHERE document IS NULL ORDER BY rowid"),
                ("snapshots", "ORDER BY rowid"),
                ("prices", "ORDER BY rowid"),
                ("meta", "ORDER BY rowid"),
            ):
                theirs = {r[1] for r in conn.execute(f"PRAGMA copy.table_info({table})")}
                cols = ", ".join(f'"{c}"' for c in self.db.table(table).columns_dict if c in theirs)
                conn.execute(
                    f"INSERT OR REPLACE INTO copy.{table} ({cols}) "
                    f"SELECT {cols} FROM main.{table} {where}"
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("DETACH DATABASE copy")
        with sqlite3.connect(path) as copy:  # one self-contained file, no -wal beside it
            copy.execute("PRAGMA journal_mode=DELETE")
        copy.close()

    def set_claim_date(self, article_id: str, claim_date: str | None) -> None:
        """Record the date an article's claims were judged as of (`check --as-of`), so
        `recheck` re-judges them as of the same date rather than the article's own."""
        with self.transaction():
            self.db.execute(
                "UPDATE claims SET claim_date = ? WHERE article_id = ?", [claim_date, article_id]
            )


# -- the bundled store, built once -----------------------------------------------------------

TEMPLATE_KIND = "store"


def template_key(data_dir: Path) -> str:
    """What a template store depends on: the bundled files, the schema and the code that loads
    them (so a changed loader or resolver in a source checkout never reuses an old build)."""
    from claimcheck import cache
    from claimcheck.evaldata import bundled_fingerprint

    here = Path(__file__).resolve().parent
    code = [here / name for name in ("store.py", "schema.py", "evaldata.py", "models.py")]
    code += sorted((here / "registry").glob("*.py"))  # the resolver the rows went through
    return cache.digest(
        f"store template schema {SCHEMA_VERSION}",
        bundled_fingerprint(data_dir),
        *(hashlib.sha256(p.read_bytes()).hexdigest() for p in code if p.is_file()),
    )


def bundled_template(data_dir: Path) -> Path | None:
    """A store holding just the bundled data, from the user cache (built there if missing).

    It is built with the normal schema code and `load_bundled`, so it is exactly the store a
    first run would build. None if the cache cannot be written.
    """
    from claimcheck import cache

    key = template_key(data_dir)
    found = cache.path_for(TEMPLATE_KIND, key, ".db")
    if found.is_file():
        return found
    return cache.publish(TEMPLATE_KIND, key, ".db", lambda tmp: _build_template(tmp, data_dir))


def _build_template(path: Path, data_dir: Path) -> None:
    from claimcheck.evaldata import bundled_fingerprint, bundled_signature, load_bundled

    store = Store(path)
    try:
        # one self-contained file to copy: no write-ahead log beside it
        store.db.execute("PRAGMA journal_mode=DELETE")
        load_bundled(store, data_dir)
        store.set_meta("bundled_fingerprint", bundled_fingerprint(data_dir))
        store.set_meta("bundled_signature", bundled_signature(data_dir))
    finally:
        store.close()


def create_from_template(path: Path, data_dir: Path) -> bool:
    """Create a new store at `path` as a copy of the bundled template. True if created.

    Does nothing if `path` exists (or the template cannot be had): the caller opens what is
    there. The copy is linked into place, which fails rather than replace a store another
    process created meanwhile.
    """
    import os
    import shutil
    import tempfile

    path = Path(path)
    if path.exists() or path.is_symlink():
        return False
    try:  # first make sure the store can go there at all, before building anything
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return False  # not our place to report: opening the store will say what is wrong
    tmp = Path(name)
    try:
        template = bundled_template(data_dir)
        if template is None:
            return False
        shutil.copyfile(template, tmp)
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        tmp.unlink(missing_ok=True)


class _Transaction:
    """BEGIN IMMEDIATE/COMMIT, or ROLLBACK on any exception. Nested use joins the outer one.

    BEGIN IMMEDIATE takes the write lock up front, so waiting for another writer happens here
    and nowhere in the middle of a batch: in slices of SQLite's busy timeout, with one notice
    through the store's `on_wait` so a user knows why nothing moves.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.db.conn
        self.owner = False

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            return
        store = self.store
        started = time.monotonic()
        noticed = False
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                waited = time.monotonic() - started
                if store.gave_up_waiting or waited >= store.lock_timeout:
                    store.gave_up_waiting = True
                    raise StoreBusy(
                        f"{store.path}: another process held the store's write lock for "
                        f"{waited:.0f} s (waited up to {store.lock_timeout:g} s; "
                        "CLAIMCHECK_LOCK_TIMEOUT sets how long)"
                    ) from exc
                if not noticed and store.on_wait is not None:
                    store.on_wait(
                        f"the store {store.path} is locked by another process; waiting up to "
                        f"{store.lock_timeout:g} s for it"
                    )
                noticed = True
        self.owner = True

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.owner:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _content_hash(document: Document) -> str:
    return document.sha256 or sha256_bytes(document.text.encode())


def _aliases(document: Document, canonical_url: str = "") -> list[str]:
    """The names an article is found by: its path or URL, and its canonical URL."""
    return list(dict.fromkeys(a for a in (document.path, canonical_url) if a and a != "-"))


def _with_document(e: Evaluation, document: str) -> Evaluation:
    from dataclasses import replace

    return replace(e, document=document)


def _mention_json(m: Mention) -> dict[str, Any]:
    return {"text": m.text, "id": m.id}


def claim_record(
    claim: Claim, cid: str, article_id: str, seq: int, claim_date: str | None
) -> dict[str, Any]:
    return {
        "id": cid,
        "article_id": article_id,
        "seq": seq,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "subject": claim.subject.text if claim.subject else None,
        "subject_id": claim.subject.id if claim.subject else None,
        "relation": claim.relation,
        "targets": json.dumps([_mention_json(m) for m in claim.targets]),
        "target_group": claim.target_group,
        "benchmarks": json.dumps([_mention_json(m) for m in claim.benchmarks]),
        "scope": claim.scope,
        "quantifier": claim.quantifier,
        "numbers": json.dumps(list(claim.numbers)),
        "settings": json.dumps(list(claim.settings)),
        "checkworthiness": claim.checkworthiness,
        "negated": int(claim.negated),
        "claim_date": claim_date,
    }


def claim_from_record(row: dict[str, Any]) -> Claim:
    def mentions(value: Any) -> tuple[Mention, ...]:
        items = json.loads(value) if isinstance(value, str) else (value or [])
        return tuple(Mention(text=m["text"], id=m.get("id")) for m in items)

    def strings(value: Any) -> tuple[str, ...]:
        items = json.loads(value) if isinstance(value, str) else (value or [])
        return tuple(items)

    subject = Mention(text=row["subject"], id=row.get("subject_id")) if row.get("subject") else None
    return Claim(
        text=row["text"],
        start=row["start"],
        end=row["end"],
        subject=subject,
        relation=row["relation"],
        targets=mentions(row["targets"]),
        target_group=row.get("target_group"),
        benchmarks=mentions(row["benchmarks"]),
        scope=row.get("scope") or "specific",
        quantifier=row.get("quantifier"),
        numbers=strings(row.get("numbers")),
        settings=strings(row.get("settings")),
        checkworthiness=row.get("checkworthiness") or 0.0,
        negated=bool(row.get("negated")),
    )


def verdict_record(verdict: Verdict, claim_id: str, stamp: str) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "verdict": verdict.verdict,
        "flags": json.dumps(list(verdict.flags)),
        "reasons": json.dumps(list(verdict.reasons)),
        "tally": verdict.tally,
        "judged_at": stamp,
        "evidence_snapshots": json.dumps(
            sorted({e.snapshot for e in verdict.evidence if e.snapshot})
        ),
    }


def verdict_from_record(row: dict[str, Any]) -> Verdict:
    def load(value: Any) -> list[Any]:
        return json.loads(value) if isinstance(value, str) else (value or [])

    return Verdict(
        verdict=row["verdict"],
        flags=tuple(load(row["flags"])),
        reasons=tuple(load(row["reasons"])),
        evidence=tuple(_evidence(e) for e in load(row["evidence"])),
        tally=row.get("tally"),
    )


def _evidence(row: dict[str, Any]) -> Evidence:
    """An evidence row as stored; a column added after the row was written (NULL) takes the
    field's default, and keys Evidence does not know are left out."""
    from dataclasses import MISSING, fields

    values: dict[str, Any] = {}
    for f in fields(Evidence):
        if f.name not in row:
            continue
        value = row[f.name]
        if value is None and f.default is not MISSING:
            value = f.default
        values[f.name] = value
    return Evidence(**values)


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _eval_tuple(e: Evaluation) -> tuple[Any, ...]:
    """An evaluation as a row in `_EVAL_COLUMNS` order (the fast path of bulk loading)."""
    return (
        evaluation_key(e),
        e.model,
        e.model_id,
        e.benchmark,
        e.benchmark_id,
        e.metric,
        e.score,
        e.ci_low,
        e.ci_high,
        e.stderr,
        e.setting,
        e.source,
        e.source_url,
        e.as_of,
        e.snapshot,
        e.notes,
        e.kind,
        e.reported_by,
        int(e.derived),
        e.document,
        e.system,
    )


def _snapshot_counts(
    rows: Sequence[Evaluation], snapshots: Sequence[Snapshot]
) -> list[tuple[Snapshot, int]]:
    counts: dict[str, int] = {}
    for e in rows:
        counts[e.snapshot] = counts.get(e.snapshot, 0) + 1
    return [(s, counts.get(s.sha256, 0)) for s in snapshots]
