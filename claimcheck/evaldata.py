"""Evaluations into the store: user imports of leaderboard files, and the bundled data.

`import_file` takes one leaderboard file a user downloaded: parse (`claimcheck.importers`),
resolve every model and benchmark name to its canonical id, store, all or nothing. The bundled
data (`data/evaluations/*.csv`, `data/prices.csv`, the registries) is read and resolved by
`claimcheck.bundled` and loaded by the store itself (`load_bundled`, re-exported here), so the
store never imports this module or the importers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.bundled import (
    LOADER_VERSION,
    EvalImportError,
    Resolver,
    bundled_fingerprint,
    bundled_signature,
    read_bundled_evaluations,
    read_bundled_prices,
    registry_for,
)
from claimcheck.models import Evaluation, Snapshot
from claimcheck.store import Store, load_bundled

__all__ = [  # the bundled data's names too, for callers that import them from here
    "LOADER_VERSION",
    "EvalImportError",
    "ImportResult",
    "bundled_fingerprint",
    "bundled_signature",
    "get_importer",
    "import_file",
    "known_sources",
    "load_bundled",
    "read_bundled_evaluations",
    "read_bundled_prices",
]


@dataclass(frozen=True)
class ImportResult:
    """What one `import_file` call did."""

    source: str
    path: str
    sha256: str
    rows: int  # rows in the file
    new_rows: int  # rows that were not in the store before
    unresolved_models: int = 0  # distinct model names the registry does not know
    kind: str = "evaluations"  # evaluations | prices
    as_of: str = ""
    as_of_from_file_date: bool = False


def known_sources() -> list[str]:
    from claimcheck.importers import ALIASES, IMPORTERS

    return sorted({*IMPORTERS, *ALIASES})


def get_importer(source: str) -> Any:
    """The importer for a source name or alias, or None (see `claimcheck.importers`)."""
    from claimcheck.importers import get_importer as find

    return find(source)


def import_file(
    store: Store,
    source: str,
    path: str | Path,
    *,
    source_url: str | None = None,
    as_of: str | None = None,
    data_dir: Path | None = None,
) -> ImportResult:
    """Parse one leaderboard file, resolve its names and store it in one transaction.

    Raises EvalImportError (one line naming the file, and the line or key where known) for an
    unknown source, an unreadable, truncated or malformed file, or a file of another format;
    nothing from the file is stored then. Importing the same file again changes nothing.
    """
    # the importers (and the parsers they bring) load only when a file is imported: opening
    # the store on every command passes through this module
    from claimcheck.importers import ImportFormatError
    from claimcheck.importers.base import open_file

    path = Path(path)
    importer = get_importer(source)
    if importer is None:
        raise EvalImportError(
            f"{path}: unknown source {source!r}; known: {', '.join(known_sources())}"
        )
    try:
        ctx = open_file(path, importer.manifest, source_url=source_url, as_of=as_of)
        parsed = importer.parse_context(ctx)
    except ImportFormatError as exc:
        raise EvalImportError(str(exc)) from exc
    if not parsed:
        raise EvalImportError(f"{path}: no {importer.name} rows found in the file")
    resolver = Resolver(registry_for(data_dir))
    if importer.kind == "prices":
        prices = [resolver.price(p) for p in parsed]
        with store.transaction():
            before = store.db["prices"].count
            store.replace_prices(prices)
            after = store.db["prices"].count
        return ImportResult(
            source=importer.name,
            path=str(path),
            sha256=ctx.sha256,
            rows=len(prices),
            new_rows=max(after - before, 0),
            unresolved_models=len({p.model_key for p in prices if p.model_id is None}),
            kind="prices",
            as_of=prices[0].as_of,
        )
    rows = [resolver.evaluation(e) for e in parsed]
    sources = sorted({e.source for e in rows})
    first = rows[0]
    snapshot = Snapshot(
        sha256=first.snapshot,
        source=",".join(sources),
        file_name=path.name,
        source_url=first.source_url,
        as_of=_file_as_of(rows),
        kind=first.kind,
    )
    n, new = store.import_evaluations(rows, snapshot)
    return ImportResult(
        source=",".join(sources),
        path=str(path),
        sha256=first.snapshot,
        rows=n,
        new_rows=new,
        unresolved_models=len({e.model for e in rows if e.model_id is None}),
        as_of=snapshot.as_of,
        # only if some row took the fallback date (Aider, Epoch rows carry their own dates)
        as_of_from_file_date=not ctx.as_of_known and any(e.as_of == ctx.as_of for e in rows),
    )


def _file_as_of(rows: Sequence[Evaluation]) -> str:
    """A file's date: the latest row date (rows carry run dates where the source has them)."""
    return max(e.as_of for e in rows)
