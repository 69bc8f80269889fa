"""The app, driven by Textual's Pilot: every action a user has, on a small fixed store.

The store is hand-built (tests/tui_data.py) so these tests exercise the screens, not the
extractor or the judge; paste-and-check, open-file and fetch use a stand-in checker for the
same reason. Nothing here touches the internet: fetch goes through httpx.MockTransport.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.widgets import Button, DataTable, Input, Select, TextArea
from tui_data import BENCHMARKS, StandInChecker, build_store, first_claim_shown, until

from claimcheck.models import Claim, Document, Evaluation, Evidence, Mention, Verdict
from claimcheck.services import reader
from claimcheck.store import Snapshot, Store
from claimcheck.tui import make_app
from claimcheck.tui.app import ClaimcheckApp
from claimcheck.tui.data import (
    ClaimFilter,
    body_start,
    filter_claims,
    model_rows,
    safe_text,
    split_paragraphs,
)
from claimcheck.tui.screens import (
    ExportScreen,
    HelpScreen,
    LinksScreen,
    ModelScreen,
    OpenFileScreen,
)
from claimcheck.tui.widgets import ArticleBody, ClaimCard


@pytest.fixture()
def tui_db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The small hand-built store of tests/tui_data.py (not conftest's copy of the bundled
    data, `db`) and the ids of its articles."""
    path = tmp_path / "tui.db"
    return path, build_store(path)


def _app(db_path: Path, **kw: Any) -> ClaimcheckApp:
    kw.setdefault("checker_factory", StandInChecker)
    app = make_app(db_path=db_path, build=False, first_run=False, **kw)
    app.benchmark_infos = lambda: BENCHMARKS  # type: ignore[method-assign]
    return app


def run(
    app: ClaimcheckApp,
    scenario: Callable[[Any], Awaitable[None]],
    size: tuple[int, int] = (100, 30),
) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await first_claim_shown(pilot)
            await scenario(pilot)

    asyncio.run(main())


def screen_text(app: ClaimcheckApp) -> str:
    """What the terminal shows, as text: read back from the SVG screenshot, cell by cell."""
    svg = app.export_screenshot()
    width = app.size.width
    rows: dict[int, list[str]] = {}
    pattern = r'<text[^>]*\bx="([\d.]+)"[^>]*line-(\d+)\)"[^>]*>(.*?)</text>'
    for x, line, body in re.findall(pattern, svg, re.S):
        row = rows.setdefault(int(line), [" "] * width)
        col = round(float(x) / 12.2)  # Rich's SVG export places each cell 12.2 units apart
        for i, ch in enumerate(html.unescape(body).replace("\xa0", " ")):
            if col + i < width:
                row[col + i] = ch
    return "\n".join("".join(rows[k]).rstrip() for k in sorted(rows))


# -- pure helpers --------------------------------------------------------------------------------


