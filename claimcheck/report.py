"""One verdict model, rendered many ways.

`render(docs, fmt)` turns checked documents into a terminal table, the JSON machine contract of
DESIGN.md, JSON Lines (one document per line), CSV (one row per claim), Markdown, one
self-contained HTML page, or schema.org ClaimReview JSON-LD. It is pure: no store, no network,
no registry. `ReportWriter` writes the same bytes one document at a time, for batches.

Everything a document says is hostile: an announcement can hold terminal escape sequences,
Rich markup, HTML, Markdown table syntax or spreadsheet formulas. Each format escapes for its
own medium; JSON keeps the text exactly as found, since JSON encoding is already safe.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, TextIO

from claimcheck import __version__
from claimcheck.models import CheckedClaim, CheckedDocument, Claim, Document, Evidence, Mention
from claimcheck.text import dumps_json, strip_controls

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "md", "html", "claimreview")

VERDICT_COLOURS: dict[str, str] = {
    "supported": "#1a7f37",
    "overstated": "#b35900",
    "contradicted": "#c62828",
    "unverifiable": "#6b7280",
}
_RICH_STYLES: dict[str, str] = {
    "supported": "bold green",
    "overstated": "bold yellow",
    "contradicted": "bold red",
    "unverifiable": "dim",
}

# The ClaimReview rating scale (1 = worst, 4 = best). It is a truth scale, so it rates only
# what was checked: a claim nobody can check is not "somewhat true", and `unverifiable`
# carries no ratingValue at all (alternateName still says "unverifiable"). A supported claim
# that carries a caution flag (noise, self-reported only, a stale target...) scores 3, so a
# reader sorting by rating sees clean support first.
CLAIMREVIEW_SCALE: dict[str, int] = {
    "contradicted": 1,
    "overstated": 2,
    "supported_with_flags": 3,
    "supported": 4,
}


def claim_gist(c: Claim) -> str:
    """The claim as parsed, in one line: who, relation, whom, on what, with which hedge.

    One sentence can hold several claims; the gist tells them apart where the sentence can't.
    """
    subject = c.subject.text if c.subject else "(unknown subject)"
    relation = ("does not " if c.negated else "") + c.relation.replace("_", " ")
    whom = ", ".join(m.text for m in c.targets) or (c.target_group or "")
    parts = [subject, relation, whom] if whom else [subject, relation]
    if c.benchmarks:
        parts.append("on " + ", ".join(m.text for m in c.benchmarks))
    elif c.scope == "broad":
        parts.append("(broad)")
    if c.quantifier:
        parts.append(f"[{c.quantifier}]")
    return clean_text(" ".join(parts))


def clean_text(text: str | None) -> str:
    """Drop terminal escape sequences and control characters (XML and terminals reject them)."""
    return strip_controls(text)


_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) URL that is safe to link; otherwise None.

    Reports link only to the web: never to `javascript:`, `data:` or `file:` URLs, and never
    to anything with spaces, quotes or control characters that could break out of a link.
    """
    url = (url or "").strip()
    return url if _WEB_URL.match(url) and clean_text(url) == url else None


