"""What an archive run writes, and how it is read back.

Each partition becomes two files of the same name: `claims/part-NNNNN.parquet` (one row per
claim: its document, the claim as the JSON report spells it, its verdict, reasons and
evidence) and `documents/part-NNNNN.parquet` (one row per input row: its id, what was read,
how many claims of each verdict, the vendor table parsed from it, or the error that stopped
it). With `fmt="jsonl"` the same rows are JSON Lines. A file appears whole or not at all (it is
written beside its name and renamed), so a worker that dies mid-write leaves nothing behind
that a re-run could mistake for finished work; `_done/part-NNNNN.json` is written last and is
what "finished" means.

The Parquet schema is written out rather than inferred, so every partition has the same
columns even when one has no claims or no errors; the nested parts (evidence, vendor rows)
follow the dataclasses, so a field added there appears here too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import types
import typing
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.models import (
    VERDICTS,
    CheckedClaim,
    CheckedDocument,
    Claim,
    Evaluation,
    Evidence,
    Mention,
    Verdict,
)
from claimcheck.scale.archive import ArchiveRow, Partition
from claimcheck.text import dumps_json

FORMATS = ("parquet", "jsonl")
MANIFEST = "manifest.json"
DONE = "_done"
ERROR_SAMPLES = 5  # error rows a partition reports by name; the documents file has them all

# the columns before the claim's own fields: which document it came from
_CLAIM_CONTEXT = ("document", "url", "title", "date", "source", "claim")


def claim_rows(row: ArchiveRow, checked: CheckedDocument) -> list[dict[str, Any]]:
    """One row per claim: the document it is in, then the claim as the JSON report has it."""
    from claimcheck.report import claim_dict

    doc = checked.document
    context = {"document": row.id, "url": row.url, "title": doc.title, "date": doc.date}
    context["source"] = doc.source
    return [{**context, "claim": i, **claim_dict(cc)} for i, cc in enumerate(checked.claims)]


def document_row(row: ArchiveRow, checked: CheckedDocument | None) -> dict[str, Any]:
    """One row per input row: a checked document's tally, or the reason it has none."""
    doc = checked.document if checked else row.document
    tally = Counter(cc.verdict.verdict for cc in checked.claims) if checked else Counter()
    error = row.error or (checked.error if checked else None)
    return {
        "id": row.id,
        "url": row.url,
        "title": doc.title if doc else "",
        "date": doc.date if doc else None,
        "source": doc.source if doc else "",
        "sha256": doc.sha256 if doc else "",
        "claims": len(checked.claims) if checked else 0,
        **{v: tally[v] for v in VERDICTS},
        "error": error,
        "vendor_rows": [_plain(e) for e in checked.vendor_rows] if checked else [],
    }


def _plain(e: Evaluation) -> dict[str, Any]:
    """asdict without its deep copy: an Evaluation holds only plain values."""
    return {f.name: getattr(e, f.name) for f in dataclasses.fields(e)}


# -- reading results back as the pipeline's data ---------------------------------------------


def checked_claim(row: dict[str, Any]) -> CheckedClaim:
    """A claims row back as a CheckedClaim (what the store keeps of it survives the trip)."""

    def mention(m: dict[str, Any] | None) -> Mention | None:
        return Mention(text=m["text"], id=m.get("id")) if m else None

    claim = Claim(
        text=row["text"],
        start=row["start"],
        end=row["end"],
        subject=mention(row.get("subject")),
        relation=row["relation"],
        targets=tuple(Mention(m["text"], m.get("id")) for m in row.get("targets") or ()),
        target_group=row.get("target_group"),
        benchmarks=tuple(Mention(m["text"], m.get("id")) for m in row.get("benchmarks") or ()),
        scope=row.get("scope") or "specific",
        quantifier=row.get("quantifier"),
        numbers=tuple(row.get("numbers") or ()),
        settings=tuple(row.get("settings") or ()),
        checkworthiness=row.get("checkworthiness") or 0.0,
        negated=bool(row.get("negated")),
    )
    names = {f.name for f in dataclasses.fields(Evidence)}
    verdict = Verdict(
        verdict=row["verdict"],
        flags=tuple(row.get("flags") or ()),
        reasons=tuple(row.get("reasons") or ()),
        evidence=tuple(
            Evidence(**{k: v for k, v in e.items() if k in names})
            for e in row.get("evidence") or ()
        ),
        tally=row.get("tally"),
    )
    return CheckedClaim(claim, verdict)


def vendor_rows(row: dict[str, Any]) -> tuple[Evaluation, ...]:
    names = {f.name for f in dataclasses.fields(Evaluation)}
    return tuple(
        Evaluation(**{k: v for k, v in e.items() if k in names}) for e in row["vendor_rows"] or ()
    )