def test_safe_text_keeps_offsets_and_shows_escapes_as_symbols() -> None:
    raw = "a\x1b[2Jb\x07c\u202ed\r\n"
    shown = safe_text(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("a␛[2Jb␇c")
    assert shown.endswith("\n")


def test_split_paragraphs_covers_the_text() -> None:
    text = "one\n\ntwo\nlines\n\n\nthree"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["one", "two\nlines", "three"]


def test_claim_filter_parses_fields_and_words() -> None:
    f = ClaimFilter.parse("verdict:over org:Meta bench:mmlu since:2024-07 open", flag="noise")
    assert (f.verdict, f.org, f.benchmark, f.since, f.flag) == (
        "over",
        "meta",
        "mmlu",
        "2024-07",
        "noise",
    )
    assert f.words == ("open",)
    row = {
        "verdict": "overstated",
        "flags": ["noise"],
        "subject_id": "m",
        "article_date": "2024-07-23",
        "benchmarks": [{"text": "MMLU", "id": "mmlu"}],
        "text": "open model",
    }
    rows = [row, {**row, "flags": []}]
    assert filter_claims(rows, f, {"m": "Meta"}) == rows[:1]
    assert filter_claims(rows, f, {"m": "Mistral"}) == []


def test_light_reader_gives_what_the_store_gives(tui_db, tmp_path: Path) -> None:
    """The first screen reads with plain sqlite3; it must agree with Store row for row."""
    path, ids = tui_db
    listed = reader.articles(path)
    with Store(path) as store:
        assert listed == store.articles() and len(listed) == 3
        for article_id in ids.values():
            read = reader.article_with_claims(path, article_id)
            assert read == (store.article(article_id), store.checked_claims(article_id))
    assert reader.article_with_claims(path, "no-such-article") == (None, [])
    missing = tmp_path / "missing.db"
    assert reader.articles(missing) is None and not missing.exists()  # never creates one


# -- the articles view ---------------------------------------------------------------------------


def test_opens_on_the_article_list_with_tallies_and_the_first_claim(tui_db) -> None:
    path, ids = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        table = app.query_one("#article-list", DataTable)
        assert table.row_count == 3
        text = screen_text(app)
        assert "Introducing Llama 3.1 405B" in text
        assert "✓1 ≈1 ✗1" in text  # the tally of the first article
        assert app.articles_view.article["id"] == ids["llama"]
        card = app.query_one("#article-card", ClaimCard)
        assert card.claim is not None and card.claim["verdict"] == "overstated"
        assert "OVERSTATED" in text and "noise · cherry_picked" in text
        # the claim's sentence is highlighted in its verdict's colour
        body = app.query_one(ArticleBody)
        assert [s[2] for s in body.spans] == ["overstated", "supported", "contradicted"]
        highlighted = body.reading_text()
        claim_text = app.articles_view.claims[0]["text"]
        start = highlighted.plain.index(claim_text)
        assert any(
            sp.start <= start and sp.end >= start + len(claim_text) and sp.style
            for sp in highlighted.spans
        )
        assert "1 of 2" in text and "±3.4" in text  # evidence table and tally

    run(app, scenario)


def test_next_and_previous_claim_and_moving_to_another_article(tui_db) -> None:
    path, ids = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        card = app.query_one("#article-card", ClaimCard)
        await pilot.press("n")
        assert card.claim["verdict"] == "supported"
        await pilot.press("n", "n")  # stops at the last claim
        assert card.claim["verdict"] == "contradicted"
        await pilot.press("p")
        assert card.claim["verdict"] == "supported"
        await pilot.press("down")
        await until(pilot, lambda: app.articles_view.article["id"] == ids["mini"])
        assert card.claim["verdict"] == "unverifiable"
        assert "GPT-4o mini" in screen_text(app)

    run(app, scenario)


def test_front_matter_is_hidden_and_highlights_stay_on_their_words(tui_db) -> None:
    path, ids = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        app.articles_view.open_article(ids["mini"])
        await until(pilot, lambda: app.articles_view.article["id"] == ids["mini"])
        await pilot.pause()
        stored = app.articles_view.article["text"]
        assert stored.startswith("---\ntitle: GPT-4o mini")  # the store keeps it all
        body = app.query_one("#article-body", ArticleBody)
        assert body.text.startswith("GPT-4o mini: small and cheap")
        claim = app.articles_view.claims[0]
        # the highlight covers exactly the claim's words, though the offsets count the
        # hidden front matter
        highlighted = [body.text[start:end] for start, end, _, _ in body.spans]
        assert highlighted == [claim["text"]] and claim["start"] > 40
        shown = body.reading_text()
        styled = {shown.plain[s.start : s.end] for s in shown.spans}
        assert claim["text"] in styled
        text = screen_text(app)
        assert "title: GPT-4o mini" not in text and "---" not in text
        assert "GPT-4o mini scores 82% on MMLU" in text

    run(app, scenario)


def test_body_start_skips_only_real_front_matter() -> None:
    assert body_start("---\ntitle: x\ndate: 2024\n---\n\nText") == len(
        "---\ntitle: x\ndate: 2024\n---\n\n"
    )
    assert body_start("No front matter\n---\ntitle: x\n---\n") == 0
    assert body_start("---\n\nA horizontal rule, then prose.\n---\n") == 0
    assert body_start("---\ntitle: never closed\n\nText") == 0


def test_hostile_article_text_is_shown_literally(tui_db) -> None:
    path, ids = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("down", "down")
        await until(pilot, lambda: app.articles_view.article["id"] == ids["hostile"])
        await until(pilot, lambda: "surpasses GPT-4o on GSM8K" in screen_text(app))  # drawn
        text = screen_text(app)
        assert "[bold red]beats everyone[/bold red]" in text
        assert "[link=https://evil.example]our" in text and "site[/link]" in text
        assert "␛[31mnow␛[0m" in text
        assert "␛]8;;https://evil.example␇click␛]8;;␇" in text
        assert "␛[2J" in text and "\x1b" not in text
        assert "[bold red]Zephyr-9[/bold red] ␛[2J release" in text  # the list's title
        assert "Zephyr-9 [bold]" in text  # the card's subject
        # nothing became a style or a hyperlink
        rendered = app.query_one(ArticleBody).reading_text()
        assert "\x1b" not in rendered.plain and "[bold red]" in rendered.plain
        assert not any(span.style and "link" in str(span.style) for span in rendered.spans)

    run(app, scenario, size=(160, 48))


# -- the claims view -----------------------------------------------------------------------------


def test_claims_view_filters_by_field_searches_and_sorts(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        view = app.claims_view
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"verdict:overstated")
        assert table.row_count == 1
        assert view.shown[0]["verdict"] == "overstated"
        app.query_one("#claim-search", Input).value = "org:meta"
        await pilot.pause()
        assert table.row_count == 3  # the three Llama claims (org from the registry)
        app.query_one("#claim-search", Input).value = "zephyr"
        await pilot.pause()
        assert table.row_count == 1
        app.query_one("#claim-search", Input).value = "since:2024-07 bench:mmlu"
        await pilot.pause()
        assert [r["verdict"] for r in view.shown] == ["overstated"]
        app.query_one("#claim-search", Input).value = ""
        app.query_one("#claim-flag", Select).value = "self_reported_only"
        await pilot.pause()
        assert [r["subject"] for r in view.shown] == ["GPT-4o mini"]
        app.query_one("#claim-flag", Select).clear()
        await pilot.pause()
        table.focus()
        await pilot.press("s")  # sort by verdict: contradicted first
        assert view.sort_key == "verdict"
        assert view.shown[0]["verdict"] in {"supported", "contradicted"}
        order = [r["verdict"] for r in view.shown]
        await pilot.press("S")
        assert [r["verdict"] for r in view.shown] == list(reversed(order))
        await pilot.press("v")  # verdict dropdown cycles
        assert app.query_one("#claim-verdict", Select).value == "supported"
        assert all(r["verdict"] == "supported" for r in view.shown)

    run(app, scenario)


def test_enter_on_a_claim_opens_its_article_at_that_claim(tui_db) -> None:
    path, ids = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        app.query_one("#claim-search", Input).value = "verdict:contradicted"
        await pilot.pause()
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.tabs.active == "articles")
        await until(pilot, lambda: app.articles_view.claim_index == 2)
        assert app.articles_view.current_claim["verdict"] == "contradicted"

    run(app, scenario)


