"""The leaderboards service: download the published leaderboard files, import them, recheck.

The sources stage downloads (`claimcheck.sources.leaderboards`), the importers read the files
(`claimcheck.evaldata.import_file`), and the checker re-judges every stored claim
(`claimcheck.services.recheck`); this module is where the three meet, for `claimcheck evals
update`.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import httpx

from claimcheck.evaldata import (
    EvalImportError,
    ImportResult,
    get_importer,
    import_file,
    known_sources,
)
from claimcheck.services.ingest import validators
from claimcheck.sources import FetchConfig, FetchError, load_source_list
from claimcheck.sources.leaderboards import (
    UpdateEvent,
    UpdateProgress,
    download_leaderboards,
    file_name,
    http_date,
)
from claimcheck.store import Store
from claimcheck.text import one_line

if TYPE_CHECKING:  # the checker (spaCy) loads only when something was imported
    from claimcheck.services.recheck import Change

# what `claimcheck evals import` and `evals update` need, so that the shells import services only
__all__ = [
    "EvalImportError",
    "FetchConfig",
    "FetchError",
    "ImportResult",
    "LeaderboardResult",
    "LeaderboardUpdate",
    "UpdateEvent",
    "get_importer",
    "import_file",
    "known_sources",
    "load_source_list",
    "update_leaderboards",
]


class Importer(Protocol):
    """`claimcheck.evaldata.import_file`'s signature, as far as the update calls it."""

    def __call__(
        self, store: Store, source: str, path: Path, /, *, source_url: str, as_of: str | None
    ) -> ImportResult: ...


Recheck = Callable[[Store], Sequence["Change"]]


@dataclass(frozen=True)
class LeaderboardResult:
    """What happened to one leaderboard in one update."""

    source: str
    ok: bool
    message: str  # one line: what happened to this leaderboard
    rows: int = 0
    new_rows: int = 0
    not_modified: bool = False


@dataclass(frozen=True)
class LeaderboardUpdate:
    """One `update_leaderboards` run: a result per leaderboard, and the verdicts that changed."""

    results: tuple[LeaderboardResult, ...] = ()
    changes: tuple[Change, ...] = ()  # what the recheck reported

    @property
    def all_failed(self) -> bool:
        return bool(self.results) and all(not r.ok for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results)

    @property
    def not_modified(self) -> int:
        return sum(r.ok and r.not_modified for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.ok and not r.not_modified for r in self.results)


def update_leaderboards(
    store: Store,
    boards: Mapping[str, Sequence[str]],
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    config: FetchConfig | None = None,
    recheck: Recheck | None = None,
    importer: Importer | None = None,
    progress: UpdateProgress | None = None,
) -> LeaderboardUpdate:
    """Download each leaderboard's files, import them, then recheck the stored claims.

    A leaderboard is imported only when every one of its files arrived, so an offline run or a
    half-failed download touches nothing stored. Files unchanged since the last run (304) are
    not re-imported. Each file keeps its public URL as provenance, and its Last-Modified date
    as `as_of` when the server sends one (otherwise the importer falls back to the download
    date). `importer` defaults to `claimcheck.evaldata.import_file` and `recheck` to
    `claimcheck.services.recheck.recheck`; recheck runs only when something new was imported.
    """
    downloads = asyncio.run(
        download_leaderboards(
            boards, lambda url: validators(store, url), config, transport, progress
        )
    )
    results: list[LeaderboardResult] = []
    imported_any = False
    with tempfile.TemporaryDirectory(prefix="claimcheck-") as tmp:
        for index, (name, fetched) in enumerate(downloads.items()):
            if progress is not None:
                progress(UpdateEvent("import", name, index, len(downloads)))
            failed = [f for f in fetched if not f.ok]
            if failed:
                first = failed[0]
                results.append(LeaderboardResult(name, False, f"{first.url}: {first.error}"))
                continue
            fresh = [f for f in fetched if not f.not_modified]
            if not fresh:
                results.append(LeaderboardResult(name, True, "not modified", not_modified=True))
                continue
            rows = new_rows = 0
            importer = importer or import_file
            try:
                for i, f in enumerate(fresh):
                    path = Path(tmp) / name / file_name(f.final_url or f.url, i)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(f.content)
                    res = importer(
                        store, name, path, source_url=f.final_url or f.url, as_of=http_date(f)
                    )
                    rows += res.rows
                    new_rows += res.new_rows
                    store.set_http_cache(
                        f.url,
                        etag=f.etag,
                        last_modified=f.last_modified,
                        status=f.status,
                        error=None,
                    )
            except Exception as exc:  # an importer's one-line error, reported per leaderboard
                results.append(
                    LeaderboardResult(name, False, one_line(str(exc) or type(exc).__name__))
                )
                continue
            imported_any = True
            results.append(
                LeaderboardResult(name, True, f"{rows} rows, {new_rows} new", rows, new_rows)
            )
    changes: tuple[Change, ...] = ()
    if imported_any:
        if progress is not None:
            progress(UpdateEvent("recheck"))
        if recheck is None:
            from claimcheck.services.recheck import recheck as recheck_stored

            recheck = recheck_stored
        changes = tuple(recheck(store))
    return LeaderboardUpdate(results=tuple(results), changes=changes)
