"""The golden output: every claim and verdict the checker gives on the bundled documents.

The samples in `data/samples` and the labelled corpus documents in `tests/corpus/documents`
are checked against a store built from the bundled data, and what came out (each document's
date and title, each claim, its verdict, flags, reasons, tally and every evidence row) is
written as one JSON file per document under `tests/golden/`. Nothing run-time (timings,
versions, paths of the machine) is in it, so the files change only when a claim or a verdict
does. `tests/test_golden.py` compares a fresh run with them; `scripts/pin_golden.py` rewrites
them after a change that is meant to alter verdicts (say why in the commit).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from claimcheck.documents import load_document
from claimcheck.models import CheckedDocument
from claimcheck.pipeline import Checker
from claimcheck.store import Store

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FOLDERS = (ROOT / "data" / "samples", ROOT / "tests" / "corpus" / "documents")


def documents() -> list[Path]:
    """Every document pinned, in a fixed order."""
    return [p for folder in FOLDERS for p in sorted(folder.iterdir()) if p.is_file()]


def golden_name(path: Path) -> str:
    """The pinned file of a document: its folder's name and its own, as one file name."""
    return f"{path.parent.name}__{path.name}.json"


def record(path: Path, checked: CheckedDocument) -> dict[str, Any]:
    """What is pinned for one document (plain JSON values, in a stable order)."""
    doc = checked.document
    return {
        "document": path.relative_to(ROOT).as_posix(),
        "title": doc.title,
        "date": doc.date,
        "error": checked.error,
        "claims": [
            {"claim": dataclasses.asdict(c.claim), "verdict": dataclasses.asdict(c.verdict)}
            for c in checked.claims
        ],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def check_all(store: Store) -> dict[str, str]:
    """Golden file name -> its text, from a fresh run over every pinned document."""
    checker = Checker(store)
    out: dict[str, str] = {}
    for path in documents():
        checked = checker.check_document(load_document(str(path)))
        out[golden_name(path)] = dumps(record(path, checked))
    return out
