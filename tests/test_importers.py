"""Each importer reproduces the reference rows for its excerpt; bad input fails cleanly.

The excerpts under fixtures/raw/ were cut from the published files (see
scripts/make_importer_fixtures.py); fixtures/expected/<source>.csv are the matching rows of
the reference table. An excerpt has its own SHA-256, so the tests give it the pinned
provenance of the file it was cut from, as the importer's manifest does for the original.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.evaldata import EvalImportError, import_file
from claimcheck.importers import IMPORTERS, ImportFormatError, get_importer
from claimcheck.importers.base import FileMeta
from claimcheck.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
RAW = FIXTURES / "raw"
EXPECTED = FIXTURES / "expected"
REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def _manifest() -> list[dict[str, str]]:
    with open(RAW / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture()
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every excerpt the manifest entry (URL, date, notes) of its original file."""
    for m in _manifest():
        importer = IMPORTERS[m["importer"]]
        meta: FileMeta = importer.manifest[m["original_sha256"]]
        sha = hashlib.sha256((RAW / m["excerpt"]).read_bytes()).hexdigest()
        monkeypatch.setitem(importer.manifest, sha, meta)


def _parsed_by_source() -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for m in _manifest():
        for e in IMPORTERS[m["importer"]].parse(RAW / m["excerpt"]):
            out[e.source].append(e)
    return out


def _num(text: str) -> float | None:
    return float(text) if text else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _key(model: str, benchmark: str, metric: str, setting: str, notes: str) -> tuple:
    return (model, benchmark, metric, setting, notes)


EXPECTED_SOURCES = sorted(p.stem for p in EXPECTED.glob("*.csv"))


def test_every_independent_source_has_an_excerpt() -> None:
    produced = {s for imp in IMPORTERS.values() for s in imp.sources}
    for source in EXPECTED_SOURCES:
        assert source in produced
    # 15 sources of the reference table, and LMArena's own board and SWE-bench's
    assert len(EXPECTED_SOURCES) == 17


@pytest.mark.parametrize("source", EXPECTED_SOURCES)
def test_importer_reproduces_reference_rows(source: str, pinned: None) -> None:
    with open(EXPECTED / f"{source}.csv", newline="", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    got = _parsed_by_source()[source]
    assert len(got) == len(expected)
    remaining = defaultdict(list)
    for e in got:
        remaining[_key(e.model, e.benchmark, e.metric, e.setting, e.notes)].append(e)
    for r in expected:
        candidates = remaining[
            _key(r["model"], r["benchmark"], r["metric"], r["setting"], r["notes"])
        ]
        assert candidates, f"no row for {r['model']} / {r['metric']} / {r['setting']}"
        e = candidates.pop()
        assert _close(e.score, float(r["score"])), (r["model"], r["metric"], e.score, r["score"])
        assert _close(e.ci_low, _num(r["ci_low"]))
        assert _close(e.ci_high, _num(r["ci_high"]))
        assert e.source_url == r["source_url"]
        assert e.as_of == r["as_of"]
        assert e.derived == r["notes"].startswith("DERIVED")
        assert e.kind == "independent"
        assert e.system == r.get("system", "")


def test_snapshot_is_the_sha256_of_the_file() -> None:
    path = RAW / "evalplus" / "results.json"
    rows = IMPORTERS["evalplus"].parse(path)
    assert {e.snapshot for e in rows} == {hashlib.sha256(path.read_bytes()).hexdigest()}


def test_stderr_is_the_se_the_notes_mention(pinned: None) -> None:
    by_source = _parsed_by_source()
    alpaca = by_source["alpaca_eval"]
    with_se = [e for e in alpaca if "SE=" in e.notes]
    assert with_se and all(
        e.stderr == float(re.search(r"SE=([\d.]+)", e.notes).group(1)) for e in with_se
    )
    assert all(e.stderr is None for e in alpaca if "SE not published" in e.notes)
    # Epoch prints mean±x in 0-1 units; the stderr is kept on the score's percent scale
    epoch = [e for e in by_source["epoch_ai"] if "±" in e.notes]
    scorer = epoch[0].setting.rsplit("scorer=", 1)[1]
    printed = re.search(rf"{scorer}:[\d.]+±([\d.]+)", epoch[0].notes).group(1)
    assert epoch[0].stderr == pytest.approx(float(printed) * 100)


def test_a_new_file_takes_its_date_from_the_user_or_the_file(tmp_path: Path) -> None:
    path = tmp_path / "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"
    shutil.copy(RAW / "alpaca_eval" / path.name, path)
    rows = IMPORTERS["alpaca_eval"].parse(path, as_of="2025-02-03", source_url="https://x/y")
    assert {(e.as_of, e.source_url) for e in rows} == {("2025-02-03", "https://x/y")}
    fallback = IMPORTERS["alpaca_eval"].parse(path)
    assert len({e.as_of for e in fallback}) == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fallback[0].as_of)
    with pytest.raises(ImportFormatError, match="--as-of must be YYYY-MM-DD"):
        IMPORTERS["alpaca_eval"].parse(path, as_of="Feb 2025")


