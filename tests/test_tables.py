"""Vendor tables: Markdown and HTML, both orientations, settings, and cells that are not numbers."""

from __future__ import annotations

from claimcheck.extract import parse_vendor_tables
from claimcheck.models import Document

MODELS_AS_COLUMNS = """# Qwen2.5-72B-Instruct results
date: 2024-09-19

| Benchmark | Qwen2.5-72B-Instruct | GPT-4o | Foo-3-8B |
|---|:---:|---:|---|
| MMLU (5-shot) | **86.8** | 88.7% | 71.0 (0-shot) |
| HumanEval | 86.6 | n/a | — |
| Average | 80.1 | 81.2 | 60.0 |

All numbers are 0-shot CoT unless noted.
"""


def test_models_as_columns(registry) -> None:
    doc = Document(
        MODELS_AS_COLUMNS,
        path="post.md",
        title="Qwen2.5-72B-Instruct results",
        date="2024-09-19",
        sha256="abc",
    )
    rows = parse_vendor_tables(doc, registry=registry)
    got = {(r.model, r.benchmark): (r.score, r.setting) for r in rows}
    assert got[("Qwen2.5-72B-Instruct", "MMLU")] == (86.8, "5-shot")  # bold parses
    assert got[("GPT-4o", "MMLU")] == (88.7, "5-shot")  # percent sign parses
    assert got[("Foo-3-8B", "MMLU")] == (71.0, "0-shot")  # the cell's own setting wins
    assert got[("Qwen2.5-72B-Instruct", "HumanEval")] == (86.6, "0-shot CoT")  # footnote
    assert ("GPT-4o", "HumanEval") not in got and ("Foo-3-8B", "HumanEval") not in got
    row = next(r for r in rows if r.model == "GPT-4o" and r.benchmark == "MMLU")
    assert row.kind == "self_reported" and row.source == "vendor_table"
    assert row.as_of == "2024-09-19" and row.snapshot == "abc" and row.document == "post.md"
    assert row.model_id == "gpt-4o-2024-08-06"  # the snapshot current at the post's date
    assert row.benchmark_id == "mmlu"
    own = registry.models["qwen2.5-72b-instruct"].org
    assert own and row.reported_by == own  # the org of the post's own model
    assert next(r for r in rows if r.model == "Foo-3-8B").model_id is None


def test_transposed_table_and_unknown_reporter(registry) -> None:
    text = (
        "Intro.\n\n| Model | GSM8K | MATH |\n|---|---|---|\n"
        "| Bar-2-70B | 91.2 | 70.4 |\n| Llama 3.1 70B | 95.1 | 68.0 |\n"
    )
    rows = parse_vendor_tables(Document(text, title="Bar-2 notes"), registry=registry)
    got = {(r.model, r.benchmark): r.score for r in rows}
    assert got == {
        ("Bar-2-70B", "GSM8K"): 91.2,
        ("Bar-2-70B", "MATH"): 70.4,
        ("Llama 3.1 70B", "GSM8K"): 95.1,
        ("Llama 3.1 70B", "MATH"): 68.0,
    }
    assert {r.reported_by for r in rows} == {"Bar-2 notes"}
    assert {r.benchmark_id for r in rows} == {"gsm8k", "math"}


def test_html_table_with_setting_in_header(registry) -> None:
    html = (
        "<html><head><title>GPT-4o mini</title></head><body>"
        "<table><tr><th>Eval</th><th>GPT-4o mini</th><th>Claude 3 Haiku</th></tr>"
        "<tr><td>MMLU (5-shot)</td><td><b>82.0</b></td><td>75.2</td></tr>"
        "<tr><td>HumanEval (pass@1)</td><td>87.2%</td><td>-</td></tr>"
        "</table></body></html>"
    )
    rows = parse_vendor_tables(Document(html, title="GPT-4o mini"), registry=registry)
    got = {(r.model, r.benchmark): (r.score, r.setting, r.metric) for r in rows}
    assert got == {
        ("GPT-4o mini", "MMLU"): (82.0, "5-shot", "score"),
        ("Claude 3 Haiku", "MMLU"): (75.2, "5-shot", "score"),
        ("GPT-4o mini", "HumanEval"): (87.2, "pass@1", "pass@1"),
    }
    assert {r.reported_by for r in rows} == {"OpenAI"}


def test_tables_without_models_or_benchmarks_give_nothing(registry) -> None:
    text = "| Plan | Price |\n|---|---|\n| Basic | 10 |\n| Pro | 20 |\n"
    assert parse_vendor_tables(Document(text), registry=registry) == []
    assert parse_vendor_tables(Document(""), registry=registry) == []
    assert parse_vendor_tables(Document("| a |\n|---|\n"), registry=registry) == []
