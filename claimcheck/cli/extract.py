"""`claimcheck extract`: the claims the extractor finds, without judging them.

Useful on its own (what would be checked?) and for debugging the rules on a draft. Bad inputs
are reported one line each on stderr and the other files are still read; the exit code is 2
if any input could not be read.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO

import click

from claimcheck.models import Claim, Document, Mention
from claimcheck.text import dumps_json, strip_controls


def register(main: click.Group) -> None:
    main.add_command(extract)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def extract(paths: Sequence[str], fmt: str) -> None:
    """List the comparative claims found in announcement files (.txt .md .html, - for stdin).

    Shows each claim's subject, relation, targets, benchmarks, settings and check-worthiness,
    without verdicts: use `claimcheck check` to judge them.
    """
    from claimcheck.services.extract import DocumentError, extract_claims, read_document

    documents: list[Document] = []
    failed = 0
    for path in paths:
        try:
            documents.append(read_document(path, _stdin_stream() if path == "-" else None))
        except DocumentError as exc:
            failed += 1
            click.echo(f"claimcheck: error: {_clean(str(exc))}", err=True)

    found = list(extract_claims(documents))
    results = [(doc, claims) for doc, claims, _rows in found]
    if fmt == "json":
        payload = {
            "documents": [
                {
                    "path": doc.path,
                    "title": doc.title,
                    "date": doc.date,
                    "claims": [claim_to_dict(c) for c in claims],
                    "vendor_rows": rows,
                }
                for doc, claims, rows in found
            ]
        }
        click.echo(dumps_json(payload, indent=2))
    else:
        _print_table(results)
    if failed:
        sys.exit(2)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim in the JSON report contract's shape (DESIGN.md), without verdict fields."""

    def mention(m: Mention | None) -> dict[str, Any] | None:
        return None if m is None else {"text": m.text, "id": m.id}

    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "subject": mention(claim.subject),
        "relation": claim.relation,
        "negated": claim.negated,
        "targets": [mention(t) for t in claim.targets],
        "target_group": claim.target_group,
        "benchmarks": [mention(b) for b in claim.benchmarks],
        "scope": claim.scope,
        "quantifier": claim.quantifier,
        "numbers": list(claim.numbers),
        "settings": list(claim.settings),
        "checkworthiness": claim.checkworthiness,
    }


def _stdin_stream() -> BinaryIO:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return stream  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


def _clean(text: str) -> str:
    """Document text is hostile: no control or bidi characters reach the terminal."""
    return strip_controls(text)


def _name(m: Mention | None) -> str:
    if m is None:
        return "?"
    return f"{m.text} [{m.id}]" if m.id else m.text


def _print_table(results: list[tuple[Document, list[Claim]]]) -> None:
    from rich.table import Table
    from rich.text import Text

    from claimcheck.cli import rich_console

    # a pipe or a file gets a wide table rather than 80 columns of wrapped names
    console = rich_console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
    for doc, claims in results:
        heading = Text(_clean(doc.title or doc.path or "(untitled)"), style="bold")
        heading.append(f"  {_clean(doc.path)}  {len(claims)} claim(s)", style="dim")
        console.print(heading)
        if not claims:
            continue
        table = Table(show_lines=False, expand=True)
        for column in ("subject", "relation", "compared with", "benchmarks", "cw", "sentence"):
            table.add_column(column, overflow="fold")
        for c in claims:
            relation = ("not " if c.negated else "") + c.relation
            compared = ", ".join(_name(t) for t in c.targets)
            if c.target_group:
                compared = f"{compared}; {c.target_group}" if compared else c.target_group
            benches = ", ".join(_name(b) for b in c.benchmarks) or "(broad)"
            if c.settings:
                benches += f" ({', '.join(c.settings)})"
            table.add_row(
                Text(_clean(_name(c.subject))),
                Text(relation),
                Text(_clean(compared)),
                Text(_clean(benches)),
                Text(f"{c.checkworthiness:.2f}"),
                Text(_clean(c.text)),
            )
        console.print(table)
