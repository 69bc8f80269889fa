"""`claimcheck models` and `claimcheck benchmarks`: look names up in the registries.

Useful on its own (which snapshot did "GPT-4o" mean in September 2024?) and as the way to
check a registry edit: every command prints what resolution would give the rest of the pipeline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import click

from claimcheck.cli import InputError, settings_from
from claimcheck.models import Resolution

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _registry(ctx: click.Context):  # noqa: ANN202 - Registry, imported lazily for a fast --help
    from claimcheck.services.errors import BadInput
    from claimcheck.services.lookup import open_registry

    try:
        return open_registry(settings_from(ctx).data_dir)
    except BadInput as exc:
        raise InputError(str(exc)) from exc


def _as_json(resolutions: Sequence[Resolution]) -> str:
    return json.dumps(
        [
            {"text": r.text, "id": r.id, "family": r.family, "candidates": list(r.candidates)}
            for r in resolutions
        ],
        indent=2,
        ensure_ascii=False,
    )


def _as_table(resolutions: Sequence[Resolution], with_family: bool = True) -> str:
    header = (
        ["name", "id", "family", "how", "candidates"]
        if with_family
        else ["name", "id", "how", "candidates"]
    )
    rows = [header]
    for r in resolutions:
        row = [r.text, r.id or "-"]
        if with_family:
            row.append(r.family or "-")
        row += [r.method or "unresolved", ", ".join(r.candidates[:4]) or "-"]
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _check_date(as_of: str | None) -> str | None:
    if as_of is not None and not _DATE.match(as_of):
        raise InputError(f"--as-of {as_of!r}: expected a date as YYYY-MM-DD")
    return as_of


def register(main: click.Group) -> None:
    """Add the `models` and `benchmarks` groups to the CLI."""

    @main.group("models")
    def models_group() -> None:
        """Look up models in the registry: canonical ids, families and snapshots."""

    @models_group.command("resolve")
    @click.argument("names", nargs=-1, required=True)
    @click.option(
        "--as-of", "as_of", help="Claim date (YYYY-MM-DD): picks the snapshot then current."
    )
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.pass_context
    def resolve_cmd(
        ctx: click.Context, names: tuple[str, ...], as_of: str | None, fmt: str
    ) -> None:
        """Resolve model NAMES as written to canonical ids.

        A bare family name ("GPT-4o") resolves to the snapshot current on --as-of (the newest
        without it); unknown names resolve to nothing and list the closest ids.
        """
        registry = _registry(ctx)
        as_of = _check_date(as_of)
        resolutions = [registry.resolve_model(name, as_of) for name in names]
        click.echo(_as_json(resolutions) if fmt == "json" else _as_table(resolutions))

    @models_group.command("list")
    @click.option("--family", help="Only the snapshots of this family, oldest first.")
    @click.option("--org", help="Only models of this organisation (case-insensitive).")
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.pass_context
    def list_cmd(ctx: click.Context, family: str | None, org: str | None, fmt: str) -> None:
        """List registry models with their family, organisation and release date."""
        registry = _registry(ctx)
        if family:
            models = registry.family_members(family)
            if not models:
                raise InputError(f"no family {family!r} in the registry")
        else:
            models = sorted(registry.models.values(), key=lambda m: m.id)
        if org:
            models = [m for m in models if m.org.casefold() == org.casefold()]
        if fmt == "json":
            click.echo(
                json.dumps(
                    [
                        {
                            "id": m.id,
                            "name": m.name,
                            "org": m.org,
                            "family": m.family,
                            "version": m.version,
                            "size": m.size,
                            "variant": m.variant,
                            "release_date": m.release_date,
                            "open_weights": m.open_weights,
                        }
                        for m in models
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        for m in models:
            click.echo(f"{m.id:45} {m.family:35} {m.org:15} {m.release_date or '-'}")

    @main.group("benchmarks")
    def benchmarks_group() -> None:
        """Look up benchmarks in the registry: ids, item counts and caveats."""

    @benchmarks_group.command("list")
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.pass_context
    def list_benchmarks_cmd(ctx: click.Context, fmt: str) -> None:
        """List registry benchmarks: item count (for noise margins), scale and caveats."""
        benchmarks = sorted(_registry(ctx).benchmarks.values(), key=lambda b: b.id)
        if fmt == "json":
            click.echo(
                json.dumps(
                    [
                        {
                            "id": b.id,
                            "name": b.name,
                            "items": b.items,
                            "metric_kind": b.metric_kind,
                            "higher_is_better": b.higher_is_better,
                            "scale": b.scale,
                            "caveats": list(b.caveats),
                            "category": b.category,
                            "primary_metrics": list(b.primary_metrics),
                        }
                        for b in benchmarks
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        for b in benchmarks:
            items = str(b.items) if b.items else "-"
            click.echo(f"{b.id:40} {items:>6}  {b.metric_kind:9} {', '.join(b.caveats) or '-'}")

    @benchmarks_group.command("resolve")
    @click.argument("names", nargs=-1, required=True)
    @click.option("--metric", help="The source's metric, where it names part of a leaderboard.")
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.pass_context
    def resolve_benchmarks_cmd(
        ctx: click.Context, names: tuple[str, ...], metric: str | None, fmt: str
    ) -> None:
        """Resolve benchmark NAMES as written to canonical benchmark ids."""
        registry = _registry(ctx)
        resolutions = [registry.resolve_benchmark(name, metric) for name in names]
        if fmt == "json":
            click.echo(
                json.dumps(
                    [
                        {"text": r.text, "id": r.id, "candidates": list(r.candidates)}
                        for r in resolutions
                    ],
                    indent=2,
                    ensure_ascii=False,
                )
            )
        else:
            click.echo(_as_table(resolutions, with_family=False))
