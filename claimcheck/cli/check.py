"""`claimcheck check`, `recheck` and `ledger`: the batch side of the program.

`check` is built to run unattended (CI, pre-commit, cron): output is a report on stdout or in
a file, written document by document as they are checked; diagnostics go to stderr one line
per bad input, and the exit code says what happened (the highest that applies): 0 all good,
1 a claim has a `--fail-on` verdict, 2 bad usage or an input that could not be read, 3 results
that could not be saved in the store (the report still has them), 4 an internal error.
"""

from __future__ import annotations

import contextlib
import re
import sys
from datetime import date as date_type
from pathlib import Path
from typing import Any

import click

from claimcheck.cli import (
    EXIT_FAIL_ON,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_STORE,
    InputError,
    open_store,
    rich_console,
    scale,
    use_color,
)
from claimcheck.config import ENGINES
from claimcheck.models import VERDICTS
from claimcheck.services.export import REPORT_FORMATS
from claimcheck.text import dumps_json
from claimcheck.text import strip_controls as clean_text


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


def _jobs(ctx: click.Context, param: click.Parameter, value: str | int) -> int | str:
    if str(value).strip().lower() == "auto":
        return "auto"
    try:
        jobs = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number of processes or 'auto'") from None
    if not 1 <= jobs <= 64:
        raise click.BadParameter(f"{jobs} is not between 1 and 64")
    return jobs


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


