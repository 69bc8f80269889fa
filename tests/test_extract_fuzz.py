"""Any text is safe: the extractor never raises and every span lies inside the document."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimcheck.extract import extract_claims, extract_many, parse_vendor_tables
from claimcheck.models import Claim, Document
from claimcheck.registry import load_registry

REGISTRY = load_registry()

# words that make the costly rules run: cues, model and benchmark names, markup
_VOCAB = [
    "Foo-3-8B",
    "GPT-4o",
    "Claude 3.5 Sonnet",
    "Gemma 2 9B",
    "MMLU",
    "GSM8K",
    "outperforms",
    "beats",
    "on par with",
    "second only to",
    "best open model",
    "it",
    "our model",
    "not",
    "yet",
    "match",
    "|",
    "---",
    "#",
    "-",
    "**",
    "<p>",
    "</p>",
    "<table>",
    "88.7%",
    "(5-shot)",
    "\n",
    "\n\n",
    ".",
    ",",
    " ",
    "the 72B version",
    "state of the art",
    "ahead of",
]


def _check(text: str, claims: list[Claim]) -> None:
    n = len(text)
    for c in claims:
        assert 0 <= c.start < c.end <= n
        assert 0.0 <= c.checkworthiness <= 1.0
        for m in (c.subject, *c.targets, *c.benchmarks):
            if m is not None and m.start >= 0:
                assert 0 <= m.start < m.end <= n
                assert text[m.start : m.end] == m.text or "<" in text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    doc = Document(text, title=text[:40])
    _check(text, extract_claims(doc, registry=REGISTRY))
    parse_vendor_tables(doc, registry=REGISTRY)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_VOCAB), max_size=60).map(" ".join), st.text(max_size=30))
# found by Hypothesis: masked emphasis between two names made one "name" of both, whose text
# (from the masked sentence) was not the document's
@example("Foo-3-8B outperforms Foo-3-8B ** Foo-3-8B", "")
def test_claim_like_soup(soup: str, title: str) -> None:
    doc = Document(soup, title=title, date="2024-10-01")
    _check(soup, extract_claims(doc, registry=REGISTRY))
    parse_vendor_tables(doc, registry=REGISTRY)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1b[31m\x7f",
        "Foo-3-8B\u202e beats\u200b GPT-4o on MMLU.",
        "模型 Foo-3-8B 在 MMLU 上超越 GPT-4o. Foo-3-8B beats GPT-4o on MMLU 🚀🔥.",
        "مرحبا Foo-3-8B beats Gemma 2 9B on GSM8K. Привет!",
        "\ud7ff\ue000\uffff" * 50,
        "|" * 5000,
        "<" * 3000 + ">" * 3000,
        "Foo-3-8B beats " + "GPT-4o, " * 2000 + "on MMLU.",
    ],
)
def test_hostile_inputs(text: str) -> None:
    doc = Document(text)
    _check(text, extract_claims(doc, registry=REGISTRY))
    parse_vendor_tables(doc, registry=REGISTRY)


def test_binary_noise() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(50_000))
    text = data.decode("latin-1")
    _check(text, extract_claims(Document(text), registry=REGISTRY))


def test_five_megabyte_single_line() -> None:
    filler = "lorem ipsum dolor sit amet, consectetur <<<>>> ||| adipiscing elit " * 150
    unit = filler + "Foo-3-8B beats GPT-4o on MMLU. "
    text = unit * (5_000_000 // len(unit) + 1)
    assert len(text) > 5_000_000 and "\n" not in text
    [claims] = list(extract_many([Document(text)], registry=REGISTRY))
    _check(text, claims)
    assert claims  # a long line is read in pieces, not skipped


def test_a_megabyte_of_punctuation() -> None:
    text = "<" * 1_000_000 + " Foo-3-8B beats GPT-4o on MMLU."
    _check(text, extract_claims(Document(text), registry=REGISTRY))