def article_url(doc: Document) -> str | None:
    """Where the article is published: its front-matter / canonical URL, or the URL it was
    fetched from. A file on disk with neither has none (a local path is no public address)."""
    return web_url(doc.url) or web_url(doc.path)


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
    exactly what `render` returns.
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
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.fmt = fmt
        self.out = out
        self.stamp = generated_at or _now()
        self.documents = 0
        self.totals: Counter[str] = Counter()
        self._closed = False
        self._lines = _LineSink(out)
        self._body: Any = None
        self._console: Any = None
        self._reviews: _ClaimReviews | None = None
        if fmt == "table":
            self._console = _table_console(out, width=width, color=color)
        elif fmt == "json":
            head = dumps_json(
                {"generated_at": self.stamp, "claimcheck_version": __version__}, indent=2
            )
            out.write(head[: -len("\n}")] + ',\n  "documents": [')
        elif fmt == "csv":
            self._csv = csv.writer(out, lineterminator="\n")
            self._csv.writerow(CSV_COLUMNS)
        elif fmt == "md":
            for line in _markdown_head(self.stamp):
                self._lines.write(line)
        elif fmt == "html":
            import tempfile

            self._body = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in close()
                max_size=4 * 1024 * 1024, mode="w+", encoding="utf-8"
            )
        elif fmt == "claimreview":
            self._reviews = _ClaimReviews(self.stamp, orgs=orgs, report_url=report_url)

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        elif self._body is not None:
            self._body.close()

    def write(self, d: CheckedDocument) -> None:
        """Render one document and write it out now."""
        self.documents += 1
        tally = _tally(d)
        fmt = self.fmt
        if fmt == "table":
            for part in _table_parts(d):
                self._console.print(part)
        elif fmt == "json":
            sep = "\n" if self.documents == 1 else ",\n"
            self.out.write(sep + _indent(dumps_json(document_dict(d), indent=2), "    "))
        elif fmt == "jsonl":
            self.out.write(dumps_json(document_dict(d)) + "\n")
        elif fmt == "csv":
            self._csv.writerows(csv_row(d.document, i, cc) for i, cc in enumerate(d.claims, 1))
        elif fmt == "md":
            for line in _markdown_lines(d):
                self._lines.write(line)
        elif fmt == "html":
            self._body.write("\n" + "\n".join(_html_document(self.documents, d, tally)))
        elif self._reviews is not None:
            self._reviews.add(self.documents, d)
        self.totals.update(tally)

    def close(self) -> None:
        """Write the end of the report (idempotent)."""
        if self._closed:
            return
        self._closed = True
        fmt = self.fmt
        if fmt == "table":
            for part in _table_tail(self.documents, self.totals):
                self._console.print(part)
        elif fmt == "json":
            self.out.write("\n  ]\n}\n" if self.documents else "]\n}\n")
        elif fmt == "md":
            self._lines.end()
        elif fmt == "html":
            self.out.write(_html_head(self.stamp, self.documents, self.totals))
            self._body.seek(0)
            shutil.copyfileobj(self._body, self.out)
            self._body.close()
            self.out.write(_HTML_TAIL)
        elif self._reviews is not None:
            self.out.write(_claimreview_json(self._reviews.items()))


class _LineSink:
    """Lines joined by newlines, trailing blank lines dropped, one final newline, as they come.

    The same text as `"\\n".join(lines).rstrip() + "\\n"` when no line ends in spaces.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.started = False
        self.blank = 0

    def write(self, line: str) -> None:
        if not line:
            self.blank += 1
            return
        self.out.write(("\n" if self.started else "") + "\n" * self.blank + line)
        self.started = True
        self.blank = 0

    def end(self) -> None:
        self.out.write("\n")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


# -- the JSON contract --------------------------------------------------------------------


def _mention(m: Mention | None) -> dict[str, Any] | None:
    return None if m is None else {"text": m.text, "id": m.id}


def evidence_dict(e: Evidence) -> dict[str, Any]:
    """The contract's six evidence keys first, then everything else Evidence knows."""
    out: dict[str, Any] = {
        "benchmark": e.benchmark,
        "source": e.source,
        "subject_score": e.subject_score,
        "target_score": e.target_score,
        "margin": e.margin,
        "as_of": e.as_of,
    }
    for f in fields(e):  # plain values only, so no deep copy (asdict's) is needed
        out.setdefault(f.name, getattr(e, f.name))
    return out


def claim_dict(cc: CheckedClaim) -> dict[str, Any]:
    """One claim as DESIGN.md's contract spells it; extra keys come after the contract's."""
    c, v = cc.claim, cc.verdict
    return {
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "subject": _mention(c.subject),
        "relation": c.relation,
        "targets": [_mention(m) for m in c.targets],
        "target_group": c.target_group,
        "benchmarks": [_mention(m) for m in c.benchmarks],
        "scope": c.scope,
        "quantifier": c.quantifier,
        "numbers": list(c.numbers),
        "checkworthiness": c.checkworthiness,
        "verdict": v.verdict,
        "flags": list(v.flags),
        "reasons": list(v.reasons),
        "evidence": [evidence_dict(e) for e in v.evidence],
        "tally": v.tally,
        "settings": list(c.settings),
        "negated": c.negated,
    }


