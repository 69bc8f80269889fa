"""What every leaderboard importer shares: the file context, row helpers and the one error type.

An importer turns one published file into `Evaluation` rows exactly as the reference table
(`independent.csv`) has them. What a file does not say about itself (the commit URL it was taken
from, the date of that commit) comes from the pinned manifest, keyed by the file's SHA-256, or
from the user (`--source-url`, `--as-of`) for a new release.
"""

from __future__ import annotations

import hashlib
import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimcheck.models import Evaluation, Price


class ImportFormatError(ValueError):
    """A file could not be imported: the message is one line naming the file and where."""

    def __init__(self, path: Path | str, message: str, where: str | None = None) -> None:
        self.path = str(path)
        self.where = where
        self.reason = " ".join(str(message).split())
        loc = f"{self.path}: {where}" if where else self.path
        super().__init__(f"{loc}: {self.reason}")


@dataclass(frozen=True)
class FileMeta:
    """Provenance of a known snapshot: the pinned URL and the date the file was published."""

    source_url: str
    as_of: str
    note: str = ""  # what the maintainers of this table know about the file (kept in notes)


@dataclass
class FileContext:
    """One file being imported: its bytes, hash and provenance (manifest or user overrides)."""

    path: Path
    data: bytes
    sha256: str
    source_url: str
    as_of: str
    as_of_known: bool  # False when as_of fell back to the file's modification date
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(self.path, f"not UTF-8 text ({exc.reason})") from exc

    def error(self, message: str, where: str | None = None) -> ImportFormatError:
        return ImportFormatError(self.path, message, where)

    def repo_path(self) -> str:
        """The file's path in its repository (from the pinned URL), else its name."""
        match = re.search(r"/blob/[^/]+/(.+)$", self.source_url)
        return match.group(1) if match else self.path.name

    def check_record(self, rec: dict[Any, Any], line: int) -> None:
        """Reject a CSV record that shows the file is cut off or of another format.

        More fields than the header: not this format. Fewer: tolerated inside the file
        (LiveBench publishes ragged rows, read as blanks) but not as the last record of a
        file that does not end with a newline, which is what a cut-off download looks like.
        """
        if None in rec:
            raise self.error("more fields than the header", f"line {line}")
        if any(v is None for v in rec.values()) and self._cut_at(line):
            raise self.error("last row is incomplete (truncated file?)", f"line {line}")

    def _cut_at(self, line: int) -> bool:
        if self.data.endswith((b"\n", b"\r")):
            return False
        return line >= self.data.count(b"\n") + 1

    def row(self, **fields: Any) -> Evaluation:
        """An Evaluation with this file's source URL, date and snapshot filled in."""
        fields.setdefault("source_url", self.source_url)
        fields.setdefault("as_of", self.as_of)
        fields.setdefault("snapshot", self.sha256)
        return Evaluation(**fields)


MAX_FILE_BYTES = 500_000_000  # the largest published leaderboard file is tens of megabytes


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_date(path: Path) -> str:
    """The file's modification date (UTC), the fallback as_of for a file with no date inside."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return datetime.now(UTC).date().isoformat()
    return datetime.fromtimestamp(stamp, UTC).date().isoformat()


def open_file(
    path: Path,
    manifest: dict[str, FileMeta],
    *,
    source_url: str | None = None,
    as_of: str | None = None,
) -> FileContext:
    """Read a file and settle its provenance: user override > pinned manifest > file date."""
    from claimcheck.files import read_bounded

    path = Path(path)
    try:
        # bounded: a FIFO or /dev/zero named as a leaderboard file must not hang or swell
        data = read_bounded(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise ImportFormatError(path, f"cannot read: {exc.strerror or exc}") from exc
    digest = sha256_of(data)
    known = manifest.get(digest)
    if as_of is not None:
        _check_date(path, as_of)
    url = source_url if source_url is not None else (known.source_url if known else "")
    date = as_of or (known.as_of if known else None)
    return FileContext(
        path=path,
        data=data,
        sha256=digest,
        source_url=url,
        as_of=date or file_date(path),
        as_of_known=date is not None,
        note=known.note if known else "",
    )


def _check_date(path: Path, value: str) -> None:
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError as exc:
        raise ImportFormatError(path, f"--as-of must be YYYY-MM-DD, got {value!r}") from exc


def to_float(value: Any) -> float | None:
    """A published number, or None for the blanks and dashes leaderboards use for 'no result'."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        f = float(value)
        return None if math.isnan(f) else f
    text = str(value).strip().rstrip("%").strip()
    if text in ("", "-", "—", "–", "N/A", "n/a", "NA", "nan", "NaN", "None", "null"):
        return None
    try:
        f = float(text)
    except ValueError:
        return None
    return None if math.isnan(f) else f


def r4(value: float) -> float:
    """Scores are kept to 4 decimals, as the reference table publishes them."""
    return round(value, 4) + 0.0


def mean(values: list[float]) -> float:
    """The correctly rounded mean (statistics.mean sums exactly, so ties round as published)."""
    return statistics.mean(values)


def fmt(value: float, digits: int = 3) -> str:
    """A number in notes: rounded, without trailing zeros ('0.51', '0', '1.276')."""
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plain(value: Any) -> str:
    """A raw value as text in notes: ints without '.0' only where the source had an int."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return str(value)
    return str(value)


Parser = Callable[[FileContext], "list[Evaluation]"]
PriceParser = Callable[[FileContext], "list[Price]"]


@dataclass(frozen=True)
class Importer:
    """A leaderboard format registered by source name.

    `parse` reads a file into evaluations with ids unresolved; `sources` are the source ids
    its rows carry (one file can feed two, e.g. WildBench's copy of the Arena Elo).
    """

    name: str
    description: str
    parser: Callable[[FileContext], list[Any]]
    manifest: dict[str, FileMeta]
    sources: tuple[str, ...]
    kind: str = "evaluations"  # evaluations | prices
    patterns: tuple[str, ...] = ()  # file names this format is published under (for docs)

    def parse(
        self, path: Path, *, source_url: str | None = None, as_of: str | None = None
    ) -> list[Any]:
        """Parse one file. Raises ImportFormatError with a one-line message on bad input."""
        ctx = open_file(Path(path), self.manifest, source_url=source_url, as_of=as_of)
        return self.parse_context(ctx)

    def parse_context(self, ctx: FileContext) -> list[Any]:
        try:
            return self.parser(ctx)
        except ImportFormatError:
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            # a file of the wrong shape: say so in one line rather than with a traceback
            raise ImportFormatError(
                ctx.path, f"not a {self.name} file ({type(exc).__name__}: {exc})"
            ) from exc
