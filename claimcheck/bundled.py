"""The bundled data as rows: the files in `data/`, their fingerprint, names resolved.

Below the store: `claimcheck.store` builds a new store from what `read_bundled` returns, and
`claimcheck.evaldata` resolves a user's imported file with the same `Resolver`. Nothing here
writes anything; the registry loads only when rows are read, so asking whether the bundled
files changed (`bundled_signature`) stays cheap on every command.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.models import Evaluation, Price, Snapshot

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


class Resolver:
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


def registry_for(data_dir: Path | None) -> Any:
    """The registry of these data files (the bundled ones by default)."""
    from claimcheck.registry import load_registry

    return load_registry(data_dir)


def _float(text: str) -> float | None:
    return float(text) if text else None


def read_bundled_evaluations(
    data_dir: Path, resolver: Resolver | None = None
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
    path: Path, snaps: dict[tuple[str, str], dict[str, str]], resolver: Resolver | None
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


def registry_records(registry: Any) -> tuple[list[dict[str, Any]], ...]:
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


@dataclass(frozen=True)
class BundledData:
    """What a store is built from: the registries' rows, the evaluations and prices."""

    registries: tuple[list[dict[str, Any]], ...]  # models, model aliases, benchmarks, aliases
    evaluations: list[Evaluation]
    snapshots: list[Snapshot]
    prices: list[Price]


def read_bundled(data_dir: Path) -> BundledData:
    """Read the bundled registries, evaluations and prices, every name resolved."""
    data_dir = Path(data_dir)
    registry = registry_for(data_dir)
    resolver = Resolver(registry)
    rows, snapshots = read_bundled_evaluations(data_dir, resolver)
    prices = [resolver.price(p) for p in read_bundled_prices(data_dir)]
    return BundledData(registry_records(registry), rows, snapshots, prices)
