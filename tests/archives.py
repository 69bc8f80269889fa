"""Generated archives for the scale tests: announcement-like rows, written for this project.

Each row names real models and benchmarks from the registry, so its claims reach real verdicts
against the bundled evaluations; the sentences are templates, the numbers random.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimcheck.pipeline import Checker
from claimcheck.report import claim_dict
from claimcheck.scale.archive import plan, read_partition
from claimcheck.scale.results import read_rows
from claimcheck.scale.run import LocalEngine

MODELS = [
    "GPT-4o",
    "Claude 3.5 Sonnet",
    "Llama 3.1 405B",
    "Qwen2.5-72B-Instruct",
    "DeepSeek-V3",
    "Gemini 1.5 Pro",
    "Mistral Large 2",
]
BENCHMARKS = ["MMLU-Pro", "GPQA Diamond", "MATH Level 5", "HumanEval", "LiveBench", "IFEval"]
CLAIMS = [
    "{s} beats {t} on {b}.",
    "Against {t}, {s} holds its own on {b}.",
    "On {b} and {b2}, {s} scores higher than {t}.",
    "{s} gets close to {t} on {b}.",
    "{s} outperforms {t} across the board.",
]
FILLER = [
    "The weights are published under a research licence.",
    "Our data pipeline was rebuilt from scratch for this release.",
    "The model is served from three regions starting today.",
    "We doubled the context length compared with the last version.",
    "A technical report with the full training recipe follows next month.",
]


def article(i: int, rng: random.Random) -> dict[str, Any]:
    subject = rng.choice(MODELS)
    others = [m for m in MODELS if m != subject]
    paragraphs = [f"# {subject}, build {i}"]
    for _ in range(3):
        b, b2 = rng.sample(BENCHMARKS, 2)
        claim = rng.choice(CLAIMS).format(s=subject, t=rng.choice(others), b=b, b2=b2)
        sentences = rng.sample(FILLER, 2)
        sentences.insert(rng.randint(0, 2), claim)
        paragraphs.append(" ".join(sentences))
    row: dict[str, Any] = {"text": "\n\n".join(paragraphs) + "\n"}
    if i % 3:
        row["url"] = f"https://news.example/{i}"
    if i % 4 == 0:
        row["title"] = f"{subject} arrives"
    row["date"] = f"2024-{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}"
    row["source"] = "example-news"
    return row


def articles(n: int, seed: int = 16) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    return path


def write_parquet(path: Path, rows: list[dict[str, Any]], row_group_size: int = 7) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = ["text", "url", "title", "date", "source"]
    table = pa.table({c: [r.get(c) for r in rows] for c in columns})
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


# -- what the tests compare ----------------------------------------------------------------


def local_engine(checker: Checker) -> Any:
    @contextlib.contextmanager
    def open_engine(copy: Path) -> Iterator[LocalEngine]:
        yield LocalEngine(checker)

    return open_engine


def expected_claims(checker: Checker, archive: Path, size: int) -> dict[str, list[Any]]:
    """Row id -> claim dicts, by checking each document alone, in this process."""
    out = {}
    for part in plan([str(archive)], size)[1]:
        for row in read_partition(part):
            if row.document is not None:
                out[row.id] = [claim_dict(c) for c in checker.check_document(row.document).claims]
    return out


def claims_by_document(out: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((out / "claims").iterdir()):
        for row in read_rows(path):
            found.setdefault(row["document"], []).append(row)
    return found


def strip_context(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v
        for k, v in row.items()
        if k not in ("document", "url", "title", "date", "source", "claim")
    }
