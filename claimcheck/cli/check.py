"""`claimcheck check`, `recheck` and `ledger`: the batch side of the program.

`check` is built to run unattended (CI, pre-commit, cron): output is a report on stdout or in
a file, diagnostics go to stderr one line per bad input, and the exit code says what happened:
0 all good, 1 a claim has a `--fail-on` verdict, 2 bad usage or an input that could not be read.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date as date_type
from pathlib import Path
from typing import Any

import click

from claimcheck.cli import InputError, open_store
from claimcheck.models import VERDICTS, CheckedDocument, Document
from claimcheck.report import FORMATS, clean_text, render
from claimcheck.text import dumps_json

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date_type.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _verdicts(ctx: click.Context, param: click.Parameter, value: str | None) -> frozenset[str]:
    if not value:
        return frozenset()
    names = {v.strip().lower() for v in re.split(r"[,\s]+", value) if v.strip()}
    unknown = sorted(names - set(VERDICTS))
    if unknown:
        raise click.BadParameter(
            f"unknown verdict {', '.join(unknown)}; choose from {', '.join(VERDICTS)}"
        )
    return frozenset(names)


class _Failures:
    """Inputs that could not be read or checked: one line each on stderr, exit 2 at the end."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, where: str, message: str) -> None:
        self.count += 1
        text = clean_text(message).replace("\n", " ")
        if where and where not in text:
            text = f"{clean_text(where)}: {text}"
        click.echo(f"claimcheck: error: {text}", err=True)


def _warn(where: str, message: str) -> None:
    """A skipped input that is not an error (a FIFO in a directory): one line on stderr."""
    click.echo(f"claimcheck: warning: {clean_text(where)}: {clean_text(message)}", err=True)


def _stdin_document() -> Document:
    import io

    from claimcheck.documents import read_stdin

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (some test harnesses)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    return read_stdin(stream)


def _walk(root: Path, fail: _Failures) -> list[Path]:
    """Text files under a directory, sorted, so output order never depends on the filesystem.

    Only regular files (or symlinks to them) are read: a named pipe or a device in a
    directory would hang or never end, so each is skipped with a warning.
    """
    from claimcheck.files import is_regular

    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        fail(str(exc.filename or root), f"cannot read directory: {exc.strerror or exc}")

    if not os.access(root, os.R_OK | os.X_OK):
        fail(str(root), "cannot read directory: permission denied")
        return []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                path = Path(dirpath) / name
                try:
                    regular, what = is_regular(path)
                except OSError:
                    regular, what = True, ""  # a broken link: reading it reports why
                if not regular:
                    _warn(str(path), f"skipped: {what}, not a regular file")
                    continue
                found.append(path)
    if not found:
        fail(str(root), f"no text files ({' '.join(TEXT_SUFFIXES)}) in this directory")
    return found


def collect_documents(inputs: Sequence[str], fail: _Failures) -> Iterator[Document]:
    """Read every input in order; bad ones are reported through `fail` and skipped."""
    from claimcheck.documents import DocumentError, load_document

    for item in inputs:
        if item == "-":
            try:
                yield _stdin_document()
            except DocumentError as exc:
                fail("-", str(exc))
            continue
        if re.match(r"https?://", item, re.IGNORECASE):
            yield from _fetch(item, fail)
            continue
        path = Path(item)
        if path.is_dir():
            paths = _walk(path, fail)
        elif path.exists() or path.is_symlink():
            paths = [path]
        else:
            fail(item, "no such file or directory")
            continue
        for p in paths:
            try:
                yield load_document(str(p))
            except DocumentError as exc:
                fail(str(p), str(exc))
            except OSError as exc:
                fail(str(p), f"cannot read: {exc.strerror or exc}")


def _fetch(url: str, fail: _Failures) -> Iterator[Document]:
    from claimcheck.fetch import fetch_url  # only when a URL is given: httpx is slow to import

    try:
        yield fetch_url(url)
    except Exception as exc:  # noqa: BLE001 - any network or parse failure is one bad input
        fail(url, str(exc) or type(exc).__name__)


