"""The labelled corpus: its promised shape, and the extractor's score on the held-aside split."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from claimcheck.evaluate import evaluate, format_report, main

CORPUS = Path(__file__).parent / "corpus"
MIN_TEST_F1 = 0.85


def _records() -> list[dict]:
    lines = (CORPUS / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_corpus_shape() -> None:
    records = _records()
    assert len(records) >= 300
    assert sum(not r["is_claim"] for r in records) >= 120
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["text"] for r in records}) == len(records)
    share = sum(r["split"] == "test" for r in records) / len(records)
    assert 0.25 <= share <= 0.35
    relations = Counter(r["relation"] for r in records if r["is_claim"])
    assert set(relations) == {"surpasses", "matches", "approaches", "best_in_group", "trails"}
    kinds = Counter(r["kind"] for r in records)
    for trap in ("setup", "benchmark_description", "score_only", "praise", "non_model"):
        assert kinds[f"trap:{trap}"] >= 10, trap
    docs = [json.loads(x) for x in (CORPUS / "documents.jsonl").read_text().splitlines() if x]
    assert len(docs) >= 10
    for entry in docs:
        text = " ".join((CORPUS / "documents" / entry["file"]).read_text().split())
        for claim in entry["claims"]:
            assert " ".join(claim["quote"].split()) in text, claim["quote"]


@pytest.fixture(scope="module")
def result():
    return evaluate(CORPUS)


def test_held_aside_split_keeps_f1(result) -> None:
    scores = result["test"]["all"]
    assert scores.tp + scores.fn > 50
    assert scores.f1 >= MIN_TEST_F1, format_report(result)


def test_attributes_on_the_held_aside_split(result) -> None:
    scores = result["test"]["all"]
    for attribute in ("subject", "relation", "targets", "benchmarks"):
        assert scores.accuracy(attribute) >= 0.8, (attribute, format_report(result))


def test_harness_prints_both_splits(capsys) -> None:
    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "test" in out and "train" in out and "F1" in out


def test_harness_refuses_a_directory_without_a_corpus(tmp_path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert "sentences.jsonl" in capsys.readouterr().err
