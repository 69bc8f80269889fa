"""`claimcheck models resolve|list` and `claimcheck benchmarks resolve` through CliRunner.

The JSON shape is a contract other tools parse: a list in input order of
{"text", "id", "family", "candidates"}. None of these commands needs the store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(autouse=True)
def _repo_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_DATA", str(DATA))


def test_resolve_json_shape_and_order(cli) -> None:
    names = ["GPT-4o", "Qwen2.5-72B-Instruct", "Totally Unknown Model 9000", "GPT-4o (2024-05-13)"]
    result = cli("models", "resolve", *names, "--as-of", "2024-09-15", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["text"] for row in rows] == names
    assert all(set(row) == {"text", "id", "family", "candidates"} for row in rows)
    assert rows[0] == {
        "text": "GPT-4o",
        "id": "gpt-4o-2024-08-06",
        "family": "gpt-4o",
        "candidates": ["gpt-4o-2024-11-20", "gpt-4o-2024-05-13"],
    }
    assert rows[1]["id"] == "qwen2.5-72b-instruct"
    assert rows[1]["family"] == "qwen2.5-72b-instruct"
    assert rows[2]["id"] is None and rows[2]["family"] is None and rows[2]["candidates"]
    assert rows[3]["id"] == "gpt-4o-2024-05-13" and rows[3]["family"] == "gpt-4o"


def test_resolve_families_keep_versions_and_variants_apart(cli) -> None:
    names = [
        "GPT-4o",
        "GPT-4o-mini",
        "Qwen2-72B-Instruct",
        "Qwen2.5-72B-Instruct",
        "Llama 3 70B",
        "Llama 3.1 70B",
    ]
    rows = json.loads(cli("models", "resolve", *names, "--format", "json").output)
    families = [row["family"] for row in rows]
    assert None not in families and len(set(families)) == len(names)


def test_resolve_without_date_gives_the_newest_snapshot(cli) -> None:
    rows = json.loads(cli("models", "resolve", "GPT-4o", "--format", "json").output)
    assert rows[0]["id"] == "gpt-4o-2024-11-20"


def test_resolve_table_is_the_default(cli) -> None:
    result = cli("models", "resolve", "claude-3-5-sonnet-20240620", "NoSuchModel-77")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["name", "id", "family"]
    assert "claude-3.5-sonnet" in lines[1]
    assert "unresolved" in lines[2]


def test_bad_date_is_a_one_line_usage_error(cli) -> None:
    result = cli("models", "resolve", "GPT-4o", "--as-of", "15/09/2024")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_resolve_needs_a_name(cli) -> None:
    assert cli("models", "resolve").exit_code == 2


def test_list_a_family_in_date_order(cli) -> None:
    result = cli("models", "list", "--family", "gpt-4o", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [
        "gpt-4o-2024-05-13",
        "gpt-4o-2024-08-06",
        "gpt-4o-2024-11-20",
    ]
    assert {r["org"] for r in rows} == {"OpenAI"}


def test_list_unknown_family_is_an_input_error(cli) -> None:
    result = cli("models", "list", "--family", "no-such-family")
    assert result.exit_code == 2
    assert "no-such-family" in result.output


def test_list_by_org(cli) -> None:
    result = cli("models", "list", "--org", "anthropic")
    assert result.exit_code == 0
    assert "claude-3-5-sonnet-20240620" in result.output
    assert "gpt-4o" not in result.output


def test_benchmarks_resolve(cli) -> None:
    names = ["MMLU", "MMLU-Pro", "MixEval subset: MMLU", "HumanEval+", "Nonexistent Bench"]
    rows = json.loads(cli("benchmarks", "resolve", *names, "--format", "json").output)
    assert [r["id"] for r in rows] == ["mmlu", "mmlu-pro", "mixeval-mmlu", "humaneval-plus", None]
    assert rows[-1]["candidates"]


def test_benchmarks_resolve_with_metric(cli) -> None:
    result = cli(
        "benchmarks",
        "resolve",
        "LiveBench",
        "--metric",
        "category_average:Coding",
        "--format",
        "json",
    )
    assert json.loads(result.output)[0]["id"] == "livebench-coding"


def test_benchmarks_list(cli) -> None:
    rows = json.loads(cli("benchmarks", "list", "--format", "json").output)
    by_id = {row["id"]: row for row in rows}
    assert by_id["humaneval"]["items"] == 164
    assert by_id["lmarena"]["scale"] == 0 and by_id["lmarena"]["items"] is None
    assert "llm_judged" in by_id["alpacaeval-2.0"]["caveats"]
    table = cli("benchmarks", "list").output
    assert "mmlu-pro" in table and "12032" in table
