"""`claimcheck fetch`, `claimcheck sources ...` and `claimcheck evals update`: the network commands.

Thin over `claimcheck.services.ingest` and `claimcheck.services.leaderboards`: they open the
store, call one service and print what it returned. Everything printed that came from the web
(titles, error details) goes through `click.echo` as plain text or through Rich escaped, never
as markup.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import TYPE_CHECKING, Self

import click

from claimcheck.cli import InputError, open_store, rich_console, settings_from

if TYPE_CHECKING:  # the services load when a command runs (httpx is slow to import)
    from claimcheck.services.ingest import FetchEvent, FetchSummary
    from claimcheck.services.leaderboards import UpdateEvent
    from claimcheck.services.recheck import Change
    from claimcheck.store import Store


def _sources_toml(ctx: click.Context):  # noqa: ANN202 - Path
    return settings_from(ctx).data_dir / "sources.toml"


def _ensure_sources(ctx: click.Context, store: Store) -> None:
    from claimcheck.services.ingest import FetchError, ensure_bundled_sources

    try:
        ensure_bundled_sources(store, _sources_toml(ctx))
    except FetchError as exc:
        raise InputError(str(exc)) from exc


def _valid_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise InputError(f"--since {value!r}: expected a date like 2024-09-01") from exc


class _Bar:
    """A live progress bar on stderr (only used when stderr is a terminal)."""

    def __init__(self, description: str, total: int | None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=rich_console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(description, total=total)

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


class _Progress(_Bar):
    """`fetch` on a terminal: a bar over the entries, labelled with the one in hand."""

    def __init__(self) -> None:
        super().__init__("fetching", 0)
        self.total = 0

    def __call__(self, event: FetchEvent) -> None:
        from rich.markup import escape

        from claimcheck.text import one_line

        if event.outcome == "source":
            self.total += event.total or 0
            self.progress.update(self.task, total=self.total)
        elif event.outcome in ("new", "changed", "unchanged", "failed"):
            self.progress.update(self.task, advance=1)
        label = escape(one_line(f"{event.source}: {event.detail or event.outcome}", 60))
        self.progress.update(self.task, description=label)


class _UpdateProgress(_Bar):
    """`evals update` on a terminal: a bar over the downloads, then what is being imported."""

    def __init__(self) -> None:
        super().__init__("downloading leaderboards", None)

    def __call__(self, event: UpdateEvent) -> None:
        from rich.markup import escape

        from claimcheck.text import one_line

        if event.stage == "download":
            label = f"downloading: {event.source} {one_line(event.detail, 40)}"
            self.progress.update(
                self.task, total=event.total, completed=event.done, description=escape(label)
            )
        elif event.stage == "import":
            self.progress.update(
                self.task,
                total=event.total,
                completed=event.done,
                description=escape(f"importing {event.source}"),
            )
        elif event.stage == "recheck":
            self.progress.update(self.task, description="rechecking stored claims")


def _summary_lines(summary: FetchSummary) -> list[str]:
    n = len(summary.sources)
    failed_sources = summary.failed_sources
    head = f"{n} source{'s' if n != 1 else ''}"
    not_modified = sum(s.not_modified for s in summary.sources)
    notes = [f"{failed_sources} failed"] if failed_sources else []
    if not_modified:
        notes.append(f"{not_modified} not modified")
    if notes:
        head += f" ({', '.join(notes)})"
    # a source that cannot be read is counted once, as a source; "failed" after "articles"
    # counts only the entries of readable feeds that failed: one error line each, either way
    lines = [
        f"{head}; articles: {summary.new} new, {summary.changed} changed, "
        f"{summary.unchanged} unchanged, {summary.failed} failed"
    ]
    from claimcheck.models import VERDICTS

    counts = ", ".join(f"{v} {summary.verdicts.get(v, 0)}" for v in VERDICTS)
    lines.append(f"claims found: {summary.claims} ({counts})")
    return lines


def register(main: click.Group) -> None:
    @main.command("fetch")
    @click.option(
        "--source",
        "source_names",
        multiple=True,
        metavar="NAME",
        help="Fetch only this source (repeatable; see 'claimcheck sources list').",
    )
    @click.option("--since", metavar="DATE", help="Skip feed entries published before DATE.")
    @click.pass_context
    def fetch_cmd(ctx: click.Context, source_names: tuple[str, ...], since: str | None) -> None:
        """Fetch the configured sources, then check and store new or changed articles.

        Prints how many articles were new, changed, unchanged or failed, and the claims found
        with their verdicts. One line per source that could not be read; exits 1 if every
        source failed (offline, for instance). Nothing already stored is lost.
        """
        from claimcheck.services.ingest import FetchConfig, fetch_sources
        from claimcheck.text import one_line

        since = _valid_date(since)
        store = open_store(ctx)
        try:
            _ensure_sources(ctx, store)
            sources = store.sources()
            if source_names:
                known = {s["name"]: s for s in sources}
                unknown = [n for n in source_names if n not in known]
                if unknown:
                    raise InputError(
                        f"no source named {unknown[0]!r} (see 'claimcheck sources list')"
                    )
                sources = [known[n] for n in source_names]
            if not sources:
                click.echo("no sources to fetch; add one with 'claimcheck sources add URL'")
                return
            config = FetchConfig.from_settings(settings_from(ctx))
            if sys.stderr.isatty():
                with _Progress() as progress:
                    summary = fetch_sources(
                        store, sources, since=since, progress=progress, config=config
                    )
            else:  # a pipe or a log: diagnostics only, one line per failure
                summary = fetch_sources(store, sources, since=since, config=config)
        finally:
            store.close()
        for src in summary.sources:
            if src.warning:
                click.echo(f"claimcheck: warning: {src.name}: {one_line(src.warning)}", err=True)
        for line in summary.errors:
            click.echo(f"claimcheck: {one_line(line, 300)}", err=True)
        for art in summary.articles:
            claims = f"{art.claims} claim{'s' if art.claims != 1 else ''}"
            click.echo(f"{art.outcome:<8} {one_line(art.title, 70)}  ({claims})")
        for line in _summary_lines(summary):
            click.echo(line)
        if summary.all_failed:
            ctx.exit(1)

    @main.group("sources")
    def sources_group() -> None:
        """List, add and remove the feeds, pages and READMEs that 'claimcheck fetch' reads."""

    @sources_group.command("list")
    @click.pass_context
    def sources_list(ctx: click.Context) -> None:
        """Show every source: name, kind, URL, and whether it came with claimcheck."""
        store = open_store(ctx)
        try:
            _ensure_sources(ctx, store)
            rows = store.sources()
        finally:
            store.close()
        if not rows:
            click.echo("no sources; add one with 'claimcheck sources add URL'")
            return
        width = max(len(r["name"]) for r in rows)
        for r in rows:
            mark = "" if r.get("bundled") else "  (added)"
            click.echo(f"{r['name']:<{width}}  {r['kind']:<6}  {r['url']}{mark}")

    @sources_group.command("add")
    @click.argument("url")
    @click.option(
        "--kind",
        type=click.Choice(["feed", "page", "readme"]),
        help="What the URL is (default: guessed from the URL).",
    )
    @click.option("--name", help="A short name for the source (default: from the URL).")
    @click.pass_context
    def sources_add(ctx: click.Context, url: str, kind: str | None, name: str | None) -> None:
        """Add a source: an RSS/Atom feed, a web page, or a GitHub / Hugging Face README."""
        from claimcheck.services.ingest import guess_kind, is_http_url

        if not is_http_url(url):
            raise InputError(f"{url!r}: not an http(s) URL")
        kind = kind or guess_kind(url)
        name = name or _name_from_url(url)
        if not re.fullmatch(r"[\w.@+-]{1,80}", name):
            raise InputError(f"{name!r}: a source name is letters, digits and . _ - + @ only")
        store = open_store(ctx)
        try:
            _ensure_sources(ctx, store)
            if any(r["name"] == name for r in store.sources()):
                raise InputError(f"a source named {name!r} exists; pick another --name")
            store.upsert_source(name, url, kind, bundled=False)
        finally:
            store.close()
        click.echo(f"added {name} ({kind}) {url}")

    @sources_group.command("remove")
    @click.argument("name")
    @click.pass_context
    def sources_remove(ctx: click.Context, name: str) -> None:
        """Remove a source by name (articles already fetched from it are kept)."""
        store = open_store(ctx)
        try:
            _ensure_sources(ctx, store)
            removed = store.remove_source(name)
        finally:
            store.close()
        if not removed:
            raise InputError(f"no source named {name!r} (see 'claimcheck sources list')")
        click.echo(f"removed {name}")

    evals = main.commands.get("evals")
    if not isinstance(evals, click.Group):
        # cli/evals.py normally creates the group; without it, `evals update` still works

        @main.group("evals")
        def evals_group() -> None:
            """Independent evaluations: update them from the published leaderboards."""

        evals = evals_group

    @evals.command("update")
    @click.option(
        "--leaderboard",
        "names",
        multiple=True,
        metavar="NAME",
        help="Update only this leaderboard (repeatable).",
    )
    @click.pass_context
    def evals_update(ctx: click.Context, names: tuple[str, ...]) -> None:
        """Download the latest leaderboard files, import them, and recheck stored claims.

        The public URLs come from the [leaderboards] section of sources.toml. Prints one line
        per leaderboard and every stored verdict that changed (an unverifiable claim that has
        become checkable, a verdict that flipped). Offline, nothing stored is touched; exits 1
        if every download failed.
        """
        from claimcheck.services.leaderboards import (
            FetchConfig,
            FetchError,
            load_source_list,
            update_leaderboards,
        )
        from claimcheck.text import one_line

        try:
            boards = dict(load_source_list(_sources_toml(ctx)).leaderboards)
        except FetchError as exc:
            raise InputError(str(exc)) from exc
        if names:
            unknown = [n for n in names if n not in boards]
            if unknown:
                raise InputError(
                    f"no leaderboard named {unknown[0]!r}; known: {', '.join(sorted(boards))}"
                )
            boards = {n: boards[n] for n in names}
        if not boards:
            click.echo("no leaderboard URLs configured in sources.toml")
            return
        store = open_store(ctx)
        config = FetchConfig.from_settings(settings_from(ctx))
        try:
            if sys.stderr.isatty():
                with _UpdateProgress() as progress:
                    update = update_leaderboards(store, boards, config=config, progress=progress)
            else:
                update = update_leaderboards(store, boards, config=config)
        finally:
            store.close()
        for res in update.results:
            line = f"{res.source}: {one_line(res.message, 300)}"
            if res.ok:
                click.echo(line)
            else:
                click.echo(f"claimcheck: {line}", err=True)
        changes = update.changes
        if any(r.ok and not r.not_modified for r in update.results):
            click.echo(f"{len(changes)} verdict{'s' if len(changes) != 1 else ''} changed")
            for ch in changes:
                click.echo("  " + _change_line(ch))
        n = len(update.results)
        # the failed count is the number of error lines above: the two always agree
        click.echo(
            f"{n} leaderboard{'s' if n != 1 else ''}: {update.updated} updated, "
            f"{update.not_modified} not modified, {update.failed} failed"
        )
        if update.all_failed:
            ctx.exit(1)


def _change_line(change: Change) -> str:
    from claimcheck.text import one_line

    title = one_line(change.article_title, 40)
    return f"{change.old_verdict} → {change.new_verdict}  {title}: {one_line(change.text, 80)}"


def _name_from_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    segs = [s for s in parts.path.split("/") if s and s not in ("releases.atom", "feed", "rss")]
    base = "-".join([host.split(".")[0], *segs[:2]]) if segs else host
    base = re.sub(r"[^\w.+-]+", "-", base).strip("-")
    return base[:80] or "source"
