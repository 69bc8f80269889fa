"""The claim extractor: sentences, relations, subjects, traps, offsets, and the extract command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimcheck.extract import extract_claims, extract_many, get_nlp
from claimcheck.extract.sentences import prepare_text, split_sentences
from claimcheck.models import Claim, Document
from claimcheck.registry import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def claims_of(text: str, registry, title: str = "", date: str | None = None) -> list[Claim]:
    return extract_claims(Document(text, title=title, date=date), registry=registry)


def one(text: str, registry, **kw) -> Claim:
    found = claims_of(text, registry, **kw)
    assert len(found) == 1, found
    return found[0]


# -- sentences -----------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_headings_bullets_and_table_rows_are_their_own_sentences() -> None:
    text = (
        "# Foo-2 release\n"
        "Foo-2 is here. It is fast\nand small.\n\n"
        "- First point\n- Second point\n"
        "| Model | MMLU |\n|---|---|\n| Foo-2 | 80.1 |\n"
    )
    got = sentences(text)
    assert got[0] == "Foo-2 release"
    assert "Foo-2 is here." in got
    assert "It is fast\nand small." in got
    assert "First point" in got and "Second point" in got
    assert "| Foo-2 | 80.1 |" in got


def test_versions_urls_and_abbreviations_do_not_split() -> None:
    text = "Qwen2.5 and v0.1 ship today, e.g. at https://example.com/v2.5-notes?x=1. Next one."
    assert sentences(text) == [
        "Qwen2.5 and v0.1 ship today, e.g. at https://example.com/v2.5-notes?x=1.",
        "Next one.",
    ]


def test_bold_lead_in_is_split_from_the_claim() -> None:
    text = prepare_text("- **Coding.** Foo-2-9B beats GPT-4o on HumanEval.")
    assert sentences(text)[-1] == "Foo-2-9B beats GPT-4o on HumanEval."


def test_html_is_masked_without_moving_offsets() -> None:
    html = "<p>Foo-3-8B <b>beats</b> GPT-4o on MMLU.</p><p>Next.</p>"
    masked = prepare_text(html)
    assert len(masked) == len(html)
    assert "<" not in masked


def test_spacy_sentences_follow_the_splitter(registry) -> None:
    doc = get_nlp(registry)("# Title\nFoo-3 beats GPT-4o on MMLU. It is good.")
    got = [s.text.strip() for s in doc.sents]
    assert got == ["# Title", "Foo-3 beats GPT-4o on MMLU.", "It is good."]


# -- relations and parts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Foo-3-8B outperforms GPT-4o on MMLU.", "surpasses"),
        ("Foo-3-8B is on par with GPT-4o on MMLU.", "matches"),
        ("Foo-3-8B narrows the gap with GPT-4o on MMLU.", "approaches"),
        ("Foo-3-8B is the best open model on MMLU.", "best_in_group"),
        ("Foo-3-8B is second only to GPT-4o on MMLU.", "trails"),
        ("Foo-3-8B is outperformed only by GPT-4o on MMLU.", "trails"),
        ("Foo-3-8B lags behind GPT-4o on MMLU.", "trails"),
        ("Foo-3-8B falls short of GPT-4o on MMLU.", "trails"),
    ],
)
def test_relations(registry, text: str, relation: str) -> None:
    claim = one(text, registry)
    assert claim.relation == relation
    assert claim.subject is not None and claim.subject.text == "Foo-3-8B"
    assert [b.id for b in claim.benchmarks] == ["mmlu"]


def test_parts_of_a_specific_claim(registry) -> None:
    text = "Intro line.\n\nOn MMLU (5-shot), Foo-3-8B scores 88.7%, ahead of GPT-4o at 87.2."
    claim = one(text, registry, date="2024-09-01")
    assert text[claim.start : claim.end] == claim.text
    assert claim.subject.id is None  # a new model the registry does not know
    assert text[claim.subject.start : claim.subject.end] == "Foo-3-8B"
    assert [t.text for t in claim.targets] == ["GPT-4o"]
    assert claim.targets[0].id == "gpt-4o-2024-08-06"  # the snapshot current at the date
    assert claim.scope == "specific"
    assert claim.settings == ("5-shot",)
    assert claim.numbers == ("88.7%", "87.2")
    assert claim.checkworthiness >= 0.9


def test_broad_hedged_claim(registry) -> None:
    claim = one("Foo-3-8B beats Llama 3.1 70B on most benchmarks.", registry)
    assert claim.scope == "broad" and claim.benchmarks == ()
    assert claim.quantifier == "on most benchmarks"
    assert claim.targets[0].id == "llama-3.1-70b"


def test_several_claims_in_one_sentence(registry) -> None:
    found = claims_of(
        "Foo-3-8B surpasses GPT-4o on MATH, and matches Claude 3.5 Sonnet on HumanEval.", registry
    )
    assert [(c.relation, c.targets[0].text, c.benchmarks[0].text) for c in found] == [
        ("surpasses", "GPT-4o", "MATH"),
        ("matches", "Claude 3.5 Sonnet", "HumanEval"),
    ]
    found = claims_of("Foo-3-8B is second only to GPT-4o, ahead of Gemma 2 9B and Phi-4.", registry)
    assert [c.relation for c in found] == ["trails", "surpasses"]
    assert [t.text for t in found[1].targets] == ["Gemma 2 9B", "Phi-4"]
    assert {c.subject.text for c in found} == {"Foo-3-8B"}


def test_pronoun_target_points_back(registry) -> None:
    found = claims_of("Foo-3-8B trails GPT-4o on MMLU but beats it on GSM8K.", registry)
    assert [c.relation for c in found] == ["trails", "surpasses"]
    assert found[1].targets[0].text == "GPT-4o"
    assert [b.text for b in found[1].benchmarks] == ["GSM8K"]


def test_negation(registry) -> None:
    claim = one("Foo-3-8B does not yet match GPT-4o on MMLU.", registry)
    assert (claim.relation, claim.negated) == ("matches", True)
    claim = one("Foo-3-8B is not as strong as GPT-4o on MMLU.", registry)
    assert (claim.relation, claim.negated) == ("trails", False)


def test_target_group(registry) -> None:
    claim = one("Foo-3-8B outperforms all open-source models on Arena-Hard.", registry)
    assert claim.relation == "best_in_group"
    assert claim.target_group == "all open-source models"
    claim = one("Foo-3-8B beats closed-source models such as GPT-4o on MMLU.", registry)
    assert claim.relation == "surpasses"
    assert claim.target_group == "closed-source models"
    assert [t.text for t in claim.targets] == ["GPT-4o"]


# -- implicit subjects ---------------------------------------------------------------------


def test_implicit_subject_from_title(registry) -> None:
    claim = one("Our model beats GPT-4o on MMLU.", registry, title="Introducing Foo-3-8B")
    assert claim.subject.text == "Foo-3-8B"


def test_implicit_subject_from_previous_claim(registry) -> None:
    text = "Foo-3-8B beats GPT-4o on MMLU. It also rivals Claude 3.5 Sonnet on MATH."
    found = claims_of(text, registry, title="Bar-1")
    assert [c.subject.text for c in found] == ["Foo-3-8B", "Foo-3-8B"]
    assert found[1].subject.start == text.index("Foo-3-8B")


def test_sized_version_resolves_in_the_family(registry) -> None:
    claim = one("The 72B version beats GPT-4o on MMLU.", registry, title="Qwen2.5 is here")
    assert claim.subject.text == "Qwen2.5-72B"
    assert claim.subject.id == "qwen2.5-72b"


def test_pronoun_resolves_to_the_model_named_in_the_previous_sentence(registry) -> None:
    text = "Today we release Llama 3.1 70B. It outperforms GPT-4o mini on MMLU-Pro and HumanEval."
    claim = one(text, registry)
    assert claim.subject.text == "Llama 3.1 70B"
    assert claim.subject.id == "llama-3.1-70b"
    assert claim.subject.start == text.index("Llama 3.1 70B")
    assert [b.id for b in claim.benchmarks] == ["mmlu-pro", "humaneval"]


def test_implicit_subject_prefers_the_latest_named_model_over_the_title(registry) -> None:
    text = "Meet Bar-2-9B, our smallest model. The new model beats Gemma 2 9B on MMLU."
    claim = one(text, registry, title="Introducing the Foo-3 family")
    assert claim.subject.text == "Bar-2-9B"
    # a model named as the object of a comparison or of a preposition is not the antecedent
    text = "We compare against Claude 3 Opus. Our model beats GPT-4o on MATH."
    claim = one(text, registry, title="Introducing Foo-3-8B")
    assert claim.subject.text == "Foo-3-8B"


def test_our_model_is_not_a_competitor_named_in_passing(registry) -> None:
    text = "Last year GPT-4o set the bar for chat. Our model now beats GPT-4 Turbo on MMLU."
    claim = one(text, registry, title="Introducing Foo-3-8B")
    assert claim.subject.text == "Foo-3-8B"
    text = "Mixtral 8x7B showed that sparse models work. The new model beats Llama 2 70B on MMLU."
    claim = one(text, registry, title="Mistral Large", date="2024-02-26")
    assert claim.subject.text == "Mistral Large"
    # "it" may point at any model just named; "our model" at one of the release's line
    text = "Today we ship Llama 3.1 70B. Our model outperforms GPT-4o mini on MMLU."
    claim = one(text, registry, title="Introducing Llama 3.1")
    assert claim.subject.id == "llama-3.1-70b"


def test_sized_version_takes_its_family_from_the_previous_sentence(registry) -> None:
    text = (
        "Today we release Qwen2.5 in sizes from 0.5B to 72B. The 72B version beats GPT-4o on MMLU."
    )
    claim = one(text, registry)
    assert (claim.subject.text, claim.subject.id) == ("Qwen2.5-72B", "qwen2.5-72b")


def test_implicit_subject_falls_back_to_the_release_name(registry) -> None:
    document = Document("It beats GPT-4o on MMLU.", path="posts/foo-3-8b.md")
    [claim] = extract_claims(document, registry=registry)
    assert claim.subject.text.casefold() == "foo-3-8b"


def test_identical_claims_in_one_sentence_are_reported_once(registry) -> None:
    for text in (
        "Foo-3-8B outperforms GPT-4o on MMLU, surpassing it by 3 points.",
        "Foo-3-8B is better than GPT-4o on MMLU, beating it by a wide margin.",
    ):
        assert len(claims_of(text, registry)) == 1, text
    # different targets or benchmarks in one sentence stay separate claims
    found = claims_of(
        "Foo-3-8B beats GPT-4o on MMLU, and it outperforms GPT-4o on MMLU-Pro.", registry
    )
    assert [c.benchmarks[0].text for c in found] == ["MMLU", "MMLU-Pro"]


@pytest.mark.parametrize("qualifier", ["(new)", "(upgraded)", "(latest)"])
def test_release_qualifier_is_not_part_of_the_name(registry, qualifier: str) -> None:
    text = f"Claude 3.5 Sonnet {qualifier} outperforms GPT-4o on SWE-bench Verified."
    claim = one(text, registry, date="2024-10-22")
    assert claim.subject.text == "Claude 3.5 Sonnet"
    assert text[claim.subject.start : claim.subject.end] == "Claude 3.5 Sonnet"
    assert claim.subject.id == "claude-3-5-sonnet-20241022"
    text = f"Foo-3-8B beats Claude 3.5 Sonnet {qualifier} on MMLU."
    claim = one(text, registry, date="2024-07-01")
    assert [(t.text, t.id) for t in claim.targets] == [
        ("Claude 3.5 Sonnet", "claude-3-5-sonnet-20240620")
    ]


def test_best_in_group_after_a_verb_of_regard(registry) -> None:
    text = "Foo-3-8B beats GPT-4o on MMLU. We see it as the best open model for coding today."
    found = claims_of(text, registry)
    assert [c.relation for c in found] == ["surpasses", "best_in_group"]
    assert found[1].subject.text == "Foo-3-8B"
    assert found[1].target_group == "open model"
    # "as" after a comparison still introduces the target, not a group claim
    claim = one("Foo-3-8B is as good as the best open models on MMLU.", registry)
    assert claim.relation == "matches"


def test_most_capable_with_three_words_before_model(registry) -> None:
    claim = one("Foo-3-8B is the most capable openly available foundation model.", registry)
    assert claim.relation == "best_in_group"


def test_second_clause_claim_survives_a_cost_word_in_the_first(registry) -> None:
    text = (
        "Foo-3-8B sets a new point on the performance/cost front of open models, "
        "and it rivals Llama 3.1 405B on MMLU at a third of the size."
    )
    claim = one(text, registry)
    assert claim.relation == "matches"
    assert claim.subject.text == "Foo-3-8B"
    assert [t.id for t in claim.targets] == ["llama-3.1-405b"]


def test_each_claim_takes_the_hedge_of_its_own_clause(registry) -> None:
    found = claims_of(
        "Overall, Foo-3-8B is competitive with GPT-4o on most benchmarks, "
        "and it beats Mistral Large 2 on Arena-Hard.",
        registry,
    )
    assert [c.quantifier for c in found] == ["on most benchmarks", None]
    claim = one("Across a broad set of benchmarks, Foo-3-8B is competitive with GPT-4o.", registry)
    assert claim.quantifier == "Across a broad set of benchmarks"


# -- traps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We use GPT-4o as the judge for MT-Bench.",
        "MMLU covers 57 subjects across STEM and the humanities.",
        "Foo-3-8B scores 71.2 on MMLU and 58.3 on GSM8K.",
        "Foo-3-8B is a powerful model for everyday tasks.",
        "Our inference engine is 3x faster than vLLM.",
        "Our training dataset is larger than the one used for Llama 3.",
        "Foo-3-8B is 50% cheaper than GPT-4o mini.",
        "Foo-3-8B supports a longer context than Llama 3 70B.",
        "Foo-3-8B has fewer parameters than Qwen2.5-7B.",
        "The new serving stack outperforms TensorRT-LLM in throughput.",
        "For best results, use the chat template.",
        "This is the best time to build with open models.",
        "Larger models generally outperform smaller ones.",
    ],
)
def test_traps_are_not_claims(registry, text: str) -> None:
    assert claims_of(text, registry, title="Foo-3-8B") == []


@pytest.mark.parametrize(
    "text",
    [
        "We compare Foo-3-8B with GPT-4o and the strongest open models of similar size.",
        "Baselines include Qwen2.5-7B-Instruct and several state-of-the-art proprietary models.",
        "Our aim is to match the best closed models by next spring.",
        "The next release will outperform GPT-4o on coding.",
        "Foo-3-8B beats Llama 3 70B in terms of token throughput.",
        "Foo-3-8B performs on par with human experts on the bar exam.",
        "With 4-bit weights, Foo-3-8B matches the full-precision checkpoint.",
        "Bold marks the best score in each column.",
        "We recommend vLLM for the best performance when serving Foo-3-8B.",
        "Reasoning models often beat chat models on math.",
        "We propose SPARQ, a new algorithm that outperforms PPO on our RL suite.",
        "The song was a top ten hit in six countries.",
    ],
)
def test_real_text_traps_stay_traps(registry, text: str) -> None:
    assert claims_of(text, registry, title="Foo-3-8B") == []


# -- slots that real text leaves open ------------------------------------------------------


def test_a_subject_the_document_never_names_is_kept_as_written(registry) -> None:
    claim = one("Our model beats GPT-4o on GPQA.", registry)
    assert (claim.subject.text, claim.subject.id) == ("Our model", None)
    assert [t.text for t in claim.targets] == ["GPT-4o"]


def test_a_claim_with_no_subject_at_all_takes_the_heading_or_title(registry) -> None:
    text = "# Release notes\n\n## Foo-3-8B\n\n- Beats Gemma 2 9B on MMLU-Pro and IFEval\n"
    claim = one(text, registry)
    assert claim.subject.text == "Foo-3-8B"
    assert [b.text for b in claim.benchmarks] == ["MMLU-Pro", "IFEval"]
    claim = one("Coding: ahead of Qwen2.5-7B-Instruct on HumanEval.", registry, title="Foo-3-8B")
    assert claim.subject.text == "Foo-3-8B"
    assert claim.relation == "surpasses"


def test_an_unknown_name_in_the_subject_position_is_the_subject(registry) -> None:
    claim = one("Across standard benchmarks, Nimbus sets a new state of the art.", registry)
    assert claim.subject.text == "Nimbus" and claim.relation == "best_in_group"
    claim = one("The lab says Nimbus matches GPT-4o in math.", registry)
    assert claim.subject.text == "Nimbus"
    assert [t.text for t in claim.targets] == ["GPT-4o"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Foo-3-8B clearly outperforms its predecessor on reasoning.", "its predecessor"),
        ("Foo-3-8B outperforms the 70B model on four of six tasks.", "the 70B model"),
        ("Foo-3-8B keeps pace with models twice its size.", "models twice its size"),
        ("Compared with the previous generation, Foo-3-8B improves math by 9 points.",
         "the previous generation"),
        ("Foo-3-8B surpasses the state of the art in tool use.", "the state of the art"),
    ],
)  # fmt: skip
def test_comparators_that_are_not_named_models(registry, text: str, group: str) -> None:
    claim = one(text, registry)
    assert claim.targets == () and claim.target_group == group


@pytest.mark.parametrize(
    ("text", "relation", "targets"),
    [
        ("Foo-3-8B sits at #4 on the Chatbot Arena leaderboard.", "trails", []),
        ("Foo-3-8B ranks second on BFCL, just behind GPT-4o.", "trails", ["GPT-4o"]),
        ("Foo-3-8B took the top spot on the Open LLM Leaderboard.", "best_in_group", []),
        ("Foo-3-8B reaches 95% of GPT-4o's score on MT-Bench.", "approaches", ["GPT-4o"]),
        ("Compared with GPT-4o mini, Foo-3-8B leads by 3.1 points on MATH.", "surpasses",
         ["GPT-4o mini"]),
        ("Foo-3-8B shows similar or better performance than Gemma 2 9B.", "matches",
         ["Gemma 2 9B"]),
        ("Foo-3-8B delivers GPT-4o-class performance on charts.", "matches", ["GPT-4o"]),
        ("The gap between Foo-3-8B and GPT-4o on GPQA is now small.", "approaches", ["GPT-4o"]),
        ("Foo-3-8B holds a 6-point advantage over Mistral-7B-Instruct.", "surpasses",
         ["Mistral-7B-Instruct"]),
        ("Raters prefer Foo-3-8B over GPT-3.5 Turbo in most chats.", "surpasses",
         ["GPT-3.5 Turbo"]),
    ],
)  # fmt: skip
def test_forms_real_text_uses(registry, text: str, relation: str, targets: list[str]) -> None:
    claim = one(text, registry)
    assert claim.relation == relation
    assert [t.text for t in claim.targets] == targets
    assert claim.subject.text == "Foo-3-8B"


def test_several_subjects_make_several_claims(registry) -> None:
    found = claims_of("Foo-3-8B and Foo-3-70B both outperform Llama 3 70B on GSM8K.", registry)
    assert [c.subject.text for c in found] == ["Foo-3-8B", "Foo-3-70B"]
    assert all([t.text for t in c.targets] == ["Llama 3 70B"] for c in found)


def test_not_only_is_not_a_negation(registry) -> None:
    claim = claims_of("Foo-3-8B not only beats GPT-4o mini but also rivals GPT-4o.", registry)[0]
    assert claim.relation == "surpasses" and not claim.negated


def test_short_names_once_the_document_named_the_model(registry) -> None:
    found = claims_of(
        "Today we release DeepSeek-R1. The company reports that R1 surpasses o1 on AIME.",
        registry,
    )
    assert found[0].subject.text == "R1" and found[0].subject.id == "deepseek-r1"


def test_listed_names_and_benchmarks_the_registry_does_not_know(registry) -> None:
    claim = one(
        "Foo-3-8B beats GPT-4o, Acme's Zephyrine and Initech's Borealis on vision datasets "
        "such as ChartQ2 and DocBench-X.",
        registry,
    )
    assert [t.text for t in claim.targets] == ["GPT-4o", "Zephyrine", "Borealis"]
    assert [b.text for b in claim.benchmarks] == ["ChartQ2", "DocBench-X"]


def test_front_matter_and_code_blocks_are_not_prose(registry) -> None:
    text = (
        "---\ntitle: Foo-3-8B beats GPT-4o\ndate: 2025-01-02\n---\n\n"
        "```bibtex\n@misc{foo, title={Foo-3-8B: Surpassing GPT-4o}}\n```\n\n"
        "Foo-3-8B rivals Claude 3.5 Sonnet on MMLU.\n"
    )
    found = claims_of(text, registry)
    assert [c.relation for c in found] == ["matches"]


def test_every_cue_anchor_reaches_the_rules() -> None:
    """A cue whose words the sentence filter does not know would never be tried."""
    from claimcheck.extract import lexicon as lx

    # these only occur next to another trigger: "more accurate than", "top position"
    companions = {"more", "less", "fewer", "position"}
    missing = [
        a
        for a in lx.CUES_BY_ANCHOR
        if a not in companions
        and not any(w in a or a in w for w in lx.TRIGGER_WORDS)
        and not lx.PREFILTER_TEXT.search(a)
    ]
    assert missing == []


# -- many documents ------------------------------------------------------------------------


def test_extract_many_keeps_order_and_caches_the_pipeline(registry) -> None:
    docs = [
        Document("Foo-3-8B beats GPT-4o on MMLU."),
        Document(""),
        Document("Nothing to see here."),
        Document("Bar-2-70B trails Claude 3 Opus on GPQA."),
    ]
    got = list(extract_many(docs, registry=registry, batch_size=2))
    assert [len(c) for c in got] == [1, 0, 0, 1]
    assert got[3][0].subject.text == "Bar-2-70B"
    assert get_nlp(registry) is get_nlp(registry)


def test_html_document_offsets_point_into_the_html(registry) -> None:
    html = "<html><body><p>Foo-3-8B <b>beats</b> GPT-4o on <i>MMLU</i>.</p></body></html>"
    claim = one(html, registry)
    assert claim.text == "Foo-3-8B beats GPT-4o on MMLU ."
    assert html[claim.subject.start : claim.subject.end] == "Foo-3-8B"
    assert html[claim.benchmarks[0].start : claim.benchmarks[0].end] == "MMLU"


# -- the command ---------------------------------------------------------------------------


def test_extract_command_json_and_errors(tmp_path) -> None:
    from claimcheck.cli import main

    good = tmp_path / "post.md"
    good.write_text("# Foo-3-8B\n\nFoo-3-8B beats GPT-4o on MMLU.\n", encoding="utf-8")
    binary = tmp_path / "blob.md"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(
        main, ["extract", str(good), str(tmp_path / "missing.md"), str(binary), "--format", "json"]
    )
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    [doc] = payload["documents"]
    assert doc["title"] == "Foo-3-8B"
    [claim] = doc["claims"]
    assert claim["relation"] == "surpasses"
    assert claim["targets"][0]["text"] == "GPT-4o"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "missing.md" in errors[0] and "blob.md" in errors[1]


def test_extract_command_reads_stdin_as_a_table() -> None:
    from claimcheck.cli import main

    result = CliRunner().invoke(
        main, ["extract", "-"], input="Foo-3-8B rivals Claude 3.5 Sonnet on GPQA.\n"
    )
    assert result.exit_code == 0, result.output
    assert "matches" in result.stdout and "Claude 3.5 Sonnet" in result.stdout


# -- reading documents ---------------------------------------------------------------------


def test_load_document_title_and_date(tmp_path) -> None:
    from claimcheck.documents import load_document

    md = tmp_path / "a.md"
    md.write_text('---\ntitle: "Foo-3 notes"\ndate: 2024-09-19\n---\n# Other\nText.\n')
    doc = load_document(str(md))
    assert (doc.title, doc.date) == ("Foo-3 notes", "2024-09-19")
    txt = tmp_path / "b.txt"
    txt.write_text("# Foo-3 is here\nPublished: 14 February 2025\n\nFoo-3 beats GPT-4o.\n")
    doc = load_document(str(txt))
    assert (doc.title, doc.date) == ("Foo-3 is here", "2025-02-14")
    assert len(doc.sha256) == 64


def test_load_document_html_keeps_tables(tmp_path) -> None:
    from claimcheck.documents import load_document

    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Foo-3 &amp; friends</title>"
        '<meta name="date" content="2024-10-01"></head><body><article>'
        "<p>Foo-3-8B beats GPT-4o on MMLU, and this paragraph is long enough to be kept.</p>"
        "<table><tr><th>Benchmark</th><th>Foo-3-8B</th></tr>"
        "<tr><td>MMLU</td><td>80.1</td></tr></table></article></body></html>"
    )
    doc = load_document(str(page))
    assert doc.title == "Foo-3 & friends" and doc.date == "2024-10-01"
    assert "<" not in doc.text and "| MMLU | 80.1 |" in doc.text


def test_load_document_errors_name_the_file(tmp_path) -> None:
    from claimcheck.documents import DocumentError, load_document

    pdf = tmp_path / "paper.md"
    pdf.write_bytes(b"%PDF-1.4 looks like text")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Caf\xe9 Foo-3 d\xe9passe GPT-4o en fran\xe7ais, tr\xe8s bien.".encode("latin-1")
    )
    for path, words in (
        (pdf, "PDF"),
        (tmp_path / "nope.md", "no such file"),
        (tmp_path, "directory"),
    ):
        with pytest.raises(DocumentError) as err:
            load_document(str(path))
        assert str(path) in str(err.value) and words in str(err.value)
        assert "\n" not in str(err.value)
    assert "Café" in load_document(str(latin)).text
