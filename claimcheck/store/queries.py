"""The read queries the store and the app's fast first screen share.

Kept apart from the store's other modules so `tui/reader.py` can run them over plain `sqlite3`
while both read exactly the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

ARTICLES_SQL = """
SELECT a.id, a.url, a.title, a.published, a.source, a.fetched_at, a.checked_at,
       SUM(v.verdict = 'supported') AS supported,
       SUM(v.verdict = 'overstated') AS overstated,
       SUM(v.verdict = 'contradicted') AS contradicted,
       SUM(v.verdict = 'unverifiable') AS unverifiable,
       COUNT(c.id) AS claims
FROM articles a
LEFT JOIN claims c ON c.article_id = a.id
LEFT JOIN verdicts v ON v.claim_id = c.id
GROUP BY a.id
ORDER BY COALESCE(a.published, '') DESC, a.title
"""


def checked_claims_sql(*, one_article: bool) -> str:
    """Claims joined with their verdicts and article, optionally for one article (`?`)."""
    where = "WHERE c.article_id = ?" if one_article else ""
    return f"""
SELECT c.*, v.verdict, v.flags, v.reasons, v.tally, v.judged_at,
       a.title AS article_title, a.url AS article_url, a.published AS article_date
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN verdicts v ON v.claim_id = c.id
{where}
ORDER BY a.published DESC, c.article_id, c.seq
"""


JSON_COLUMNS = ("targets", "benchmarks", "numbers", "settings", "flags", "reasons")


def decode_claim_row(row: dict[str, Any]) -> dict[str, Any]:
    """Decode the JSON columns of a checked-claim row in place (empty ones become [])."""
    for key in JSON_COLUMNS:
        row[key] = json.loads(row[key]) if row.get(key) else []
    return row


def evidence_sql(*, one_article: bool) -> str:
    """The evidence rows of every claim (or one article's, `?`), in claim and row order."""
    if one_article:
        return (
            "SELECT e.* FROM evidence e JOIN claims c ON c.id = e.claim_id "
            "WHERE c.article_id = ? ORDER BY e.claim_id, e.seq"
        )
    return "SELECT * FROM evidence ORDER BY claim_id, seq"


Query = Callable[[str, Sequence[Any]], Iterable[Any]]


def read_checked_claims(query: Query, article_id: str | None = None) -> list[dict[str, Any]]:
    """Checked claims (one article's, or all), JSON columns decoded and each claim's
    evidence rows attached as dicts of Evidence's fields. `query(sql, params)` returns rows
    that `dict()` accepts: the store and the app's plain-sqlite reader share this."""
    one = bool(article_id)
    params = [article_id] if one else []
    evidence: dict[str, list[dict[str, Any]]] = {}
    for row in query(evidence_sql(one_article=one), params):
        item = dict(row)
        claim_id = item.pop("claim_id")
        item.pop("seq", None)
        evidence.setdefault(claim_id, []).append(item)
    rows = []
    for row in query(checked_claims_sql(one_article=one), params):
        claim = decode_claim_row(dict(row))
        claim["evidence"] = evidence.get(claim["id"], [])
        rows.append(claim)
    return rows
