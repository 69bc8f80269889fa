"""Reading local inputs without hanging or swelling: regular files, pipes and devices, capped.

A size check on `stat()` is not a cap: a FIFO, `/dev/zero` or `/dev/urandom` report size 0 and
then never end, and a named pipe with nothing writing to it blocks `open()` forever. Every
local read of user input (documents, leaderboard files, standard input) goes through
`read_bounded`, which counts the bytes it actually reads, refuses sockets and block devices,
and opens a FIFO without blocking so one with no writer is an error rather than a hang (a pipe
that has a writer, such as bash's `<(command)`, is read like standard input).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class InputTooLarge(OSError):
    """More bytes than the caller's limit; the message says how many were allowed."""


class NotReadable(OSError):
    """Not something to read as a file (a socket, a block device, a pipe with no writer)."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words for a message."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def is_regular(path: str | os.PathLike[str]) -> tuple[bool, str]:
    """(True, "") for a regular file (symlinks followed), else (False, what it is)."""
    mode = os.stat(path).st_mode
    return (True, "") if stat.S_ISREG(mode) else (False, kind_of(mode))


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of `path`, at most `limit` of them; raises InputTooLarge beyond it.

    Regular files, FIFOs (with a writer) and character devices are read; other kinds raise
    NotReadable. OSError (missing, permission denied) propagates for the caller to word.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        size = os.stat(path).st_size
        if size > limit:
            raise InputTooLarge(f"{size:,} bytes, over the {limit:,}-byte limit")
        with open(path, "rb") as fh:
            return read_stream(fh, limit)
    if stat.S_ISFIFO(mode):
        return _read_fifo(path, limit)
    if stat.S_ISCHR(mode):
        with open(path, "rb", buffering=0) as fh:
            return read_stream(fh, limit)
    raise NotReadable(f"{kind_of(mode)}, not a file")


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """Read a stream to its end, but never more than `limit` bytes (InputTooLarge beyond)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise InputTooLarge(f"more than {limit:,} bytes")
        chunks.append(chunk)


def _read_fifo(path: str | os.PathLike[str], limit: int) -> bytes:
    # O_NONBLOCK: open() returns at once instead of waiting for a writer. A first read of b""
    # then means no writer is connected; EAGAIN means one is, so read it like a normal pipe.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        try:
            first = os.read(fd, CHUNK)
        except BlockingIOError:
            first = None
        except OSError as exc:
            if exc.errno != errno.EAGAIN:
                raise
            first = None
        if first == b"":
            raise NotReadable("a named pipe with nothing writing to it")
        first = first or b""
        if len(first) > limit:
            raise InputTooLarge(f"more than {limit:,} bytes")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as fh:
            rest = read_stream(fh, limit - len(first))
        return first + rest
    except InputTooLarge:
        raise InputTooLarge(f"more than {limit:,} bytes") from None
    finally:
        os.close(fd)


def umask_mode() -> int:
    """The mode a plain `open(path, "w")` would give a new file (0o666 less the umask).

    `tempfile.mkstemp` makes its files private (0o600); a report or an export renamed into
    place from one should be as readable as any other file the user writes."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, text: str, *, prefix: str = "") -> None:
    """Write `text` to `path` whole or not at all: a temporary file beside it, then a rename
    (a reader never sees half a file, and a failed write leaves the old one)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=prefix or f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, umask_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
