"""The inputs of a check, in order: files, directories walked, URLs and standard input.

Only names are collected first (cheap even for 50,000 files); documents are read one at a time
as they are checked. A bad input never stops a run: it is reported through the caller's
`fail(where, message)` in its turn, so error lines follow the input order.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimcheck.documents import TEXT_SUFFIXES, DocumentError, load_document, read_stdin
from claimcheck.files import is_regular
from claimcheck.models import Document

Report = Callable[[str, str], None]  # (where, message)


@dataclass(frozen=True)
class Problem:
    """An input found bad while listing (missing, an empty directory), reported in its turn."""

    where: str
    message: str


def is_url(item: str) -> bool:
    """An input to fetch rather than read from disk."""
    return re.match(r"https?://", item, re.IGNORECASE) is not None


def walk(root: Path, fail: Report, warn: Report) -> list[Path]:
    """Text files under a directory, sorted, so output order never depends on the filesystem.

    Only regular files (or symlinks to them) are read: a named pipe or a device in a
    directory would hang or never end, so each is skipped with a warning.
    """
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        fail(str(exc.filename or root), f"cannot read directory: {exc.strerror or exc}")

    if not os.access(root, os.R_OK | os.X_OK):
        fail(str(root), "cannot read directory: permission denied")
        return []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                path = Path(dirpath) / name
                try:
                    regular, what = is_regular(path)
                except OSError:
                    regular, what = True, ""  # a broken link: reading it reports why
                if not regular:
                    warn(str(path), f"skipped: {what}, not a regular file")
                    continue
                found.append(path)
    if not found:
        fail(str(root), f"no text files ({' '.join(TEXT_SUFFIXES)}) in this directory")
    return found


def expand_inputs(inputs: Sequence[str], warn: Report) -> list[str | Problem]:
    """The inputs to read, in order: directories walked, problems kept in their place."""
    items: list[str | Problem] = []

    def problem(where: str, message: str) -> None:
        items.append(Problem(where, message))

    for item in inputs:
        if item == "-" or is_url(item):
            items.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            items.extend(str(p) for p in walk(path, problem, warn))
        elif path.exists() or path.is_symlink():
            items.append(item)
        else:
            problem(item, "no such file or directory")
    return items


def stdin_document() -> Document:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (some test harnesses)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    return read_stdin(stream)


def read_documents(items: Sequence[str | Problem], fail: Report) -> Iterator[Document]:
    """Read each input of `expand_inputs` in order; bad ones are reported and skipped."""
    for item in items:
        if isinstance(item, Problem):
            fail(item.where, item.message)
            continue
        if item == "-":
            try:
                yield stdin_document()
            except DocumentError as exc:
                fail("-", str(exc))
            continue
        if is_url(item):
            yield from _fetch(item, fail)
            continue
        try:
            yield load_document(item)
        except DocumentError as exc:
            fail(item, str(exc))
        except OSError as exc:
            fail(item, f"cannot read: {exc.strerror or exc}")


def batch_size(items: Sequence[str | Problem]) -> tuple[int, int]:
    """(documents, bytes) of a batch from its file sizes, without reading anything: enough to
    choose the number of processes. Standard input and URLs count as documents of unknown
    (zero) size."""
    count = chars = 0
    for item in items:
        if isinstance(item, Problem):
            continue
        count += 1
        if item != "-" and not is_url(item):
            with contextlib.suppress(OSError):  # reported when it is read
                chars += os.stat(item).st_size
    return count, chars


def _fetch(url: str, fail: Report) -> Iterator[Document]:
    from claimcheck.services.ingest import fetch_url  # only for a URL: httpx is slow to import

    try:
        yield fetch_url(url)
    except Exception as exc:  # noqa: BLE001 - any network or parse failure is one bad input
        fail(url, str(exc) or type(exc).__name__)
