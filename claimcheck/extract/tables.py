"""The vendor's own benchmark tables as self-reported evaluations.

Release posts carry a table of the new model against its rivals. Parsed into `Evaluation` rows
(kind "self_reported", never independent evidence) they let the judge score a broad claim
against the vendor's own numbers: "wins 4 of 11 rows of its own table" is the cherry-pick
measure. Markdown pipe tables and HTML tables are read; models may be the columns (benchmarks
the rows) or the rows (the transposed form). Settings come from the header or row label
("MMLU (5-shot)"), from the cell ("88.7 (5-shot)") or from a note under the table
("All numbers are 0-shot CoT unless noted").
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.extract import lexicon as lx
from claimcheck.models import Document, Evaluation

SOURCE = "vendor_table"

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_NUMBER = re.compile(
    r"^[~≈<>]?\s*(-?\d{1,5}(?:[.,]\d+)?)\s*(%)?\s*(?:\(([^()]{0,40})\))?\s*[*†‡§¹²³⁴⁵]*$"
)
_PAREN = re.compile(r"\s*[(\[]([^()\[\]]{1,60})[)\]]\s*")
_EMPHASIS = re.compile(r"\*\*|__|\*|`|<[^>]{0,200}>")
_SETTING_HEADERS = re.compile(
    r"^(?:setting|settings|shots?|#\s*shots?|n-shot|metric|eval(?:uation)? setting)$", re.I
)
_LABEL_HEADERS = re.compile(
    r"^(?:benchmark|benchmarks|task|tasks|eval|evals|dataset|category|model|models|)$", re.I
)
_NOTE_WINDOW = 4  # lines after a table where a settings footnote may sit
# A model or benchmark name is a few words. Longer cells are neither, and are never given to
# the name patterns or the fuzzy resolver, whose cost grows faster than the cell (a 66 KB
# cell of one repeated word took 52 s in the model-name pattern alone).
MAX_LABEL = 120
MAX_NUMBER_CELL = 80


def parse_vendor_tables(document: Document, registry: Any = None) -> list[Evaluation]:
    """Every numeric model x benchmark cell of the document's tables, as Evaluations."""
    if registry is None:
        from claimcheck.registry import load_registry

        registry = load_registry()
    text = document.text or ""
    tables = _markdown_tables(text)
    if "<table" in text[:5_000_000].lower():
        tables += _html_tables(text)
    if not tables:
        return []
    reported_by = _reported_by(document, registry)
    names = _Names(registry, document.date)
    rows: list[Evaluation] = []
    for number, (grid, note) in enumerate(tables, start=1):
        rows += _table_rows(grid, note, number, document, names, reported_by)
    return rows


class _Names:
    """What each header or row label is, worked out once per document: a vendor table
    repeats its labels in every row, and resolving a name is the costly part."""

    def __init__(self, registry: Any, date: str | None) -> None:
        self.registry = registry
        self.date = date
        self._model: dict[str, bool] = {}
        self._bench: dict[str, bool] = {}
        self._model_id: dict[str, str | None] = {}
        self._bench_id: dict[str, str | None] = {}

    def is_model(self, label: str) -> bool:
        if label not in self._model:
            self._model[label] = _is_model(label, self.registry)
        return self._model[label]

    def is_benchmark(self, label: str) -> bool:
        if label not in self._bench:
            self._bench[label] = _is_benchmark(label, self.registry)
        return self._bench[label]

    def model_id(self, name: str) -> str | None:
        if name not in self._model_id:
            self._model_id[name] = _model_id(name, self.date, self.registry)
        return self._model_id[name]

    def bench_id(self, name: str) -> str | None:
        if name not in self._bench_id:
            self._bench_id[name] = _bench_id(name, self.registry)
        return self._bench_id[name]


# -- finding tables ------------------------------------------------------------------------