def test_hf_v1_keeps_only_original_publishers() -> None:
    rows = IMPORTERS["hf_open_llm_leaderboard"].parse(
        RAW / "hf_open_llm_leaderboard" / "huggingface_v1_2024-07-07.csv"
    )
    owners = {e.model.split("/")[0] for e in rows}
    assert owners == {"Qwen", "meta-llama"}  # the excerpt's two merges are left out
    # a model listed twice (two precisions) keeps both rows
    assert sum(1 for e in rows if e.model == "Qwen/Qwen1.5-72B-Chat" and e.benchmark == "MMLU") == 2


def test_wildbench_file_feeds_two_sources() -> None:
    rows = IMPORTERS["wildbench"].parse(RAW / "wildbench" / "all_stat_wildbench.1500.json")
    assert {e.source for e in rows} == {"wildbench", "lmarena_via_wildbench"}
    assert get_importer("lmarena_via_wildbench") is IMPORTERS["wildbench"]


def test_self_reported_rows_are_marked_with_who_reported_them() -> None:
    rows = IMPORTERS["self_reported"].parse(RAW / "self_reported" / "self_reported.csv")
    assert len(rows) == 6
    assert {e.kind for e in rows} == {"self_reported"}
    assert {e.reported_by for e in rows} == {"DeepSeek", "OpenAI"}


def test_simple_evals_gpqa_runs_are_gpqa_diamond(tmp_path: Path) -> None:
    """simple-evals' GPQA is the Diamond set; a competitor figure it quotes stays as named."""
    rows = IMPORTERS["self_reported"].parse(RAW / "self_reported" / "self_reported.csv")
    gpqa = [e for e in rows if "GPQA" in e.benchmark]
    assert [(e.model, e.benchmark) for e in gpqa] == [("o3-high", "GPQA Diamond")]
    assert "named 'GPQA' in the source" in gpqa[0].notes
    quoted = tmp_path / "self_reported.csv"
    header = "model,benchmark,metric,score,setting,source,reported_by\n"
    quoted.write_text(
        header + "Grok 2,GPQA,score (%),56,vendor-reported figure quoted,"
        "openai_simple_evals,OpenAI\n"
        "Some model,GPQA,score (%),40,simple-evals (zero-shot),other_vendor,Other\n",
        encoding="utf-8",
    )
    assert [e.benchmark for e in IMPORTERS["self_reported"].parse(quoted)] == ["GPQA", "GPQA"]


def test_bundled_simple_evals_gpqa_resolves_to_gpqa_diamond() -> None:
    with open(REPO_DATA / "evaluations" / "self_reported.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source"] == "openai_simple_evals"]
    own = [r for r in rows if "GPQA" in r["benchmark"] and r["reported_by"] == "OpenAI"]
    assert own and all(
        r["benchmark"] == "GPQA Diamond" for r in own if "simple-evals (" in r["setting"]
    )
    from claimcheck.registry import load_registry

    assert load_registry(REPO_DATA).resolve_benchmark("GPQA Diamond", "score (%)").id == (
        "gpqa-diamond"
    )


def test_litellm_prices_are_chat_models_per_million_tokens() -> None:
    path = RAW / "prices" / "litellm_model_prices.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    prices = {p.model_key: p for p in IMPORTERS["prices"].parse(path)}
    assert "sample_spec" not in prices and "text-embedding-3-small" not in prices
    p = prices["gpt-4o-2024-08-06"]
    assert p.provider == "openai"
    assert p.input_usd_per_mtok == pytest.approx(
        raw["gpt-4o-2024-08-06"]["input_cost_per_token"] * 1e6
    )
    assert p.output_usd_per_mtok == pytest.approx(
        raw["gpt-4o-2024-08-06"]["output_cost_per_token"] * 1e6
    )


