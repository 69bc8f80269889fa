"""LiveBench site tables (LiveBench/livebench.github.io `public/table_<release>.csv`).

A table has one column per task; which category each task belongs to is in the sibling
`categories_<release>.json`. The site shows category averages and the mean of them (the
global average) computed in JavaScript; those are recomputed here the same way and marked
`derived`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re

from claimcheck.importers.base import FileContext, FileMeta, Importer, mean, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/LiveBench/livebench.github.io/blob/"
_COMMITS = {
    # table sha256: (commit of the table file, its date)
    "df181166a5a670a5b7678ee02f96c6896d8a88a503aec20243234b698d25a8c0": (
        "2024_06_24",
        "cbd48e43d59fd5892e472c639e4f6fd677180583",
        "2024-09-06",
    ),
    "670dc4af2497d2daca7b5179f9558854163d954a95939bc4a7d71d8fce298a85": (
        "2024_07_26",
        "cbd48e43d59fd5892e472c639e4f6fd677180583",
        "2024-09-06",
    ),
    "8c66d248110076378f7eb58aaeef524c65bba6dff0b55f190fd9ac8e92d73b2a": (
        "2024_08_31",
        "990a0cea6c8781cc0025be4a9df9f4fc8bb424a1",
        "2024-11-21",
    ),
    "17ca6b3d122921d24b591d0da52566c5552ed4f4001ae9d83a11b2712325aae4": (
        "2024_11_25",
        "11187de08e41c413cb671e1811fd542b6eb765d5",
        "2025-03-31",
    ),
    "d7fd6a3e461cff4f96569093553789115e87adeb9cd95dca043bafa51ff2acaa": (
        "2025_04_02",
        "ad51514198e70bc67b7e1b62f658e7a50744b914",
        "2025-04-18",
    ),
    "251eb7461da69232733b80d1e63f00a9db5b921d90c966d139ce0e2851c762d9": (
        "2025_04_25",
        "9221eb14f9cf393da7336adb4b9e00c82848df07",
        "2025-05-30",
    ),
    "c1215f3df5b2e0a5fe69907c101d29922bf783b011df9ba82638c0145cb4c64c": (
        "2025_05_30",
        "4f81f213c37cf384ecb5c9655d84359dbc5f4f7d",
        "2025-12-01",
    ),
    "34242000938912ac33369e3b25d49f6eafd3cc64823914b2405cef9a7ddcd81d": (
        "2025_11_25",
        "a24555b9b5c9b3da47043815cd4c0a081e5d0852",
        "2025-12-24",
    ),
    "d8a96fd89213f11f144c92846567f8652bc2740511e8b4bc4211f659ff57f670": (
        "2025_12_23",
        "376d6070dc167e48655bc3b760bcb7dbe72ea569",
        "2026-01-02",
    ),
    "d5a01d74d58d99063eb4ba2901882965e10a3ec344156f6620b4c86b16a926e5": (
        "2026_01_08",
        "4bf96c8d9dc9b06c17d82dc76a54429975c2b2c2",
        "2026-07-01",
    ),
}
MANIFEST = {
    sha: FileMeta(f"{_BASE}{commit}/public/table_{release}.csv", date)
    for sha, (release, commit, date) in _COMMITS.items()
}
_RELEASE = re.compile(r"(\d{4})_(\d{2})_(\d{2})")


def categories_path_for(ctx: FileContext):  # noqa: ANN201 - Path
    """The categories JSON beside a table: table_2024_06_24.csv -> categories_2024_06_24.json."""
    name = ctx.path.name
    if not name.startswith("table_"):
        raise ctx.error("a LiveBench table is named table_<release>.csv (to find its categories)")
    return ctx.path.with_name("categories_" + name[len("table_") :].rsplit(".", 1)[0] + ".json")


def parse(ctx: FileContext) -> list[Evaluation]:
    m = _RELEASE.search(ctx.path.name)
    if not m:
        raise ctx.error("file name has no release date (expected table_YYYY_MM_DD.csv)")
    release = "-".join(m.groups())
    cat_path = categories_path_for(ctx)
    try:
        categories = json.loads(cat_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ctx.error(f"categories file {cat_path.name} not found beside the table") from exc
    except (OSError, ValueError) as exc:
        raise ImportError_(cat_path, f"not valid JSON ({exc})") from exc
    if not isinstance(categories, dict) or not all(
        isinstance(v, list) for v in categories.values()
    ):
        raise ImportError_(cat_path, "expected an object of category -> list of tasks")
    task_category = {t: c for c, tasks in categories.items() for t in tasks}
    reader = csv.DictReader(io.StringIO(ctx.text()))
    fields = reader.fieldnames or []
    if not fields or fields[0] != "model":
        raise ctx.error("not a LiveBench table (first column must be 'model')", "line 1")
    setting = f"LiveBench release {release} question set"
    cat_note = f"per {cat_path.name}, as the site computes it"
    out: list[Evaluation] = []

    def add(model: str, metric: str, score: float, notes: str, derived: bool = False) -> None:
        out.append(
            ctx.row(
                model=model,
                benchmark="LiveBench",
                metric=metric,
                score=r4(score),
                source="livebench",
                setting=setting,
                notes=notes,
                derived=derived,
            )
        )

    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        model = (rec.get("model") or "").strip()
        if not model:
            continue
        values: dict[str, float] = {}
        for task in fields[1:]:
            raw = rec.get(task)
            value = to_float(raw)
            if value is None:
                if raw not in (None, "", "-"):
                    raise ctx.error(f"{task}={raw!r} is not a number", f"line {line}")
                continue
            values[task] = value
            cat = task_category.get(task)
            note = f"category={cat}; score 0-100" if cat else "score 0-100"
            add(model, f"task:{task}", value, note)
        averages = []
        for cat, tasks in categories.items():
            present = [values[t] for t in tasks if t in values]
            if not present:
                continue
            # Rounding ties (x.xxxx5) decide the 4th decimal, so the float arithmetic follows
            # the reference table's: categories as a correctly rounded mean, the global
            # average as an exact sum of the plainly summed category means.
            averages.append(sum(present) / len(present))
            add(
                model,
                f"category_average:{cat}",
                mean(present),
                f"DERIVED: mean of {len(present)}/{len(tasks)} task scores {cat_note}",
                derived=True,
            )
        if averages:
            add(
                model,
                "global_average",
                math.fsum(averages) / len(averages),
                f"DERIVED: mean of {len(averages)} category averages, replicating the site "
                "default (all categories checked)",
                derived=True,
            )
    if not out:
        raise ctx.error("no model rows found")
    return out


def ImportError_(path, message):  # noqa: ANN001, ANN201, N802 - keeps the raise sites short
    from claimcheck.importers.base import ImportFormatError

    return ImportFormatError(path, message)


IMPORTER = Importer(
    name="livebench",
    description="LiveBench table_<release>.csv with categories_<release>.json beside it",
    parser=parse,
    manifest=MANIFEST,
    sources=("livebench",),
    patterns=("table_*.csv",),
)
