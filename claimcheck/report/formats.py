"""Every report format in one table: its name, its writer, the file suffix it is saved with
and a line saying what it is. The CLI's `--format`, the app's export dialog and the
preferences all read it, so a format added here is offered everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.report.claimreview import ClaimReviewWriter
from claimcheck.report.common import FormatWriter
from claimcheck.report.csvrows import CsvWriter
from claimcheck.report.htmlpage import HtmlWriter
from claimcheck.report.jsondoc import JsonLinesWriter, JsonWriter
from claimcheck.report.markdown import MarkdownWriter
from claimcheck.report.table import TableWriter


@dataclass(frozen=True)
class ReportFormat:
    """A format: what `--format` calls it, the writer that writes it, and its file's suffix."""

    name: str
    writer: type[FormatWriter]
    suffix: str  # of a file holding the report, without the dot
    description: str


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("table", TableWriter, "txt", "the terminal table"),
        ReportFormat("json", JsonWriter, "json", "the JSON contract"),
        ReportFormat("jsonl", JsonLinesWriter, "jsonl", "JSON, one document per line"),
        ReportFormat("csv", CsvWriter, "csv", "one row per claim"),
        ReportFormat("md", MarkdownWriter, "md", "Markdown"),
        ReportFormat("html", HtmlWriter, "html", "one self-contained page"),
        ReportFormat("claimreview", ClaimReviewWriter, "jsonld", "schema.org JSON-LD"),
    )
}

FORMATS: tuple[str, ...] = tuple(REPORT_FORMATS)
