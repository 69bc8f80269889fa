"""The extractor's fast paths give the answers of the plain patterns they stand in for.

Each shortcut (a trie instead of an alternation, a character-class probe instead of an
alternation, a cheap test before a costly search) must change nothing but the time taken, so
each is checked against the straightforward version on generated text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extract import lexicon as lx
from claimcheck.extract import sentences
from claimcheck.extract.finder import _may_name_a_model
from claimcheck.extract.found import Context, Found
from claimcheck.extract.lexicon.cues import longest_first


def alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def runs(alphabet: str, longest: int) -> st.SearchStrategy[str]:
    """Text made of runs of one character, so long runs (and their edges) are common."""
    run = st.tuples(st.sampled_from(alphabet), st.integers(1, longest))
    return st.lists(run, max_size=12).map(lambda parts: "".join(c * n for c, n in parts))


words = st.lists(st.text("abc -#", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)


@settings(max_examples=300, deadline=None)
@given(words, st.text("abc -#x", max_size=40))
def test_the_anchor_trie_finds_what_the_longest_first_alternation_finds(
    vocabulary: list[str], text: str
) -> None:
    trie = re.compile(longest_first(vocabulary))
    found = [m.group(0) for m in trie.finditer(text)]
    assert found == [m.group(0) for m in alternation(vocabulary).finditer(text)]


def test_the_cue_anchor_scan_is_the_trie_of_every_anchor() -> None:
    sentence = "it outperforms and out-performs rivals, second only to X, on par with top-1"
    expected = [m.group(0) for m in alternation(list(lx.CUES_BY_ANCHOR)).finditer(sentence)]
    assert [m.group(0) for m in lx.CUE_ANCHORS.finditer(sentence)] == expected
    assert "outperform" not in expected and "out" in expected  # the longest anchor wins


def test_every_cue_pattern_compiles_and_is_kept() -> None:
    # compiled lazily: a broken pattern would otherwise only fail in the document using it
    compiled = [lx.cue_pattern(i) for i in range(len(lx.CUE_PATTERNS))]
    assert all(p.flags & re.IGNORECASE for p in compiled)
    again = [lx.cue_pattern(i) for i in range(len(compiled))]
    assert all(a is b for a, b in zip(compiled, again, strict=True))  # compiled once


def old_cut_punct(match: re.Match[str]) -> str:
    run = match.group(0)
    return run[: sentences._PUNCT_RUN] + " " * (len(run) - sentences._PUNCT_RUN)


@settings(max_examples=300, deadline=None)
@given(runs("a_!|- \n.", 24))
def test_punctuation_runs_are_cut_as_the_plain_pattern_cuts_them(text: str) -> None:
    assert sentences._cut_punct_runs(text) == sentences._LONG_PUNCT.sub(old_cut_punct, text)


@settings(max_examples=200, deadline=None)
@given(runs("ab- \n", 260))
def test_the_long_run_probe_finds_every_long_run(text: str) -> None:
    probe = bool(sentences._LONG_RUN.match(text) or sentences._RUN_AFTER_SPACE.search(text))
    assert probe == bool(sentences._LONG_RUN.search(text))


def test_prepare_text_keeps_table_rules_and_length() -> None:
    text = "| a | b |\n|" + "-" * 30 + "|\nx_" + "_" * 40 + "y " + "z" * 450
    prepared = sentences.prepare_text(text)
    assert len(prepared) == len(text)
    assert prepared.split("\n")[1] == "|" + "-" * 15 + " " * 15 + " "
    assert " " in prepared[-450:]  # the 450-character word is cut into pieces


def test_a_sentence_without_any_name_source_names_no_model() -> None:
    title = Found(-1, -1, "MODEL", "Brindle")
    ctx = Context(title_model=title, short_names={"R1": Found(0, 11, "MODEL", "DeepSeek-R1")})
    named = [
        ("It beats Llama 3 on most tasks.", []),  # a family word
        ("It beats Foo-7B on most tasks.", []),  # a hyphen-joined shape
        ("R1 is strong.", []),  # a short name (a digit)
        ("Brindle is strong.", []),  # the title's name
        ("It beats gpt4o.", [(9, 14, "MODEL", "gpt4o", "openai/gpt-4o")]),  # the ruler
    ]
    for sentence, ents in named:
        assert _may_name_a_model(sentence, ents, ctx), sentence
    bench_only = [(10, 14, "BENCH", "MMLU", "mmlu")]
    assert not _may_name_a_model("It leads on MMLU by far.", bench_only, ctx)
    assert not _may_name_a_model("The results are strong.", [], Context())