def document_dict(d: CheckedDocument) -> dict[str, Any]:
    doc = d.document
    out: dict[str, Any] = {
        "path": doc.path,
        "title": doc.title,
        "claims": [claim_dict(cc) for cc in d.claims],
        "date": doc.date,
        "source": doc.source,
        "sha256": doc.sha256,
        "url": article_url(doc),
        "author": doc.author or None,
        "summary": dict(_tally(d)),
        "vendor_rows": len(d.vendor_rows),
    }
    if d.error:
        out["error"] = d.error
    return out


def report_dict(docs: Sequence[CheckedDocument], generated_at: str) -> dict[str, Any]:
    return {
        "generated_at": generated_at,
        "claimcheck_version": __version__,
        "documents": [document_dict(d) for d in docs],
    }


def render_json(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    """`dumps_json(report_dict(docs), indent=2)`, written document by document."""
    return render(docs, "json", generated_at=generated_at)


def _tally(d: CheckedDocument) -> Counter[str]:
    return Counter(cc.verdict.verdict for cc in d.claims)


def _tally_text(tally: Counter[str]) -> str:
    return ", ".join(f"{tally[v]} {v}" for v in VERDICT_COLOURS if tally[v]) or "no claims"


# -- CSV ------------------------------------------------------------------------------------

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


def _margin(e: Evidence) -> str:
    """ "±2.8", or "no estimate" where the judge had none: a bare ±0 would read as certainty."""
    if not e.margin and (e.kind == "self_reported" or e.margin_method.startswith("no noise")):
        return "no estimate"
    return f"±{_num(e.margin)}"


def _score(score: float | None, model: str) -> str:
    return f"{_num(score)} ({model})" if model else _num(score)


def _evidence_line(e: Evidence) -> str:
    return (
        f"{e.benchmark} [{e.source}, {e.as_of}]: {_num(e.subject_score)} vs "
        f"{_num(e.target_score)} {e.target_model} ({_margin(e)})"
    )


def _csv_number(x: float | None) -> str:
    return "" if x is None else repr(round(float(x), 4))


def _csv_evidence(v: Any) -> list[Any]:
    """The numeric columns: the first evidence row, or blanks when there is none."""
    if not v.evidence:
        return [0, "", "", "", "", "", "", "", ""]
    e = v.evidence[0]
    margin = "" if _margin(e) == "no estimate" else _csv_number(e.margin)
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


def render_csv(docs: Sequence[CheckedDocument], generated_at: str = "") -> str:
    return render(docs, "csv", generated_at=generated_at or None)


TABLE_REASONS = 3  # per claim in the terminal table; md/html/json carry them all

# -- terminal table -----------------------------------------------------------------------


def render_table(
    docs: Sequence[CheckedDocument], *, width: int | None = None, color: bool = False
) -> str:
    """A Rich table per document. Document text goes in as `Text`, never as markup."""
    return render(docs, "table", width=width, color=color)


def _table_console(out: TextIO, *, width: int | None, color: bool) -> Any:
    from rich.console import Console

    return Console(
        file=out,
        width=width or 120,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def _table_parts(d: CheckedDocument) -> list[Any]:
    """One document's heading and claims table, as Rich renderables."""
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    doc = d.document
    head = Text(clean_text(doc.title or doc.path or "(untitled)"), style="bold")
    if doc.path and doc.title:
        head.append(f"  {clean_text(doc.path)}", style="dim")
    if doc.date:
        head.append(f"  {doc.date}", style="dim")
    parts.append(head)
    if d.error:
        parts.append(Text(f"error: {clean_text(d.error)}", style="red"))
        return parts
    if not d.claims:
        parts.append(Text("no comparative claims found", style="dim"))
        parts.append(Text(""))
        return parts
    table = Table(show_lines=True, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Claim", ratio=3)
    table.add_column("Why", ratio=4)
    for i, cc in enumerate(d.claims, 1):
        v = cc.verdict
        verdict = Text(v.verdict, style=_RICH_STYLES.get(v.verdict, ""))
        for flag in v.flags:
            verdict.append(f"\n{flag}", style="italic")
        # the reasons already quote their evidence rows; the rest is in the other formats
        why = Text()
        reasons = [clean_text(r) for r in v.reasons]
        if v.tally and not any(v.tally in r for r in reasons[:1]):
            why.append(v.tally + "\n", style="bold")
        why.append("\n".join(reasons[:TABLE_REASONS]))
        more = len(reasons) - TABLE_REASONS
        if more > 0 or len(v.evidence) > 1:
            extra = f"+{more} more reason(s), " if more > 0 else ""
            why.append(f"\n({extra}{len(v.evidence)} evidence row(s))", style="dim")
        claim = Text(clean_text(cc.claim.text))
        claim.append("\n→ " + claim_gist(cc.claim), style="dim")
        table.add_row(str(i), verdict, claim, why)
    parts.append(table)
    parts.append(Text(""))
    return parts


def _table_tail(documents: int, totals: Counter[str]) -> list[Any]:
    """The totals line under the last document's table."""
    from rich.text import Text

    summary = ", ".join(f"{totals[v]} {v}" for v in VERDICT_COLOURS if totals[v])
    n = sum(totals.values())
    parts: list[Any] = [
        Text(f"{documents} document(s), {n} claim(s)" + (f": {summary}" if summary else ""))
    ]
    if n:
        parts.append(Text("Every reason and evidence row: --format md, html or json.", style="dim"))
    return parts


# -- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def _md(text: str | None) -> str:
    """Inline-safe Markdown: no HTML, no formatting, no table breaks, no math ($), one line."""
    text = clean_text(text or "").replace("\n", " ")
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    return render(docs, "md", generated_at=generated_at)


def _markdown_head(generated_at: str) -> list[str]:
    return [
        "# claimcheck report",
        "",
        f"Generated {generated_at} by claimcheck {__version__}.",
        "",
    ]


def _markdown_lines(d: CheckedDocument) -> list[str]:
    """One document's section: heading, claims table, then each claim with its evidence."""
    lines: list[str] = []
    doc = d.document
    lines.append(f"## {_md_link(doc.title or doc.path or 'untitled', article_url(doc))}")
    lines.append("")
    meta = [f"`{_md_code(doc.path)}`"] if doc.path else []
    if doc.date:
        meta.append(doc.date)
    tally = _tally(d)
    meta.append(_tally_text(tally))
    lines += [" · ".join(meta), ""]
    if d.error:
        lines += [f"**Error:** {_md(d.error)}", ""]
        return lines
    if not d.claims:
        return lines
    lines += ["| # | Verdict | Flags | Claim |", "|---:|---|---|---|"]
    for i, cc in enumerate(d.claims, 1):
        v = cc.verdict
        lines.append(
            f"| {i} | **{v.verdict}** | {_md(', '.join(v.flags))} | {_md(cc.claim.text)} |"
        )
    lines.append("")
    for i, cc in enumerate(d.claims, 1):
        v = cc.verdict
        lines.append(f"### {i}. {v.verdict}: {_md(cc.claim.text)}")
        lines.append("")
        if v.tally:
            lines += [f"**{_md(v.tally)}**", ""]
        lines += [f"- {_md(r)}" for r in v.reasons]
        if v.reasons:
            lines.append("")
        if v.evidence:
            lines += [
                "| Benchmark | Source | Subject | Target | Difference | Margin | As of |",
                "|---|---|---:|---:|---:|---:|---|",
            ]
            for e in v.evidence:
                lines.append(
                    f"| {_md(e.benchmark)} | {_md_link(e.source, web_url(e.source_url))} | "
                    f"{_num(e.subject_score)} | "
                    f"{_md(_score(e.target_score, e.target_model))} | "
                    f"{_signed(e.difference)} | {_md(_margin(e))} | {_md(e.as_of)} |"
                )
            lines.append("")
    return lines


def _md_link(text: str, url: str | None) -> str:
    """`[text](<url>)` for a safe web URL (angle brackets keep parentheses in it); else text."""
    return f"[{_md(text)}](<{url}>)" if url else _md(text)


def _md_code(text: str) -> str:
    return clean_text(text).replace("`", "'").replace("\n", " ")


# -- HTML -----------------------------------------------------------------------------------

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
                f"{_num(e.subject_score)} vs {_num(e.target_score)} "
                f"({_signed(e.difference)}, {_margin(e)})"
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
                f'<td class="n">{_h(_num(e.subject_score))}</td>'
                f'<td class="n">{_h(_num(e.target_score))}</td><td>{_h(e.target_model)}</td>'
                f'<td class="n {outcome}">{_h(_signed(e.difference))}</td>'
                f'<td class="n"{method}>{_h(_margin(e))}</td><td>{_h(e.as_of)}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def render_html(docs: Sequence[CheckedDocument], generated_at: str) -> str:
    """One self-contained page: inline CSS and SVG, no scripts, nothing fetched."""
    return render(docs, "html", generated_at=generated_at)


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
    meta.append(_tally_text(tally))
    body.append(f'<p class="meta">{_h(" · ".join(meta))}</p>')
    if d.error:
        body.append(f'<p class="error">{_h(d.error)}</p>')
    for i, cc in enumerate(d.claims, 1):
        body.append(_html_claim(i, cc).replace('id="claim-', f'id="doc-{n}-claim-'))
    body.append("</article>")
    return body


# -- schema.org ClaimReview -----------------------------------------------------------------


def rating_value(verdict: str, flags: Sequence[str] = ()) -> int | None:
    """The 1–4 ClaimReview rating of a verdict (CLAIMREVIEW_SCALE); None for unverifiable."""
    if verdict == "supported" and flags:
        return CLAIMREVIEW_SCALE["supported_with_flags"]
    return CLAIMREVIEW_SCALE.get(verdict)


def _review_rating(v: Any) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": v.verdict,
    }
    value = rating_value(v.verdict, v.flags)
    if value is not None:
        rating["ratingValue"] = value
    # one or two sentences, as ratingExplanation asks; every reason goes in reviewBody
    explanation = " ".join(clean_text(r) for r in v.reasons[:2]).strip()
    if v.flags:
        explanation += f" Flags: {', '.join(v.flags)}."
    rating["ratingExplanation"] = explanation.strip() or RATING_MEANING[v.verdict]
    return rating


RATING_MEANING: dict[str, str] = {
    "supported": "Independent evaluations agree with the claim at the scope it states.",
    "overstated": "The evidence backs only a weaker claim than the one made.",
    "contradicted": "Independent evaluations show the opposite, beyond the noise.",
    "unverifiable": "No independent evaluation covers the models and benchmarks compared.",
}


def _appearance(doc: Document, author: dict[str, Any] | None) -> dict[str, Any]:
    """The article the claim appears in. Only a public URL is given: never a local path."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = article_url(doc)
    if url:
        work["url"] = url
    if doc.title:
        work["headline"] = clean_text(doc.title)
    if doc.date:
        work["datePublished"] = doc.date
    if author:
        work["author"] = author
    return work


def _claim_author(doc: Document, c: Claim, orgs: Mapping[str, str]) -> dict[str, Any] | None:
    """Who made the claim: the organisation the document names, else the subject model's."""
    name = clean_text(doc.author) or (orgs.get(c.subject.id or "", "") if c.subject else "")
    return {"@type": "Organization", "name": name} if name else None


def claimreview_items(
    docs: Sequence[CheckedDocument],
    generated_at: str,
    *,
    orgs: Mapping[str, str] | None = None,
    report_url: str | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview per distinct claim, ready to publish beside the HTML report.

    `claimReviewed` is the claim as parsed (`claim_gist`), not its sentence: one sentence can
    hold two claims with different verdicts. The same claim met again with the same rating
    (the same article checked twice, a claim repeated) is one review with several
    appearances; the same words rated differently in different places are told apart by
    where and when they were made, so no two reviews share a `claimReviewed`. Each review's
    `url` points at the claim's section of the HTML report (`#doc-N-claim-M`): relative, or
    absolute under `report_url`.
    """
    reviews = _ClaimReviews(generated_at, orgs=orgs, report_url=report_url)
    for n, d in enumerate(docs, 1):
        reviews.add(n, d)
    return reviews.items()


class _ClaimReviews:
    """`claimreview_items`, built one document at a time (what `ReportWriter` keeps)."""

    def __init__(
        self,
        generated_at: str,
        *,
        orgs: Mapping[str, str] | None = None,
        report_url: str | None = None,
    ) -> None:
        self.generated_at = generated_at
        self.orgs = orgs or {}
        self.base = web_url(report_url) or ""
        self.reviews: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, n: int, d: CheckedDocument) -> None:
        """The `n`th document's claims: new reviews, or appearances of ones already made."""
        orgs, base, generated_at, reviews = self.orgs, self.base, self.generated_at, self.reviews
        doc = d.document
        for i, cc in enumerate(d.claims, 1):
            c, v = cc.claim, cc.verdict
            author = _claim_author(doc, c, orgs)
            gist = claim_gist(c)
            key = (gist, v.verdict + str(rating_value(v.verdict, v.flags)))
            if key in reviews:
                item = reviews[key]["itemReviewed"]
                appearance = _appearance(doc, author)
                if appearance not in item["appearance"]:
                    item["appearance"].append(appearance)
                continue
            claim: dict[str, Any] = {
                "@type": "Claim",
                "text": clean_text(c.text),
                "appearance": [_appearance(doc, author)],
            }
            claim["firstAppearance"] = claim["appearance"][0]
            if author:
                claim["author"] = author
            if doc.date:
                claim["datePublished"] = doc.date
            reviews[key] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{base.split('#')[0]}#doc-{n}-claim-{i}",
                "claimReviewed": gist,
                "itemReviewed": claim,
                "reviewRating": _review_rating(v),
                "reviewBody": " ".join(clean_text(r) for r in v.reasons),
                "author": {"@type": "Organization", "name": "claimcheck"},
                "datePublished": generated_at[:10],
            }

    def items(self) -> list[dict[str, Any]]:
        items = list(self.reviews.values())
        _disambiguate(items)
        return items


def _disambiguate(items: list[dict[str, Any]]) -> None:
    """Give reviews that share `claimReviewed` (but not a rating) distinct summaries."""
    by_summary: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_summary.setdefault(item["claimReviewed"], []).append(item)
    for summary, group in by_summary.items():
        if len(group) < 2:
            continue
        for item in group:
            first = item["itemReviewed"]["firstAppearance"]
            where = first.get("headline") or first.get("url") or ""
            when = first.get("datePublished") or ""
            context = ", ".join(x for x in (f"in “{where}”" if where else "", when) if x)
            item["claimReviewed"] = f"{summary} ({context})" if context else summary
        seen: Counter[str] = Counter(item["claimReviewed"] for item in group)
        for item in group:
            if seen[item["claimReviewed"]] > 1:  # same place and day: name the claim's section
                item["claimReviewed"] += f" [{item['url'].rsplit('#', 1)[-1]}]"


def render_claimreview(
    docs: Sequence[CheckedDocument],
    generated_at: str,
    *,
    orgs: Mapping[str, str] | None = None,
    report_url: str | None = None,
) -> str:
    """A JSON array of ClaimReview objects, one per claim, ready for a JSON-LD script tag."""
    return render(docs, "claimreview", generated_at=generated_at, orgs=orgs, report_url=report_url)


def _claimreview_json(items: list[dict[str, Any]]) -> str:
    """`<`, `>` and `&` are written as \\u escapes (still the same JSON) so a claim quoting
    `</script>` cannot end the tag it is embedded in."""
    text = dumps_json(items, indent=2)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text + "\n"


# -- numbers --------------------------------------------------------------------------------


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    if abs(x) >= 100:
        return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x else "0"


def _signed(x: float | None) -> str:
    if x is None:
        return "?"
    return ("+" if x > 0 else "") + _num(x)
