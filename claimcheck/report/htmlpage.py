"""One self-contained HTML page (`--format html`): inline CSS and SVG, no scripts, nothing
fetched. Its head holds the totals of every document, so the articles wait in a temporary file
(spilling to disk past 4 MiB) until the last one is written."""

from __future__ import annotations

import html
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

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
        self.body.write("\n" + "\n".join(_html_document(n, d, tally)))

    def close(self, documents: int, totals: Counter[str]) -> None:
        self.out.write(_html_head(self.options.generated_at, documents, totals))
        self.body.seek(0)
        shutil.copyfileobj(self.body, self.out)
        self.body.close()
        self.out.write(_HTML_TAIL)

    def discard(self) -> None:
        self.body.close()


_CSS = """
:root { --ok: #1a7f37; --warn: #b35900; --bad: #c62828; --na: #6b7280; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328;
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem;
     margin-top: 2.5rem; }
h2 a { color: inherit; }
a { color: #0969da; }
.meta { color: #57606a; font-size: 0.9rem; }
.summary span, .verdict { display: inline-block; padding: 0 0.5em; border-radius: 0.8em;
       color: #fff; font-weight: 600; font-size: 0.85rem; }
.claim { border: 1px solid var(--line); border-left: 6px solid var(--na); border-radius: 6px;
         padding: 0.6rem 1rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim blockquote { margin: 0.4rem 0; font-size: 1.05rem; }
.flag { display: inline-block; border: 1px solid var(--line); border-radius: 0.8em;
        padding: 0 0.5em; margin-left: 0.3em; font-size: 0.8rem; color: #57606a; }
.supported { border-left-color: var(--ok); } .verdict.supported { background: var(--ok); }
.overstated { border-left-color: var(--warn); } .verdict.overstated { background: var(--warn); }
.contradicted { border-left-color: var(--bad); } .verdict.contradicted { background: var(--bad); }
.unverifiable { border-left-color: var(--na); } .verdict.unverifiable { background: var(--na); }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: 0.2rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.win { color: var(--ok); } .loss { color: var(--bad); } .tie { color: var(--na); }
svg text { font: 11px system-ui, sans-serif; fill: #1f2328; }
.error { color: var(--bad); font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; color: #000; }
  .claim { border-color: #999; }
  .verdict, .summary span { color: #000 !important; background: none !important;
          border: 1px solid #000; }
  h2 { page-break-before: auto; page-break-after: avoid; }
  a { color: #000; }
  h2 a[href]::after, td a[href]::after { content: " (" attr(href) ")"; font-size: 0.75em;
          font-weight: normal; word-break: break-all; }
}
"""


def _h(text: object) -> str:
    return html.escape(clean_text(str(text)), quote=True)


def _a(text: str, url: str | None) -> str:
    """A link that opens the source; escaped text alone when there is no safe web URL."""
    if not url:
        return _h(text)
    return f'<a href="{_h(url)}" rel="noopener noreferrer">{_h(text)}</a>'


def _bar_chart(evidence: Sequence[Evidence], limit: int = 12) -> str:
    """A diverging bar per evidence row: the subject's lead, measured against the noise band.

    Scores from different benchmarks sit on different scales (percent, Elo), so each bar is
    drawn in units of its own noise margin: the grey band is ±1 margin, a bar that leaves it
    is a lead (or deficit) beyond noise. The real numbers are printed beside each bar.
    """
    rows = list(evidence[:limit])
    if not rows:
        return ""
    label_w, chart_w, text_w, row_h = 190, 260, 230, 18
    span = 3.0  # margins shown either side of zero
    width, height = label_w + chart_w + text_w, row_h * len(rows) + 24
    mid = label_w + chart_w / 2
    unit = (chart_w / 2) / span
    out = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{_h('Lead over the target in noise margins, per benchmark and source')}</title>",
        f'<rect x="{mid - unit:.1f}" y="0" width="{2 * unit:.1f}" height="{height - 20}" '
        'fill="#eaeef2"/>',
        f'<line x1="{mid:.1f}" y1="0" x2="{mid:.1f}" y2="{height - 20}" stroke="#8c959f"/>',
    ]
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
        left = mid + min(0.0, x) * unit
        bar_w = max(1.0, abs(x) * unit)
        label = f"{e.benchmark} · {e.source}"
        if len(label) > 30:
            label = label[:29] + "…"
        out.append(f'<text x="0" y="{y + 11}">{_h(label)}</text>')
        out.append(
            f'<rect x="{left:.1f}" y="{y}" width="{bar_w:.1f}" height="{row_h - 6}" '
            f'fill="{colour}"/>'
        )
        out.append(
            f'<text x="{label_w + chart_w + 6}" y="{y + 11}">'
            + _h(
                f"{num(e.subject_score)} vs {num(e.target_score)} "
                f"({signed(e.difference)}, {margin_text(e)})"
            )
            + "</text>"
        )
    axis_y = height - 6
    out.append(f'<text x="{mid - unit - 8:.1f}" y="{axis_y}">-1</text>')
    out.append(f'<text x="{mid - 3:.1f}" y="{axis_y}">0</text>')
    out.append(f'<text x="{mid + unit - 4:.1f}" y="{axis_y}">+1 margin</text>')
    out.append("</svg>")
    return "\n".join(out)


