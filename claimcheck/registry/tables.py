"""Reading the registry CSVs (`data/*.csv`) into models, benchmarks, lines and categories.

The files are plain CSV so they stay diffable and reviewable; lines starting with "#" are
comments, cells are stripped, and a missing file is an empty table.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from claimcheck.models import BenchmarkInfo, Domain, ModelInfo


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(
                line for line in handle if line.strip() and not line.startswith("#")
            )
        ]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _bool(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("true", "yes", "1", "y"):
        return True
    if value in ("false", "no", "0", "n"):
        return False
    return None


def _load_models(data_dir: Path) -> tuple[list[ModelInfo], list[tuple[str, str]]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(data_dir / "model_aliases.csv"):
        if row.get("alias") and row.get("model_id"):
            aliases[row["model_id"]].append(row["alias"])
    models = [
        ModelInfo(
            id=row["id"],
            name=row.get("name") or row["id"],
            org=row.get("org", ""),
            family=row.get("family") or row["id"],
            version=row.get("version", ""),
            size=row.get("size", ""),
            variant=row.get("variant", ""),
            release_date=row.get("release_date") or None,
            open_weights=_bool(row.get("open_weights", "")),
            aliases=tuple(aliases.get(row["id"], ())),
        )
        for row in _read_csv(data_dir / "models.csv")
        if row.get("id")
    ]
    # family_aliases.csv (generated: one family per alias) and lines.csv (curated: a name a
    # vendor reuses across versions, one row per family)
    families = [
        (row["alias"], row["family"])
        for name in ("family_aliases.csv", "lines.csv")
        for row in _read_csv(data_dir / name)
        if row.get("alias") and row.get("family")
    ]
    return models, families


def _load_benchmarks(
    data_dir: Path,
) -> tuple[list[BenchmarkInfo], list[tuple[str, str, str]]]:
    aliases: dict[str, list[str]] = defaultdict(list)
    metric_aliases: list[tuple[str, str, str]] = []
    for row in _read_csv(data_dir / "benchmark_aliases.csv"):
        if not (row.get("alias") and row.get("benchmark_id")):
            continue
        if row.get("metric"):
            metric_aliases.append((row["alias"], row["metric"], row["benchmark_id"]))
        else:
            aliases[row["benchmark_id"]].append(row["alias"])
    benchmarks = []
    for row in _read_csv(data_dir / "benchmarks.csv"):
        if not row.get("id"):
            continue
        items = row.get("items", "")
        benchmarks.append(
            BenchmarkInfo(
                id=row["id"],
                name=row.get("name") or row["id"],
                aliases=tuple(aliases.get(row["id"], ())),
                items=int(items) if items.isdigit() else None,
                metric_kind=row.get("metric_kind") or "accuracy",
                higher_is_better=_bool(row.get("higher_is_better", "")) is not False,
                scale=float(row["scale"]) if row.get("scale") else 100.0,
                caveats=_split(row.get("caveats", "")),
                category=row.get("category", ""),
                primary_metrics=_split(row.get("primary_metrics", "")),
            )
        )
    return benchmarks, metric_aliases


def _load_categories(data_dir: Path) -> list[tuple[str, tuple[str, ...], bool]]:
    return [
        (row["category"], _split(row.get("phrases", "")), _bool(row.get("in_groups", "")) is True)
        for row in _read_csv(data_dir / "categories.csv")
        if row.get("category")
    ]


def _load_domain(data_dir: Path) -> Domain:
    """The judge's domain tables: leaderboards, benchmark families and variant markers."""
    boards = [row for row in _read_csv(data_dir / "leaderboards.csv") if row.get("source")]
    families: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(data_dir / "benchmark_families.csv"):
        if row.get("family") and row.get("benchmark_id"):
            families[row["family"]].append(row["benchmark_id"])
    markers = [row for row in _read_csv(data_dir / "variant_markers.csv") if row.get("marker")]

    def marked(column: str) -> list[str]:
        return [row["marker"].lower() for row in markers if _bool(row.get(column, "")) is True]

    return Domain(
        source_names={row["source"]: row.get("name") or row["source"] for row in boards},
        board_averages={row["source"]: row["average"] for row in boards if row.get("average")},
        sliced_boards=frozenset(
            row["source"] for row in boards if _bool(row.get("sliced", "")) is True
        ),
        benchmark_families={family: tuple(ids) for family, ids in families.items()},
        name_markers=tuple(marked("in_name")),
        unreleased_variants=frozenset(marked("unreleased")),
        standin_suffixes=tuple(marked("standin")),
    )
