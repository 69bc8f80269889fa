"""One verdict model, rendered many ways.

`render(docs, fmt)` turns checked documents into a terminal table, the JSON machine contract of
DESIGN.md, JSON Lines (one document per line), CSV (one row per claim), Markdown, one
self-contained HTML page, or schema.org ClaimReview JSON-LD. It is pure: no store, no network,
no registry. `ReportWriter` writes the same bytes one document at a time, for batches.

One module per format (`table`, `jsondoc`, `csvrows`, `markdown`, `htmlpage`, `claimreview`),
what they share in `common`, and the one table of formats, suffixes and descriptions that the
CLI and the app both read in `formats` (REPORT_FORMATS).
"""

from __future__ import annotations

from claimcheck.report.claimreview import (
    CLAIMREVIEW_SCALE,
    RATING_MEANING,
    claimreview_items,
    rating_value,
)
from claimcheck.report.common import (
    VERDICT_COLOURS,
    article_url,
    claim_gist,
    clean_text,
    web_url,
)
from claimcheck.report.csvrows import CSV_COLUMNS, csv_row
from claimcheck.report.formats import FORMATS, REPORT_FORMATS, ReportFormat
from claimcheck.report.jsondoc import claim_dict, document_dict, evidence_dict, report_dict
from claimcheck.report.table import TABLE_REASONS
from claimcheck.report.writer import (
    ReportWriter,
    render,
    render_claimreview,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_table,
)

__all__ = [
    "CLAIMREVIEW_SCALE",
    "CSV_COLUMNS",
    "FORMATS",
    "RATING_MEANING",
    "REPORT_FORMATS",
    "TABLE_REASONS",
    "VERDICT_COLOURS",
    "ReportFormat",
    "ReportWriter",
    "article_url",
    "claim_dict",
    "claim_gist",
    "claimreview_items",
    "clean_text",
    "csv_row",
    "document_dict",
    "evidence_dict",
    "rating_value",
    "render",
    "render_claimreview",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
    "report_dict",
    "web_url",
]
