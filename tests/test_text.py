"""Text hygiene: one function keeps escape sequences and bidi tricks out of every output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.models import CheckedClaim, CheckedDocument, Claim, Document, Mention, Verdict
from claimcheck.report import render
from claimcheck.text import blank_controls, strip_controls

HOSTILE = [
    ("\x1b[2Jclear", "clear"),  # CSI: clear screen
    ("\x1b[31mred\x1b[0m", "red"),  # CSI: colours
    ("\x1b]8;;https://evil.example\x07link\x1b]8;;\x07", "link"),  # OSC 8 hyperlink
    ("\x1b]0;new title\x1b\\after", "after"),  # OSC window title, ST-terminated
    ("\x1bP+q544e\x1b\\dcs", "dcs"),  # DCS string
    ("\x9b2Jc1", "c1"),  # CSI as a single C1 byte
    ("abc\u202edcba", "abcdcba"),  # right-to-left override (trojan source)
    ("zero\u200bwidth", "zerowidth"),
    ("bell\x07 nul\x00", "bell nul"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),  # kept: they are layout, not control
    ("[bold red]markup[/] stays text", "[bold red]markup[/] stays text"),
]


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_strip_controls(raw, expected):
    assert strip_controls(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), HOSTILE)
def test_blank_controls_keeps_offsets_and_drops_whole_sequences(raw, expected):
    # the extractor's view of the text: same length, so claim offsets point into the original
    blanked = blank_controls(raw)
    assert len(blanked) == len(raw)
    # a character inside a word becomes a space (length must hold): compare what is left
    assert "".join(blanked.split()) == "".join(expected.split())


def _doc(text: str) -> CheckedDocument:
    claim = Claim(
        text=text,
        start=0,
        end=len(text),
        subject=Mention("X\u202eY"),
        relation="surpasses",
        targets=(Mention("GPT-4o"),),
    )
    verdict = Verdict("unverifiable", reasons=("\x1bP+q\x1b\\X is unknown",))
    return CheckedDocument(
        Document(text=text, path="d.md", title="\x1b]0;pwned\x07Title"),
        (CheckedClaim(claim, verdict),),
    )


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
def test_reports_carry_no_escape_or_bidi_characters(fmt):
    sentence = "X beats \x1b[2JGPT-4o \x9b1m now."
    out = render([_doc(sentence)], fmt)
    for bad in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert bad not in out, (fmt, repr(bad))
    assert "GPT-4o" in out
    if fmt == "json":  # the machine contract keeps the text exact: escaped, not dropped
        claim = json.loads(out)["documents"][0]["claims"][0]
        assert claim["text"] == sentence
        assert claim["subject"]["text"] == "X\u202eY"


def test_extract_command_prints_hostile_text_inert(tmp_path):
    doc = tmp_path / "post.md"
    doc.write_text(
        "# Foo-3-70B\n\n"
        "Foo-3-70B outperforms GPT-4o on MMLU-Pro \x1b[2J\x1b]0;pwned\x07by\u202e far.\n",
        encoding="utf-8",
    )
    for fmt in ("table", "json"):
        result = CliRunner().invoke(main, ["extract", str(doc), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "outperforms GPT-4o" in result.output
        for bad in ("\x1b", "\u202e", "pwned\x07", "[2J"):
            assert bad not in result.output, (fmt, repr(bad))
