"""Checking documents and keeping the results: the use case behind `check` and the app.

A checker is this process's (`Checker`, optionally with worker processes) or one that checks
on Dask; either way documents come back checked in input order. Each is saved in its own
transaction as it comes (`Saver`): a store failure never stops the run, later documents are
listed as unsaved, and the report still has them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimcheck.config import ENGINES
from claimcheck.models import CheckedDocument, Document
from claimcheck.pipeline import Checker
from claimcheck.services.errors import BadInput
from claimcheck.store import Store, StoreError, describe_sqlite_error
from claimcheck.text import strip_controls

__all__ = ["ENGINES", "Checker", "EngineError", "Saver", "check_documents", "make_checker"]


class EngineError(BadInput):
    """The chosen engine cannot run: its extra is not installed, or its scheduler is
    unreachable. A bad input, said in one line."""


def require_dask(option: str = "--engine dask") -> None:
    """Raise EngineError unless the Dask extra is installed."""
    from claimcheck.scale.extra import MissingExtra, require

    try:
        require("distributed", option)
    except MissingExtra as exc:
        raise EngineError(str(exc)) from None


def make_checker(
    store: Store,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    as_of: str | None = None,
    evidence_until: str | None = None,
    notice: Callable[[str], None] | None = None,
) -> Any:
    """The Checker for ordinary inputs: this process's, or one whose `check_many` runs on
    Dask (`scheduler`, or a local cluster of `workers`; everything after checking, from
    saving to the report, is the same)."""
    if engine == "local":
        return Checker(store, as_of=as_of, evidence_until=evidence_until)
    require_dask()
    from claimcheck.scale.cluster import DaskChecker

    checker = DaskChecker(
        store,
        as_of=as_of,
        evidence_until=evidence_until,
        scheduler=scheduler,
        workers=workers,
        notice=notice,
    )
    try:
        return checker.start()
    except ConnectionError as exc:
        raise EngineError(str(exc)) from None


def stored(doc: Document) -> Document:
    """The document as the store keys it: files by absolute path, stdin by content."""
    if doc.path == "-":
        return replace(doc, path="")
    if doc.path and "://" not in doc.path:
        return replace(doc, path=str(Path(doc.path).resolve()))
    return doc


class Saver:
    """Saves each checked document in its own transaction; a store failure never stops the run.

    After the store fails once (locked past the wait, read-only, disk full) the rest are not
    tried: they are listed in `unsaved`, and `summary()` says what happened in one line.
    """

    def __init__(self, store: Store, as_of: str | None = None) -> None:
        self.store = store
        self.as_of = as_of
        self.saved = 0
        self.unsaved: list[str] = []
        self.reason = ""

    def save(self, d: CheckedDocument) -> None:
        if self.reason:
            self.unsaved.append(d.document.path)
            return
        try:
            self.store.save(d, document=stored(d.document), claim_date=self.as_of)
            self.saved += 1
        except StoreError as exc:
            self.reason = str(exc)
            self.unsaved.append(d.document.path)
        except sqlite3.Error as exc:
            self.reason = describe_sqlite_error(exc)
            self.unsaved.append(d.document.path)

    def summary(self) -> str:
        n = len(self.unsaved)
        names = ", ".join(strip_controls(p or "-") for p in self.unsaved[:5])
        more = f" and {n - 5} more" if n > 5 else ""
        return (
            f"the store: {n} checked document(s) not saved ({strip_controls(self.reason)}): "
            f"{names}{more}; the report has all of them, re-run the check to store them"
        )


def check_documents(
    checker: Any,
    docs: Iterable[Document],
    *,
    saver: Saver | None = None,
    jobs: int | str = 1,
    progress: Callable[[Any], None] | None = None,
    size: tuple[int, int] | None = None,
) -> Iterator[CheckedDocument]:
    """Checked documents in input order, each saved (with a `saver`) before it is yielded.

    A document whose check crashed comes back with `.error` set and is not saved: it was
    read, so the failure is the program's, not the input's.
    """
    for d in checker.check_many(iter(docs), jobs=jobs, progress=progress, size=size):
        if not d.error and saver is not None:
            saver.save(d)
        yield d
