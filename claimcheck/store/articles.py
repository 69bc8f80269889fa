"""The checked documents in the store: articles with their aliases and versions, claims,
verdicts and evidence.

`save` writes a checked document in one transaction, every table's rows in one batch; the
readers give the rows the CLI, the app and the exports show.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from claimcheck.models import CheckedDocument, Claim, Document, Evaluation, Verdict
from claimcheck.store.base import StoreBase, now_iso
from claimcheck.store.evaluations import unresolve_unknown_ids
from claimcheck.store.queries import ARTICLES_SQL, read_checked_claims
from claimcheck.store.records import (
    _EVAL_COLUMNS,
    _aliases,
    _content_hash,
    _eval_record,
    _with_document,
    claim_record,
    verdict_record,
)
from claimcheck.store.schema import EVIDENCE_FIELDS


class ArticleStore(StoreBase):
    """Articles, claims and verdicts (see `Store`)."""

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
            row = self.conn.execute(
                "SELECT a.id, a.content_hash FROM article_aliases x JOIN articles a "
                "ON a.id = x.article_id WHERE x.alias = ?",
                [alias],
            ).fetchone()
            if row:
                by_alias = row
                break
        found = self.conn.execute(
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
        others = self.conn.execute(
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
        conn = self.conn
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
                unresolve_unknown_ids(self.conn, records)
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
        while self.conn.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone():
            aid = hashlib.sha1(aid.encode()).hexdigest()[:16]  # an old path-keyed id collided
        return aid

    def _move_aliases(self, aliases: Sequence[str], aid: str) -> None:
        """Point `aliases` at `aid`; an article left with no alias and no other way to be
        found (it was only ever that path) is the superseded text of it, and goes."""
        marks = ",".join("?" * len(aliases))
        left = [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT article_id FROM article_aliases WHERE alias IN ({marks}) "
                "AND article_id != ?",
                [*aliases, aid],
            )
        ]
        self.conn.execute(
            f"UPDATE article_aliases SET article_id = ? WHERE alias IN ({marks})", [aid, *aliases]
        )
        for old in left:
            if not self.conn.execute(
                "SELECT 1 FROM article_aliases WHERE article_id = ? LIMIT 1", [old]
            ).fetchone():
                self.conn.execute("DELETE FROM articles WHERE id = ?", [old])

    def _write_verdicts(self, verdicts: Sequence[tuple[str, Verdict]], stamp: str) -> None:
        """Insert or replace the verdicts of these claims and their evidence rows, batched."""
        conn = self.conn
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
        return list(self._rows(ARTICLES_SQL))

    def article(self, article_id: str) -> dict[str, Any] | None:
        return next(self._rows("SELECT * FROM articles WHERE id = ?", [article_id]), None)

    def article_aliases(self, article_id: str) -> list[str]:
        """The paths and URLs an article was read from, oldest first."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT alias FROM article_aliases WHERE article_id = ? ORDER BY added_at, rowid",
                [article_id],
            )
        ]

    def resolve_article(self, key: str) -> list[str]:
        """Article ids `key` names: an id, a unique id prefix (4+ characters), a path or URL."""
        if self.article(key):
            return [key]
        row = self.conn.execute(
            "SELECT article_id FROM article_aliases WHERE alias = ?", [key]
        ).fetchone()
        if row:
            return [row[0]]
        if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
            return [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM articles WHERE id LIKE ? ORDER BY id", [key.lower() + "%"]
                )
            ]
        return []

    def remove_article(self, article_id: str) -> int:
        """Delete an article with everything that hangs off it; returns its claim count."""
        with self.transaction():
            claims = self.conn.execute(
                "SELECT COUNT(*) FROM claims WHERE article_id = ?", [article_id]
            ).fetchone()[0]
            self.conn.execute("DELETE FROM articles WHERE id = ?", [article_id])
        return int(claims)

    def checked_claims(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """Stored claims joined with their verdicts (JSON columns decoded, evidence as rows)."""
        return read_checked_claims(
            lambda sql, params: self._rows(sql, params), article_id=article_id
        )

    def update_verdict(self, claim_id: str, verdict: Verdict) -> None:
        with self.transaction():
            self._write_verdicts([(claim_id, verdict)], now_iso())

    def has_article_url(self, url: str) -> bool:
        """Whether an article is stored under this URL (as fetched or as its canonical URL).

        The fetcher asks before trusting a 304: validators are only worth something while the
        article they stand for is still stored.
        """
        row = self.conn.execute(
            "SELECT 1 FROM article_aliases WHERE alias = ? UNION ALL "
            "SELECT 1 FROM articles WHERE url = ? OR canonical_url = ? LIMIT 1",
            [url, url, url],
        ).fetchone()
        return row is not None

    def set_claim_date(self, article_id: str, claim_date: str | None) -> None:
        """Record the date an article's claims were judged as of (`check --as-of`), so
        `recheck` re-judges them as of the same date rather than the article's own."""
        with self.transaction():
            self.conn.execute(
                "UPDATE claims SET claim_date = ? WHERE article_id = ?", [claim_date, article_id]
            )
