"""CSV, one row per claim (`--format csv`), for spreadsheets: a cell that would open as a
formula is neutralised, and the first evidence row is given again as numbers to sort by."""

from __future__ import annotations

import csv
import re
from collections import Counter
from typing import Any, TextIO

from claimcheck.models import CheckedClaim, CheckedDocument, Document, Evidence
from claimcheck.report.common import (
    FormatWriter,
    Options,
    article_url,
    clean_text,
    margin_text,
    num,
    web_url,
)


class CsvWriter(FormatWriter):
    """The CSV_COLUMNS header, then `csv_row` for each claim of each document."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.rows = csv.writer(out, lineterminator="\n")
        self.rows.writerow(CSV_COLUMNS)

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        self.rows.writerows(csv_row(d.document, i, cc) for i, cc in enumerate(d.claims, 1))


CSV_COLUMNS: tuple[str, ...] = (
    "path",
    "url",
    "title",
    "date",
    "claim",
    "text",
    "start",
    "end",
    "subject",
    "subject_id",
    "relation",
    "targets",
    "target_ids",
    "target_group",
    "benchmarks",
    "benchmark_ids",
    "scope",
    "quantifier",
    "numbers",
    "checkworthiness",
    "verdict",
    "flags",
    "tally",
    "reasons",
    "evidence",
    # the first evidence row (the judge lists independent comparisons first) as numbers, so a
    # spreadsheet can sort and chart them; every row is still in `evidence` above
    "evidence_rows",
    "evidence_benchmark",
    "evidence_source",
    "subject_score",
    "target_score",
    "difference",
    "margin",
    "evidence_as_of",
    "evidence_url",
)


_NUMBER = r"[+-]?\d+(?:\.\d+)?%?"
_PLAIN_NUMBERS = re.compile(rf"{_NUMBER}(?:; {_NUMBER})*")  # one number, or a "; " list


def _cell(text: str | None) -> str:
    """A spreadsheet opens a cell starting with = + - @ as a formula: neutralise it.

    A lone "-" (standard input) or signed numbers ("-1.2; +3%") are no formula and stay as is.
    """
    text = clean_text(text or "")
    if text[:1] in ("=", "+", "-", "@") and text != "-" and not _PLAIN_NUMBERS.fullmatch(text):
        return "'" + text
    return text


def _evidence_line(e: Evidence) -> str:
    return (
        f"{e.benchmark} [{e.source}, {e.as_of}]: {num(e.subject_score)} vs "
        f"{num(e.target_score)} {e.target_model} ({margin_text(e)})"
    )


def _csv_number(x: float | None) -> str:
    return "" if x is None else repr(round(float(x), 4))


def _csv_evidence(v: Any) -> list[Any]:
    """The numeric columns: the first evidence row, or blanks when there is none."""
    if not v.evidence:
        return [0, "", "", "", "", "", "", "", ""]
    e = v.evidence[0]
    margin = "" if margin_text(e) == "no estimate" else _csv_number(e.margin)
    return [
        len(v.evidence),
        _cell(e.benchmark),
        _cell(e.source),
        _csv_number(e.subject_score),
        _csv_number(e.target_score),
        _csv_number(e.difference),
        margin,
        e.as_of or "",
        web_url(e.source_url) or "",
    ]


def csv_row(doc: Document, index: int, cc: CheckedClaim) -> list[Any]:
    """One claim as a CSV row in CSV_COLUMNS order (`index` counts from 1 per document)."""
    c, v = cc.claim, cc.verdict
    return [
        _cell(doc.path),
        article_url(doc) or "",
        _cell(doc.title),
        doc.date or "",
        index,
        _cell(c.text),
        c.start,
        c.end,
        _cell(c.subject.text if c.subject else ""),
        (c.subject.id or "") if c.subject else "",
        c.relation,
        _cell("; ".join(m.text for m in c.targets)),
        "; ".join(m.id or "" for m in c.targets),
        _cell(c.target_group),
        _cell("; ".join(m.text for m in c.benchmarks)),
        "; ".join(m.id or "" for m in c.benchmarks),
        c.scope,
        _cell(c.quantifier),
        _cell("; ".join(c.numbers)),
        f"{c.checkworthiness:.2f}",
        v.verdict,
        ";".join(v.flags),
        v.tally or "",
        _cell(" | ".join(v.reasons)),
        _cell(" | ".join(_evidence_line(e) for e in v.evidence)),
        *_csv_evidence(v),
    ]
