"""Rows to dataclasses and back: how evaluations, claims and verdicts are laid out in SQLite.

Pure functions over `claimcheck.models`, shared by the modules that write and read them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from claimcheck.models import Claim, Document, Evaluation, Evidence, Mention, Snapshot, Verdict

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
