"""`Store`: the one place that talks to SQLite, assembled from its parts.

The store is a plain SQLite file (open it with Datasette or the sqlite3 shell) holding the
registries, the evaluations and what has been checked. It is created on first use from the
bundled data. Every write is an idempotent upsert keyed on content, inside one transaction per
batch, so re-running anything never duplicates and a failure leaves nothing half-written.

Each part is a class over the same connection (`StoreBase`): checked documents
(`ArticleStore`), evaluations and the judge's index (`EvaluationStore`), the bundled data
(`BundledStore`); this module adds opening a store by its settings, the fetcher's sources and
HTTP cache, statistics, and the copy a Dask worker checks against.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimcheck.store.articles import ArticleStore
from claimcheck.store.base import StoreError, describe_sqlite_error, now_iso
from claimcheck.store.template import BundledStore, create_from_template


class Store(ArticleStore, BundledStore):
    """A claimcheck database. Create one per thread (SQLite connections are not shareable)."""

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
            cur = self.conn.execute("DELETE FROM sources WHERE name = ?", [name])
        return cur.rowcount > 0

    def sources(self) -> list[dict[str, Any]]:
        return list(self._rows("SELECT * FROM sources ORDER BY name"))

    def http_cache(self, url: str) -> dict[str, Any] | None:
        return next(self._rows("SELECT * FROM http_cache WHERE url = ?", [url]), None)

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
                self._rows(
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
        out["models_with_evaluations"] = self.conn.execute(
            "SELECT COUNT(DISTINCT model_id) FROM evaluations WHERE model_id IS NOT NULL"
        ).fetchone()[0]
        out["unresolved_model_names"] = self.conn.execute(
            "SELECT COUNT(DISTINCT model) FROM evaluations WHERE model_id IS NULL"
        ).fetchone()[0]
        # names the registry does not know, with where they come from; a system scored under
        # its own name (a board that names no single model) is counted apart: not a model
        out["unresolved_models"] = [
            {"model": r["model"], "sources": r["sources"].split(","), "rows": r["n"]}
            for r in self._rows(
                "SELECT model, GROUP_CONCAT(DISTINCT source) sources, COUNT(*) n "
                "FROM evaluations WHERE model_id IS NULL AND COALESCE(system, '') != model "
                "GROUP BY model ORDER BY model"
            )
        ]
        out["systems_without_one_model"] = self.conn.execute(
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
            for r in self._rows(
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

    def copy_for_checking(self, path: Path) -> None:
        """Write a new store at `path` holding only what a Checker reads: the evaluations
        (without vendor tables parsed from checked documents) with the models and benchmarks
        they refer to, their snapshots, the prices and the metadata. It is what each Dask
        worker gets (`claimcheck.scale`): a private file, small even when thousands of checked
        articles are stored here, that no two processes ever write. The same data gives the
        same bytes, so its hash names the evidence."""
        Store(path).close()  # the schema, made as for any new store
        conn = self.conn
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
