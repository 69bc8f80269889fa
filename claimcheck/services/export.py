"""Verdict reports: the formats, and writing one to a stream or a file that appears whole.

The one table of formats (`REPORT_FORMATS`: name -> writer, suffix, description) is what
`check --format` offers and what the app's export dialog lists.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, TextIO

from claimcheck.files import umask_mode, write_atomic
from claimcheck.models import CheckedDocument
from claimcheck.report import REPORT_FORMATS, ReportWriter, render, web_url
from claimcheck.services.errors import BadInput

__all__ = [
    "REPORT_FORMATS",
    "ExportError",
    "LazyReport",
    "ReportFile",
    "render",
    "web_url",
    "write_report",
]


class ExportError(BadInput):
    """The report cannot be written where it was asked for: one line naming the file."""


class LazyReport:
    """A ReportWriter started on the first document, so a run whose every input failed
    writes no report at all (only its error lines) rather than an empty one."""

    def __init__(self, fmt: str, out: TextIO, options: dict[str, Any]) -> None:
        self.fmt, self.out, self.options = fmt, out, options
        self.writer: Any = None

    @property
    def started(self) -> bool:
        return self.writer is not None

    def _start(self) -> Any:
        if self.writer is None:
            self.writer = ReportWriter(self.fmt, self.out, **self.options)
        return self.writer

    def write(self, d: CheckedDocument) -> None:
        self._start().write(d)

    def close(self) -> None:
        self._start().close()


class ReportFile:
    """Where a report goes: `stdout` as it is written, or a file that appears complete (a
    temporary file beside it, renamed at the end; removed on failure or when empty)."""

    def __init__(self, output: Path | None, stdout: TextIO) -> None:
        self.output = output
        self.stdout = stdout
        self.tmp: Path | None = None
        self.fh: Any = None

    @staticmethod
    def check_writable(output: Path) -> None:
        """Refuse, before any work, an output that cannot be one report file."""
        if output.is_dir():
            raise ExportError(f"{output}: is a directory; the report is one file")
        if not os.access(output.parent or Path("."), os.W_OK):
            raise ExportError(f"{output}: cannot write the report: no writable directory there")

    def __enter__(self) -> TextIO:
        if self.output is None:
            return self.stdout
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{self.output.name}.", suffix=".partial", dir=self.output.parent
            )
        except OSError as exc:
            raise ExportError(f"{self.output}: cannot write the report: {exc.strerror}") from exc
        self.tmp = Path(name)
        os.fchmod(fd, umask_mode())
        self.fh = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in exit
        return self.fh  # type: ignore[no-any-return]

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.output is None:
            self.stdout.flush()
            return
        assert self.tmp is not None
        self.fh.close()
        if exc_type is not None:
            self.tmp.unlink(missing_ok=True)
            return
        if self.tmp.stat().st_size == 0:  # every input failed: no report, as on stdout
            self.tmp.unlink(missing_ok=True)
            return
        try:
            os.replace(self.tmp, self.output)
        except OSError as exc:
            self.tmp.unlink(missing_ok=True)
            raise ExportError(f"{self.output}: cannot write the report: {exc.strerror}") from exc


def write_report(path: Path, text: str) -> None:
    """Write a rendered report whole (a temporary file renamed), as the app's export does."""
    write_atomic(path, text)