def _html_claim(i: int, cc: CheckedClaim) -> str:
    c, v = cc.claim, cc.verdict
    verdict = v.verdict if v.verdict in VERDICT_COLOURS else "unverifiable"
    flags = "".join(f'<span class="flag">{_h(f)}</span>' for f in v.flags)
    parts = [
        f'<section class="claim {verdict}" id="claim-{i}">',
        f'<div><span class="verdict {verdict}">{_h(v.verdict)}</span>{flags}'
        + (f" <strong>{_h(v.tally)}</strong>" if v.tally else "")
        + "</div>",
        f"<blockquote>{_h(c.text)}</blockquote>",
    ]
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
    parts.append(f'<p class="meta">{_h(" · ".join(facts))}</p>')
    if v.reasons:
        parts.append("<ul>" + "".join(f"<li>{_h(r)}</li>" for r in v.reasons) + "</ul>")
    if v.evidence:
        parts.append(_bar_chart(v.evidence))
        parts.append(
            '<p class="meta legend">Each bar is the subject\'s lead over the compared model in '
            "units of that row's noise margin: the grey band is ±1 margin, green a lead beyond "
            "it, red a deficit beyond it, grey inside the noise. The scores are beside it.</p>"
        )
        parts.append(
            "<table><thead><tr><th>Benchmark</th><th>Source</th><th>Setting</th>"
            "<th>Subject</th><th>Target</th><th>Compared with</th><th>Difference</th>"
            "<th>Margin</th><th>As of</th>"
            "</tr></thead><tbody>"
        )
        for e in v.evidence:
            outcome = e.outcome if e.outcome in ("win", "loss", "tie") else ""
            method = f' title="{_h(e.margin_method)}"' if e.margin_method else ""
            parts.append(
                f"<tr><td>{_h(e.benchmark)}</td><td>{_a(e.source, web_url(e.source_url))}"
                + (" (self-reported)" if e.kind == "self_reported" else "")
                + f"</td><td>{_h(e.setting)}</td>"
                f'<td class="n">{_h(num(e.subject_score))}</td>'
                f'<td class="n">{_h(num(e.target_score))}</td><td>{_h(e.target_model)}</td>'
                f'<td class="n {outcome}">{_h(signed(e.difference))}</td>'
                f'<td class="n"{method}>{_h(margin_text(e))}</td><td>{_h(e.as_of)}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def _html_head(generated_at: str, documents: int, totals: Counter[str]) -> str:
    """The page up to the first article: styles, title, and the totals of every document."""
    summary = " ".join(
        f'<span class="verdict {v}">{totals[v]} {v}</span>' for v in VERDICT_COLOURS if totals[v]
    )
    body = [
        "<h1>claimcheck report</h1>",
        f'<p class="meta">Generated {_h(generated_at)} by claimcheck {_h(__version__)} · '
        f"{documents} document(s), {sum(totals.values())} claim(s)</p>",
        f'<p class="summary">{summary}</p>',
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        "<title>claimcheck report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body)
    )


_HTML_TAIL = "\n</body>\n</html>\n"


def _html_document(n: int, d: CheckedDocument, tally: Counter[str]) -> list[str]:
    """The `n`th document's <article>, as lines."""
    doc = d.document
    body = [f'<article id="doc-{n}">']
    body.append(f"<h2>{_a(doc.title or doc.path or 'untitled', article_url(doc))}</h2>")
    meta = [doc.path] if doc.path else []
    if doc.date:
        meta.append(doc.date)
    meta.append(tally_text(tally))
    body.append(f'<p class="meta">{_h(" · ".join(meta))}</p>')
    if d.error:
        body.append(f'<p class="error">{_h(d.error)}</p>')
    for i, cc in enumerate(d.claims, 1):
        body.append(_html_claim(i, cc).replace('id="claim-', f'id="doc-{n}-claim-'))
    body.append("</article>")
    return body