def _progress_bar(total: int) -> Any:
    """A Rich progress bar on stderr, or None when stderr is not a terminal (CI, pipes)."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress(
        "checking",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=rich_console(stderr=True),
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
    type=click.Choice(tuple(REPORT_FORMATS)),
    default="table",
    show_default=True,
    help="Report format: "
    + ", ".join(f"{f.name} ({f.description})" for f in REPORT_FORMATS.values())
    + ".",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE|DIR",
    help="Write the report to FILE instead of standard output (archives: into DIR).",
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
    "-j",
    "--jobs",
    callback=_jobs,
    default="auto",
    show_default=True,
    metavar="N|auto",
    help="Processes; auto uses one per CPU for a batch big enough to gain from it.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Check here (--jobs processes) or on Dask (pip install 'claimcheck[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to run on (implies --engine dask; default: a local cluster).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1),
    metavar="ROWS",
    help="Archive rows per partition, one task each (default 500).",
)
@click.option(
    "--report-url",
    metavar="URL",
    help="Where the HTML report will be published: ClaimReview urls point into it.",
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
    jobs: int | str,
    engine: str,
    scheduler: str | None,
    partition_size: int | None,
    report_url: str | None,
    save: bool,
) -> None:
    """Check the comparative claims in files, directories, URLs or - (standard input).

    Directories are read recursively (.txt .md .markdown .html .htm), in sorted order. Each
    claim gets a verdict (supported, overstated, contradicted, unverifiable) with its reasons
    and evidence. Exit status: 0 fine, 1 a --fail-on verdict was found, 2 bad usage or input,
    3 results not saved in the store (the report has them), 4 an internal error.

    Archives (.jsonl, .parquet: one article per row, with `text` and optional `url`, `title`,
    `date`, `source`) are read in partitions and checked into --output DIR: claims and
    documents per partition (Parquet, or JSON Lines with --format json) and a manifest; a
    re-run skips finished partitions. They are stored only with an explicit --store.
    """
    from claimcheck.services.check import Saver, check_documents
    from claimcheck.services.errors import BadInput
    from claimcheck.services.export import LazyReport, ReportFile, web_url
    from claimcheck.services.inputs import Problem, batch_size, expand_inputs, read_documents

    if report_url is not None and not web_url(report_url):
        raise InputError(f"--report-url {report_url!r}: expected an http(s) URL")
    if scale.is_archive_run(inputs):
        scale.check_archives(
            ctx,
            inputs,
            fmt=fmt,
            output=output,
            as_of=as_of,
            evidence_until=evidence_until,
            fail_on=fail_on,
            jobs=jobs,
            save=save,
            engine=engine,
            scheduler=scheduler,
            partition_size=partition_size,
        )
        return
    try:
        if output is not None:
            ReportFile.check_writable(output)
        fail = _Failures()
        items = expand_inputs(inputs, _warn)
        store = open_store(ctx)
        saver = Saver(store, as_of) if save else None
        matched = crashed = 0
        with ReportFile(output, sys.stdout) as out:
            options = _table_options(fmt, output)
            report = LazyReport(fmt, out, options)
            try:
                if items:
                    checker = scale.make_checker(
                        ctx,
                        store,
                        engine=engine,
                        scheduler=scheduler,
                        jobs=jobs,
                        as_of=as_of,
                        evidence_until=evidence_until,
                    )
                    if fmt == "claimreview":  # who made a claim when the document does not say
                        orgs = {mid: m.org for mid, m in checker.registry.models.items() if m.org}
                        options.update(orgs=orgs, report_url=report_url)
                    docs = read_documents(items, fail)
                    # on a terminal the report itself streams past; a bar is for when it goes
                    # elsewhere
                    to_terminal = output is None and sys.stdout.isatty()
                    total = sum(not isinstance(item, Problem) for item in items)
                    bar = None if to_terminal else _progress_bar(total)
                    advance = None
                    if bar is not None:
                        task = bar.add_task("checking", total=total)
                        advance = lambda _d: bar.advance(task)  # noqa: E731
                    # files are read as the checker asks for them (with --jobs, while workers
                    # check); worker processes start here, before the progress bar's thread
                    results = check_documents(
                        checker,
                        docs,
                        saver=saver,
                        jobs=jobs,
                        progress=advance,
                        size=batch_size(items),
                    )
                    with bar if bar is not None else contextlib.nullcontext():
                        for d in results:
                            if d.error:  # it was read, so this is our failure, not the input's
                                crashed += 1
                                fail(d.document.path, d.error)
                                continue
                            report.write(d)
                            out.flush()  # a reader at the other end of a pipe sees it now
                            if fail_on and any(c.verdict.verdict in fail_on for c in d.claims):
                                matched += 1
            finally:
                store.close()
            if report.started or not fail.count:
                report.close()
    except BadInput as exc:
        raise InputError(str(exc)) from None
    if saver is not None and saver.unsaved:
        click.echo(f"claimcheck: error: {saver.summary()}", err=True)
    if crashed:
        ctx.exit(EXIT_INTERNAL)
    if saver is not None and saver.unsaved:
        ctx.exit(EXIT_STORE)
    if fail.count:
        ctx.exit(EXIT_INPUT)
    if matched:
        ctx.exit(EXIT_FAIL_ON)


def _table_options(fmt: str, output: Path | None) -> dict[str, Any]:
    """The terminal's width, and colour by the CLI's rule (--color/--no-color, NO_COLOR)."""
    if fmt != "table" or output is not None:
        return {}
    options: dict[str, Any] = {"color": use_color(sys.stdout)}
    if sys.stdout.isatty():
        import shutil

        options["width"] = shutil.get_terminal_size().columns
    return options


@click.command("recheck")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--dry-run", is_flag=True, help="Show the changes without storing new verdicts.")
@click.pass_context
def recheck_command(ctx: click.Context, fmt: str, dry_run: bool) -> None:
    """Re-judge every stored claim against the current evaluations; show only what changed.

    Run it after `claimcheck evals import` or a data update: an unverifiable claim that
    has become checkable, a verdict that flipped, flags that changed.
    """
    from claimcheck.services.recheck import recheck_all

    store = open_store(ctx)
    try:
        total, changes = recheck_all(store, save=not dry_run)
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
    from claimcheck.services import ledger

    store = open_store(ctx)
    try:
        rows = ledger.ledger(store)
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

    tty = sys.stdout.isatty()
    console = rich_console(
        file=io.StringIO(), width=shutil.get_terminal_size().columns if tty else 120
    )
    console.print(renderable)
    click.echo(console.file.getvalue(), nl=False, color=use_color(sys.stdout) or None)  # type: ignore[attr-defined]
