"""Archive inputs: JSON Lines and Parquet files with one article per row, read in partitions.

A row has `text` and optionally `url`, `title`, `date` and `source`. Planning a run reads only
what it must to cut the file (newline positions of a JSON Lines file, a Parquet file's footer),
and each partition is then read on its own, by whichever process checks it, so no file is ever
loaded whole. A row that cannot be used (not JSON, no text, a date that is not one) becomes an
`ArchiveRow` with its id and the reason, never an exception that loses its neighbours.

A row's id says where it is: `crawl.jsonl:17` is line 17 (as an editor counts), and
`crawl.parquet#16` is row 16 (as pandas and DuckDB count, from 0).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.models import Document

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".parq")
FIELDS = ("text", "url", "title", "date", "source")
MAX_TEXT_BYTES = 20_000_000  # as for a file: an announcement is kilobytes
_BLOCK = 1 << 20


class ArchiveError(Exception):
    """An archive that cannot be planned at all; the message is one line naming the file."""


def archive_kind(path: str | os.PathLike[str]) -> str | None:
    """'jsonl' or 'parquet' for an archive file name, None for anything else."""
    name = str(path).lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


@dataclass(frozen=True)
class Partition:
    """A slice of one archive: rows [first_row, first_row + rows) of `archive`.

    For JSON Lines `start`/`end` are byte offsets (the slice begins at a line start) and rows
    are lines counted from 1; for Parquet they are row indices counted from 0. `archive` is
    the name as given (row ids use it); `path` is absolute, what a worker opens wherever its
    current directory is.
    """

    index: int
    archive: str
    kind: str
    start: int
    end: int
    first_row: int
    rows: int
    path: str = ""

    @property
    def file(self) -> str:
        return self.path or self.archive

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def describe(self) -> str:
        last = self.first_row + self.rows - 1
        unit = "lines" if self.kind == "jsonl" else "rows"
        return f"{self.archive} {unit} {self.first_row}-{last}"


@dataclass(frozen=True)
class ArchiveRow:
    """One row of a partition: a document to check, or the reason it cannot be one."""

    id: str
    document: Document | None = None
    error: str | None = None
    url: str = ""


@dataclass(frozen=True)
class ArchiveInfo:
    """What planning learnt about one archive file (recorded in the run's manifest)."""

    path: str
    kind: str
    bytes: int
    mtime_ns: int
    rows: int


def plan(paths: Sequence[str], partition_size: int) -> tuple[list[ArchiveInfo], list[Partition]]:
    """Cut every archive into partitions of at most `partition_size` rows, in input order."""
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    infos: list[ArchiveInfo] = []
    parts: list[Partition] = []
    for path in paths:
        kind = archive_kind(path)
        if kind is None:
            raise ArchiveError(f"{path}: not an archive (.jsonl, .ndjson, .parquet)")
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise ArchiveError(f"{path}: no such file") from None
        except OSError as exc:
            raise ArchiveError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if not Path(path).is_file():
            raise ArchiveError(f"{path}: not a regular file")
        planner = _plan_jsonl if kind == "jsonl" else _plan_parquet
        try:
            ranges = planner(path, partition_size)
        except OSError as exc:
            raise ArchiveError(f"{path}: cannot read ({exc.strerror or exc})") from None
        rows = sum(r[3] for r in ranges)
        infos.append(ArchiveInfo(path, kind, stat.st_size, stat.st_mtime_ns, rows))
        for start, end, first, count in ranges:
            parts.append(
                Partition(len(parts), path, kind, start, end, first, count, os.path.abspath(path))
            )
    return infos, parts


def _plan_jsonl(path: str, size: int) -> list[tuple[int, int, int, int]]:
    """Byte ranges of `size` lines each, found by counting newlines block by block."""
    cuts = [0]
    lines = 0  # complete lines seen so far
    offset = 0
    tail = False  # the bytes after the last newline are a line too
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            count = block.count(b"\n")
            if lines + count >= len(cuts) * size:
                pos = -1
                for _ in range(count):
                    pos = block.find(b"\n", pos + 1)
                    lines += 1
                    if lines == len(cuts) * size:
                        cuts.append(offset + pos + 1)
            else:
                lines += count
            offset += len(block)
            tail = not block.endswith(b"\n")
    total = lines + (1 if tail and offset else 0)
    if cuts[-1] < offset:
        cuts.append(offset)
    return [
        (a, b, 1 + i * size, min(size, total - i * size))
        for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False))
    ]


def _parquet_file(path: str) -> Any:
    from claimcheck.scale.extra import require

    pq = require("pyarrow.parquet", "reading Parquet archives")
    try:
        return pq.ParquetFile(path)
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid and friends
        raise ArchiveError(f"{path}: not a readable Parquet file ({exc})") from None


def _plan_parquet(path: str, size: int) -> list[tuple[int, int, int, int]]:
    pf = _parquet_file(path)
    pf.close()  # the footer is all planning needs, and it is read on opening
    names = pf.schema_arrow.names
    if "text" not in names:
        shown = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
        raise ArchiveError(f"{path}: no 'text' column (it has: {shown or 'none'})")
    total = pf.metadata.num_rows
    return [(a, min(a + size, total), a, min(size, total - a)) for a in range(0, total, size)]


