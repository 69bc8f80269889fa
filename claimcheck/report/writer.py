"""`render` and `ReportWriter`: any format of REPORT_FORMATS, as one string or streamed
document by document; and one shortcut per format (`render_json`, `render_html`, ...)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from claimcheck.models import CheckedDocument
from claimcheck.report.common import Options, count_verdicts, now
from claimcheck.report.formats import FORMATS, REPORT_FORMATS


def render(
    docs: Iterable[CheckedDocument],
    fmt: str,
    *,
    generated_at: str | None = None,
    width: int | None = None,
    color: bool = False,
    orgs: Mapping[str, str] | None = None,
    report_url: str | None = None,
) -> str:
    """Render checked documents in one of FORMATS, as one string.

    `generated_at` pins the timestamp (tests, reproducible builds); by default it is now, or
    SOURCE_DATE_EPOCH when set. `width` and `color` only affect the terminal table. For
    ClaimReview, `orgs` maps model ids to their organisation (who made a claim when the
    document does not say) and `report_url` is where the HTML report will be published.
    For many documents write them as they come with `ReportWriter`: same bytes, flat memory.
    """
    buf = io.StringIO()
    with ReportWriter(
        fmt,
        buf,
        generated_at=generated_at,
        width=width,
        color=color,
        orgs=orgs,
        report_url=report_url,
    ) as writer:
        for d in docs:
            writer.write(d)
    return buf.getvalue()


class ReportWriter:
    """A report written one document at a time, in any of FORMATS.

    `write(d)` renders the document and writes it to `out` at once; nothing of it is kept
    but its verdict counts, so a report over 100,000 documents needs the memory of one.
    `close()` writes what comes last (closing brackets, the table's totals). Two formats
    depend on every document: HTML's head holds the totals, so its body waits in a temporary
    file that spills to disk; ClaimReview merges repeated claims across documents, so it
    keeps one review per distinct claim until the end (never the documents). The bytes are
    exactly what `render` returns. Each format's writer is in REPORT_FORMATS.
    """

    def __init__(
        self,
        fmt: str,
        out: TextIO,
        *,
        generated_at: str | None = None,
        width: int | None = None,
        color: bool = False,
        orgs: Mapping[str, str] | None = None,
        report_url: str | None = None,
    ) -> None:
        if fmt not in REPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self.out = out
        self.stamp = generated_at or now()
        self.documents = 0
        self.totals: Counter[str] = Counter()
        self._closed = False
        options = Options(self.stamp, width=width, color=color, orgs=orgs, report_url=report_url)
        self._format = REPORT_FORMATS[fmt].writer(out, options)

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self._format.discard()

    def write(self, d: CheckedDocument) -> None:
        """Render one document and write it out now."""
        self.documents += 1
        tally = count_verdicts(d)
        self._format.write(self.documents, d, tally)
        self.totals.update(tally)

    def close(self) -> None:
        """Write the end of the report (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._format.close(self.documents, self.totals)


def render_json(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    """`dumps_json(report_dict(docs), indent=2)`, written document by document."""
    return render(docs, "json", generated_at=generated_at)


def render_csv(docs: Sequence[CheckedDocument], generated_at: str = "") -> str:
    return render(docs, "csv", generated_at=generated_at or None)


def render_table(
    docs: Sequence[CheckedDocument], *, width: int | None = None, color: bool = False
) -> str:
    """A Rich table per document. Document text goes in as `Text`, never as markup."""
    return render(docs, "table", width=width, color=color)


def render_markdown(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    return render(docs, "md", generated_at=generated_at)


def render_html(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    """One self-contained page: inline CSS and SVG, no scripts, nothing fetched."""
    return render(docs, "html", generated_at=generated_at)


def render_claimreview(
    docs: Sequence[CheckedDocument],
    generated_at: str,
    *,
    orgs: Mapping[str, str] | None = None,
    report_url: str | None = None,
) -> str:
    """A JSON array of ClaimReview objects, one per claim, ready for a JSON-LD script tag."""
    return render(docs, "claimreview", generated_at=generated_at, orgs=orgs, report_url=report_url)