# -- files ----------------------------------------------------------------------------------


def part_path(out: Path, table: str, part: Partition | int, fmt: str) -> Path:
    index = part if isinstance(part, int) else part.index
    return out / table / f"part-{index:05d}.{fmt}"


def write_rows(path: Path, rows: Sequence[dict[str, Any]], table: str, fmt: str) -> None:
    """Write `rows` of `table` ('claims' or 'documents') to `path`, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = claims_schema() if table == "claims" else documents_schema()
            pq.write_table(pa.Table.from_pylist(list(rows), schema=schema), tmp)
        elif fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(dumps_json(row) + "\n")
        else:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of one part file, as dicts (Parquet or JSON Lines, by suffix)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(path).to_pylist())
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# -- a partition's outcome ------------------------------------------------------------------


@dataclass(frozen=True)
class PartitionResult:
    """What checking one partition produced: counts for the manifest and the exit code."""

    index: int
    documents: int = 0  # rows read (checked documents and error rows)
    errors: int = 0
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the checking process's CPU time, less sensitive to load
    error_samples: tuple[tuple[str, str], ...] = ()  # (row id, reason), the first few
    fingerprint: str = ""
    worker: str = ""  # host:pid of the process that checked it

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["error_samples"] = [list(s) for s in self.error_samples]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PartitionResult:
        names = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in data.items() if k in names}
        data["error_samples"] = tuple(tuple(s) for s in data.get("error_samples") or ())
        return cls(**data)


def summarise(
    index: int,
    doc_rows: Iterable[dict[str, Any]],
    seconds: float,
    fingerprint: str,
    cpu_seconds: float = 0.0,
) -> PartitionResult:
    verdicts: Counter[str] = Counter()
    documents = errors = claims = 0
    samples: list[tuple[str, str]] = []
    for row in doc_rows:
        documents += 1
        claims += row["claims"]
        verdicts.update({v: row[v] for v in VERDICTS if row[v]})
        if row["error"]:
            errors += 1
            if len(samples) < ERROR_SAMPLES:
                samples.append((row["id"], row["error"]))
    return PartitionResult(
        index=index,
        documents=documents,
        errors=errors,
        claims=claims,
        verdicts=dict(verdicts),
        seconds=round(seconds, 3),
        cpu_seconds=round(cpu_seconds, 3),
        error_samples=tuple(samples),
        fingerprint=fingerprint,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


def write_done(out: Path, result: PartitionResult) -> None:
    path = out / DONE / f"part-{result.index:05d}.json"
    write_json(path, result.to_json())


def read_done(out: Path, index: int) -> PartitionResult | None:
    path = out / DONE / f"part-{index:05d}.json"
    try:
        return PartitionResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or damaged: the partition is done again


def write_json(path: Path, data: Any) -> None:
    """Write a JSON file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- the Parquet schema, from the report's claim shape and the dataclasses ------------------


def claims_schema() -> Any:
    import pyarrow as pa

    mention = pa.struct([("text", pa.string()), ("id", pa.string())])
    strings = pa.list_(pa.string())
    return pa.schema(
        [
            ("document", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("date", pa.string()),
            ("source", pa.string()),
            ("claim", pa.int32()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("subject", mention),
            ("relation", pa.string()),
            ("targets", pa.list_(mention)),
            ("target_group", pa.string()),
            ("benchmarks", pa.list_(mention)),
            ("scope", pa.string()),
            ("quantifier", pa.string()),
            ("numbers", strings),
            ("checkworthiness", pa.float64()),
            ("verdict", pa.string()),
            ("flags", strings),
            ("reasons", strings),
            ("evidence", pa.list_(arrow_type(Evidence))),
            ("tally", pa.string()),
            ("settings", strings),
            ("negated", pa.bool_()),
        ]
    )


def documents_schema() -> Any:
    import pyarrow as pa

    counts = [(v, pa.int32()) for v in VERDICTS]
    return pa.schema(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("date", pa.string()),
            ("source", pa.string()),
            ("sha256", pa.string()),
            ("claims", pa.int32()),
            *counts,
            ("error", pa.string()),
            ("vendor_rows", pa.list_(arrow_type(Evaluation))),
        ]
    )


def arrow_type(tp: Any) -> Any:
    """The Arrow type of a (dataclass) type: structs, lists for tuples, Optional as nullable."""
    import pyarrow as pa

    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(tp)])
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return arrow_type(inner)
    if origin is typing.Literal:
        return pa.string()
    if origin is tuple:
        return pa.list_(arrow_type(typing.get_args(tp)[0]))
    scalars = {str: pa.string(), float: pa.float64(), int: pa.int64(), bool: pa.bool_()}
    if tp in scalars:
        return scalars[tp]
    raise TypeError(f"no Arrow type for {tp!r}")
