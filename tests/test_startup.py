"""What a one-file `check` loads: only what it uses, checked in a fresh interpreter.

A pre-commit hook or an editor runs `claimcheck check --no-store one.txt` on every save, so
its start-up is most of what the user waits for. The network stack (httpx), the web-page
extractor (trafilatura), the feed parser, the TUI (Textual), fuzzy matching (rapidfuzz, for
names that do not resolve exactly) and spaCy's own command line have no business there; nor,
with or without saving the result, sqlite-utils or the importers of leaderboard files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from _built_store import copy_store

from claimcheck.store import Store

ROOT = Path(__file__).resolve().parent.parent

# every name below resolves exactly, so fuzzy matching is never needed
ONE = (
    "date: 2024-09-19\n\n# Qwen2.5-72B-Instruct\n\n"
    "Qwen2.5-72B-Instruct outperforms GPT-4o on MMLU-Pro and HumanEval.\n"
    "It matches Llama 3.1 405B on GPQA.\n"
)
NOT_ON_THE_PATH = (
    "httpx",
    "trafilatura",
    "feedparser",
    "textual",
    "rapidfuzz",
    "typer",  # spaCy's command line (and weasel, which brings httpx)
    "weasel",
    "claimcheck.sources",
    "claimcheck.importers",
    "claimcheck.evaldata",  # user imports of leaderboard files
    "sqlite_utils",  # the store reads and saves a checked document through plain sqlite3
)

PROBE = r"""
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr))
from claimcheck.cli import main
main(sys.argv[1:], prog_name="claimcheck")
"""


def _env(tmp_path: Path, db: Path) -> dict[str, str]:
    env = {**os.environ, "CLAIMCHECK_DB": str(db), "CLAIMCHECK_CACHE": str(tmp_path / "cache")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env.pop("CLAIMCHECK_EAGER_SPACY", None)
    return env


def _modules(stderr: str) -> set[str]:
    line = next(ln for ln in stderr.splitlines() if ln.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


@pytest.mark.slow
@pytest.mark.parametrize("store", [["--no-store"], []], ids=["no-store", "saved"])
def test_one_file_check_imports_only_what_it_uses(
    tmp_path: Path, pytestconfig: pytest.Config, store: list[str]
) -> None:
    db = copy_store(pytestconfig, tmp_path / "store.db")
    one = tmp_path / "one.txt"
    one.write_text(ONE, encoding="utf-8")
    env = _env(tmp_path, db)
    # the first run builds the caches (registry, name ruler), which fuzzy matching is
    # warmed for; every later run reads them, and that is the run a user waits for
    for run in range(2):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, "check", *store, "--format", "json", str(one)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        report = json.loads(result.stdout)
        claims = report["documents"][0]["claims"]
        assert {c["relation"] for c in claims} == {"surpasses", "matches"}
        loaded = _modules(result.stderr)
        assert "spacy" in loaded and "claimcheck.extract.pipeline" in loaded  # it did run
        if run == 0:
            continue
        unwanted = {m for m in loaded for name in NOT_ON_THE_PATH if m.split(".")[0] == name}
        unwanted |= {
            m
            for m in loaded
            if m.startswith(
                (
                    "claimcheck.sources",
                    "claimcheck.services.ingest",
                    "claimcheck.importers",
                    "claimcheck.evaldata",
                )
            )
        }
        assert not unwanted, f"check of one local file imported {sorted(unwanted)}"
    if not store:  # it was saved, all through plain sqlite3
        with Store(db) as saved:
            assert len(saved.articles()) == 1


def test_the_probe_sees_a_module_that_is_used(tmp_path: Path, pytestconfig: pytest.Config) -> None:
    """The test above can fail: `evals import` does load the importers."""
    db = copy_store(pytestconfig, tmp_path / "store.db")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "evals", "import", "aider", str(tmp_path / "missing.yml")],
        capture_output=True,
        text=True,
        env=_env(tmp_path, db),
        cwd=tmp_path,
        check=False,
    )
    assert "claimcheck.importers" in _modules(result.stderr)


SPACY_PROBE = r"""
import json, sys
import claimcheck, spacy
nlp = spacy.blank("en")
before = sorted(m for m in ("typer", "weasel", "httpx") if m in sys.modules)
download = spacy.cli.download  # spaCy's command line is still there when asked for
from spacy.cli.info import info
import spacy.cli.project.run
print(json.dumps({
    "before": before,
    "tokens": [t.text for t in nlp("GPT-4o beats Llama, again.")],
    "download": callable(download),
    "real_cli": type(sys.modules["spacy.cli"]).__name__,
    "info": callable(info) and callable(spacy.info),
    "version": spacy.info()["spacy_version"] == spacy.__version__,
    "typer_now": "typer" in sys.modules,
}))
"""


def test_spacy_loads_without_its_command_line_until_it_is_used() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SPACY_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "CLAIMCHECK_EAGER_SPACY"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout)
    assert seen == {
        "before": [],
        "tokens": ["GPT-4o", "beats", "Llama", ",", "again", "."],
        "download": True,
        "real_cli": "module",
        "info": True,
        "version": True,
        "typer_now": True,
    }


def test_the_deferral_can_be_turned_off() -> None:
    code = "import sys, claimcheck, spacy; print('typer' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CLAIMCHECK_EAGER_SPACY": "1"},
        check=False,
    )
    assert result.stdout.strip() == "True", result.stderr[-2000:]


# -- the app on a new store ---------------------------------------------------------------------


def test_the_app_on_a_new_store_copies_the_template_and_says_so(
    tmp_path: Path, pytestconfig: pytest.Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First run: the list is drawn with a notice, the store is a copy (no import), and the
    bundled samples are checked into it."""
    import asyncio

    from _built_store import built_store_path
    from tui_data import StandInChecker

    from claimcheck import bundled, cache
    from claimcheck.config import bundled_data_dir
    from claimcheck.store import TEMPLATE_KIND, template_key
    from claimcheck.tui import make_app
    from claimcheck.tui.app import ClaimcheckApp

    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    template = cache.path_for(TEMPLATE_KIND, template_key(bundled_data_dir()), ".db")
    template.parent.mkdir(parents=True)
    shutil.copy(built_store_path(pytestconfig), template)  # as an earlier run left it

    def no_import(data_dir: object) -> object:
        raise AssertionError("the bundled files were imported instead of copied")

    monkeypatch.setattr(bundled, "read_bundled", no_import)
    notices: list[str] = []
    on_progress = ClaimcheckApp.on_progress

    def spy(self: ClaimcheckApp, message: Any) -> None:
        notices.append(message.label)
        on_progress(self, message)

    monkeypatch.setattr(ClaimcheckApp, "on_progress", spy)
    db = tmp_path / "new" / "claimcheck.db"
    app = make_app(db_path=db, checker_factory=StandInChecker)
    samples = sorted(p for p in (bundled_data_dir() / "samples").iterdir())

    async def main() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(400):
                await pilot.pause(0.05)
                if len(app.articles_view.articles) == len(samples):
                    break
            assert len(app.articles_view.articles) == len(samples)

    asyncio.run(main())
    assert notices[0] == "Building the store from the bundled data…"
    assert any(n.startswith("Checking sample") for n in notices)
    with Store(db) as store:
        assert store.stats()["independent"]["rows"] > 30_000
        assert store.db["articles"].count == len(samples)
