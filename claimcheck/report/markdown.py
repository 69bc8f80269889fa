"""Markdown (`--format md`): a section per document with its claims table, then each claim
with its reasons and evidence. Text is inline-safe: no HTML, formatting or table breaks."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import TextIO

from claimcheck import __version__
from claimcheck.models import CheckedDocument
from claimcheck.report.common import (
    FormatWriter,
    Options,
    article_url,
    clean_text,
    count_verdicts,
    margin_text,
    num,
    score_text,
    signed,
    tally_text,
    web_url,
)


class MarkdownWriter(FormatWriter):
    """The title, then each document's section as it comes."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.lines = _LineSink(out)
        for line in _markdown_head(options.generated_at):
            self.lines.write(line)

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        for line in _markdown_lines(d):
            self.lines.write(line)

    def close(self, documents: int, totals: Counter[str]) -> None:
        self.lines.end()


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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def _md(text: str | None) -> str:
    """Inline-safe Markdown: no HTML, no formatting, no table breaks, no math ($), one line."""
    text = clean_text(text or "").replace("\n", " ")
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


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
    tally = count_verdicts(d)
    meta.append(tally_text(tally))
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
                    f"{num(e.subject_score)} | "
                    f"{_md(score_text(e.target_score, e.target_model))} | "
                    f"{signed(e.difference)} | {_md(margin_text(e))} | {_md(e.as_of)} |"
                )
            lines.append("")
    return lines


def _md_link(text: str, url: str | None) -> str:
    """`[text](<url>)` for a safe web URL (angle brackets keep parentheses in it); else text."""
    return f"[{_md(text)}](<{url}>)" if url else _md(text)


def _md_code(text: str) -> str:
    return clean_text(text).replace("`", "'").replace("\n", " ")
