"""The pipeline: what Checker passes to the judge, batch order and isolation, recheck, ledger.

The judge is spied on where the test is about the pipeline's wiring (which date, which vendor
rows, which prices), and used for real where it is about the end result. The store is built
once per module from the bundled data.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimcheck.models import VERDICTS, Claim, Document, Evaluation, Mention, Verdict
from claimcheck.pipeline import Checker
from claimcheck.services.ledger import ledger, same_org
from claimcheck.services.recheck import Change, change_kind, recheck
from claimcheck.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture()
def checker(store: Store) -> Checker:
    return Checker(store)


def _unevaluated_pair(store: Store, checker: Checker) -> tuple[Any, Any]:
    """Two registry models with their evaluations deleted (from this test's copy only)."""
    counts = dict(
        store.db.execute(
            "SELECT model_id, COUNT(*) FROM evaluations WHERE model_id IS NOT NULL GROUP BY 1"
        ).fetchall()
    )
    models = sorted(
        (m for m in checker.registry.models.values() if m.id in counts),
        key=lambda m: (counts[m.id], m.id),
    )
    a, b = models[0], models[1]
    store.db.execute("DELETE FROM evaluations WHERE model_id IN (?, ?)", [a.id, b.id])
    return a, b


def _benchmark_with_items(checker: Checker) -> Any:
    return next(
        b
        for b in sorted(checker.registry.benchmarks.values(), key=lambda b: -(b.items or 0))
        if (b.items or 0) >= 1000 and b.higher_is_better
    )


# -- wiring -----------------------------------------------------------------------------------


def test_check_text_finds_and_judges_claims(checker: Checker) -> None:
    text = (
        "date: 2024-09-19\n\n# Qwen2.5 release\n\n"
        "Qwen2.5-72B-Instruct outperforms Llama 3.1 405B on MMLU-Pro and HumanEval.\n"
    )
    result = checker.check_text(text, path="mem.md", title="Qwen2.5 release")
    assert result.error is None
    assert result.document.path == "mem.md"
    assert result.claims, "the extractor should find the comparative sentence"
    for cc in result.claims:
        assert cc.verdict.verdict in VERDICTS
        assert text[cc.claim.start : cc.claim.end].strip()


def test_claim_date_is_the_documents_unless_as_of_overrides(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []

    def spy(claim: Claim, evaluations: Any, **kw: Any) -> Verdict:
        seen.append(kw)
        return Verdict("unverifiable")

    import claimcheck.judge

    monkeypatch.setattr(claimcheck.judge, "judge", spy)
    text = "GPT-4o mini outperforms Claude 3.5 Sonnet on HumanEval."
    doc = Document(text, path="a.md", title="t", date="2024-07-18")

    Checker(store).check_document(doc)
    assert seen and all(kw["as_of"] == "2024-07-18" for kw in seen)
    seen.clear()
    checked = Checker(store, as_of="2025-01-01").check_document(doc)
    assert seen and all(kw["as_of"] == "2025-01-01" for kw in seen)
    # the report still shows the document as it was written
    assert checked.document.date == "2024-07-18"


def test_prices_passed_to_the_judge_are_only_the_claims_models(
    checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured: list[Any] = []

    def spy(claim: Claim, evaluations: Any, **kw: Any) -> Verdict:
        captured.append((list(evaluations), list(kw["prices"])))
        return Verdict("unverifiable")

    import claimcheck.judge

    monkeypatch.setattr(claimcheck.judge, "judge", spy)
    some = next((p for p in checker.prices if p.model_id), None)
    if some is None:
        pytest.skip("no resolved prices in the bundled data")
    other = next(m for m in checker.registry.models if m != some.model_id)
    claim = Claim("x", 0, 1, Mention("a", some.model_id), "surpasses", (Mention("b", other),))
    checker.judge_claim(claim, "2024-12-01")
    evaluations, prices = captured[0]
    assert prices and {p.model_id for p in prices} <= {some.model_id, other}
    assert all(e.model_id in (some.model_id, other) for e in evaluations)


def test_check_many_keeps_order_and_isolates_failures(
    checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [Document(f"Doc {i}: no claims here.", path=f"d{i}.txt") for i in range(5)]
    real = checker.check_document

    def flaky(doc: Document) -> Any:
        if doc.path == "d2.txt":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(checker, "check_document", flaky)
    seen: list[str] = []
    out = list(checker.check_many(docs, progress=lambda d: seen.append(d.document.path)))
    assert [d.document.path for d in out] == [d.path for d in docs] == seen
    assert out[2].error and "boom" in out[2].error
    assert all(d.error is None for i, d in enumerate(out) if i != 2)


def test_evidence_until_hides_later_evaluations(store: Store) -> None:
    early = Checker(store, evidence_until="2000-01-01")
    late = Checker(store)
    some = next(iter(store.iter_evaluations()))
    assert some.model_id is not None
    assert not early.index.for_models([some.model_id])
    assert late.index.for_models([some.model_id])


# -- recheck ----------------------------------------------------------------------------------


def test_change_kind() -> None:
    u, s, o = Verdict("unverifiable"), Verdict("supported"), Verdict("overstated", ("noise",))
    assert change_kind(u, s) == "now_checkable"
    assert change_kind(s, u) == "now_unverifiable"
    assert change_kind(s, o) == "flipped"
    assert change_kind(o, replace(o, flags=("noise", "cost"))) == "flags"
    assert change_kind(o, replace(o, reasons=("reworded",))) is None


def test_recheck_reports_a_claim_that_new_evaluations_make_checkable(
    store: Store, checker: Checker
) -> None:
    subject, target = _unevaluated_pair(store, checker)
    checker = Checker(store)
    bench = _benchmark_with_items(checker)
    claim = Claim(
        f"{subject.name} outperforms {target.name} on {bench.name}.",
        0,
        40,
        Mention(subject.name, subject.id),
        "surpasses",
        (Mention(target.name, target.id),),
        benchmarks=(Mention(bench.name, bench.id),),
        checkworthiness=0.9,
    )
    doc = Document(claim.text, path="new.md", title="New", date="2025-01-10")
    before = checker.judge_claim(claim, doc.date)
    assert before.verdict == "unverifiable"
    store.save_checked(doc, [(claim, before)])
    assert recheck(store) == []  # nothing new, nothing to say

    rows = [
        Evaluation(
            model=m.name,
            benchmark=bench.name,
            metric=(bench.primary_metrics or ("accuracy",))[0],
            score=score,
            source="test_lab",
            as_of="2025-02-01",
            snapshot="f" * 64,
            model_id=m.id,
            benchmark_id=bench.id,
        )
        for m, score in ((subject, 91.0), (target, 52.0))
    ]
    from claimcheck.store import Snapshot

    store.import_evaluations(rows, Snapshot("f" * 64, "test_lab", "lab.csv", as_of="2025-02-01"))
    changes = recheck(store)
    assert len(changes) == 1
    change = changes[0]
    assert isinstance(change, Change)
    assert change.kind == "now_checkable"
    assert (change.old_verdict, change.new_verdict) == ("unverifiable", "supported")
    assert change.article_url == "new.md"
    # saved: the next recheck has nothing new to report
    assert recheck(store) == []
    assert store.checked_claims()[0]["verdict"] == "supported"


def test_recheck_dry_run_keeps_the_stored_verdict(store: Store, checker: Checker) -> None:
    subject, _ = _unevaluated_pair(store, checker)
    claim = Claim("x", 0, 1, Mention(subject.name, subject.id), "matches", ())
    store.save_checked(Document("x", path="d.md"), [(claim, Verdict("contradicted"))])
    changes = recheck(store, save=False)
    assert [c.kind for c in changes] == ["now_unverifiable"]
    assert store.checked_claims()[0]["verdict"] == "contradicted"


# -- ledger -----------------------------------------------------------------------------------


def test_same_org() -> None:
    assert same_org("Alibaba Qwen", "Alibaba")
    assert same_org("Zhipu AI / THUDM", "Zhipu AI")
    assert not same_org("DeepSeek", "Meta")
    assert same_org(None, "Meta")


def test_ledger_counts_claims_by_subject_org_and_reports_gaps(
    store: Store, checker: Checker
) -> None:
    models = list(checker.registry.models.values())
    a = next(m for m in models if m.org)
    b = next(m for m in models if m.org and m.org != a.org)
    store.save_checked(
        Document("t", path="one.md"),
        [
            (Claim("1", 0, 1, Mention(a.name, a.id), "surpasses"), Verdict("overstated")),
            (Claim("2", 0, 1, Mention(a.name, a.id), "surpasses"), Verdict("supported")),
            (Claim("3", 0, 1, Mention(b.name, b.id), "matches"), Verdict("contradicted")),
            (Claim("4", 0, 1, Mention("Mystery", None), "matches"), Verdict("unverifiable")),
        ],
    )
    rows = {r.org: r for r in ledger(store, checker.registry)}
    assert (rows[a.org].claims, rows[a.org].overstated, rows[a.org].share_overstated) == (2, 1, 0.5)
    assert rows[b.org].share_contradicted == 1.0 and rows[b.org].share_bad == 1.0
    assert rows["(unresolved subject)"].unverifiable == 1
    # the bundled self-reported tables give some organisation a measured reporting gap
    gaps = [r for r in rows.values() if r.mean_gap is not None]
    assert gaps and all(r.gap_pairs > 0 and abs(r.mean_gap) < 100 for r in gaps)