def _markdown_tables(text: str) -> list[tuple[list[list[str]], str]]:
    lines = text.splitlines()
    tables: list[tuple[list[list[str]], str]] = []
    i = 0
    while i < len(lines) - 1:
        if "|" in lines[i] and _SEPARATOR.match(lines[i + 1]) and "-" in lines[i + 1]:
            header = _cells(lines[i])
            body: list[list[str]] = []
            j = i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip():
                body.append(_cells(lines[j]))
                j += 1
            note = " ".join(lines[j : j + _NOTE_WINDOW])
            before = lines[i - 1] if i > 0 else ""
            tables.append(([header, *body], f"{before} {note}"))
            i = j
        else:
            i += 1
    return tables


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def _html_tables(text: str) -> list[tuple[list[list[str]], str]]:
    try:
        import lxml.html

        root = lxml.html.fromstring(text)
    except Exception:  # noqa: BLE001 - hostile or broken HTML has no tables we can trust
        return []
    tables: list[tuple[list[list[str]], str]] = []
    for table in root.iter("table"):
        grid = [
            [" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
            for row in table.iter("tr")
        ]
        grid = [row for row in grid if any(row)]
        following = table.getnext()
        note = " ".join(following.text_content().split())[:300] if following is not None else ""
        caption = table.find("caption")
        if caption is not None:
            note = " ".join(caption.text_content().split()) + " " + note
        if len(grid) >= 2:
            tables.append((grid, note))
    return tables


# -- reading one table ---------------------------------------------------------------------


def _table_rows(
    grid: list[list[str]],
    note: str,
    number: int,
    document: Document,
    names: _Names,
    reported_by: str,
) -> list[Evaluation]:
    header = [_clean(c) for c in grid[0]]
    body = [[_clean(c) for c in row] for row in grid[1:]]
    if len(header) < 2 or not body:
        return []
    setting_col = next(
        (i for i, h in enumerate(header) if i > 0 and _SETTING_HEADERS.match(h)), None
    )
    value_cols = [i for i in range(1, len(header)) if i != setting_col]
    header_models = sum(names.is_model(header[i]) for i in value_cols)
    header_benches = sum(names.is_benchmark(header[i]) for i in value_cols)
    row_labels = [row[0] for row in body if row]
    label_models = sum(names.is_model(label) for label in row_labels)
    label_benches = sum(names.is_benchmark(label) for label in row_labels)
    models_in_columns = (header_models, label_benches) >= (label_models, header_benches)
    if max(header_models + label_benches, label_models + header_benches) == 0:
        return []
    default_setting = _setting_in(note)
    out: list[Evaluation] = []
    for row in body:
        if not row or not row[0]:
            continue
        row_setting = row[setting_col] if setting_col is not None and setting_col < len(row) else ""
        for col in value_cols:
            if col >= len(row):
                continue
            parsed = _number(row[col])
            if parsed is None:
                continue
            score, cell_setting = parsed
            if models_in_columns:
                model_label, bench_label = header[col], row[0]
            else:
                model_label, bench_label = row[0], header[col]
            if len(model_label) > MAX_LABEL or len(bench_label) > MAX_LABEL:
                continue
            model, model_setting = _split_label(model_label)
            bench, bench_setting = _split_label(bench_label)
            if not model or not bench:
                continue
            setting = (
                cell_setting
                or bench_setting
                or row_setting
                or model_setting
                or _setting_in(bench_label)
                or default_setting
            )
            out.append(
                Evaluation(
                    model=model,
                    benchmark=bench,
                    metric=_metric(setting),
                    score=score,
                    source=SOURCE,
                    as_of=document.date or "",
                    setting=setting,
                    source_url=document.path if document.path.startswith("http") else "",
                    snapshot=document.sha256,
                    notes=f"table {number} of {document.title or document.path or 'the document'}",
                    kind="self_reported",
                    reported_by=reported_by,
                    model_id=names.model_id(model),
                    benchmark_id=names.bench_id(bench),
                    document=document.path or None,
                )
            )
    return out


def _clean(cell: str) -> str:
    return " ".join(_EMPHASIS.sub("", cell).split())


def _number(cell: str) -> tuple[float, str] | None:
    """(score, setting) from "88.7", "88.7%", "88.7 (5-shot)", "**88.7**"; None otherwise."""
    if len(cell) > MAX_NUMBER_CELL:
        return None
    match = _CELL_NUMBER.match(cell.strip())
    if not match:
        return None
    try:
        score = float(match.group(1).replace(",", "."))
    except ValueError:
        return None
    setting = match.group(3) or ""
    return score, setting.strip() if _setting_in(setting) else ""


def _split_label(label: str) -> tuple[str, str]:
    """ "MMLU (5-shot)" -> ("MMLU", "5-shot"); a parenthesis that is not a setting stays."""
    setting = ""
    for m in _PAREN.finditer(label):
        if _setting_in(m.group(1)):
            setting = m.group(1).strip()
            label = label.replace(m.group(0), " ")
    return " ".join(label.split()), setting


def _setting_in(text: str) -> str:
    found = [m.group(0) for m in lx.SETTING.finditer(text or "")]
    return " ".join(dict.fromkeys(found))


def _metric(setting: str) -> str:
    match = re.search(r"\b(?:pass|maj|cons)@\d+\b", setting, re.IGNORECASE)
    return match.group(0) if match else "score"


def _is_model(label: str, registry: Any) -> bool:
    if len(label) > MAX_LABEL:
        return False
    name, _ = _split_label(label)
    if not name or _LABEL_HEADERS.match(name):
        return False
    if lx.UNKNOWN_MODEL.fullmatch(name) or lx.FAMILY_MODEL.fullmatch(name):
        return not _is_benchmark(name, registry)
    res = registry.resolve_model(name)
    return res.id is not None and res.method in ("exact", "normalised", "as_of", "family")


def _is_benchmark(label: str, registry: Any) -> bool:
    if len(label) > MAX_LABEL:
        return False
    name, _ = _split_label(label)
    if not name or _LABEL_HEADERS.match(name):
        return False
    if lx.BENCHMARK_NAMES.fullmatch(name):
        return True
    res = registry.resolve_benchmark(name)
    return res.id is not None and res.method in ("exact", "normalised")


def _model_id(name: str, date: str | None, registry: Any) -> str | None:
    return registry.resolve_model(name, as_of=date).id


def _bench_id(name: str, registry: Any) -> str | None:
    canonical = lx.BENCHMARK_CANONICAL.get(name.casefold(), name)
    return registry.resolve_benchmark(canonical).id


def _reported_by(document: Document, registry: Any) -> str:
    """The organisation behind the document's own model, else the document's title."""
    title = document.title or ""
    for pattern in (lx.FAMILY_MODEL, lx.UNKNOWN_MODEL):
        for m in pattern.finditer(title):
            res = registry.resolve_model(m.group(0), as_of=document.date)
            info = registry.models.get(res.id) if res.id else None
            if info is not None and info.org:
                return str(info.org)
    return title or document.path or "unknown"
