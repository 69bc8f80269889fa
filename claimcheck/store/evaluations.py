"""The evaluations side of the store: registries, imported rows, prices, the judge's index.

What the judge reads on every check goes through plain `sqlite3` (`_evaluations` builds the
rows); the writes use sqlite-utils' upserts.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from claimcheck.models import Evaluation, Price, Snapshot
from claimcheck.store.base import StoreBase, now_iso
from claimcheck.store.records import (
    _EVAL_COLUMNS,
    _EVAL_SELECT,
    _eval_from_row,
    _eval_record,
    _eval_tuple,
    _evaluations,
    _snapshot_counts,
)
from claimcheck.store.schema import SUMMARY_KEY

# bump when what `_summarise` computes changes, so summaries kept in stores are recomputed
_SUMMARY_VERSION = 1

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


def unresolve_unknown_ids(conn: sqlite3.Connection, records: list[dict[str, Any]]) -> None:
    """Set a record's model or benchmark id the store's registry does not have to None."""
    for col, table in (("model_id", "models"), ("benchmark_id", "benchmarks")):
        ids = sorted({r[col] for r in records if r.get(col)})
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            known.update(
                row[0]
                for row in conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
            )
        for r in records:
            if r.get(col) and r[col] not in known:
                r[col] = None


class EvaluationStore(StoreBase):
    """Registries, evaluations, snapshots and prices (see `Store`)."""

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
                self.conn.execute(f"DELETE FROM {name}")
            self.db.table("models").insert_all(models, pk="id")
            self.db.table("model_aliases").insert_all(model_aliases, pk=("alias", "model_id"))
            self.db.table("benchmarks").insert_all(benchmarks, pk="id")
            self.db.table("benchmark_aliases").insert_all(
                benchmark_aliases, pk=("alias", "benchmark_id")
            )
            # an id the new registry no longer has is unresolved now (foreign keys hold)
            for col, table in (("model_id", "models"), ("benchmark_id", "benchmarks")):
                self.conn.execute(
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
            unresolve_unknown_ids(self.conn, records)
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

    def has_snapshot(self, sha256: str) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM snapshots WHERE sha256 = ?", [sha256]).fetchone()
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
        return _evaluations(self.conn.execute(sql, params))

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
            return _evaluations(self.conn.execute(f"SELECT {_EVAL_SELECT} {tail}", params))
        rows = self.conn.execute(f"SELECT id, {_EVAL_SELECT} {tail}", params).fetchall()
        fresh = [r for r in rows if r[0] not in known]
        for row, e in zip(fresh, _evaluations(r[1:] for r in fresh), strict=True):
            known[row[0]] = e
        return [known[r[0]] for r in rows]

    def index_summary(self, until: str | None = None) -> IndexSummary:
        """What the judge's index derives from all its rows, for an index read on demand.

        The summary of all rows (no `until`) is kept in `meta` once computed, until the rows
        change (the schema's triggers drop it): four scans of every row cost more than the
        rest of a one-file check's reads together.
        """
        if until:
            return self._summarise(until)
        kept = self.get_meta(SUMMARY_KEY)
        if kept is not None:
            data = json.loads(kept)
            if data.get("version") == _SUMMARY_VERSION:
                return IndexSummary(
                    data["rows"],
                    data["first_seen"],
                    data["system_benchmarks"],
                    [tuple(s) for s in data["slices"]],
                )
        summary = self._summarise(None)
        self._keep_summary(summary)
        return summary

    def _keep_summary(self, summary: IndexSummary) -> None:
        """Keep the summary in `meta` if the store can be written now; never wait for it (a
        reader does not queue behind another process's write) and never fail a read over it."""
        value = json.dumps({"version": _SUMMARY_VERSION, **asdict(summary)})
        conn = self.conn
        if conn.in_transaction:
            return  # inside a batch the rows may still change before it commits
        (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [SUMMARY_KEY, value],
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            pass  # locked, read-only or full: the next read computes it again
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")

    def _summarise(self, until: str | None) -> IndexSummary:
        where, params = _INDEXED, []
        if until:
            where += " AND as_of <= ?"
            params.append(until)
        conn = self.conn
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
        rows = self.conn.execute(f"{sql} {_INDEX_ORDER}", params)
        return list(dict.fromkeys(mid for (mid,) in rows))

    def iter_evaluations(self) -> Iterator[Evaluation]:
        for r in self._rows("SELECT * FROM evaluations"):
            yield _eval_from_row(r)

    def delete_document_evaluations(self, document: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM evaluations WHERE document = ?", [document])

    # -- prices ----------------------------------------------------------------------------

    def replace_prices(self, prices: Iterable[Price]) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM prices")
            self.db.table("prices").insert_all(
                (asdict(p) for p in prices), pk=("model_key", "provider"), replace=True
            )

    def prices(self, model_ids: Iterable[str]) -> list[Price]:
        ids = list(model_ids)
        if not ids:
            return []
        rows = self._rows(
            f"SELECT * FROM prices WHERE model_id IN ({','.join('?' * len(ids))})", ids
        )
        return [Price(**r) for r in rows]

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
        conn = self.conn
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
        return list(self._rows("SELECT * FROM snapshots ORDER BY imported_at DESC, source"))

    def evaluations_named(self, model: str) -> list[Evaluation]:
        """Evaluations whose model is written exactly so (for names the registry cannot resolve)."""
        rows = self._rows(
            "SELECT * FROM evaluations WHERE model = ? ORDER BY source, benchmark, metric", [model]
        )
        return [_eval_from_row(r) for r in rows]
