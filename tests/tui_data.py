"""A small, fixed store for the app's tests and snapshots.

Hand-built claims and verdicts (written for these tests, not taken from any announcement) so
the screens can be tested without the extractor or the judge, and snapshots never change
when those improve. One article is hostile: Rich markup, OSC links and escape sequences.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.models import (
    CheckedClaim,
    CheckedDocument,
    Claim,
    Document,
    Evaluation,
    Evidence,
    Mention,
    Verdict,
)
from claimcheck.store import Snapshot, Store

HOSTILE_TEXT = (
    "Zephyr-9 [bold red]beats everyone[/bold red] on MMLU.\n\n"
    "Read more at [link=https://evil.example]our site[/link] \x1b[2J\x1b[31mnow\x1b[0m "
    "and \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 here.\n\n"
    "Zephyr-9 surpasses GPT-4o on GSM8K [b]by a mile[/b]."
)


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def _claim(text: str, sentence: str, subject: Mention, relation: str, **kw: object) -> Claim:
    start, end = _span(text, sentence)
    return Claim(text=sentence, start=start, end=end, subject=subject, relation=relation, **kw)  # type: ignore[arg-type]


def _ev(bench: str, source: str, s: float, t: float, margin: float, outcome: str) -> Evidence:
    return Evidence(
        benchmark=bench,
        source=source,
        subject_score=s,
        target_score=t,
        difference=round(s - t, 2),
        margin=margin,
        as_of="2024-09-01",
        setting="0-shot",
        margin_method="binomial SE",
        subject_model="llama-3.1-405b",
        target_model="gpt-4o",
        outcome=outcome,
    )


def build_store(path: Path) -> dict[str, str]:
    """Fill a store at `path` with three checked articles; returns {name: article id}."""
    store = Store(path)
    ids: dict[str, str] = {}

    llama_text = (
        "Introducing Llama 3.1 405B\n\n"
        "Our largest open model is here. Llama 3.1 405B outperforms GPT-4o on MMLU and "
        "HumanEval, and it is on par with Claude 3.5 Sonnet across most benchmarks.\n\n"
        "It is the best open-weights model available today. We release the weights under "
        "a community licence.\n\n"
        "Llama 3.1 405B trails only GPT-4o on the Arena leaderboard."
    )
    llama = Document(
        text=llama_text,
        path="samples/llama.md",
        title="Introducing Llama 3.1 405B",
        date="2024-07-23",
        source="meta-blog",
    )
    subj = Mention("Llama 3.1 405B", "llama-3.1-405b")
    c1 = _claim(
        llama_text,
        "Llama 3.1 405B outperforms GPT-4o on MMLU and HumanEval, and it is on par with "
        "Claude 3.5 Sonnet across most benchmarks.",
        subj,
        "surpasses",
        targets=(Mention("GPT-4o", "gpt-4o-2024-05-13"),),
        benchmarks=(Mention("MMLU", "mmlu"), Mention("HumanEval", "humaneval")),
        checkworthiness=0.9,
    )
    v1 = Verdict(
        verdict="overstated",
        flags=("noise", "cherry_picked"),
        reasons=(
            "On HumanEval the 1.2-point lead is inside the ±3.4 noise margin of 164 problems.",
            "It wins 1 of 2 named benchmarks beyond the noise.",
        ),
        evidence=(
            _ev("MMLU", "open-llm-leaderboard", 88.6, 87.2, 0.6, "win"),
            _ev("HumanEval", "evalplus", 89.0, 87.8, 3.4, "tie"),
        ),
        tally="wins 1 of 2",
    )
    c2 = _claim(
        llama_text,
        "It is the best open-weights model available today.",
        subj,
        "best_in_group",
        target_group="open-weights models",
        scope="broad",
        checkworthiness=0.7,
    )
    v2 = Verdict(
        verdict="supported",
        reasons=("It leads every other open-weights model on 5 of 6 shared benchmarks.",),
        evidence=(_ev("GPQA", "livebench", 51.1, 46.0, 2.0, "win"),),
        tally="wins 5 of 6",
    )
    c3 = _claim(
        llama_text,
        "Llama 3.1 405B trails only GPT-4o on the Arena leaderboard.",
        subj,
        "trails",
        targets=(Mention("GPT-4o", "gpt-4o-2024-05-13"),),
        benchmarks=(Mention("Arena", "lmarena"),),
        checkworthiness=0.6,
    )
    v3 = Verdict(
        verdict="contradicted",
        flags=("stale_target",),
        reasons=("Three other models rank above it on the Arena snapshot of that week.",),
        evidence=(_ev("Arena Elo", "lmarena", 1266, 1287, 6, "loss"),),
    )
    ids["llama"] = store.save_checked(llama, [(c1, v1), (c2, v2), (c3, v3)])

    mini_text = (
        # front matter the article view hides; the claim offsets below count it
        "---\ntitle: GPT-4o mini\ndate: 2024-07-18\n---\n\n"
        "GPT-4o mini: small and cheap\n\n"
        "GPT-4o mini scores 82% on MMLU and surpasses Gemini Flash on reasoning tasks.\n\n"
        "It costs a fraction of earlier models."
    )
    mini = Document(
        text=mini_text,
        path="samples/mini.html",
        title="GPT-4o mini: small and cheap",
        date="2024-07-18",
        source="openai-news",
    )
    c4 = _claim(
        mini_text,
        "GPT-4o mini scores 82% on MMLU and surpasses Gemini Flash on reasoning tasks.",
        Mention("GPT-4o mini", "gpt-4o-mini-2024-07-18"),
        "surpasses",
        targets=(Mention("Gemini Flash", None),),
        scope="broad",
        quantifier="on reasoning tasks",
        numbers=("82%",),
        checkworthiness=0.8,
    )
    v4 = Verdict(
        verdict="unverifiable",
        flags=("self_reported_only",),
        reasons=("No independent evaluation names a model matching “Gemini Flash”.",),
    )
    ids["mini"] = store.save_checked(mini, [(c4, v4)])

    hostile = Document(
        text=HOSTILE_TEXT,
        path="samples/hostile.md",
        title="[bold red]Zephyr-9[/bold red] \x1b[2J release",
        date="2024-06-01",
        source="[link=https://evil.example]feed[/link]",
    )
    c5 = _claim(
        HOSTILE_TEXT,
        "Zephyr-9 [bold red]beats everyone[/bold red] on MMLU.",
        Mention("Zephyr-9 [bold]", None),
        "best_in_group",
        target_group="[italic]everyone[/italic]",
        scope="broad",
        checkworthiness=0.5,
    )
    v5 = Verdict(
        verdict="unverifiable",
        reasons=("No independent evaluation covers “Zephyr-9 [bold]” \x1b[2J.",),
    )
    ids["hostile"] = store.save_checked(hostile, [(c5, v5)])

    def row(bench: str, bench_id: str | None, metric: str, score: float, **kw: Any) -> Evaluation:
        return Evaluation(
            "Llama 3.1 405B",
            bench,
            metric,
            score,
            kw.pop("source", "meta-blog"),
            kw.pop("as_of", "2024-07-23"),
            model_id="llama-3.1-405b",
            benchmark_id=bench_id,
            **kw,
        )

    vendor = {"kind": "self_reported", "reported_by": "Meta"}
    board = {"source": "open-llm-leaderboard", "as_of": "2024-09-01"}
    rows = [
        row("MMLU", "mmlu", "acc", 88.6, **board),
        row("HumanEval", "humaneval", "pass@1", 89.0, source="evalplus", as_of="2024-09-01"),
        row("MMLU", "mmlu", "acc", 89.9, **vendor),
        # a code-editing leaderboard's headline and a side metric that is not a score
        row("Aider Polyglot", "aider-polyglot", "percent correct", 58.2, source="aider"),
        row(
            "Aider Polyglot", "aider-polyglot", "percent correct edit format", 92.5, source="aider"
        ),
        row("Aider Polyglot", "aider-polyglot", "Acc.", 61.0, **vendor),
        # a vendor-table label the registry could not resolve
        row("Nexus (0-shot)", None, "score", 58.7, **vendor, setting="0-shot"),
    ]
    # evaluations name the store's registry rows (foreign keys): register the ids they use
    store.replace_registries(
        [{"id": i} for i in sorted({r.model_id for r in rows if r.model_id})],
        [],
        [{"id": i} for i in sorted({r.benchmark_id for r in rows if r.benchmark_id})],
        [],
    )
    store.import_evaluations(rows, Snapshot(sha256="tui-test", source="tests", file_name="x"))
    store.close()
    return ids


@dataclass(frozen=True)
class Bench:
    """The registry fields the model view reads (fixed here so registry growth changes nothing)."""

    id: str
    name: str
    primary_metrics: tuple[str, ...] = ()


BENCHMARKS = {
    "mmlu": Bench("mmlu", "MMLU", ("acc",)),
    "humaneval": Bench("humaneval", "HumanEval", ("pass@1",)),
    "aider-polyglot": Bench("aider-polyglot", "Aider Polyglot", ("percent correct", "Acc.")),
}


class StandInChecker:
    """Finds every sentence with "beats" in it and calls it overstated: enough for the UI."""

    def __init__(self, store: Store) -> None:
        self.calls = 0

    def check_document(self, doc: Document) -> CheckedDocument:
        self.calls += 1
        claims = []
        for m in re.finditer(r"[^.\n]*\bbeats\b[^.\n]*\.", doc.text):
            claim = Claim(
                text=m.group().strip(),
                start=m.start(),
                end=m.end(),
                subject=Mention("Llama 3.1 405B", "llama-3.1-405b"),
                relation="surpasses",
                targets=(Mention("GPT-4o", "gpt-4o-2024-05-13"),),
            )
            verdict = Verdict("overstated", flags=("noise",), reasons=("Inside the noise.",))
            claims.append(CheckedClaim(claim, verdict))
        return CheckedDocument(document=doc, claims=tuple(claims))

    def check_text(self, text: str, path: str = "", title: str = "", date: Any = None) -> Any:
        return self.check_document(Document(text, path=path, title=title, date=date))


# -- waiting for the app ---------------------------------------------------------------------


async def until(pilot: Any, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for background work by condition, not by time: the condition is looked at
    whenever the app is idle (and at least every 0.05 s) until it holds; only a condition
    that never holds within `timeout` seconds fails, so a slow machine just waits longer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never became true")
        await pilot.pause(0.05)  # the poll interval, not a wait for something to happen
    await pilot.pause()  # what the condition's change scheduled (a redraw) has happened


async def first_claim_shown(pilot: Any) -> None:
    """The app is up: the first article is open and its first claim is on the card."""
    card = pilot.app.query_one("#article-card")
    await until(pilot, lambda: card.claim is not None)
