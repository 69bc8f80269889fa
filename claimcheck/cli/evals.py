"""`claimcheck evals ...`: what evaluations the store holds, and importing new leaderboard files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from claimcheck.cli import InputError, open_store, settings_from
from claimcheck.text import one_line


def register(main: click.Group) -> None:
    """Attach the `evals` group (import, stats, show) to the main command."""

    @main.group("evals")
    def evals() -> None:
        """Independent evaluations and vendor self-reports: import, count, look up."""

    @evals.command("import")
    @click.argument("source")
    @click.argument(
        "files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
    )
    @click.option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Publication date of the file(s). Default: the pinned date for a known snapshot, "
        "the dates inside the file where it has them, else the file's modification date.",
    )
    @click.option(
        "--source-url",
        metavar="URL",
        help="Where the file was published (ideally pinned to a commit); kept as provenance.",
    )
    @click.pass_context
    def evals_import(
        ctx: click.Context,
        source: str,
        files: tuple[Path, ...],
        as_of: str | None,
        source_url: str | None,
    ) -> None:
        """Import leaderboard FILES published by SOURCE (e.g. livebench table_2025_05_30.csv).

        Each file is imported in one transaction: a malformed, truncated or wrong-format file
        stores nothing and exits with code 2. Importing the same file again changes nothing.
        Sources: alpaca_eval, arena_hard_auto, livebench, evalplus, aider, wildbench,
        livecodebench, bigcodebench, lmarena_mirror, hf_open_llm_leaderboard, mixeval,
        epoch_ai, lmarena, swebench, self_reported, prices.
        """
        from claimcheck.cli import StoreFailure
        from claimcheck.services.leaderboards import (
            EvalImportError,
            get_importer,
            import_file,
            known_sources,
        )
        from claimcheck.store import StoreError

        if get_importer(source) is None:
            target = files[0] if files else "-"
            raise InputError(
                f"{target}: unknown source {source!r}; known: {', '.join(known_sources())}"
            )
        settings = settings_from(ctx)
        store = open_store(ctx)
        try:
            for path in files:
                try:
                    res = import_file(
                        store,
                        source,
                        path,
                        source_url=source_url,
                        as_of=as_of,
                        data_dir=settings.data_dir,
                    )
                except EvalImportError as exc:
                    raise InputError(str(exc)) from exc
                except StoreError as exc:  # locked past the wait, read-only, disk full
                    raise StoreFailure(f"{path}: nothing imported: {exc}") from exc
                what = "prices" if res.kind == "prices" else "rows"
                line = f"{path}: {res.source}: {res.rows} {what}, {res.new_rows} new"
                if res.unresolved_models:
                    line += f", {res.unresolved_models} model names not in the registry"
                line += f"; as of {res.as_of}"
                if res.as_of_from_file_date:
                    line += " (the file's modification date; pass --as-of to set it)"
                click.echo(line)
        finally:
            store.close()

    @evals.command("stats")
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.option(
        "--unresolved",
        is_flag=True,
        help="Also list the model names the registry does not know, and the registry entries "
        "that lack an organisation, family or release date.",
    )
    @click.pass_context
    def evals_stats(ctx: click.Context, fmt: str, unresolved: bool) -> None:
        """Rows per source and kind, date ranges, and how many models and benchmarks.

        Counts the model names no registry entry matches (and the agent systems scored under
        their own name, which are not models), and the entries without a release date.
        """
        store = open_store(ctx)
        try:
            stats = store.stats()
        finally:
            store.close()
        if fmt == "json":
            click.echo(json.dumps(stats, indent=2, sort_keys=True))
            return
        click.echo(_stats_table(stats, unresolved))

    @evals.command("show")
    @click.argument("model")
    @click.option("--benchmark", "-b", help="Only this benchmark (name or id).")
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )
    @click.pass_context
    def evals_show(ctx: click.Context, model: str, benchmark: str | None, fmt: str) -> None:
        """What is known about MODEL: its evaluations by source, vendor numbers, prices."""
        from claimcheck.registry import load_registry

        settings = settings_from(ctx)
        store = open_store(ctx)
        try:
            registry = load_registry(settings.data_dir)
            res = registry.resolve_model(model)
            ids = [res.id] if res.id else []
            family = res.family if res.method == "family" else None
            if res.id and res.id not in registry.models:
                family = res.id
            if family:  # a bare family name ("GPT-4o"): show every snapshot of it
                ids = [m.id for m in registry.family_members(family)] or ids
            rows = store.evaluations(model_ids=ids) if ids else store.evaluations_named(model)
            bench_id = None
            if benchmark:
                bench_id = registry.resolve_benchmark(benchmark).id
                wanted = benchmark.casefold()
                rows = [
                    e
                    for e in rows
                    if (bench_id and e.benchmark_id == bench_id) or wanted in e.benchmark.casefold()
                ]
            prices = store.prices(ids) if ids else []
        finally:
            store.close()
        if not rows and not ids:
            raise InputError(f"no model or evaluations named {model!r}")
        info = registry.models.get(res.id) if res.id and not family else None
        if fmt == "json":
            shown = _show_json(model, res, info, rows, prices)
            shown["family"] = family
            shown["model_ids"] = ids
            click.echo(json.dumps(shown, indent=2))
            return
        text = _show_table(model, res, info, rows, prices, benchmark)
        if family:
            _first, _, rest = text.partition("\n")
            text = f"{model} -> family {family}: {', '.join(ids)}\n{rest}"
        click.echo(text)


def _stats_table(stats: dict[str, Any], unresolved: bool = False) -> str:
    lines = []
    for kind in ("independent", "self_reported"):
        part = stats[kind]
        lines.append(f"{kind}: {part['rows']} rows")
        for source, n in part["sources"].items():
            first, last = part["dates"].get(source, ["", ""])
            lines.append(f"  {source:32} {n:7}  {first} .. {last}")
    names = stats.get("unresolved_models", [])
    incomplete = stats.get("incomplete_models", [])
    line = (
        f"models: {stats['models']} in the registry, {stats.get('models_with_evaluations', 0)} "
        f"with evaluations; {len(names)} names unresolved"
    )
    if stats.get("systems_without_one_model"):
        line += f" (and {stats['systems_without_one_model']} agent systems naming no one model)"
    lines.append(line)
    undated = sum(1 for m in incomplete if "release_date" in m["missing"])
    no_owner = sum(1 for m in incomplete if {"org", "family"} & set(m["missing"]))
    lines.append(
        f"registry entries with evaluations but no release date: {undated}; "
        f"without organisation or family: {no_owner}"
    )
    if unresolved:
        for n in names:
            lines.append(f"  unresolved: {one_line(n['model'], 48)}  {','.join(n['sources'])}")
        for m in incomplete:
            lines.append(f"  no {', no '.join(m['missing'])}: {m['model_id']}")
    lines.append(f"benchmarks: {stats['benchmarks']}")
    lines.append(f"prices: {stats.get('prices', 0)}")
    return "\n".join(lines)


def _eval_dict(e: Any) -> dict[str, Any]:
    return {
        "model": e.model,
        "model_id": e.model_id,
        "benchmark": e.benchmark,
        "benchmark_id": e.benchmark_id,
        "metric": e.metric,
        "score": e.score,
        "ci_low": e.ci_low,
        "ci_high": e.ci_high,
        "stderr": e.stderr,
        "setting": e.setting,
        "source": e.source,
        "source_url": e.source_url,
        "as_of": e.as_of,
        "snapshot": e.snapshot,
        "kind": e.kind,
        "reported_by": e.reported_by,
        "derived": e.derived,
        "system": e.system,
    }


def _show_json(
    query: str, res: Any, info: Any, rows: list[Any], prices: list[Any]
) -> dict[str, Any]:
    return {
        "query": query,
        "model_id": res.id,
        "resolution": {"method": res.method, "score": res.score, "family": res.family},
        "name": info.name if info else None,
        "org": info.org if info else None,
        "release_date": info.release_date if info else None,
        "independent": [_eval_dict(e) for e in rows if e.kind == "independent"],
        "self_reported": [_eval_dict(e) for e in rows if e.kind == "self_reported"],
        "prices": [
            {
                "model_key": p.model_key,
                "provider": p.provider,
                "input_usd_per_mtok": p.input_usd_per_mtok,
                "output_usd_per_mtok": p.output_usd_per_mtok,
                "as_of": p.as_of,
            }
            for p in prices
        ],
    }


def _show_table(
    query: str,
    res: Any,
    info: Any,
    rows: list[Any],
    prices: list[Any],
    benchmark: str | None,
) -> str:
    head = f"{query} -> {res.id or 'not in the registry'}"
    if res.method:
        head += f" ({res.method})"
    if info:
        head += f"; {info.name}, {info.org}, released {info.release_date or '?'}"
    lines = [head]
    for kind, title in (("independent", "independent"), ("self_reported", "self-reported")):
        part = [e for e in rows if e.kind == kind]
        lines.append(f"{title}: {len(part)} rows" + (f" on {benchmark}" if benchmark else ""))
        for e in sorted(part, key=lambda e: (e.benchmark, e.metric, e.source, e.as_of)):
            noise = ""
            if e.ci_low is not None and e.ci_high is not None:
                noise = f" [{e.ci_low:g}, {e.ci_high:g}]"
            elif e.stderr is not None:
                noise = f" ±{e.stderr:g} SE"
            by = f" by {e.reported_by}" if e.reported_by else ""
            if e.system:
                by += f" (system: {one_line(e.system, 40)})"
            name = f"{one_line(e.benchmark, 28):28} {one_line(e.metric, 30):30}"
            lines.append(
                f"  {name} {e.score:>9g}{noise}  {e.source}{by} {e.as_of}  {one_line(e.model, 40)}"
            )
    if prices:
        lines.append(f"prices: {len(prices)} (USD per million tokens, input/output)")
        for p in sorted(prices, key=lambda p: (p.provider, p.model_key))[:20]:
            lines.append(
                f"  {one_line(p.model_key, 48):48} {p.input_usd_per_mtok!s:>8} / "
                f"{p.output_usd_per_mtok!s:<8} {p.provider}"
            )
    return "\n".join(lines)