# -- bad input ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real registries with no bundled evaluations: a store that builds in a moment."""
    d = tmp_path_factory.mktemp("data")
    for name in (
        "models.csv",
        "model_aliases.csv",
        "family_aliases.csv",
        "benchmarks.csv",
        "benchmark_aliases.csv",
    ):
        if (REPO_DATA / name).is_file():
            shutil.copy(REPO_DATA / name, d / name)
    (d / "evaluations").mkdir()
    (d / "evaluations" / "snapshots.csv").write_text(
        "sha256,source,file_name,source_url,as_of,kind,setting,notes\n", encoding="utf-8"
    )
    return d


@pytest.fixture()
def cli(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = tmp_path / "store.db"
    monkeypatch.setenv("CLAIMCHECK_DB", str(db))
    monkeypatch.setenv("CLAIMCHECK_DATA", str(data_dir))
    from claimcheck import config

    config.bundled_data_dir.cache_clear()
    runner = CliRunner()

    def run(*args: str):  # noqa: ANN202
        return runner.invoke(main, list(args))

    run.db = db  # type: ignore[attr-defined]
    yield run
    config.bundled_data_dir.cache_clear()


def _count(db: Path) -> int:
    store = Store(db)
    try:
        return store.db["evaluations"].count
    finally:
        store.close()


def _one_line_error(result, path: Path) -> str:  # noqa: ANN001
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("claimcheck: error: ")
    assert str(path) in lines[0]
    return lines[0]


def _truncated(tmp_path: Path, src: Path, fraction: float = 0.6) -> Path:
    data = src.read_bytes()
    dest = tmp_path / src.name
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def test_import_then_reimport_changes_nothing(cli) -> None:  # noqa: ANN001
    path = RAW / "aider" / "polyglot_leaderboard.yml"
    first = cli("evals", "import", "aider", str(path))
    assert first.exit_code == 0, first.output
    assert re.search(r": aider: (\d+) rows, \1 new", first.output)
    n = _count(cli.db)
    again = cli("evals", "import", "aider", str(path))
    assert again.exit_code == 0 and ", 0 new" in again.output
    assert _count(cli.db) == n > 0


def test_truncated_json_is_one_line_error_and_stores_nothing(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = _truncated(tmp_path, RAW / "evalplus" / "results.json")
    line = _one_line_error(cli("evals", "import", "evalplus", str(path)), path)
    assert "invalid JSON" in line and re.search(r"line \d+ col \d+", line)
    assert _count(cli.db) == 0


def test_truncated_yaml_is_one_line_error_and_stores_nothing(cli, tmp_path: Path) -> None:  # noqa: ANN001
    src = RAW / "aider" / "edit_leaderboard.yml"
    text = src.read_text(encoding="utf-8")
    cut = tmp_path / src.name
    # cut inside the second run, just after a key's name: the YAML itself is broken
    cut.write_text(text[: text.index("pass_rate_2", text.index("- dirname", 5)) + 6])
    line = _one_line_error(cli("evals", "import", "aider", str(cut)), cut)
    assert "YAML" in line or "truncated" in line
    # cut between two keys: valid YAML, but the run is incomplete
    cut.write_text(text[: text.index("edit_format", text.index("- dirname", 5))])
    line = _one_line_error(cli("evals", "import", "aider", str(cut)), cut)
    assert "item 2" in line and "truncated" in line
    assert _count(cli.db) == 0


def test_truncated_csv_names_the_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    src = RAW / "lmarena_mirror" / "lmsys_2024-09-06.csv"
    text = src.read_text(encoding="utf-8")
    cut = tmp_path / src.name
    cut.write_text(text[: text.rindex(",", 0, len(text) - 40)])
    line = _one_line_error(cli("evals", "import", "lmarena_mirror", str(cut)), cut)
    assert re.search(r"line \d+: last row is incomplete", line)
    assert _count(cli.db) == 0


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        ("alpaca_eval", "evalplus/results.json"),
        ("livebench", "lmarena_mirror/lmsys_2024-09-06.csv"),
        ("mixeval", "aider/edit_leaderboard.yml"),
        ("evalplus", "wildbench/all_stat_wildbench.1500.json"),
        ("aider", "alpaca_eval/alpaca_eval_gpt4_leaderboard.csv"),
        ("arena_hard_auto", "mixeval/output_html_tab_chat.html"),
        ("hf_open_llm_leaderboard", "epoch_ai/benchmarks_runs.csv"),
        ("lmarena", "swebench/leaderboards_2025-11-18.json"),
        ("swebench", "lmarena/leaderboard-text_2025-12-11.json"),
        ("lmarena", "evalplus/results.json"),
    ],
)
def test_wrong_format_for_the_source_is_rejected(cli, source: str, wrong: str) -> None:  # noqa: ANN001
    path = RAW / wrong
    _one_line_error(cli("evals", "import", source, str(path)), path)
    assert _count(cli.db) == 0


