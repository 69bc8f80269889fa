"""One self-contained HTML page (`--format html`): inline CSS and SVG, no scripts, nothing
fetched. Its head holds the totals of every document, so the articles wait in a temporary file
(spilling to disk past 4 MiB) until the last one is written.

The page is a Jinja2 template (`templates/report.html.j2`, autoescaped); this module turns
checked documents into the plain values it shows and draws the bar chart's geometry."""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from claimcheck import __version__
from claimcheck.models import CheckedClaim, CheckedDocument, Evidence
from claimcheck.report.common import (
    VERDICT_COLOURS,
    FormatWriter,
    Options,
    article_url,
    clean_text,
    margin_text,
    num,
    signed,
    tally_text,
    web_url,
)


class HtmlWriter(FormatWriter):
    """Articles into a spooled body as they come; head, body and tail out at the end."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.body = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in close()
            max_size=4 * 1024 * 1024, mode="w+", encoding="utf-8"
        )

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        self.body.write("\n" + _html_document(n, d, tally))

    def close(self, documents: int, totals: Counter[str]) -> None:
        self.out.write(_html_head(self.options.generated_at, documents, totals))
        self.body.seek(0)
        shutil.copyfileobj(self.body, self.out)
        self.body.close()
        self.out.write(str(_template().tail()))

    def discard(self) -> None:
        self.body.close()


@functools.cache
def _template() -> Any:
    """The report's macros (templates/report.html.j2), loaded once per process."""
    import jinja2
    from markupsafe import Markup

    def finalize(value: object) -> object:
        # macros' output is already escaped markup; everything else is text to clean
        return value if isinstance(value, Markup) else clean_text(str(value))

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimcheck.report", "templates"),
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html.j2").module


def _bar_chart(evidence: Sequence[Evidence], limit: int = 12) -> dict[str, Any]:
    """A diverging bar per evidence row: the subject's lead, measured against the noise band.

    Scores from different benchmarks sit on different scales (percent, Elo), so each bar is
    drawn in units of its own noise margin: the grey band is ±1 margin, a bar that leaves it
    is a lead (or deficit) beyond noise. The real numbers are printed beside each bar.
    """
    rows = list(evidence[:limit])
    label_w, chart_w, text_w, row_h = 190, 260, 230, 18
    span = 3.0  # margins shown either side of zero
    width, height = label_w + chart_w + text_w, row_h * len(rows) + 24
    mid = label_w + chart_w / 2
    unit = (chart_w / 2) / span
    bars = []
    for i, e in enumerate(rows):
        y = i * row_h + 3
        if e.margin and e.margin > 0:
            x = e.difference / e.margin
        else:
            biggest = max((abs(r.difference) for r in rows), default=0.0) or 1.0
            x = span * e.difference / biggest
        x = max(-span, min(span, x))
        colour = {"win": "#1a7f37", "loss": "#c62828"}.get(e.outcome, "")
        if not colour:
            colour = "#1a7f37" if x > 1 else "#c62828" if x < -1 else "#8c959f"
        label = f"{e.benchmark} · {e.source}"
        if len(label) > 30:
            label = label[:29] + "…"
        bars.append(
            {
                "y": y,
                "text_y": y + 11,
                "label": label,
                "left": f"{mid + min(0.0, x) * unit:.1f}",
                "width": f"{max(1.0, abs(x) * unit):.1f}",
                "colour": colour,
                "numbers": f"{num(e.subject_score)} vs {num(e.target_score)} "
                f"({signed(e.difference)}, {margin_text(e)})",
            }
        )
    return {
        "width": width,
        "height": height,
        "plot_height": height - 20,
        "band_x": f"{mid - unit:.1f}",
        "band_width": f"{2 * unit:.1f}",
        "mid": f"{mid:.1f}",
        "bar_height": row_h - 6,
        "numbers_x": label_w + chart_w + 6,
        "axis_y": height - 6,
        "minus_x": f"{mid - unit - 8:.1f}",
        "zero_x": f"{mid - 3:.1f}",
        "plus_x": f"{mid + unit - 4:.1f}",
        "rows": bars,
    }


def _claim_view(cc: CheckedClaim) -> dict[str, Any]:
    """What the template shows of one claim: its verdict, the facts found, the evidence."""
    c, v = cc.claim, cc.verdict
    facts = [f"relation: {c.relation}"]
    if c.subject:
        facts.append(f"subject: {c.subject.text}" + (f" ({c.subject.id})" if c.subject.id else ""))
    if c.targets:
        facts.append("targets: " + ", ".join(m.id or m.text for m in c.targets))
    if c.target_group:
        facts.append(f"group: {c.target_group}")
    if c.benchmarks:
        facts.append("benchmarks: " + ", ".join(m.id or m.text for m in c.benchmarks))
    if c.quantifier:
        facts.append(f"hedge: {c.quantifier}")
    return {
        "css": v.verdict if v.verdict in VERDICT_COLOURS else "unverifiable",
        "verdict": v.verdict,
        "flags": v.flags,
        "tally": v.tally,
        "text": c.text,
        "facts": " · ".join(facts),
        "reasons": v.reasons,
        "evidence": [
            {
                "benchmark": e.benchmark,
                "source": e.source,
                "source_url": web_url(e.source_url),
                "self_reported": e.kind == "self_reported",
                "setting": e.setting,
                "subject": num(e.subject_score),
                "target": num(e.target_score),
                "target_model": e.target_model,
                "outcome": e.outcome if e.outcome in ("win", "loss", "tie") else "",
                "difference": signed(e.difference),
                "method": e.margin_method,
                "margin": margin_text(e),
                "as_of": e.as_of,
            }
            for e in v.evidence
        ],
        "chart": _bar_chart(v.evidence) if v.evidence else None,
    }


def _html_head(generated_at: str, documents: int, totals: Counter[str]) -> str:
    """The page up to the first article: styles, title, and the totals of every document."""
    return str(
        _template().head(
            generated_at,
            __version__,
            documents,
            sum(totals.values()),
            [(v, totals[v]) for v in VERDICT_COLOURS if totals[v]],
        )
    )


def _html_document(n: int, d: CheckedDocument, tally: Counter[str]) -> str:
    """The `n`th document's <article>."""
    doc = d.document
    meta = [doc.path] if doc.path else []
    if doc.date:
        meta.append(doc.date)
    meta.append(tally_text(tally))
    view = {
        "title": doc.title or doc.path or "untitled",
        "url": article_url(doc),
        "meta": " · ".join(meta),
        "error": d.error,
        "claims": [_claim_view(cc) for cc in d.claims],
    }
    return str(_template().article(n, view))
