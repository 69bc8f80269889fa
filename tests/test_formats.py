"""One table of report formats (claimcheck.report.REPORT_FORMATS) and everything that lists
formats agrees with it: `check --format`, the saved export preference, and each writer
(the app's export dialog is checked in test_tui.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.cli.check import check
from claimcheck.config import EXPORT_FORMATS, ConfigError, Preferences
from claimcheck.models import CheckedDocument, Document
from claimcheck.report import FORMATS, REPORT_FORMATS, ReportWriter, render


def test_the_cli_accepts_exactly_the_table_s_formats() -> None:
    option = next(p for p in check.params if p.name == "fmt")
    assert tuple(option.type.choices) == tuple(REPORT_FORMATS) == FORMATS  # type: ignore[attr-defined]


def test_check_help_describes_every_format() -> None:
    result = CliRunner().invoke(main, ["check", "--help"], terminal_width=200)
    assert result.exit_code == 0
    flat = " ".join(result.output.split()).replace("- ", "-")  # help wraps at hyphens too
    for f in REPORT_FORMATS.values():
        assert f"{f.name} ({f.description})" in flat


def test_the_export_preference_takes_every_format_and_nothing_else() -> None:
    assert EXPORT_FORMATS == FORMATS
    for name in FORMATS:
        assert Preferences(export_format=name).validated().export_format == name
    with pytest.raises(ConfigError, match="docx"):
        Preferences(export_format="docx").validated()


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_has_a_writer_a_suffix_and_a_description(name: str) -> None:
    f = REPORT_FORMATS[name]
    assert f.name == name and f.suffix.isalnum() and f.description
    doc = CheckedDocument(Document(text="No claims here.", path="a.md", title="Quiet note"))
    text = render([doc], name, generated_at="2026-01-02T03:04:05+00:00")
    assert text.endswith("\n")
    assert ("Quiet note" in text) == (name not in ("csv", "claimreview"))  # no claim, no row


def test_an_unknown_format_is_refused_with_the_table_s_names() -> None:
    with pytest.raises(ValueError, match="choose one of table, json, jsonl"):
        ReportWriter("docx", None)  # type: ignore[arg-type]
