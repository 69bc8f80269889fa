"""The on-demand index gives the judge exactly what the full index gives it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimcheck.documents import load_document
from claimcheck.judge import EvaluationIndex
from claimcheck.lazyindex import StoreIndex
from claimcheck.models import Document, Evaluation
from claimcheck.pipeline import Checker
from claimcheck.store import Snapshot, Store

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
MORE = [
    "Qwen2.5-72B-Instruct outperforms GPT-4o and Llama 3.1 405B on MMLU-Pro and GPQA Diamond.",
    "DeepSeek-V3 is the best open model on LiveCodeBench and second only to Claude 3.5 Sonnet.",
    "Gemma 2 9B beats Llama 3 8B on most benchmarks, and it rivals Mixtral 8x7B on MMLU.",
    "Our model surpasses GPT-4o mini on HumanEval and MBPP, scoring 88.1 and 80.2.",
    "Llama 3.1 70B is on par with GPT-4 Turbo across the board.",
]


def _documents() -> list[Document]:
    docs = [load_document(str(p)) for p in sorted(SAMPLES.iterdir())]
    return docs + [Document(t, path=f"more{i}.md", date="2024-12-01") for i, t in enumerate(MORE)]


def _verdicts(checker: Checker, docs: list[Document]) -> list[Any]:
    return [(c.claim, c.verdict) for d in docs for c in checker.check_document(d).claims]


@pytest.mark.parametrize("until", [None, "2024-09-30"])
def test_verdicts_are_the_same_with_either_index(store: Store, until: str | None) -> None:
    docs = _documents()
    lazy = Checker(store, evidence_until=until)
    assert isinstance(lazy.evidence, StoreIndex)
    full = Checker(store, evidence_until=until)
    full.use_full_index()
    assert type(full.evidence) is EvaluationIndex and full.evidence is full.index
    expected = _verdicts(full, docs)
    assert len(expected) > 20 and {v.verdict for _c, v in expected} >= {
        "supported",
        "overstated",
        "unverifiable",
    }
    assert _verdicts(lazy, docs) == expected
    assert lazy.evidence.first_seen == full.index.first_seen
    assert dict(lazy.evidence.standins) == dict(full.index.standins)
    # broad claims about popular models reach most rows: it switched to one bulk read
    assert lazy.evidence.bulk and "index" not in lazy.__dict__


def test_a_narrow_document_reads_only_its_part(store: Store) -> None:
    checker = Checker(store)
    doc = Document("Gemma 2 9B beats Llama 3 8B on GSM8K.", path="narrow.md", date="2024-08-01")
    full = Checker(store)
    full.use_full_index()
    assert _verdicts(checker, [doc]) == _verdicts(full, [doc])
    stored = store.db.execute("SELECT COUNT(*) FROM evaluations").fetchone()[0]
    assert not checker.evidence.bulk and 0 < len(checker.evidence._objects) < stored / 5


def test_duplicates_keep_the_same_row_and_rows_are_shared(store: Store) -> None:
    """Two rows alike but for their notes: both indexes keep the same one, and the model's
    list and the benchmark's list hold the same object."""
    twins = [
        Evaluation(
            model="gpt-4o-2024-05-13",
            benchmark="MMLU",
            metric="acc",
            score=88.0,
            source="twin-source",
            as_of="2024-06-01",
            notes=note,
            model_id="gpt-4o-2024-05-13",
            benchmark_id="mmlu",
            snapshot="t" * 64,
        )
        for note in ("commit b", "commit a")
    ]
    store.import_evaluations(twins, Snapshot(sha256="t" * 64, source="twin-source", file_name="f"))
    lazy = StoreIndex(store)
    full = Checker(store)
    full.use_full_index()
    pick = [
        [e.notes for e in index.by_model.get("gpt-4o-2024-05-13", ()) if e.source == "twin-source"]
        for index in (lazy, full.index)
    ]
    assert pick[0] == pick[1] and len(pick[0]) == 1
    by_model = next(e for e in lazy.by_model.get("gpt-4o-2024-05-13") if e.source == "twin-source")
    by_bench = next(e for e in lazy.by_benchmark.get("mmlu") if e.source == "twin-source")
    assert by_model is by_bench
    assert lazy.by_model.get("no-such-model", ()) == ()


def test_anything_else_the_full_index_knows_makes_it_read_everything(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field a later EvaluationIndex adds is never answered wrongly, only more slowly."""
    real = EvaluationIndex.__init__

    def with_a_new_field(self: EvaluationIndex, rows: Any, until: str | None = None) -> None:
        real(self, rows, until)
        self.models_seen = len(self.by_model)  # type: ignore[attr-defined]

    monkeypatch.setattr(EvaluationIndex, "__init__", with_a_new_field)
    lazy = StoreIndex(store)
    assert not lazy.bulk
    full = EvaluationIndex(store.indexed_evaluations())
    assert lazy.models_seen == full.models_seen > 100  # type: ignore[attr-defined]
    assert lazy.bulk
    with pytest.raises(AttributeError):
        lazy.no_such_field  # noqa: B018
