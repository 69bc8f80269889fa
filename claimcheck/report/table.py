"""The terminal table (`--format table`): a Rich table per document, then the totals.
Document text goes in as `Text`, never as markup. Rich is imported only when a table is drawn."""

from __future__ import annotations

from collections import Counter
from typing import Any, TextIO

from claimcheck.models import CheckedDocument
from claimcheck.report.common import VERDICT_COLOURS, FormatWriter, Options, claim_gist, clean_text


class TableWriter(FormatWriter):
    """Each document's heading and claims as they come; the totals line at the end."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.console = _table_console(out, width=options.width, color=options.color)

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        for part in _table_parts(d):
            self.console.print(part)

    def close(self, documents: int, totals: Counter[str]) -> None:
        for part in _table_tail(documents, totals):
            self.console.print(part)


_RICH_STYLES: dict[str, str] = {
    "supported": "bold green",
    "overstated": "bold yellow",
    "contradicted": "bold red",
    "unverifiable": "dim",
}


TABLE_REASONS = 3  # per claim in the terminal table; md/html/json carry them all


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
