"""Evaluations into the store: the bundled data on first run, and user imports of new files.

The bundled data (`data/evaluations/*.csv`, `data/prices.csv`, the registries) is loaded in
one transaction, with every model and benchmark name resolved to its canonical id, replacing
what an earlier release bundled but never what the user imported. `import_file` does the same
for one leaderboard file a user downloaded: parse, resolve, store, all or nothing.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.models import Evaluation, Price
from claimcheck.store import Snapshot, Store

# bump when the loader's interpretation of the bundled files changes, so stores rebuild
LOADER_VERSION = "2"  # 2: a bare name beside its own newer entry means an earlier version
_REGISTRY_FILES = (
    "models.csv",
    "model_aliases.csv",
    "family_aliases.csv",
    "lines.csv",
    "benchmarks.csv",
    "benchmark_aliases.csv",
)


class EvalImportError(Exception):
    """A file could not be imported; the message is one line naming the file and where."""


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


# -- bundled data ---------------------------------------------------------------------------


def _bundled_files(data_dir: Path) -> list[Path]:
    files = [data_dir / name for name in _REGISTRY_FILES]
    files += sorted((data_dir / "evaluations").glob("*.csv"))
    files.append(data_dir / "prices.csv")
    return [f for f in files if f.is_file()]


def bundled_fingerprint(data_dir: Path) -> str:
    """A hash of every bundled file the store is built from (and of the loader's version)."""
    h = hashlib.sha256(f"evaldata {LOADER_VERSION}\n".encode())
    for path in _bundled_files(Path(data_dir)):
        h.update(f"{path.relative_to(data_dir)}\n".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def bundled_signature(data_dir: Path) -> str:
    """Names, sizes and modification times of the bundled files: a cheap test that they are
    the files the store was last loaded from (the fingerprint decides when it differs)."""
    parts = [f"evaldata {LOADER_VERSION} {Path(data_dir).resolve()}"]
    for path in _bundled_files(Path(data_dir)):
        st = path.stat()
        parts.append(f"{path.relative_to(data_dir)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _Resolver:
    """Registry lookups cached per (name, date): the bundled data repeats names a lot."""

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self._models: dict[tuple[str, str, frozenset[str]], str | None] = {}
        self._benchmarks: dict[tuple[str, str], str | None] = {}
        self._prices: dict[str, str] | None = None

    def model(
        self, name: str, as_of: str | None, taken: frozenset[str] = frozenset()
    ) -> str | None:
        key = (name, as_of or "", taken)
        if key not in self._models:
            among = getattr(self.registry, "resolve_model_among", None)
            res = (
                among(name, as_of or None, taken)
                if among is not None and taken
                else self.registry.resolve_model(name, as_of=as_of or None)
            )
            self._models[key] = res.id
        return self._models[key]

    def taken(self, names: Iterable[str]) -> frozenset[str]:
        """Ids the names of one file resolve to by their own name (see `resolve_model_among`)."""
        exact = getattr(self.registry, "exact_ids", None)
        return exact(names) if exact is not None else frozenset()

    def benchmark(self, name: str, metric: str) -> str | None:
        key = (name, metric)
        if key not in self._benchmarks:
            self._benchmarks[key] = self.registry.resolve_benchmark(name, metric).id
        return self._benchmarks[key]

    def evaluation(self, e: Evaluation) -> Evaluation:
        return replace(
            e,
            model_id=self.model(e.model, e.as_of),
            benchmark_id=self.benchmark(e.benchmark, e.metric),
        )

    def price(self, p: Price) -> Price:
        return replace(p, model_id=self._price_index().get(self._normalise(p.model_key)))

    def _price_index(self) -> dict[str, str]:
        """Normalised name -> model id, for names that mean exactly one registered model.

        Price keys are matched exactly after normalisation (provider prefixes and suffixes
        dropped), never fuzzily: thousands of keys name models the registry does not know,
        and a near miss would put one model's price on another.
        """
        if self._prices is None:
            ids: dict[str, set[str]] = {}
            for m in self.registry.models.values():
                for alias in (m.id, m.name, *m.aliases):
                    if alias:
                        ids.setdefault(self._normalise(alias), set()).add(m.id)
            self._prices = {k: next(iter(v)) for k, v in ids.items() if len(v) == 1}
        return self._prices

    @staticmethod
    def _normalise(name: str) -> str:
        from claimcheck.registry import normalise_model

        return normalise_model(name)


def _registry(data_dir: Path | None) -> Any:
    from claimcheck.registry import load_registry

    return load_registry(data_dir)


def _float(text: str) -> float | None:
    return float(text) if text else None


def read_bundled_evaluations(
    data_dir: Path, resolver: _Resolver | None = None
) -> tuple[list[Evaluation], list[Snapshot]]:
    """The bundled evaluations as `Evaluation` rows and their snapshots.

    Blank cells mean "the snapshot's value" (see `claimcheck.importers.build`). With a
    resolver, model and benchmark ids are filled in as the rows are read (building each
    frozen row once is what keeps a first run fast).
    """
    ev_dir = Path(data_dir) / "evaluations"
    snaps: dict[tuple[str, str], dict[str, str]] = {}
    snapshots: dict[str, Snapshot] = {}
    with open(ev_dir / "snapshots.csv", newline="", encoding="utf-8") as fh:
        for s in csv.DictReader(fh):
            snaps[(s["source"], s["file_name"])] = s
            prev = snapshots.get(s["sha256"])
            sources = s["source"] if prev is None else f"{prev.source},{s['source']}"
            snapshots[s["sha256"]] = Snapshot(
                sha256=s["sha256"],
                source=sources,
                file_name=s["file_name"],
                source_url=s["source_url"] if prev is None else prev.source_url,
                as_of=s["as_of"],
                kind=s["kind"],
            )
    rows: list[Evaluation] = []
    for path in sorted(ev_dir.glob("*.csv")):
        if path.name == "snapshots.csv":
            continue
        rows.extend(_read_rows(path, snaps, resolver))
    return rows, list(snapshots.values())


def _read_rows(
    path: Path, snaps: dict[tuple[str, str], dict[str, str]], resolver: _Resolver | None
) -> Iterator[Evaluation]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        col = {name: i for i, name in enumerate(header)}
        missing = {"model", "benchmark", "metric", "score", "file"} - set(col)
        if missing:
            raise EvalImportError(f"{path}: line 1: missing columns {sorted(missing)}")
        i_model, i_bench, i_metric = col["model"], col["benchmark"], col["metric"]
        i_score, i_lo, i_hi, i_se = col["score"], col["ci_low"], col["ci_high"], col["stderr"]
        i_setting, i_as_of, i_notes = col["setting"], col["as_of"], col["notes"]
        i_derived, i_file = col["derived"], col["file"]
        i_source, i_by, i_url = col.get("source"), col.get("reported_by"), col.get("source_url")
        i_system = col.get("system")  # only sources that score agent systems have it
        lines = list(reader)
        # a bare name beside its own newer entry in the same file means an earlier version
        taken: dict[str, frozenset[str]] = {}
        if resolver is not None:
            names: dict[str, set[str]] = defaultdict(set)
            for r in lines:
                names[r[i_file]].add(r[i_model])
            taken = {f: resolver.taken(ns) for f, ns in names.items()}
        for line, r in enumerate(lines, start=2):
            source = r[i_source] if i_source is not None else path.stem
            snap = snaps.get((source, r[i_file]))
            if snap is None:
                raise EvalImportError(
                    f"{path}: line {line}: file {r[i_file]!r} of {source} is not in snapshots.csv"
                )
            model, benchmark, metric = r[i_model], r[i_bench], r[i_metric]
            as_of = r[i_as_of] or snap["as_of"]
            yield Evaluation(
                model=model,
                benchmark=benchmark,
                metric=metric,
                score=float(r[i_score]),
                source=source,
                as_of=as_of,
                setting=r[i_setting] or snap["setting"],
                ci_low=_float(r[i_lo]),
                ci_high=_float(r[i_hi]),
                stderr=_float(r[i_se]),
                source_url=(r[i_url] if i_url is not None else "") or snap["source_url"],
                snapshot=snap["sha256"],
                notes=r[i_notes] or snap["notes"],
                kind="self_reported" if snap["kind"] == "self_reported" else "independent",
                reported_by=(r[i_by] or None) if i_by is not None else None,
                derived=r[i_derived] == "1",
                model_id=resolver.model(model, as_of, taken[r[i_file]]) if resolver else None,
                benchmark_id=resolver.benchmark(benchmark, metric) if resolver else None,
                system=r[i_system] if i_system is not None else "",
            )


def read_bundled_prices(data_dir: Path) -> list[Price]:
    path = Path(data_dir) / "prices.csv"
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return [
            Price(
                model_key=r["model_key"],
                provider=r["provider"],
                input_usd_per_mtok=_float(r["input_usd_per_mtok"]),
                output_usd_per_mtok=_float(r["output_usd_per_mtok"]),
                as_of=r["as_of"],
                source=r["source"],
            )
            for r in csv.DictReader(fh)
        ]


def _registry_records(registry: Any) -> tuple[list[dict[str, Any]], ...]:
    models, model_aliases, benchmarks, benchmark_aliases = [], [], [], []
    for m in registry.models.values():
        models.append(
            {
                "id": m.id,
                "name": m.name,
                "org": m.org,
                "family": m.family,
                "version": m.version,
                "size": m.size,
                "variant": m.variant,
                "release_date": m.release_date,
                "open_weights": None if m.open_weights is None else int(m.open_weights),
            }
        )
        for alias in dict.fromkeys(m.aliases):
            model_aliases.append({"alias": alias, "model_id": m.id})
    for b in registry.benchmarks.values():
        benchmarks.append(
            {
                "id": b.id,
                "name": b.name,
                "items": b.items,
                "metric_kind": b.metric_kind,
                "higher_is_better": int(b.higher_is_better),
                "scale": b.scale,
                "caveats": ";".join(b.caveats),
                "category": b.category,
            }
        )
        for alias in dict.fromkeys(b.aliases):
            benchmark_aliases.append({"alias": alias, "benchmark_id": b.id})
    return models, model_aliases, benchmarks, benchmark_aliases


def load_bundled(store: Store, data_dir: Path) -> int:
    """Load the bundled registries, evaluations and prices in one transaction; rows loaded."""
    data_dir = Path(data_dir)
    registry = _registry(data_dir)
    resolver = _Resolver(registry)
    rows, snapshots = read_bundled_evaluations(data_dir, resolver)
    prices = [resolver.price(p) for p in read_bundled_prices(data_dir)]
    with store.transaction():
        store.replace_registries(*_registry_records(registry))
        store.replace_bundled_evaluations(rows, snapshots)
        if prices:
            store.replace_prices(prices)
    return len(rows)


# -- user imports ---------------------------------------------------------------------------


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
    resolver = _Resolver(_registry(data_dir))
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
