"""`claimcheck check`, `recheck` and `ledger`: the batch side of the program.

`check` is built to run unattended (CI, pre-commit, cron): output is a report on stdout or in
a file, written document by document as they are checked; diagnostics go to stderr one line
per bad input, and the exit code says what happened (the highest that applies): 0 all good,
1 a claim has a `--fail-on` verdict, 2 bad usage or an input that could not be read, 3 results
that could not be saved in the store (the report still has them), 4 an internal error.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
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
from claimcheck.cli.scale import ENGINES
from claimcheck.models import VERDICTS, CheckedDocument, Document
from claimcheck.report import REPORT_FORMATS, clean_text
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


def _stdin_document() -> Document:
    import io

    from claimcheck.documents import read_stdin

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stdin (some test harnesses)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    return read_stdin(stream)


def _walk(root: Path, fail: Callable[[str, str], None]) -> list[Path]:
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


@dataclass(frozen=True)
class _Problem:
    """An input found bad while listing (missing, an empty directory), reported in its turn."""

    where: str
    message: str


def _is_url(item: str) -> bool:
    """An input to fetch rather than read from disk."""
    return re.match(r"https?://", item, re.IGNORECASE) is not None


def expand_inputs(inputs: Sequence[str], fail: _Failures) -> list[str | _Problem]:
    """The inputs to read, in order: directories walked, problems kept in their place.

    Only names are collected here (cheap even for 50,000 files); documents are read one at a
    time as they are checked, so none is held longer than its check takes. A problem found
    while listing is reported when its turn comes, so error lines follow the input order.
    """
    items: list[str | _Problem] = []

    def problem(where: str, message: str) -> None:
        items.append(_Problem(where, message))

    for item in inputs:
        if item == "-" or _is_url(item):
            items.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            items.extend(str(p) for p in _walk(path, problem))
        elif path.exists() or path.is_symlink():
            items.append(item)
        else:
            problem(item, "no such file or directory")
    return items


def read_documents(items: Sequence[str | _Problem], fail: _Failures) -> Iterator[Document]:
    """Read each input of `expand_inputs` in order; bad ones are reported and skipped."""
    from claimcheck.documents import DocumentError, load_document

    for item in items:
        if isinstance(item, _Problem):
            fail(item.where, item.message)
            continue
        if item == "-":
            try:
                yield _stdin_document()
            except DocumentError as exc:
                fail("-", str(exc))
            continue
        if _is_url(item):
            yield from _fetch(item, fail)
            continue
        try:
            yield load_document(item)
        except DocumentError as exc:
            fail(item, str(exc))
        except OSError as exc:
            fail(item, f"cannot read: {exc.strerror or exc}")


def collect_documents(inputs: Sequence[str], fail: _Failures) -> Iterator[Document]:
    """Every input read in order (directories walked); bad ones reported through `fail`."""
    return read_documents(expand_inputs(inputs, fail), fail)


def _batch_size(items: Sequence[str | _Problem]) -> tuple[int, int]:
    """(documents, bytes) of a batch from its file sizes, without reading anything: enough to
    choose the number of processes. Standard input and URLs count as documents of unknown
    (zero) size."""
    count = chars = 0
    for item in items:
        if isinstance(item, _Problem):
            continue
        count += 1
        if item != "-" and not _is_url(item):
            with contextlib.suppress(OSError):  # reported when it is read
                chars += os.stat(item).st_size
    return count, chars


def _fetch(url: str, fail: _Failures) -> Iterator[Document]:
    from claimcheck.services.ingest import fetch_url  # only for a URL: httpx is slow to import

    try:
        yield fetch_url(url)
    except Exception as exc:  # noqa: BLE001 - any network or parse failure is one bad input
        fail(url, str(exc) or type(exc).__name__)


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
    from claimcheck.report import web_url

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
    if output is not None and output.is_dir():
        raise InputError(f"{output}: is a directory; the report is one file")
    if output is not None and not os.access(output.parent or Path("."), os.W_OK):
        raise InputError(f"{output}: cannot write the report: no writable directory there")
    fail = _Failures()
    items = expand_inputs(inputs, fail)
    store = open_store(ctx)
    saver = _Saver(store, as_of) if save else None
    matched = crashed = 0
    with _ReportOutput(output) as out:
        options = _table_options(fmt, output)
        report = _LazyReport(fmt, out, options)
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
                # on a terminal the report itself streams past; a bar is for when it goes elsewhere
                to_terminal = output is None and sys.stdout.isatty()
                total = sum(not isinstance(item, _Problem) for item in items)
                bar = None if to_terminal else _progress_bar(total)
                advance = None
                if bar is not None:
                    task = bar.add_task("checking", total=total)
                    advance = lambda _d: bar.advance(task)  # noqa: E731
                # files are read as the checker asks for them (with --jobs, while workers
                # check); worker processes start here, before the progress bar's thread exists
                results = checker.check_many(
                    docs, jobs=jobs, progress=advance, size=_batch_size(items)
                )
                with bar if bar is not None else _nothing():
                    for d in results:
                        if d.error:  # it was read, so this is our failure, not the input's
                            crashed += 1
                            fail(d.document.path, d.error)
                            continue
                        if saver is not None:
                            saver.save(d)
                        report.write(d)
                        out.flush()  # a reader at the other end of a pipe sees it now
                        if fail_on and any(c.verdict.verdict in fail_on for c in d.claims):
                            matched += 1
        finally:
            store.close()
        if report.started or not fail.count:
            report.close()
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


class _Saver:
    """Saves each checked document in its own transaction; a store failure never stops the run.

    After the store fails once (locked past the wait, read-only, disk full) the rest are not
    tried: they are listed, the report still has them all, and the exit code says so.
    """

    def __init__(self, store: Any, as_of: str | None) -> None:
        self.store = store
        self.as_of = as_of
        self.saved = 0
        self.unsaved: list[str] = []
        self.reason = ""

    def save(self, d: CheckedDocument) -> None:
        import sqlite3

        from claimcheck.store import StoreError, describe_sqlite_error

        if self.reason:
            self.unsaved.append(d.document.path)
            return
        try:
            self.store.save(d, document=_stored(d.document), claim_date=self.as_of)
            self.saved += 1
        except StoreError as exc:
            self.reason = str(exc)
            self.unsaved.append(d.document.path)
        except sqlite3.Error as exc:
            self.reason = describe_sqlite_error(exc)
            self.unsaved.append(d.document.path)

    def summary(self) -> str:
        n = len(self.unsaved)
        names = ", ".join(clean_text(p or "-") for p in self.unsaved[:5])
        more = f" and {n - 5} more" if n > 5 else ""
        return (
            f"the store: {n} checked document(s) not saved ({clean_text(self.reason)}): "
            f"{names}{more}; the report has all of them, re-run the check to store them"
        )


class _LazyReport:
    """A ReportWriter started on the first document, so a run whose every input failed
    writes no report at all (only its error lines) rather than an empty one."""

    def __init__(self, fmt: str, out: Any, options: dict[str, Any]) -> None:
        self.fmt, self.out, self.options = fmt, out, options
        self.writer: Any = None

    @property
    def started(self) -> bool:
        return self.writer is not None

    def _start(self) -> Any:
        if self.writer is None:
            from claimcheck.report import ReportWriter

            self.writer = ReportWriter(self.fmt, self.out, **self.options)
        return self.writer

    def write(self, d: CheckedDocument) -> None:
        self._start().write(d)

    def close(self) -> None:
        self._start().close()


class _ReportOutput:
    """Where the report goes: standard output as it is written, or a file that appears
    complete (a temporary file beside it, renamed at the end; removed on failure)."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.tmp: Path | None = None
        self.fh: Any = None

    def __enter__(self) -> Any:
        if self.output is None:
            return sys.stdout
        import tempfile

        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{self.output.name}.", suffix=".partial", dir=self.output.parent
            )
        except OSError as exc:
            raise InputError(f"{self.output}: cannot write the report: {exc.strerror}") from exc
        self.tmp = Path(name)
        self.fh = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in exit
        return self.fh

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.output is None:
            sys.stdout.flush()
            return
        assert self.tmp is not None
        self.fh.close()
        if exc_type is not None:
            self.tmp.unlink(missing_ok=True)
            return
        if self.tmp.stat().st_size == 0:  # every input failed: no report, as on stdout
            self.tmp.unlink(missing_ok=True)
            return
        try:
            os.replace(self.tmp, self.output)
        except OSError as exc:
            self.tmp.unlink(missing_ok=True)
            raise InputError(f"{self.output}: cannot write the report: {exc.strerror}") from exc


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _stored(doc: Document) -> Document:
    """The document as the store keys it: files by absolute path, stdin by content."""
    if doc.path == "-":
        return replace(doc, path="")
    if doc.path and "://" not in doc.path:
        return replace(doc, path=str(Path(doc.path).resolve()))
    return doc


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

    tty = sys.stdout.isatty()
    console = rich_console(
        file=io.StringIO(), width=shutil.get_terminal_size().columns if tty else 120
    )
    console.print(renderable)
    click.echo(console.file.getvalue(), nl=False, color=use_color(sys.stdout) or None)  # type: ignore[attr-defined]
