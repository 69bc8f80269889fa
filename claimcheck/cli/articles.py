"""`claimcheck articles list|remove`: the checked articles the store keeps.

An article is one row per text (content hash); every path or URL it was read from is an alias
of it, so the same announcement checked from two places is listed once. Removing an article
removes its claims, verdicts, evidence and vendor-table rows with it (foreign keys cascade).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from claimcheck.cli import InputError, open_store
from claimcheck.text import dumps_json, strip_controls


def register(main: click.Group) -> None:
    main.add_command(articles)


@click.group()
def articles() -> None:
    """List or remove the articles stored by `check`, `fetch` and the app."""


@articles.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def articles_list(ctx: click.Context, fmt: str) -> None:
    """Every stored article: id, date, claims and verdicts, title, and where it was read."""
    store = open_store(ctx)
    try:
        rows = [{**r, "aliases": store.article_aliases(r["id"])} for r in store.articles()]
    finally:
        store.close()
    if fmt == "json":
        keys = ("id", "title", "published", "source", "checked_at", "claims", "aliases")
        verdicts = ("supported", "overstated", "contradicted", "unverifiable")
        click.echo(
            dumps_json(
                [
                    {**{k: r.get(k) for k in keys}, **{v: r.get(v) or 0 for v in verdicts}}
                    for r in rows
                ],
                indent=2,
            )
        )
        return
    if not rows:
        click.echo("No articles stored: check some with 'claimcheck check PATH'.")
        return
    for r in rows:
        tally = ", ".join(
            f"{r[v]} {v}"
            for v in ("supported", "overstated", "contradicted", "unverifiable")
            if r.get(v)
        )
        title = _one_line(r.get("title") or "(untitled)")
        click.echo(
            f"{r['id']}  {r.get('published') or '----------'}  {r['claims']:>3} claim(s)  "
            f"{title[:70]}"
        )
        details = [tally] if tally else []
        details += [_one_line(a) for a in r["aliases"]]
        for line in details:
            click.echo(f"{'':18}{'':12}{line}")
    click.echo(f"{len(rows)} article(s)")


@articles.command("remove")
@click.argument("keys", nargs=-1, required=True, metavar="ID|PATH|URL...")
@click.pass_context
def articles_remove(ctx: click.Context, keys: tuple[str, ...]) -> None:
    """Remove articles by id (or a unique id prefix), or by a path or URL they were read from.

    Their claims, verdicts, evidence and vendor-table rows go with them; the ledger and
    `recheck` no longer count them. Nothing is removed if any KEY matches no article.
    """
    store = open_store(ctx)
    try:
        chosen: list[str] = []
        for key in keys:
            ids = store.resolve_article(key)
            if not ids and "://" not in key and Path(key).exists():
                ids = store.resolve_article(str(Path(key).resolve()))
            if not ids:
                raise InputError(f"{key}: no stored article (see 'claimcheck articles list')")
            if len(ids) > 1:
                raise InputError(f"{key}: {len(ids)} articles start with it; give more of the id")
            chosen.extend(i for i in ids if i not in chosen)
        removed: list[tuple[dict[str, Any], int]] = []
        for aid in chosen:
            row = store.article(aid) or {}
            removed.append((row, store.remove_article(aid)))
    finally:
        store.close()
    for row, claims in removed:
        title = _one_line(row.get("title") or row.get("url") or row.get("id") or "")
        click.echo(f"removed {row.get('id')}  {title[:70]}  ({claims} claim(s))")


def _one_line(text: str) -> str:
    return " ".join(strip_controls(text).split())
