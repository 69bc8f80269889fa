"""Reports: the JSON contract, CSV columns, a self-contained safe HTML page, ClaimReview shape.

Built on hand-made CheckedDocuments so the renderers are tested without the extractor, the
judge or the store. One claim text is hostile on purpose: HTML, Rich markup, a spreadsheet
formula, a Markdown table pipe and a terminal escape sequence.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimcheck.models import (
    CheckedClaim,
    CheckedDocument,
    Claim,
    Document,
    Evidence,
    Mention,
    Verdict,
)
from claimcheck.report import CSV_COLUMNS, FORMATS, clean_text, rating_value, render

STAMP = "2026-01-02T03:04:05+00:00"
HOSTILE = (
    'Nova-7 <script>alert("x")</script> beats [bold red]GPT-4o[/bold red] | =HYPERLINK(1) '
    "\x1b[31mnow\x1b[0m & more"
)


def _docs() -> list[CheckedDocument]:
    evidence = (
        Evidence(
            benchmark="MMLU-Pro",
            source="open_llm_v2",
            subject_score=71.2,
            target_score=69.8,
            difference=1.4,
            margin=0.8,
            as_of="2024-10-01",
            metric="accuracy",
            margin_method="binomial SE, n=12032",
            outcome="win",
            snapshot="s1",
        ),
        Evidence("HumanEval", "evalplus", 86.0, 87.2, -1.2, 5.3, "2024-09-01", outcome="tie"),
        Evidence("Arena <b>", "lmarena", 1250.0, 1290.0, -40.0, 6.0, "2024-11-01", outcome="loss"),
    )
    hostile = Claim(
        text=HOSTILE,
        start=10,
        end=10 + len(HOSTILE),
        subject=Mention("Nova-7", "nova-7"),
        relation="surpasses",
        targets=(Mention("GPT-4o", "gpt-4o-2024-08-06"),),
        benchmarks=(Mention("MMLU-Pro", "mmlu-pro"),),
        scope="broad",
        quantifier="on most benchmarks",
        numbers=("71.2",),
        checkworthiness=0.9,
    )
    plain = Claim(
        text="Nova-7 is the best open model of its size.",
        start=200,
        end=242,
        subject=Mention("Nova-7", None),
        relation="best_in_group",
        target_group="open-weights models",
        scope="broad",
        checkworthiness=0.6,
    )
    supported = Claim(
        "Nova-7 matches GPT-4o on HumanEval.", 300, 335, Mention("Nova-7", "nova-7"), "matches"
    )
    return [
        CheckedDocument(
            Document(
                "…", path="samples/<nova>.md", title="Nova <i>7</i> launch", date="2024-11-02"
            ),
            (
                CheckedClaim(
                    hostile,
                    Verdict(
                        "overstated",
                        ("cherry_picked", "noise"),
                        ("It wins 1 of 3 <b>benchmarks</b>.",),
                        evidence,
                        "wins 1 of 3",
                    ),
                ),
                CheckedClaim(plain, Verdict("unverifiable", (), ("No evaluation covers Nova-7.",))),
            ),
        ),
        CheckedDocument(
            Document("…", path="https://example.org/post", title="Second"),
            (
                CheckedClaim(supported, Verdict("supported", ("noise",), ("Inside the margin.",))),
                CheckedClaim(supported, Verdict("contradicted", (), ("Behind by 9 points.",))),
            ),
        ),
        CheckedDocument(Document("", path="empty.txt", title="Empty")),
    ]


def _render(fmt: str) -> str:
    return render(_docs(), fmt, generated_at=STAMP)


def test_every_format_renders_and_unknown_is_refused() -> None:
    for fmt in FORMATS:
        assert _render(fmt).strip()
    with pytest.raises(ValueError, match="unknown format"):
        render(_docs(), "pdf")


# -- JSON -----------------------------------------------------------------------------------


def test_json_follows_the_design_contract() -> None:
    data = json.loads(_render("json"))
    assert {"generated_at", "claimcheck_version", "documents"} <= data.keys()
    assert data["generated_at"] == STAMP
    assert isinstance(data["claimcheck_version"], str) and data["claimcheck_version"]
    assert [d["path"] for d in data["documents"]] == [
        "samples/<nova>.md",
        "https://example.org/post",
        "empty.txt",
    ]
    claim_keys = {
        "text": str,
        "start": int,
        "end": int,
        "subject": dict,
        "relation": str,
        "targets": list,
        "target_group": (str, type(None)),
        "benchmarks": list,
        "scope": str,
        "quantifier": (str, type(None)),
        "numbers": list,
        "checkworthiness": float,
        "verdict": str,
        "flags": list,
        "reasons": list,
        "evidence": list,
    }
    evidence_keys = {
        "benchmark": str,
        "source": str,
        "subject_score": (int, float),
        "target_score": (int, float),
        "margin": (int, float),
        "as_of": str,
    }
    seen_evidence = 0
    for doc in data["documents"]:
        assert {"path": str, "title": str, "claims": list}.keys() <= doc.keys()
        for claim in doc["claims"]:
            for key, kind in claim_keys.items():
                assert key in claim, key
                assert isinstance(claim[key], kind), (key, claim[key])
            assert set(claim["subject"]) >= {"text", "id"}
            for m in claim["targets"] + claim["benchmarks"]:
                assert set(m) >= {"text", "id"}
            for e in claim["evidence"]:
                seen_evidence += 1
                for key, kind in evidence_keys.items():
                    assert isinstance(e[key], kind), (key, e)
    assert seen_evidence == 3
    first = data["documents"][0]["claims"][0]
    assert first["text"] == HOSTILE  # JSON keeps the text exactly; escaping is JSON's job
    assert first["subject"] == {"text": "Nova-7", "id": "nova-7"}
    assert first["targets"] == [{"text": "GPT-4o", "id": "gpt-4o-2024-08-06"}]
    assert first["flags"] == ["cherry_picked", "noise"]
    assert first["evidence"][0]["margin"] == 0.8
    assert data["documents"][0]["claims"][1]["target_group"] == "open-weights models"


# -- CSV ------------------------------------------------------------------------------------


def test_csv_has_one_row_per_claim_and_defuses_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(_render("csv"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 4
    assert [r["verdict"] for r in rows] == [
        "overstated",
        "unverifiable",
        "supported",
        "contradicted",
    ]
    assert rows[0]["flags"] == "cherry_picked;noise"
    assert rows[0]["tally"] == "wins 1 of 3"
    assert rows[0]["target_ids"] == "gpt-4o-2024-08-06"
    assert "\x1b" not in rows[0]["text"]
    assert "MMLU-Pro [open_llm_v2, 2024-10-01]: 71.2 vs 69.8" in rows[0]["evidence"]
    formula = next(iter(csv.DictReader(io.StringIO(render([_formula_doc()], "csv")))))
    assert formula["text"].startswith("'=")


def _formula_doc() -> CheckedDocument:
    claim = Claim("=1+1 beats GPT-4o", 0, 17, None, "surpasses")
    return CheckedDocument(
        Document("x", path="f.txt"), (CheckedClaim(claim, Verdict("supported")),)
    )


# -- terminal table and Markdown ------------------------------------------------------------


def test_table_shows_text_literally_without_escape_sequences() -> None:
    out = render(_docs(), "table", width=400)
    assert "\x1b" not in out
    # markup in the document is shown, not interpreted
    assert "[bold red]GPT-4o[/bold red]" in out
    assert "overstated" in out and "unverifiable" in out
    assert "4 claim(s)" in out
    assert "no comparative claims found" in out


def test_markdown_escapes_html_and_table_pipes() -> None:
    out = _render("md")
    assert "<script>" not in out and "&lt;script&gt;" in out
    row = next(line for line in out.splitlines() if line.startswith("| 1 |"))
    # the claim's own pipe is escaped, so the row keeps exactly four cells
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert "| MMLU-Pro | open\\_llm\\_v2 | 71.2 | 69.8 | +1.4 | ±0.8 | 2024-10-01 |" in out
    # prices in a reason must not turn into GitHub math between two dollar signs
    priced = _docs()[1]
    claim = replace(priced.claims[0], verdict=Verdict("supported", ("cost",), ("$3.00 vs $2.50",)))
    assert "\\$3.00 vs \\$2.50" in render([replace(priced, claims=(claim,))], "md")


# -- HTML -----------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_is_self_contained_escaped_and_well_formed() -> None:
    out = _render("html")
    parser = _Collector()
    parser.feed(out)
    assert "script" not in parser.tags  # neither ours nor the document's
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "svg" in parser.tags and "rect" in parser.tags
    # nothing is loaded: links to the article and the sources only open when clicked
    assert "src" not in {name for name, _ in parser.attrs} and "link" not in parser.tags
    hrefs = [value for name, value in parser.attrs if name == "href"]
    assert hrefs == ["https://example.org/post"]  # the only document with a web address
    assert not re.search(r"url\(|@import", out), "CSS must not load anything"
    assert "\x1b" not in out
    # well-formed: parses as XML once the doctype line is dropped
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "html"
    sections = root.findall(".//section")
    assert [s.get("class") for s in sections] == [
        "claim overstated",
        "claim unverifiable",
        "claim supported",
        "claim contradicted",
    ]
    assert "@media print" in out


def test_html_bar_chart_draws_one_bar_per_evidence_row() -> None:
    root = ET.fromstring(_render("html").split("\n", 1)[1])
    svgs = root.findall(".//svg")
    assert len(svgs) == 1  # only the first claim has evidence
    bars = [r for r in svgs[0].findall("rect") if r.get("height") == "12"]
    assert len(bars) == 3
    # a win beyond the margin is drawn to the right of zero, a loss to the left
    mid = float(svgs[0].find("line").get("x1"))  # type: ignore[union-attr]
    assert float(bars[0].get("x")) >= mid  # type: ignore[arg-type]
    assert float(bars[2].get("x")) < mid  # type: ignore[arg-type]


# -- ClaimReview ----------------------------------------------------------------------------


def test_claimreview_shape_and_rating_scale() -> None:
    text = _render("claimreview")
    assert "<" not in text  # safe to embed in a <script type="application/ld+json"> tag
    items = json.loads(text)
    assert len(items) == 4
    for item in items:
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == "ClaimReview"
        assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["url"].startswith("#doc-")  # the claim's section of the HTML report
        assert item["author"] == {"@type": "Organization", "name": "claimcheck"}
        assert item["datePublished"] == "2026-01-02"
        rating = item["reviewRating"]
        assert rating["bestRating"] == 4 and rating["worstRating"] == 1
        assert rating["alternateName"] in (
            "supported",
            "overstated",
            "contradicted",
            "unverifiable",
        )
        assert rating["ratingExplanation"]
        if "ratingValue" in rating:
            assert 1 <= rating["ratingValue"] <= 4
    by_verdict = {i["reviewRating"]["alternateName"]: i["reviewRating"] for i in items}
    assert by_verdict["contradicted"]["ratingValue"] == 1
    assert by_verdict["overstated"]["ratingValue"] == 2
    assert by_verdict["supported"]["ratingValue"] == 3  # supported, but flagged noise
    assert "ratingValue" not in by_verdict["unverifiable"]
    # the claim as parsed is what is reviewed; its sentence is the Claim's text
    assert items[0]["claimReviewed"] == "Nova-7 surpasses GPT-4o on MMLU-Pro [on most benchmarks]"
    assert items[0]["itemReviewed"]["text"] == clean_text(HOSTILE)
    assert items[2]["itemReviewed"]["appearance"][0]["url"] == "https://example.org/post"
    # a file on disk has no public address: no file:// URL is published
    assert "url" not in items[0]["itemReviewed"]["appearance"][0]
    assert items[0]["itemReviewed"]["appearance"][0]["headline"] == "Nova <i>7</i> launch"
    # the same words rated two ways are two reviews that say where each was made
    summaries = [i["claimReviewed"] for i in items]
    assert len(set(summaries)) == 4
    assert summaries[2] != summaries[3] and summaries[2].startswith("Nova-7 matches (in “Second”)")


def test_rating_value_mapping() -> None:
    assert rating_value("supported") == 4
    assert rating_value("supported", ("stale_target",)) == 3
    assert rating_value("overstated", ("noise",)) == 2
    assert rating_value("contradicted") == 1
    assert rating_value("unverifiable") is None


def test_clean_text_strips_terminal_sequences() -> None:
    assert clean_text("a\x1b[31mb\x1b[0m\x07c\x1b]0;title\x07d\n") == "abcd\n"


def test_two_claims_in_one_sentence_are_told_apart_in_the_table():
    sentence = (
        "Foo-3-70B outperforms GPT-4o on MMLU-Pro and matches Claude 3.5 Sonnet on HumanEval."
    )
    first = Claim(
        text=sentence,
        start=0,
        end=len(sentence),
        subject=Mention("Foo-3-70B"),
        relation="surpasses",
        targets=(Mention("GPT-4o"),),
        benchmarks=(Mention("MMLU-Pro"),),
    )
    second = Claim(
        text=sentence,
        start=0,
        end=len(sentence),
        subject=Mention("Foo-3-70B"),
        relation="matches",
        targets=(Mention("Claude 3.5 Sonnet"),),
        benchmarks=(Mention("HumanEval"),),
    )
    unknown = Verdict("unverifiable", reasons=("Foo-3-70B is not a model claimcheck knows.",))
    doc = CheckedDocument(
        Document(text=sentence, path="-"),
        (CheckedClaim(first, unknown), CheckedClaim(second, unknown)),
    )
    out = " ".join(render([doc], "table", width=200).split())
    assert "→ Foo-3-70B surpasses GPT-4o on MMLU-Pro" in out
    assert "→ Foo-3-70B matches Claude 3.5 Sonnet on HumanEval" in out


def test_evidence_names_the_target_model_and_never_shows_a_missing_margin_as_zero():
    # a best-in-group claim meets a different rival on each row; a source with no CI, SE or
    # item count has no margin, which must not print as the certainty of "±0"
    claim = Claim(
        text="X is the best open model.",
        start=0,
        end=25,
        subject=Mention("X", "x"),
        relation="best_in_group",
        target_group="open models",
        scope="broad",
    )
    rows = (
        Evidence(
            "LiveBench",
            "livebench",
            49.0,
            34.9,
            14.1,
            0.0,
            "2025-05-30",
            margin_method="no noise estimate (no CI, SE or item count)",
            target_model="Rival-A",
        ),
        Evidence(
            "MuSR",
            "hf_open_llm_leaderboard_v2",
            42.1,
            51.3,
            -9.2,
            5.0,
            "2025-03-21",
            margin_method="binomial SE, n=756",
            target_model="Rival-B",
        ),
    )
    doc = CheckedDocument(
        Document(text=claim.text, path="x.md"),
        (CheckedClaim(claim, Verdict("overstated", evidence=rows)),),
    )
    for fmt in ("md", "html"):
        out = render([doc], fmt)
        assert "Rival-A" in out and "Rival-B" in out, fmt
        assert "±0" not in out, fmt
        assert "no estimate" in out, fmt
        assert "±5" in out, fmt


def test_csv_leaves_stdin_paths_and_signed_numbers_alone() -> None:
    # "-" is how standard input is named, and "-1.2" is a number: neither is a formula
    claim = Claim("X beats Y", 0, 9, None, "surpasses", numbers=("-1.2", "+3%"))
    doc = CheckedDocument(
        Document("X beats Y", path="-"), (CheckedClaim(claim, Verdict("supported")),)
    )
    row = next(iter(csv.DictReader(io.StringIO(render([doc], "csv")))))
    assert row["path"] == "-"
    assert row["numbers"] == "-1.2; +3%"
    # ...while a formula that merely starts like a number is still defused
    claim = Claim("-1+cmd|' /C calc'!A0 beats Y", 0, 9, None, "surpasses")
    doc = CheckedDocument(Document("x", path="f.txt"), (CheckedClaim(claim, Verdict("supported")),))
    assert next(iter(csv.DictReader(io.StringIO(render([doc], "csv")))))["text"].startswith("'-")


# -- links, publishable ClaimReview, numeric CSV ------------------------------------------------

SCHEMA = Path(__file__).resolve().parent / "schemas" / "claimreview.schema.json"


def _linked_docs() -> list[CheckedDocument]:
    """A web article and a file whose front matter names its public URL and organisation."""
    evidence = Evidence(
        "MMLU",
        "epoch_ai",
        88.6,
        87.2,
        1.4,
        0.6,
        "2024-09-01",
        outcome="win",
        source_url="https://github.com/example/leaderboard/blob/0123abc/mmlu.csv",
    )
    bad_link = replace(evidence, source="evil", source_url="javascript:alert(1)")
    claim = Claim(
        "Nova-7 beats GPT-4o on MMLU.",
        0,
        28,
        Mention("Nova-7", "nova-7"),
        "surpasses",
        targets=(Mention("GPT-4o", "gpt-4o-2024-08-06"),),
        benchmarks=(Mention("MMLU", "mmlu"),),
    )
    verdict = Verdict("supported", (), ("Ahead beyond the noise.",), (evidence, bad_link))
    return [
        CheckedDocument(
            Document(
                claim.text,
                path="drafts/nova.md",
                title="Nova-7 is out",
                date="2024-09-02",
                url="https://nova.example/blog/nova-7",
                author="Nova Labs",
            ),
            (CheckedClaim(claim, verdict),),
        ),
        CheckedDocument(
            Document(claim.text, path="https://other.example/post?id=1&x=2", title="Repost"),
            (CheckedClaim(claim, Verdict("unverifiable", reasons=("No evaluation.",))),),
        ),
    ]


def _validate(items: object) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(items)


def test_claimreview_validates_against_the_schema_and_credits_the_claimant() -> None:
    for docs in (_docs(), _linked_docs()):
        _validate(json.loads(render(docs, "claimreview", generated_at=STAMP)))
    items = json.loads(
        render(
            _linked_docs(),
            "claimreview",
            generated_at=STAMP,
            orgs={"nova-7": "Nova Research"},
            report_url="https://checks.example/2024/nova.html",
        )
    )
    _validate(items)
    first, second = items
    assert first["url"] == "https://checks.example/2024/nova.html#doc-1-claim-1"
    assert first["itemReviewed"]["appearance"][0]["url"] == "https://nova.example/blog/nova-7"
    assert first["itemReviewed"]["author"] == {"@type": "Organization", "name": "Nova Labs"}
    # the repost names nobody: the registry's organisation of the subject model made the claim
    assert second["itemReviewed"]["author"]["name"] == "Nova Research"
    assert second["itemReviewed"]["appearance"][0]["url"] == "https://other.example/post?id=1&x=2"
    # the same words, rated differently in two places, are two distinguishable reviews
    assert first["claimReviewed"] != second["claimReviewed"]
    assert "Nova-7 is out" in first["claimReviewed"] and "Repost" in second["claimReviewed"]
    # ...and a schema violation is caught (the test can fail)
    import jsonschema

    broken = [dict(first, reviewRating={"@type": "Rating"})]
    with pytest.raises(jsonschema.ValidationError):
        _validate(broken)


def test_the_same_claim_checked_twice_is_one_review_with_its_appearances() -> None:
    doc = _linked_docs()[0]
    items = json.loads(render([doc, doc], "claimreview", generated_at=STAMP))
    assert len(items) == 1
    assert len(items[0]["itemReviewed"]["appearance"]) == 1  # the same article, once
    other = replace(doc, document=replace(doc.document, url="https://mirror.example/nova"))
    items = json.loads(render([doc, other], "claimreview", generated_at=STAMP))
    assert len(items) == 1 and len(items[0]["itemReviewed"]["appearance"]) == 2


def test_html_and_markdown_link_every_article_and_evidence_source() -> None:
    page = render(_linked_docs(), "html", generated_at=STAMP)
    parser = _Collector()
    parser.feed(page)
    hrefs = [value for name, value in parser.attrs if name == "href"]
    assert "https://nova.example/blog/nova-7" in hrefs
    assert "https://other.example/post?id=1&x=2" in hrefs  # unescaped by the parser
    assert "https://github.com/example/leaderboard/blob/0123abc/mmlu.csv" in hrefs
    assert not any(h.startswith("javascript") for h in hrefs) and "evil" in page
    ET.fromstring(page.split("\n", 1)[1])  # still well-formed
    md = render(_linked_docs(), "md", generated_at=STAMP)
    assert "## [Nova-7 is out](<https://nova.example/blog/nova-7>)" in md
    assert "[epoch\\_ai](<https://github.com/example/leaderboard/blob/0123abc/mmlu.csv>)" in md
    assert "javascript" not in md and "| evil |" in md


def test_csv_has_the_article_url_and_numeric_evidence_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(render(_linked_docs(), "csv"))))
    assert rows[0]["url"] == "https://nova.example/blog/nova-7"
    assert rows[1]["url"] == "https://other.example/post?id=1&x=2"
    first = rows[0]
    numbers = [first[k] for k in ("subject_score", "target_score", "difference", "margin")]
    assert [float(x) for x in numbers] == [88.6, 87.2, 1.4, 0.6]
    assert first["evidence_rows"] == "2" and first["evidence_benchmark"] == "MMLU"
    assert first["evidence_url"].startswith("https://github.com/example/")
    assert rows[1]["subject_score"] == "" and rows[1]["evidence_rows"] == "0"
    # a margin the source never gave is blank, not 0
    docs = _docs()
    no_margin = replace(docs[0].claims[0].verdict.evidence[0], margin=0.0, kind="self_reported")
    verdict = replace(docs[0].claims[0].verdict, evidence=(no_margin,))
    doc = replace(docs[0], claims=(replace(docs[0].claims[0], verdict=verdict),))
    assert next(iter(csv.DictReader(io.StringIO(render([doc], "csv")))))["margin"] == ""


def test_web_url_links_only_the_web() -> None:
    from claimcheck.report import web_url

    assert web_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "/tmp/a.md",
        'https://a.example/x"onmouseover=1',
        "https://a.example/\x1b[2J",
        "",
    ):
        assert web_url(bad) is None, bad


# -- streaming ------------------------------------------------------------------------------


def test_the_streamed_json_is_the_contract_document_by_document() -> None:
    from claimcheck.report import claimreview_items, document_dict, report_dict
    from claimcheck.text import dumps_json

    docs = _docs()
    for subset in (docs, docs[:1], []):
        expected = dumps_json(report_dict(subset, STAMP), indent=2) + "\n"
        assert render(subset, "json", generated_at=STAMP) == expected
        reviews = dumps_json(claimreview_items(subset, STAMP), indent=2)
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            reviews = reviews.replace(char, escape)
        assert render(subset, "claimreview", generated_at=STAMP) == reviews + "\n"
    lines = render(docs, "jsonl", generated_at=STAMP).splitlines()
    assert [json.loads(line) for line in lines] == [
        json.loads(dumps_json(document_dict(d))) for d in docs
    ]
    assert all("\x1b" not in line for line in lines)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_document_is_written_as_soon_as_it_is_given(fmt: str) -> None:
    from claimcheck.report import ReportWriter

    out = io.StringIO()
    first, second = _docs()[0], _docs()[1]
    writer = ReportWriter(fmt, out, generated_at=STAMP)
    writer.write(first)
    # HTML's head holds the totals (its body waits in a temporary file) and ClaimReview merges
    # repeated claims across documents (it keeps one review per claim): both write at the end
    if fmt not in ("html", "claimreview"):
        assert out.getvalue(), fmt
    before = out.getvalue()
    writer.write(second)
    assert out.getvalue().startswith(before)
    writer.close()
    assert out.getvalue() == render([first, second], fmt, generated_at=STAMP)