# -- checking text -------------------------------------------------------------------------------


def test_paste_and_check_updates_as_you_type(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("3")
        editor = app.query_one("#draft", TextArea)
        assert app.focused is editor
        editor.insert("Our model beats GPT-4o on MMLU.")
        table = app.query_one("#draft-claims", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        assert app.check_view.claims[0]["verdict"] == "overstated"
        editor.insert(" It also beats everyone on GSM8K.")
        await until(pilot, lambda: table.row_count == 2)
        assert "2 claims found" in screen_text(app)
        editor.clear()
        await until(pilot, lambda: table.row_count == 0)

    run(app, scenario)


def test_a_newer_edit_replaces_a_draft_check_that_has_not_started(tui_db) -> None:
    """Checks run one at a time on the checker's thread; while one runs, an edit that a
    newer edit has replaced is never checked, and the newest edit's claims are shown."""
    import threading

    path, _ = tui_db
    release = threading.Event()
    checked: list[str] = []

    class SlowChecker(StandInChecker):
        def check_text(self, text: str, path: str = "", title: str = "", date: Any = None) -> Any:
            checked.append(text)
            release.wait(timeout=30)
            return super().check_text(text, path, title, date)

    app = _app(path, checker_factory=SlowChecker)

    async def scenario(pilot: Any) -> None:
        view = app.check_view
        table = app.query_one("#draft-claims", DataTable)
        for i, text in enumerate(["A beats B.", "C beats D. E beats F.", "G beats H. I beats J."]):
            view.seq = i + 1
            app.check_draft(view.seq, text, view)
            if i == 0:
                await until(pilot, lambda: len(checked) == 1)  # the first is running
        release.set()
        await until(pilot, lambda: table.row_count == 2)
        assert checked == ["A beats B.", "G beats H. I beats J."]
        assert [c["text"] for c in view.claims] == ["G beats H.", "I beats J."]

    run(app, scenario)


def test_a_checker_that_cannot_be_built_is_said_once_per_check(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    doc = tmp_path / "falcon.md"
    doc.write_text("Falcon beats Llama on HumanEval.\n", encoding="utf-8")

    def broken(store: Store) -> Any:
        raise RuntimeError("no spaCy model here")

    app = _app(path, checker_factory=broken)

    async def scenario(pilot: Any) -> None:
        app.check_file(doc)
        await until(pilot, lambda: any("no spaCy" in n.message for n in app._notifications))
        await pilot.press("3")
        app.query_one("#draft", TextArea).insert("Our model beats GPT-4o on MMLU.")
        status = app.query_one("#draft-status")
        await until(pilot, lambda: "no spaCy" in str(status.render()))
        assert "Could not check: no spaCy model here" in screen_text(app)
        failures = [n.message for n in app._notifications if "no spaCy" in n.message]
        assert failures == ["Could not check the file: no spaCy model here"]
        assert not app.query_one("#status").display  # the progress line is gone

    run(app, scenario)


def test_a_store_that_cannot_be_opened_is_said_once_and_the_app_stays_up(tmp_path: Path) -> None:
    path = tmp_path / "not-a-store.db"
    path.write_bytes(b"these bytes are not an SQLite database" * 100)
    app = _app(path)

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: bool(app._notifications))
            await pilot.press("2")  # the app still answers keys
            assert app.tabs.active == "claims"
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1
        assert messages[0].startswith("Could not open the store: ")
        assert str(path) in messages[0] and "not a SQLite database" in messages[0]

    asyncio.run(main())
    assert path.read_bytes().startswith(b"these bytes")  # left as it was


def test_open_a_file_checks_and_stores_it(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    doc = tmp_path / "draft.md"
    doc.write_text("# Falcon release\n\nFalcon beats Llama on HumanEval.\n", encoding="utf-8")
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        app.screen.query_one("#open-path", Input).value = str(doc)
        await pilot.press("enter")
        table = app.query_one("#article-list", DataTable)
        await until(pilot, lambda: table.row_count == 4)
        await until(pilot, lambda: (app.articles_view.article or {}).get("url") == str(doc))
        assert app.articles_view.claims[0]["text"] == "Falcon beats Llama on HumanEval."

    run(app, scenario)


def test_open_a_missing_file_says_so_and_stays_open(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("o")
        app.screen.query_one("#open-path", Input).value = str(tmp_path / "nope.md")
        await pilot.press("enter")
        assert isinstance(app.screen, OpenFileScreen)
        assert "No such file" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, OpenFileScreen)

    run(app, scenario)


# -- export --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("scope", "documents", "claims"), [("article", 1, 3), ("all", 3, 5)])
def test_export_writes_a_valid_report(
    tui_db, tmp_path: Path, scope: str, documents, claims
) -> None:
    path, _ = tui_db
    out = tmp_path / "out" / "report.json"
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith(".json")
        buttons = {b.name: b for b in app.screen.query("RadioButton")}
        buttons[scope].value = True
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.click("#export-ok")
        await until(pilot, out.exists)

    run(app, scenario)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["documents"]) == documents
    assert sum(len(d["claims"]) for d in report["documents"]) == claims


def test_export_of_the_filtered_claims_view_writes_only_those(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    out = tmp_path / "filtered.csv"
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        await until(pilot, lambda: len(app.claims_view.shown) == 5)
        app.query_one("#claim-search", Input).value = "verdict:unverifiable"
        await pilot.pause()
        app.query_one("#claim-table").focus()
        await pilot.press("e")
        app.screen.query_one("#export-format", Select).value = "csv"
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, out.exists)

    run(app, scenario)
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 1 + 2  # header + the two unverifiable claims
    assert all("unverifiable" in line for line in lines[1:])


def test_export_offers_every_format_the_cli_accepts_with_its_suffix(tui_db, tmp_path: Path) -> None:
    """The dialog and `check --format` read one table: each CLI format can be chosen in the
    app (Select refuses a value it does not offer) and gives the path that format's suffix."""
    from claimcheck.cli.check import check
    from claimcheck.services.export import REPORT_FORMATS

    cli_formats = next(p for p in check.params if p.name == "fmt").type.choices  # type: ignore[attr-defined]
    assert len(cli_formats) == 7
    path, _ = tui_db
    app = _app(path)
    seen: dict[str, str] = {}

    async def scenario(pilot: Any) -> None:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        select = app.screen.query_one("#export-format", Select)
        for fmt in cli_formats:
            select.value = fmt
            await pilot.pause()
            seen[fmt] = Path(app.screen.query_one("#export-path", Input).value).suffix

    run(app, scenario)
    assert seen == {name: "." + f.suffix for name, f in REPORT_FORMATS.items()}
    assert len(set(seen.values())) == len(seen)  # a file's suffix names its format


def test_export_to_a_directory_is_refused_in_the_dialog(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)
        assert "directory" in screen_text(app)

    run(app, scenario)


# -- model view, help, palette, theme -----------------------------------------------------------


def test_model_view_compares_headline_metrics_of_the_same_benchmark(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("m")
        assert isinstance(app.screen, ModelScreen)
        table = app.screen.query_one("#model-evals", DataTable)
        await until(pilot, lambda: table.row_count == 7)
        text = screen_text(app)
        assert "4 independent and 3 self-reported numbers" in text
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        # benchmark, independent, self-reported, gap, metric, source, date, setting
        got = [(r[0], r[4], r[1], r[2], r[3]) for r in rows]
        assert got == [
            ("Aider Polyglot", "percent correct", "58.2", "", "-2.8"),
            # an edit-format rate is shown, never compared with the vendor's accuracy
            ("Aider Polyglot", "percent correct edit format", "92.5", "", ""),
            ("HumanEval", "pass@1", "89.0", "", ""),  # no self-reported figure to compare
            ("MMLU", "acc", "88.6", "", "-1.3"),
            ("Aider Polyglot", "Acc.", "", "61.0", ""),
            ("MMLU", "acc", "", "89.9", ""),
            ("Nexus (0-shot) (unresolved)", "score", "", "58.7", ""),
        ]
        assert "(unresolved)" in text and "58.2" in text
        assert app.screen.model_ids == ["llama-3.1-405b", "gpt-4o-2024-05-13"]
        await pilot.press("e")  # main-view keys wait while the model view is open
        assert isinstance(app.screen, ModelScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ModelScreen)

    run(app, scenario, size=(160, 40))


def test_model_rows_never_compare_other_metrics_or_benchmarks() -> None:
    def ev(bench_id: str | None, metric: str, score: float, kind: Any = "independent") -> Any:
        return Evaluation(
            "m",
            bench_id or "Some Bench",
            metric,
            score,
            "src",
            "2024-01-01",
            kind=kind,
            model_id="m",
            benchmark_id=bench_id,
        )

    rows = model_rows(
        [
            ev("aider-polyglot", "percent correct edit format", 92.5),
            ev("aider-polyglot", "Acc.", 100.0, "self_reported"),
            ev("mmlu", "acc", 80.0),
            ev("aider-polyglot", "percent correct", 58.2),
            ev(None, "acc", 70.0, "self_reported"),
        ],
        BENCHMARKS,
    )
    gaps = {(r.benchmark, r.metric): r.gap for r in rows}
    assert gaps[("Aider Polyglot", "percent correct edit format")] is None
    assert gaps[("Aider Polyglot", "percent correct")] == -41.8
    assert gaps[("MMLU", "acc")] is None  # the unresolved "acc" row is not MMLU's
    assert [r.independent for r in rows] == [True, True, True, False, False]
    assert [r.resolved for r in rows][-1] is False


def test_help_lists_every_binding(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", DataTable)
        descriptions = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        for binding in app.BINDINGS:
            assert binding.description in descriptions  # type: ignore[union-attr]
        assert {"Next", "Prev", "Sort", "Leave editor", "Back"} <= descriptions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(app, scenario)


def test_every_action_is_in_the_command_palette(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {title for title, _, _ in app.ACTIONS} <= titles
        await pilot.press("ctrl+p")
        await pilot.press(*"Export a report")
        # the palette searches off the UI thread: wait for the command's line to be listed
        await until(pilot, lambda: "Current article, filtered claims" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))

    run(app, scenario)


def test_light_and_dark(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        assert app.current_theme.dark
        await pilot.press("t")
        assert not app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark

    run(app, scenario)


def test_zoom_gives_the_focused_pane_the_screen_and_back(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        card = app.query_one("#article-card", ClaimCard)
        card.focus()
        await pilot.press("z")
        assert app.screen.maximized is card
        assert card.region.height > 20
        await pilot.press("z")
        assert app.screen.maximized is None

    run(app, scenario, size=(80, 24))


def test_progress_line_shows_above_the_footer_and_hides_when_done(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        from claimcheck.tui.messages import Progress

        app.post_message(Progress("Checking sample [b]x[/b].md", 2, 9))
        await pilot.pause()
        status = app.query_one("#status")
        assert status.display
        assert "Checking sample [b]x[/b].md" in screen_text(app)
        assert status.region.bottom <= app.query_one("Footer").region.y
        app.post_message(Progress("", finished=True))
        await pilot.pause()
        assert not status.display

    run(app, scenario, size=(80, 24))


def test_fits_an_80x24_terminal(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        text = screen_text(app)
        assert "Articles" in text and "OVERSTATED" in text and "Introducing Llama" in text
        assert app.query_one("#article-card").region.bottom <= 23

    run(app, scenario, size=(80, 24))


def test_main_screens_show_their_key_columns_in_80x24(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        card = app.query_one("#article-card", ClaimCard)
        card.focus()
        await pilot.press("z")  # the card's evidence numbers come before the long setting
        await pilot.pause()
        text = screen_text(app)
        assert "88.6" in text and "87.2" in text and "+1.4" in text
        await pilot.press("z", "2")
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        text = screen_text(app)
        assert "Llama 3.1 405B" in text and "GPT-4o" in text  # subject and target
        await pilot.press("1", "m")
        evals = app.screen.query_one("#model-evals", DataTable)
        await until(pilot, lambda: evals.row_count == 7)
        text = screen_text(app)
        assert "Aider Polyglot" in text and "58.2" in text and "-2.8" in text

    run(app, scenario, size=(80, 24))


# -- fetch ---------------------------------------------------------------------------------------

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test lab</title><link>https://lab.test/</link>
<item><title>Falcon 9 is out</title><link>https://lab.test/posts/falcon.html</link>
<pubDate>Mon, 02 Sep 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""
PAGE = """<html><head><title>Falcon 9 is out</title></head><body><article>
<h1>Falcon 9 is out</h1><p>Falcon 9 beats GPT-4o on MMLU by two points in our tests.</p>
<p>We trained it on a lot of text and it is available today for everyone to use.</p>
</article></body></html>"""


def _handler(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/feed.xml":
        return httpx.Response(200, text=FEED, headers={"content-type": "application/rss+xml"})
    if request.url.path == "/posts/falcon.html":
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
    return httpx.Response(404, text="not here")


def test_fetch_stores_checks_and_lists_new_articles(tui_db) -> None:
    path, _ = tui_db
    with Store(path) as store:
        store.upsert_source("test-lab", "https://lab.test/feed.xml", "feed")
    app = _app(path, fetch_transport=httpx.MockTransport(_handler))

    async def scenario(pilot: Any) -> None:
        await pilot.press("f")
        table = app.query_one("#article-list", DataTable)
        await until(pilot, lambda: table.row_count == 4, timeout=20)
        assert "Falcon 9 is out" in screen_text(app)
        await until(pilot, lambda: not app.query_one("#status").display)
        messages = [n.message for n in app._notifications]
        assert any("1 new" in m for m in messages), messages

    run(app, scenario)


def test_fetch_failures_become_notifications_not_crashes(tui_db) -> None:
    path, _ = tui_db
    with Store(path) as store:
        store.upsert_source("down", "https://down.test/feed.xml", "feed")

    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app = _app(path, fetch_transport=httpx.MockTransport(broken))

    async def scenario(pilot: Any) -> None:
        await pilot.press("f")
        await until(pilot, lambda: any("failed" in n.message for n in app._notifications), 20)
        assert app.query_one("#article-list", DataTable).row_count == 3
        assert app.is_running

    run(app, scenario)


# -- issue 14: contrast, the reader, links, the chart, export, preferences ------------------------

READER_TEXT = (
    "---\ntitle: Kite-2 release\norg: Kite Labs\nurl: https://kite.example/blog/kite-2\n---\n\n"
    "# Kite-2 release\n\n"
    "Kite-2 is our new model. It was trained\non a lot of **carefully filtered** text\n"
    "and it is fast.\n\n"
    "## Results\n\n"
    "- Kite-2 beats GPT-4o on MMLU by a point.\n"
    "- It costs less than `gpt-4o`.\n\n"
    "| Benchmark | Kite-2 | GPT-4o |\n|---|---|---|\n| MMLU | 88.9 | 88.7 |\n\n"
    + "\n\n".join(f"Filler paragraph {i} says nothing about any model at all." for i in range(40))
    + "\n\nIn the end, Kite-2 matches Claude 3.5 Sonnet on GPQA Diamond.\n"
)


def _add_reader_article(path: Path) -> str:
    """A Markdown article with front matter, a list, a table and a claim far down."""
    first = "Kite-2 beats GPT-4o on MMLU by a point."
    last = "In the end, Kite-2 matches Claude 3.5 Sonnet on GPQA Diamond."
    subject = Mention("Kite-2", None)
    claims = []
    for sentence, relation, verdict, evidence in (
        (
            first,
            "surpasses",
            "overstated",
            (
                Evidence(
                    "MMLU",
                    "epoch_ai",
                    88.9,
                    88.7,
                    0.2,
                    0.5,
                    "2024-09-01",
                    subject_model="Kite-2 Instruct (2024-09-01)",
                    target_model="GPT-4o (2024-08-06)",
                    outcome="tie",
                    source_url="https://github.com/example/evals/blob/abc123/mmlu.csv",
                ),
                Evidence(
                    "Chatbot Arena",
                    "lmarena",
                    1266,
                    1287,
                    -21,
                    6,
                    "2024-09-01",
                    subject_model="Kite-2",
                    target_model="GPT-4o",
                    outcome="loss",
                    snapshot="tui-test",
                ),
            ),
        ),
        (last, "matches", "unverifiable", ()),
    ):
        start = READER_TEXT.index(sentence)
        claim = Claim(sentence, start, start + len(sentence), subject, relation)
        claims.append((claim, Verdict(verdict, ("noise",), ("A reason.",), evidence)))
    doc = Document(READER_TEXT, path="drafts/kite-2.md", title="Kite-2 release", date="2024-09-02")
    with Store(path) as store:
        return store.save_checked(doc, claims)


def _contrast(fg: Any, bg: Any) -> float:
    def lum(c: Any) -> float:
        def ch(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        r, g, b = c.triplet
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_verdict_highlight_keeps_readable_contrast_in_both_themes(tui_db) -> None:
    """Unverifiable claims were drawn in their own background's colour (invisible)."""
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        body = app.query_one(ArticleBody)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            for verdict in ("supported", "overstated", "contradicted", "unverifiable"):
                style = body.verdict_style(verdict)
                assert style.color is not None and style.bgcolor is not None, (theme, verdict)
                assert style.color != style.bgcolor, (theme, verdict)
                assert _contrast(style.color, style.bgcolor) >= 4.5, (theme, verdict)
                # and the highlight is visible against the page around it
                assert style.bgcolor != body.rich_style.bgcolor, (theme, verdict)

    run(app, scenario)


def test_the_reader_renders_markdown_and_highlights_claims_in_place(tui_db) -> None:
    path, _ = tui_db
    article_id = _add_reader_article(path)
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        app.articles_view.open_article(article_id)
        await until(pilot, lambda: (app.articles_view.article or {}).get("id") == article_id)
        await pilot.pause()
        body = app.query_one(ArticleBody)
        shown = body.reading_text().plain
        # markup gone, structure kept: headings, bullets, a drawn table, code without ticks
        assert "# " not in shown and "**" not in shown and "`" not in shown
        assert "|---" not in shown and "---\ntitle" not in shown and "url:" not in shown
        assert "• Kite-2 beats GPT-4o on MMLU by a point." in shown
        assert "Benchmark │ Kite-2 │ GPT-4o" in shown and "MMLU      │ 88.9" in shown
        # a soft line break is a space: the paragraph is reflowed
        assert "It was trained on a lot of carefully filtered text and it is fast." in shown
        styled = {shown[s.start : s.end] for s in body.reading_text().spans}
        assert "carefully filtered" in styled  # bold, in place
        assert "Kite-2 beats GPT-4o on MMLU by a point." in styled  # highlighted in place
        text = screen_text(app)
        assert "Kite-2 release" in text and "kite.example" not in text.split("Kite-2 is")[1]
        # n jumps to the claim forty paragraphs down, and it is scrolled into view
        view = app.query_one("#article-text")
        assert view.scroll_y == 0
        await pilot.press("n")
        await until(pilot, lambda: view.scroll_y > 20)
        assert "Kite-2 matches Claude 3.5 Sonnet on GPQA Diamond" in screen_text(app)
        await pilot.press("p")
        await until(pilot, lambda: view.scroll_y < 20)
        assert "Kite-2 beats GPT-4o" in screen_text(app)

    run(app, scenario, size=(120, 40))


def test_enter_on_the_claims_screen_scrolls_the_article_to_the_sentence(tui_db) -> None:
    path, _ = tui_db
    article_id = _add_reader_article(path)
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 7)
        app.query_one("#claim-search", Input).value = "claude gpqa"
        await until(pilot, lambda: table.row_count == 1)
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.tabs.active == "articles")
        await until(pilot, lambda: app.articles_view.claim_index == 1)
        assert app.articles_view.article["id"] == article_id
        view = app.query_one("#article-text")
        await until(pilot, lambda: view.scroll_y > 20)
        assert "Kite-2 matches Claude 3.5 Sonnet on GPQA Diamond" in screen_text(app)

    run(app, scenario, size=(120, 40))


def test_claims_table_shows_article_date_and_readable_flags_at_120_columns(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        # the rows exist before they are drawn, and the columns are sized as they are:
        # wait for the drawing, not a fixed time (a claim that never shows fails here)
        wanted = ("Introducing", "2024-07-23", "noise picked", "picked = cherry-picked")
        await until(pilot, lambda: all(w in screen_text(app) for w in wanted))
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "verdict" in line and "claim" in line)
        assert "date" in header and "article" in header
        assert "2024-07-23" in text and "Introducing" in text
        assert "noise picked" in text  # short forms, not "noise, cherry_pi…"
        assert "picked = cherry-picked" in text and "self = only self-reported" in text

    run(app, scenario, size=(120, 36))


def test_a_filter_with_an_impossible_date_says_so_and_is_not_applied(tui_db) -> None:
    path, _ = tui_db
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("2")
        table = app.query_one("#claim-table", DataTable)
        await until(pilot, lambda: table.row_count == 5)
        app.query_one("#claim-search", Input).value = "since:2024-13-45"
        await pilot.pause()
        assert table.row_count == 5  # not a filter that silently matches by string order
        assert "since:2024-13-45 is not a date" in screen_text(app)
        app.query_one("#claim-search", Input).value = "since:2024-07-20"
        await pilot.pause()
        assert table.row_count == 3 and "is not a date" not in screen_text(app)

    run(app, scenario, size=(120, 36))
    assert ClaimFilter.parse("until:2024-02-30").errors
    assert not ClaimFilter.parse("until:2024-02-29 since:2023 since:2023-12").errors


def test_links_open_or_copy_the_article_and_evidence_sources(tui_db) -> None:
    path, _ = tui_db
    article_id = _add_reader_article(path)
    with Store(path) as store:  # the Arena row's file is found through its snapshot
        store.import_evaluations(
            [],
            Snapshot(
                sha256="tui-test",
                source="lmarena",
                file_name="arena.csv",
                source_url="https://github.com/example/arena/blob/def456/arena.csv",
            ),
        )
    app = _app(path)
    opened: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]

    async def scenario(pilot: Any) -> None:
        app.articles_view.open_article(article_id)
        await until(pilot, lambda: (app.articles_view.article or {}).get("id") == article_id)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, LinksScreen))
        urls = [link.url for link in app.screen.links]
        assert urls[0] == "https://kite.example/blog/kite-2"  # from the front matter
        assert "https://github.com/example/evals/blob/abc123/mmlu.csv" in urls
        assert "https://github.com/example/arena/blob/def456/arena.csv" in urls
        await pilot.press("enter")
        assert opened == ["https://kite.example/blog/kite-2"]
        await pilot.press("down", "c")
        assert copied == ["https://github.com/example/evals/blob/abc123/mmlu.csv"]
        await pilot.press("escape")
        # the selected evidence row's source comes first in the list
        table = app.query_one("#article-card #card-evidence", DataTable)
        table.focus()
        await pilot.press("down")
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, LinksScreen))
        assert app.screen.current.url.endswith("arena.csv")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Open or copy a link" in titles

    run(app, scenario, size=(120, 40))


def test_evidence_chart_names_models_labels_the_elo_baseline_and_has_a_legend(tui_db) -> None:
    path, _ = tui_db
    article_id = _add_reader_article(path)
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        app.articles_view.open_article(article_id)
        await until(pilot, lambda: (app.articles_view.article or {}).get("id") == article_id)
        chart = app.query_one("#article-card #card-chart")
        plain = chart.chart(46).plain
        assert "Kite-2 Instruct (2024-09-01)" in plain  # not "Kite-2…" at 7 characters
        assert "GPT-4o (2024-08-06)" in plain
        assert "Elo scale, bars from 1,224" in plain  # the zoomed baseline says where it starts
        assert "claim's model" in plain and "compared model" in plain and "bar length" in plain

    run(app, scenario, size=(160, 48))


def test_export_never_overwrites_silently_and_counts_articles(tui_db, tmp_path: Path) -> None:
    path, _ = tui_db
    with Store(path) as store:  # an article without claims is still part of "everything"
        store.save_checked(Document("Nothing comparative.", path="empty.md", title="Empty"), [])
    out = tmp_path / "report.md"
    out.write_text("precious", encoding="utf-8")
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        {b.name: b for b in screen.query("RadioButton")}["all"].value = True
        screen.query_one("#export-path", Input).value = str(out)
        await pilot.click("#export-ok")
        await pilot.pause()  # the warning moves the button down a line
        assert isinstance(app.screen, ExportScreen)  # asked, not written
        assert "exists" in screen_text(app) and out.read_text(encoding="utf-8") == "precious"
        # the second press replaces it; a button ignores presses while it shows the last one
        button = screen.query_one("#export-ok", Button)
        await until(pilot, lambda: not button.has_class("-active"))
        await pilot.click("#export-ok")
        await until(pilot, lambda: out.read_text(encoding="utf-8") != "precious")
        await until(pilot, lambda: any("Exported" in n.message for n in app._notifications))
        messages = [n.message for n in app._notifications]
        assert any("Exported 5 claims from 4 articles" in m for m in messages), messages

    run(app, scenario)
    assert out.read_text(encoding="utf-8").count("\n## ") == 4


def test_theme_and_export_format_are_remembered(tui_db, tmp_path: Path) -> None:
    from claimcheck.config import load_preferences

    path, _ = tui_db
    out = tmp_path / "r.html"
    app = _app(path)

    async def scenario(pilot: Any) -> None:
        await pilot.press("t")
        await pilot.press("e")
        app.screen.query_one("#export-format", Select).value = "html"
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.click("#export-ok")
        await until(pilot, out.exists)
        await until(pilot, lambda: load_preferences().export_format == "html")

    run(app, scenario)
    assert load_preferences().theme == "textual-light"
    again = _app(path)

    async def second(pilot: Any) -> None:
        assert not again.current_theme.dark  # the light theme, as left
        await pilot.press("e")
        assert again.screen.query_one("#export-format", Select).value == "html"

    run(again, second)