def _progress_bar(total: int) -> Any:
    """A Rich progress bar on stderr, or None when stderr is not a terminal (CI, pipes)."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
        "checking",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def register(main: click.Group) -> None:
    main.add_command(check)
    main.add_command(recheck_command)
    main.add_command(ledger_command)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|DIR|URL|-...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--as-of",
    callback=_date,
    metavar="DATE",
    help="Claim date for every document (overrides the documents' own dates).",
)
@click.option(
    "--evidence-until",
    callback=_date,
    metavar="DATE",
    help="Use only evaluations published up to DATE (what was known then).",
)
@click.option(
    "--fail-on",
    callback=_verdicts,
    metavar="VERDICT[,VERDICT]",
    help="Exit 1 when any claim gets one of these verdicts (e.g. overstated,contradicted).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes."
)
@click.option(
    "--store/--no-store",
    "save",
    default=True,
    show_default=True,
    help="Keep documents, claims and verdicts for `recheck` and `ledger`.",
)
@click.pass_context
def check(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    output: Path | None,
    as_of: str | None,
    evidence_until: str | None,
    fail_on: frozenset[str],
    jobs: int,
    save: bool,
) -> None:
    """Check the comparative claims in files, directories, URLs or - (standard input).

    Directories are read recursively (.txt .md .markdown .html .htm), in sorted order. Each
    claim gets a verdict (supported, overstated, contradicted, unverifiable) with its reasons
    and evidence. Exit status: 0 fine, 1 a --fail-on verdict was found, 2 bad usage or input.
    """
    from claimcheck.pipeline import Checker

    if output is not None and not os.access(output.parent or Path("."), os.W_OK):
        raise InputError(f"{output}: cannot write the report: no writable directory there")
    fail = _Failures()
    docs = list(collect_documents(inputs, fail))
    store = open_store(ctx)
    checked: list[CheckedDocument] = []
    try:
        if docs:
            checker = Checker(store, as_of=as_of, evidence_until=evidence_until)
            bar = _progress_bar(len(docs))
            if bar is None:
                checked = list(checker.check_many(docs, jobs=jobs))
            else:
                with bar:
                    task = bar.add_task("checking", total=len(docs))
                    checked = list(
                        checker.check_many(docs, jobs=jobs, progress=lambda _d: bar.advance(task))
                    )
        good = []
        for d in checked:
            if d.error:
                fail(d.document.path, d.error)
                continue
            good.append(d)
            if save:
                aid = store.save_checked(
                    _stored(d.document),
                    [(c.claim, c.verdict) for c in d.claims],
                    vendor_rows=d.vendor_rows,
                )
                if as_of:
                    store.set_claim_date(aid, as_of)
    finally:
        store.close()
    if good or not fail.count:
        _write(render(good, fmt, **_table_options(fmt, output)), output)
    if fail.count:
        ctx.exit(2)
    if fail_on and any(c.verdict.verdict in fail_on for d in good for c in d.claims):
        ctx.exit(1)


def _stored(doc: Document) -> Document:
    """The document as the store keys it: files by absolute path, stdin by content."""
    if doc.path == "-":
        return replace(doc, path="")
    if doc.path and "://" not in doc.path:
        return replace(doc, path=str(Path(doc.path).resolve()))
    return doc


def _table_options(fmt: str, output: Path | None) -> dict[str, Any]:
    if fmt != "table" or output is not None or not sys.stdout.isatty():
        return {}
    import shutil

    return {"width": shutil.get_terminal_size().columns, "color": True}


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write the report: {exc.strerror or exc}") from exc


@click.command("recheck")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--dry-run", is_flag=True, help="Show the changes without storing new verdicts.")
@click.pass_context
def recheck_command(ctx: click.Context, fmt: str, dry_run: bool) -> None:
    """Re-judge every stored claim against the current evaluations; show only what changed.

    Run it after `claimcheck evals import` or a data update: an unverifiable claim that
    has become checkable, a verdict that flipped, flags that changed.
    """
    from claimcheck.pipeline import recheck

    store = open_store(ctx)
    try:
        total = store.db["claims"].count
        changes = recheck(store, save=not dry_run)
    finally:
        store.close()
    if fmt == "json":
        from dataclasses import asdict

        click.echo(dumps_json([asdict(c) for c in changes], indent=2))
        return
    if not changes:
        click.echo(f"No changes: {total} stored claim(s) re-judged, every verdict stands.")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=True, expand=True)
    table.add_column("Document", ratio=2)
    table.add_column("Claim", ratio=4)
    table.add_column("Was", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    table.add_column("Why", ratio=4)
    for c in changes:
        was = Text(c.old_verdict + "".join(f"\n{f}" for f in c.old_flags))
        now = Text(c.new_verdict + "".join(f"\n{f}" for f in c.new_flags), style="bold")
        table.add_row(
            Text(clean_text(c.article_title or c.article_url)),
            Text(clean_text(c.text)),
            was,
            now,
            Text(clean_text(" ".join(c.reasons[:2]))),
        )
    _echo_rich(table)
    click.echo(f"{len(changes)} of {total} stored claim(s) changed.")


@click.command("ledger")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def ledger_command(ctx: click.Context, fmt: str) -> None:
    """Per organisation: claims checked, share overstated or contradicted, reporting gap.

    The gap is the mean of (self-reported score minus independent score) over the
    organisation's own models and benchmarks where both exist, in points.
    """
    from claimcheck.pipeline import ledger

    store = open_store(ctx)
    try:
        rows = ledger(store)
    finally:
        store.close()
    records = [
        {
            "org": r.org,
            "claims": r.claims,
            "supported": r.supported,
            "overstated": r.overstated,
            "contradicted": r.contradicted,
            "unverifiable": r.unverifiable,
            "share_overstated": round(r.share_overstated, 3),
            "share_contradicted": round(r.share_contradicted, 3),
            "mean_gap": r.mean_gap,
            "gap_pairs": r.gap_pairs,
        }
        for r in rows
    ]
    if fmt == "json":
        click.echo(dumps_json(records, indent=2))
        return
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(records[0]) if records else ["org"])
        writer.writeheader()
        writer.writerows(records)
        click.echo(buf.getvalue(), nl=False)
        return
    if not rows:
        click.echo("The ledger is empty: check some documents first (claimcheck check PATH).")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Vendor ledger")
    table.add_column("Organisation")
    table.add_column("Claims", justify="right")
    table.add_column("Overstated", justify="right")
    table.add_column("Contradicted", justify="right")
    table.add_column("Unverifiable", justify="right")
    table.add_column("Self-reported − independent", justify="right")
    for r in rows:
        gap = "—" if r.mean_gap is None else f"{r.mean_gap:+.1f} pts (n={r.gap_pairs})"
        table.add_row(
            Text(clean_text(r.org)),
            str(r.claims),
            f"{r.overstated} ({r.share_overstated:.0%})" if r.claims else "—",
            f"{r.contradicted} ({r.share_contradicted:.0%})" if r.claims else "—",
            str(r.unverifiable) if r.claims else "—",
            gap,
        )
    _echo_rich(table)
    click.echo(
        "Gap: the vendor's own score for its own model minus the mean independent headline "
        "score, averaged over (model, benchmark) pairs. Vendors often run other settings "
        "(shots, CoT), so read it as a tendency, not a measurement."
    )


def _echo_rich(renderable: Any) -> None:
    import io
    import shutil

    from rich.console import Console

    tty = sys.stdout.isatty()
    console = Console(
        file=io.StringIO(),
        width=shutil.get_terminal_size().columns if tty else 120,
        force_terminal=tty,
        no_color=not tty,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    click.echo(console.file.getvalue(), nl=False)  # type: ignore[attr-defined]