# -- reading one partition ------------------------------------------------------------------


def read_partition(part: Partition) -> Iterator[ArchiveRow]:
    """Every row of `part` in order, each a document or an error; never raises for a row.

    When the slice itself cannot be read (the file vanished, a corrupt Parquet page) the rows
    not yet produced become one error row for the rest of the slice, so the partition still
    finishes and says what was lost.
    """
    reader = _jsonl_rows if part.kind == "jsonl" else _parquet_rows
    produced = 0
    try:
        for row in reader(part):
            produced += 1
            yield row
    except Exception as exc:  # noqa: BLE001 - OSError, and pyarrow's errors that are not
        yield _unreadable(part, produced, exc)


def _unreadable(part: Partition, produced: int, exc: BaseException) -> ArchiveRow:
    first = part.first_row + produced
    sep = ":" if part.kind == "jsonl" else "#"
    why = str(exc) or type(exc).__name__
    return ArchiveRow(
        id=f"{part.archive}{sep}{first}",
        error=f"cannot read {part.rows - produced} row(s) from here on: {why}",
    )


def _jsonl_rows(part: Partition) -> Iterator[ArchiveRow]:
    with open(part.file, "rb") as fh:
        fh.seek(part.start)
        line_no = part.first_row
        pos = part.start
        while pos < part.end:
            raw = fh.readline(MAX_TEXT_BYTES + 1)
            if not raw:
                break
            pos += len(raw)
            if len(raw) > MAX_TEXT_BYTES and not raw.endswith(b"\n"):
                pos += _skip_line(fh)
                yield ArchiveRow(f"{part.archive}:{line_no}", error="line too long for an article")
            elif raw.strip():
                yield _json_row(f"{part.archive}:{line_no}", raw)
            line_no += 1


def _skip_line(fh: Any) -> int:
    skipped = 0
    while chunk := fh.readline(_BLOCK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _json_row(row_id: str, raw: bytes) -> ArchiveRow:
    try:
        record = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return ArchiveRow(row_id, error=f"not JSON ({exc})")
    if not isinstance(record, dict):
        return ArchiveRow(row_id, error=f"not a JSON object but {type(record).__name__}")
    return to_row(row_id, record)


def _parquet_rows(part: Partition) -> Iterator[ArchiveRow]:
    pf = _parquet_file(part.file)
    try:
        yield from _parquet_slice(pf, part)
    finally:
        pf.close()


def _parquet_slice(pf: Any, part: Partition) -> Iterator[ArchiveRow]:
    present = set(pf.schema_arrow.names)
    columns = [f for f in FIELDS if f in present]
    groups, group_start, seen = [], None, 0
    for i in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(i).num_rows
        if seen < part.end and seen + n > part.start:
            groups.append(i)
            group_start = seen if group_start is None else group_start
        seen += n
    row = group_start or 0
    for batch in pf.iter_batches(batch_size=256, row_groups=groups, columns=columns):
        lo = max(part.start - row, 0)
        hi = min(part.end - row, batch.num_rows)
        if hi > lo:
            for offset, record in enumerate(batch.slice(lo, hi - lo).to_pylist()):
                yield to_row(f"{part.archive}#{row + lo + offset}", record)
        row += batch.num_rows
        if row >= part.end:
            break


# -- a row as a document --------------------------------------------------------------------


def to_row(row_id: str, record: dict[str, Any]) -> ArchiveRow:
    """A row's fields as a Document, read exactly as a file with that text would be.

    The text goes through the same reader as a file's bytes (HTML to text, front matter, the
    title and date found in the text); the row's own `title`, `date` and `source` win over
    what the text says.
    """
    from claimcheck.documents import DocumentError, document_from_bytes

    text = record.get("text")
    url = _string(record.get("url"))
    if not isinstance(text, str) or not text.strip():
        what = "no text" if text is None or text == "" else f"text is {type(text).__name__}"
        if isinstance(text, str):
            what = "empty text"
        return ArchiveRow(row_id, error=f"{what}; each row needs a 'text' string", url=url)
    data = text.encode("utf-8", errors="replace")
    if len(data) > MAX_TEXT_BYTES:
        return ArchiveRow(row_id, error=f"text too large for an article ({len(data):,} bytes)")
    try:
        date = _date(record.get("date"))
    except ValueError as exc:
        return ArchiveRow(row_id, error=str(exc), url=url)
    try:
        doc = document_from_bytes(data, path=url or row_id)
    except DocumentError as exc:
        return ArchiveRow(row_id, error=str(exc), url=url)
    title = _string(record.get("title"))
    doc = replace(
        doc,
        title=" ".join(title.split())[:300] or doc.title,
        date=date or doc.date,
        source=_string(record.get("source")),
    )
    return ArchiveRow(row_id, document=doc, url=url)


def _string(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO string, a date or a timestamp; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
    raise ValueError(f"date {shown} is not a date (YYYY-MM-DD)")
