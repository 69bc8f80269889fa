"""The store built from the bundled data holds exactly the reference rows, and keeps user imports.

The per-source counts below are those of the reference table the bundled data was built from
(`independent.csv`: 32,312 rows from 15 sources; `self_reported.csv`: 1,125 rows from 7), and of
the two sources imported straight from their published files since: LMArena's own leaderboard
(7,461 category ratings without and 7,462 with style control) and SWE-bench's boards (22 bash-only,
22 Test, 150 Verified, 84 Lite and 21 Multimodal entries).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.evaldata import (
    bundled_fingerprint,
    import_file,
    load_bundled,
    read_bundled_evaluations,
)
from claimcheck.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = Path(__file__).parent / "fixtures" / "raw"

INDEPENDENT = {
    "alpaca_eval": 606,
    "arena_hard_auto": 287,
    "livebench": 19218,
    "evalplus": 530,
    "aider": 529,
    "wildbench": 610,
    "lmarena_via_wildbench": 35,
    "livecodebench": 152,
    "bigcodebench": 111,
    "lmarena_mirror": 595,
    "hf_open_llm_leaderboard_v1": 2331,
    "hf_open_llm_leaderboard_v2": 6110,
    "mixeval": 508,
    "epoch_ai": 541,
    "helm_via_epoch": 149,
}
ADDED = {"lmarena": 7461 + 7462, "swebench": 22 + 22 + 150 + 84 + 21}
INDEPENDENT_ROWS = 32312 + sum(ADDED.values())
SELF_REPORTED = {
    "deepseek_v3_readme": 292,
    "deepseek_v2_readme": 86,
    "qwen2.5_blog": 248,
    "llama3.1_model_card": 137,
    "glm4_readme": 84,
    "internlm_readme": 64,
    "openai_simple_evals": 214,
}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of data/ so the tests see one version of it from start to end."""
    dest = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("samples", "__pycache__"))
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, data_copy: Path) -> Path:
    path = tmp_path_factory.mktemp("bundled") / "store.db"
    store = Store(path)
    try:
        assert store.ensure_bundled(data_copy) is True
    finally:
        store.close()
    return path