def test_unknown_source_names_the_file(cli) -> None:  # noqa: ANN001
    path = RAW / "aider" / "edit_leaderboard.yml"
    line = _one_line_error(cli("evals", "import", "no_such_board", str(path)), path)
    assert "unknown source 'no_such_board'" in line and "livebench" in line


def test_a_bad_file_among_good_ones_stores_only_the_good_ones(cli, tmp_path: Path) -> None:  # noqa: ANN001
    good = RAW / "lmarena_mirror" / "lmsys_2025-01-24.csv"
    src = RAW / "lmarena_mirror" / "lmarena_text_2025-08-04.csv"
    text = src.read_text(encoding="utf-8")
    bad = tmp_path / src.name
    bad.write_text(text[: text.rindex(",", 0, len(text) // 2)])  # cut between two fields
    result = cli("evals", "import", "lmarena_mirror", str(good), str(bad))
    assert result.exit_code == 2
    assert str(bad) in result.output
    store = Store(cli.db)
    try:
        files = {s["file_name"] for s in store.snapshots()}
        assert files == {good.name}
        assert store.db["evaluations"].count == 3
    finally:
        store.close()


def test_import_file_raises_one_exception_type(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    try:
        with pytest.raises(EvalImportError, match="unknown source"):
            import_file(store, "nope", RAW / "aider" / "edit_leaderboard.yml")
        with pytest.raises(EvalImportError, match="cannot read"):
            import_file(store, "aider", tmp_path / "missing.yml")
        assert store.db["evaluations"].count == 0
    finally:
        store.close()


# -- LMArena's own leaderboard and SWE-bench ----------------------------------------------


def test_lmarena_keeps_every_category_and_its_bootstrap_interval(pinned: None) -> None:
    from claimcheck.registry import load_registry

    path = RAW / "lmarena" / "leaderboard-text_2025-12-11.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    rows = IMPORTERS["lmarena"].parse(path)
    assert len(rows) == sum(len(models) for models in raw.values())
    coding = next(e for e in rows if e.model == "gemini-3-pro" and e.benchmark.endswith("coding)"))
    published = raw["coding"]["gemini-3-pro"]
    assert coding.score == pytest.approx(published["rating"], abs=1e-4)
    assert coding.ci_low == pytest.approx(published["rating_q025"], abs=1e-4)
    assert coding.ci_high == pytest.approx(published["rating_q975"], abs=1e-4)
    assert "without style control" in coding.setting and coding.as_of == "2025-12-11"
    registry = load_registry(REPO_DATA)
    ids = {e.benchmark: registry.resolve_benchmark(e.benchmark, e.metric).id for e in rows}
    assert ids == {
        "Chatbot Arena (text, overall)": "lmarena",
        "Chatbot Arena (text, coding)": "lmarena-coding",
        "Chatbot Arena (text, math)": "lmarena-math",
        "Chatbot Arena (text, hard prompts, English)": "lmarena-hard-en",
    }
    assert registry.benchmarks["lmarena-coding"].category == "coding"
    assert registry.benchmarks["lmarena-math"].category == "math"


def test_lmarena_style_control_is_read_from_the_published_file_name(tmp_path: Path) -> None:
    src = RAW / "lmarena" / "leaderboard-text-style-control_2025-12-17.json"
    sc = IMPORTERS["lmarena"].parse(src, as_of="2025-12-17")
    assert {"with style control" in e.setting for e in sc} == {True}
    # a newer download keeps LMArena's file name; a category added later keeps its key
    new = tmp_path / "leaderboard-text.json"
    new.write_text(
        json.dumps(
            {"webdev_new": {"m": {"rating": 1400.5, "rating_q025": 1390, "rating_q975": 1410}}}
        ),
        encoding="utf-8",
    )
    (row,) = IMPORTERS["lmarena"].parse(new, as_of="2026-01-02")
    assert row.benchmark == "Chatbot Arena (text, webdev_new)"
    assert "without style control" in row.setting and (row.ci_low, row.ci_high) == (1390, 1410)
    new.write_text(json.dumps({"full": {"m": {"rating": "high"}}}), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="'high' is not a number"):
        IMPORTERS["lmarena"].parse(new)


def test_swebench_tells_models_from_agent_systems(pinned: None) -> None:
    rows = IMPORTERS["swebench"].parse(RAW / "swebench" / "leaderboards_2025-11-18.json")
    bash = [e for e in rows if e.setting.startswith("bash-only")]
    assert bash and all(e.system == "" and e.benchmark == "SWE-bench Verified" for e in bash)
    assert {e.model for e in bash} == {
        "Claude 4.5 Sonnet (20250929)",
        "GPT-5 (2025-08-07) (medium reasoning)",
    }
    systems = [e for e in rows if e not in bash]
    assert systems and all(e.system and e.system in e.setting for e in systems)
    by_system = {e.system: e for e in systems}
    # one tagged model: the row is that model's; several or none: no single model's number
    assert by_system["EPAM AI/Run Developer Agent v20250719 + Claude 4 Sonnet"].model == (
        "claude-sonnet-4-20250514"
    )
    several = by_system["TRAE + Doubao-Seed-Code"]
    assert several.model == several.system and "runs several models" in several.notes
    assert by_system["TRAE"].model == "TRAE" and "names no model" in by_system["TRAE"].notes
    # a June 2024 run cannot have used the October 2024 Claude its tag names
    june = by_system["SWE-agent + Claude 3.5 Sonnet"]
    assert june.model == june.system and june.as_of == "2024-06-20"
    assert {e.benchmark for e in systems} == {
        "SWE-bench Verified",
        "SWE-bench",
        "SWE-bench Lite",
        "SWE-bench Multimodal",
    }


@pytest.mark.parametrize(
    ("source", "rel"),
    [
        ("lmarena", "lmarena/leaderboard-text_2025-12-11.json"),
        ("swebench", "swebench/leaderboards_2025-11-18.json"),
    ],
)
def test_new_sources_import_once_and_reject_a_cut_file(  # noqa: ANN001
    cli, tmp_path: Path, source: str, rel: str
) -> None:
    path = RAW / rel
    first = cli("evals", "import", source, str(path))
    assert first.exit_code == 0, first.output
    assert re.search(rf": {source}: (\d+) rows, \1 new", first.output)
    n = _count(cli.db)
    again = cli("evals", "import", source, str(path))
    assert again.exit_code == 0 and ", 0 new" in again.output
    assert _count(cli.db) == n > 0
    cut = _truncated(tmp_path, path)
    line = _one_line_error(cli("evals", "import", source, str(cut)), cut)
    assert "invalid JSON" in line
    assert _count(cli.db) == n


def test_evals_update_fetches_both_new_sources_through_their_importers(tmp_path: Path) -> None:
    """The bundled [leaderboards] URLs, served by a mock transport, land as rows in the store."""
    import httpx

    from claimcheck.services.leaderboards import update_leaderboards
    from claimcheck.sources import FetchConfig, load_source_list

    boards = load_source_list(REPO_DATA / "sources.toml").leaderboards
    files = {
        "leaderboard-text.json": RAW / "lmarena" / "leaderboard-text_2025-12-11.json",
        "leaderboard-text-style-control.json": (
            RAW / "lmarena" / "leaderboard-text-style-control_2025-12-17.json"
        ),
        "leaderboards.json": RAW / "swebench" / "leaderboards_2025-11-18.json",
    }
    served: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        served.append(str(request.url))
        name = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(
            200,
            content=files[name].read_bytes(),
            headers={"Last-Modified": "Wed, 07 Jan 2026 10:00:00 GMT"},
        )

    wanted = {name: boards[name] for name in ("lmarena", "swebench")}
    store = Store(tmp_path / "s.db")
    try:
        update = update_leaderboards(
            store,
            wanted,
            transport=httpx.MockTransport(serve),
            config=FetchConfig(retries=0, backoff=0.0),
            recheck=lambda s: [],
        )
        assert [r.ok for r in update.results] == [True, True], update.results
        assert sorted(served) == sorted(u for urls in wanted.values() for u in urls)
        arena = store.evaluations(sources=["lmarena"])
        styled = {("with style control" in e.setting) for e in arena}
        assert styled == {True, False}
        assert {e.as_of for e in arena} == {"2026-01-07"}
        assert {e.source_url for e in arena} == set(wanted["lmarena"])
        swe = store.evaluations(sources=["swebench"])
        assert any(e.system for e in swe) and any(not e.system for e in swe)
    finally:
        store.close()
