"""The bundled registry keeps up with the bundled evidence.

Every model name a source uses resolves to a registry entry or is counted as unresolved by
`claimcheck evals stats`; the late-2025 and 2026 models get an organisation, a family and,
where a source states one, a release date; a vision model is never its text sibling.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from claimcheck.evaldata import read_bundled_evaluations
from claimcheck.registry import load_registry, model_identity

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def registry():  # noqa: ANN201
    return load_registry(DATA)


@pytest.fixture(scope="module")
def rows():  # noqa: ANN201
    return read_bundled_evaluations(DATA)[0]


def test_the_new_sources_names_resolve_or_are_systems(registry, rows) -> None:  # noqa: ANN001
    unresolved = {
        e.model
        for e in rows
        if e.source in ("lmarena", "swebench")
        and e.system != e.model
        and registry.resolve_model(e.model, e.as_of).id is None
    }
    assert unresolved == {"Qwen 2.5"}  # SWE-Fixer's tag names a family of sizes, not a model


@pytest.mark.parametrize(
    ("name", "model_id", "org", "date"),
    [
        ("claude-sonnet-5-xhigh-effort", "claude-sonnet-5-xhigh-effort", "Anthropic", "2026-06-30"),
        ("kimi-k2.7-code", "kimi-k2.7-code", "Moonshot AI", "2026-06-12"),
        ("minimax-m3", "minimax-m3", "MiniMax", "2026-06-01"),
        ("glm-5.2", "glm-5.2", "Zhipu AI", None),  # no full date published anywhere we read
        ("gemini-3-pro", "gemini-3-pro", "Google", "2025-11-18"),
        ("claude-opus-4-5-20251101", "claude-opus-4-5-20251101", "Anthropic", "2025-11-01"),
        ("mistral-large-3", "mistral-large-3", "Mistral AI", "2025-12-02"),
        ("Claude 4.5 Sonnet (20250929)", "claude-sonnet-4-5-20250929", "Anthropic", "2025-09-29"),
        (
            "GPT-5 (2025-08-07) (medium reasoning)",
            "gpt-5-2025-08-07-medium",
            "OpenAI",
            "2025-08-07",
        ),
        ("Qwen3-Coder 480B/A35B Instruct", "qwen3-coder-480b-a35b-instruct", "Alibaba Qwen", None),
    ],
)
def test_late_models_have_org_family_and_sourced_date(  # noqa: ANN001
    registry, name: str, model_id: str, org: str, date: str | None
) -> None:
    res = registry.resolve_model(name, "2026-07-01")
    assert res.id == model_id
    info = registry.models[model_id]
    assert info.org == org and info.family
    assert info.release_date == date


def test_a_configuration_shares_its_models_date_but_a_thinking_release_does_not(
    registry,  # noqa: ANN001
) -> None:
    assert registry.models["gpt-5.4-xhigh"].release_date == "2026-03-05"
    assert registry.models["claude-opus-4-7-low-effort"].release_date == "2026-04-16"
    # Kimi K2 Thinking is a release of its own, dated by its own entry, not K2's July date
    assert registry.models["kimi-k2-thinking"].release_date == "2025-11-06"


@pytest.mark.parametrize(
    ("vision", "text"),
    [
        ("glm-4.5v", "glm-4.5"),
        ("qwen3-vl-235b-a22b-instruct", "qwen3-235b-a22b-instruct-2507"),
        ("hunyuan-vision-1.5-thinking", "hunyuan-t1-20250711"),
    ],
)
def test_a_vision_model_is_not_its_text_sibling(registry, vision: str, text: str) -> None:  # noqa: ANN001
    assert registry.resolve_model(vision).id == vision
    assert registry.resolve_model(text).id == text
    assert registry.models[vision].family != registry.models[text].family


def test_dates_file_names_a_source_for_every_date() -> None:
    with open(DATA / "release_dates.csv", newline="", encoding="utf-8") as fh:
        dated = list(csv.DictReader(fh))
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["release_date"]) for r in dated)
    assert all(r["source"].strip() for r in dated)


def test_new_aliases_never_change_a_version_or_size(registry, rows) -> None:  # noqa: ANN001
    """Names of the new sources keep their version and size tokens when resolved."""
    checked = 0
    for name in {e.model for e in rows if e.source in ("lmarena", "swebench")}:
        res = registry.resolve_model(name)
        if res.id is None or res.method not in ("exact", "normalised"):
            continue
        info = registry.models[res.id]
        own = {t for t in model_identity(name) if re.fullmatch(r"\d+(\.\d+)+|\d+b", t)}
        target = set().union(*(model_identity(a) for a in (info.id, info.name, *info.aliases)))
        assert own <= target, (name, res.id)
        checked += 1
    assert checked > 200


def test_the_judges_domain_tables_name_what_the_registry_and_the_data_hold(  # noqa: ANN001
    registry,
) -> None:
    """leaderboards.csv, benchmark_families.csv and variant_markers.csv: every id they name
    exists, and every bundled leaderboard (a file of its own) has a name a reason prints."""
    domain = registry.domain
    files = {p.stem for p in (DATA / "evaluations").glob("*.csv")}
    sources = files - {"snapshots", "self_reported"}
    assert sources <= set(domain.source_names), sources - set(domain.source_names)
    assert domain.source_names["helm_via_epoch"] == "Stanford HELM via Epoch AI"
    assert set(domain.board_averages.values()) <= set(registry.benchmarks)
    assert domain.sliced_boards <= set(domain.board_averages)
    members = [b for ids in domain.benchmark_families.values() for b in ids]
    assert set(members) <= set(registry.benchmarks), set(members) - set(registry.benchmarks)
    assert len(members) == len(set(members))  # a benchmark is in one family at most
    assert {"fp8", "preview"} <= set(domain.name_markers)
    assert "serving" in domain.unreleased_variants and "turbo" in domain.standin_suffixes


def test_a_registry_built_in_code_has_no_domain_tables() -> None:
    from claimcheck.models import BenchmarkInfo, ModelInfo
    from claimcheck.registry import Registry

    bare = Registry([ModelInfo("m", "M", "o", "m")], [BenchmarkInfo("b", "B")])
    assert not bare.domain.source_names and not bare.domain.standin_suffixes