@pytest.fixture()
def cli_env(built: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from claimcheck import config

    monkeypatch.setenv("CLAIMCHECK_DB", str(built))
    monkeypatch.setenv("CLAIMCHECK_DATA", str(data_copy))
    config.bundled_data_dir.cache_clear()
    yield built
    config.bundled_data_dir.cache_clear()


@pytest.fixture()
def store(built: Path, tmp_path: Path):  # noqa: ANN201
    copy = tmp_path / "store.db"
    src = Store(built)
    src.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copy(built, copy)
    s = Store(copy)
    yield s
    s.close()


def test_bundled_counts_equal_the_reference_per_source(store: Store) -> None:
    stats = store.stats()
    assert stats["independent"]["sources"] == {**INDEPENDENT, **ADDED}
    assert stats["independent"]["rows"] == INDEPENDENT_ROWS
    assert stats["self_reported"]["sources"] == SELF_REPORTED
    assert stats["self_reported"]["rows"] == 1125
    assert stats["prices"] == 3331


def test_bundled_rows_are_resolved_and_pinned(store: Store) -> None:
    db = store.db
    # the registry knows almost every name the sources use (an agent system scored under its
    # own name, because its board names no single model, is not a model name)
    unresolved = db.execute(
        "SELECT COUNT(*) FROM evaluations WHERE model_id IS NULL AND COALESCE(system, '') != model"
    ).fetchone()
    assert unresolved[0] < 100
    no_snapshot = db.execute(
        "SELECT COUNT(*) FROM evaluations WHERE snapshot NOT IN (SELECT sha256 FROM snapshots)"
    ).fetchone()[0]
    assert no_snapshot == 0
    vendor = store.evaluations(kind="self_reported")
    assert vendor and all(e.reported_by for e in vendor)
    gpt4o = store.evaluations(model_ids=["gpt-4o-2024-05-13"], kind="independent")
    assert {"helm_via_epoch", "lmarena_mirror", "livebench"} <= {e.source for e in gpt4o}
    helm = [e for e in gpt4o if e.source == "helm_via_epoch" and e.benchmark == "MMLU"]
    assert [e.score for e in helm] == [84.2]
    assert helm[0].source_url.endswith("data/external_benchmark_mmlu.csv")
    arena = [e for e in gpt4o if e.source == "arena_hard_auto" and e.ci_low is not None]
    assert arena and all(e.ci_low <= e.score <= e.ci_high for e in arena)


def test_compact_files_expand_to_full_rows(data_copy: Path) -> None:
    rows, snapshots = read_bundled_evaluations(data_copy)
    assert len(rows) == INDEPENDENT_ROWS + 1125
    assert len({s.sha256 for s in snapshots}) == len(snapshots)
    derived = [e for e in rows if e.derived]
    assert derived and all(e.notes.startswith("DERIVED") for e in derived)
    assert all(e.setting and e.as_of and e.source_url for e in rows)


def test_reload_keeps_user_imports(store: Store, data_copy: Path) -> None:
    res = import_file(store, "aider", RAW / "aider" / "polyglot_leaderboard.yml")
    assert res.rows == res.new_rows == 6
    assert res.as_of_from_file_date is False  # Aider rows carry their own run dates
    before = store.db["evaluations"].count
    load_bundled(store, data_copy)  # a new claimcheck release reloads its data
    assert store.db["evaluations"].count == before
    user = store.db.execute("SELECT COUNT(*) FROM evaluations WHERE snapshot = ?", [res.sha256])
    assert user.fetchone()[0] == 6
    bundled_rows = store.db.execute("SELECT SUM(rows) FROM snapshots WHERE bundled = 1").fetchone()[
        0
    ]
    assert bundled_rows == INDEPENDENT_ROWS + 1125


def test_ensure_bundled_only_reloads_on_change(
    tmp_path: Path, built: Path, data_copy: Path
) -> None:
    s = Store(built)
    try:
        assert s.ensure_bundled(data_copy) is False
    finally:
        s.close()
    copy = tmp_path / "data"
    shutil.copytree(data_copy, copy)
    before = bundled_fingerprint(copy)
    assert before == bundled_fingerprint(data_copy)
    with open(copy / "evaluations" / "mixeval.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert bundled_fingerprint(copy) != before


def test_stats_json_contract(cli_env: Path) -> None:
    result = CliRunner().invoke(main, ["evals", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["independent"]["rows"] == INDEPENDENT_ROWS
    assert stats["independent"]["sources"]["livebench"] == 19218
    assert stats["self_reported"] == {**stats["self_reported"], "rows": 1125}
    assert stats["models"] > 1000 and stats["benchmarks"] > 50
    table = CliRunner().invoke(main, ["evals", "stats"])
    assert "hf_open_llm_leaderboard_v2" in table.output and "6110" in table.output


def test_stats_lists_the_unresolved_names_with_a_count(cli_env: Path) -> None:
    stats = json.loads(CliRunner().invoke(main, ["evals", "stats", "--format", "json"]).output)
    names = {n["model"] for n in stats["unresolved_models"]}
    # Aider's two-model ensembles, AlpacaEval's gamed demo entry, a SWE-bench family tag
    assert "gpt4_gamed" in names and "Qwen 2.5" in names
    assert all(" + " in n or n in {"gpt4_gamed", "Qwen 2.5"} for n in names)
    assert stats["systems_without_one_model"] > 50  # SWE-bench systems naming no one model
    assert all(m["missing"] for m in stats["incomplete_models"])
    table = CliRunner().invoke(main, ["evals", "stats", "--unresolved"]).output
    assert f"{len(names)} names unresolved" in table
    assert "unresolved: gpt4_gamed" in table


def test_show_model_with_benchmark(cli_env: Path) -> None:
    result = CliRunner().invoke(
        main, ["evals", "show", "GPT-4o (2024-05-13)", "--benchmark", "MMLU", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["model_id"] == "gpt-4o-2024-05-13"
    assert [e["score"] for e in shown["independent"] if e["source"] == "helm_via_epoch"] == [84.2]
    assert all(e["reported_by"] for e in shown["self_reported"])
    missing = CliRunner().invoke(main, ["evals", "show", "no-such-model-xyz-9"])
    assert missing.exit_code == 2


@pytest.mark.slow
def test_wheel_ships_the_bundled_data(tmp_path: Path) -> None:
    """The wheel carries data/ as claimcheck/data (builds offline when hatchling is here).

    Built from a copy of the project so the checkout is left as it was.
    """
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    readme = ROOT / "README.md"
    if readme.is_file():
        shutil.copy(readme, project)
    else:
        (project / "README.md").write_text("claimcheck\n", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "claimcheck", project / "claimcheck", ignore=ignore)
    shutil.copytree(DATA, project / "data", ignore=ignore)
    out = tmp_path / "dist"
    if importlib.util.find_spec("build") is not None:
        cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out)]
        if importlib.util.find_spec("hatchling") is not None:
            cmd.append("--no-isolation")
    else:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out)]
        if importlib.util.find_spec("hatchling") is not None:
            cmd.append("--no-build-isolation")
    cmd.append(str(project))
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(out.glob("claimcheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in ("evaluations/snapshots.csv", "evaluations/livebench.csv", "prices.csv"):
        assert f"claimcheck/data/{rel}" in names
    assert "claimcheck/importers/livebench.py" in names


def test_show_family_lists_every_snapshot(cli_env: Path) -> None:
    result = CliRunner().invoke(main, ["evals", "show", "GPT-4o", "-b", "Chatbot Arena"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("GPT-4o -> family ")
    assert "GPT-4o-2024-05-13" in result.output and "GPT-4o-2024-08-06" in result.output
