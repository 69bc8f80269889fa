"""The judge's rules, one by one, on small synthetic evaluation lists; then real-data cases.

The synthetic part uses a tiny registry-shaped object so each rule can be seen failing; the
real-data part (further down) opens a store built from the bundled data and checks claims whose
expected evidence was computed by hand from the published leaderboard numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from claimcheck.judge import EvaluationIndex, judge
from claimcheck.models import (
    BenchmarkInfo,
    Claim,
    Evaluation,
    Mention,
    ModelInfo,
    Price,
)

# -- a registry-shaped fixture ---------------------------------------------------------------


@dataclass
class FakeRegistry:
    models: dict[str, ModelInfo] = field(default_factory=dict)
    benchmarks: dict[str, BenchmarkInfo] = field(default_factory=dict)

    def family_members(self, family: str) -> list[ModelInfo]:
        ms = [m for m in self.models.values() if m.family == family]
        return sorted(ms, key=lambda m: m.release_date or "")

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None:
        ms = [
            m
            for m in self.family_members(family)
            if as_of is None or (m.release_date or "") <= as_of
        ]
        return ms[-1] if ms else None


def M(mid: str, family: str | None = None, **kw: object) -> ModelInfo:
    return ModelInfo(id=mid, name=kw.pop("name", mid), org="x", family=family or mid, **kw)  # type: ignore[arg-type]


REG = FakeRegistry(
    models={
        m.id: m
        for m in [
            M("alpha", release_date="2024-09-01", open_weights=True, size="70B"),
            M("beta-0513", "beta", release_date="2024-05-13", open_weights=False),
            M("beta-0806", "beta", release_date="2024-08-06", open_weights=False),
            M("gamma", release_date="2024-06-01", open_weights=True, size="72B"),
            M("delta", release_date="2024-07-01", open_weights=True, size="8B"),
            M("future", release_date="2025-06-01", open_weights=True, size="70B"),
            M("alpha-exp", "alpha", release_date="2024-08-01", variant="experimental"),
        ]
    },
    benchmarks={
        b.id: b
        for b in [
            BenchmarkInfo(
                "he",
                "HumanEval",
                items=164,
                metric_kind="pass@1",
                caveats=("contamination_risk",),
                primary_metrics=("pass@1",),
            ),
            BenchmarkInfo(
                "mmlu", "MMLU", items=14042, primary_metrics=("acc",), caveats=("saturated",)
            ),
            BenchmarkInfo("gpqa", "GPQA Diamond", items=198, primary_metrics=("acc",)),
            BenchmarkInfo(
                "arena", "Chatbot Arena", metric_kind="elo", scale=0.0, primary_metrics=("elo",)
            ),
            BenchmarkInfo("math", "MATH", items=5000, primary_metrics=("acc",)),
            BenchmarkInfo("ifeval", "IFEval", items=541, primary_metrics=("acc",)),
            BenchmarkInfo("bbh", "BBH", items=6511, primary_metrics=("acc",)),
        ]
    },
)


def E(
    model: str,
    bench: str,
    score: float,
    *,
    source: str = "src",
    metric: str | None = None,
    setting: str = "",
    as_of: str = "2024-10-01",
    **kw: object,
) -> Evaluation:
    metric = metric or REG.benchmarks[bench].primary_metrics[0]
    return Evaluation(
        model=kw.pop("raw", model),
        benchmark=bench,
        metric=metric,
        score=score,  # type: ignore[arg-type]
        source=source,
        as_of=as_of,
        setting=setting,
        model_id=model,
        benchmark_id=bench,
        **kw,
    )  # type: ignore[arg-type]


def C(
    subject: str,
    relation: str,
    targets: tuple[str, ...] = (),
    benchmarks: tuple[str, ...] = (),
    **kw: object,
) -> Claim:
    scope = kw.pop("scope", "specific" if benchmarks else "broad")
    return Claim(
        text=str(kw.pop("text", f"{subject} {relation} {' '.join(targets)}")),
        start=0,
        end=0,
        subject=Mention(subject, subject),
        relation=relation,
        targets=tuple(Mention(t, t) for t in targets),
        benchmarks=tuple(Mention(b, b) for b in benchmarks),
        scope=scope,  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def J(claim: Claim, rows: list[Evaluation], **kw: object):  # type: ignore[no-untyped-def]
    return judge(claim, rows, registry=REG, **kw)  # type: ignore[arg-type]


# -- noise margins ---------------------------------------------------------------------------


def test_binomial_margin_on_small_benchmark_makes_a_small_lead_noise() -> None:
    # 88.4 vs 87.2 on 164 problems: SEs 2.50 and 2.61 -> margin 1.96*sqrt(.., ..) = 7.08
    v = J(
        C("alpha", "surpasses", ("beta-0806",), ("he",)),
        [E("alpha", "he", 88.4), E("beta-0806", "he", 87.2)],
        as_of="2024-10-01",
    )
    assert v.verdict == "overstated"
    assert "noise" in v.flags
    ev = v.evidence[0]
    assert ev.margin == pytest.approx(7.08, abs=0.02)
    assert ev.margin_method == "binomial SE, n=164"
    assert ev.outcome == "tie"
    assert "inside the ±7.1 noise margin (binomial SE, n=164)" in " ".join(v.reasons)


def test_the_same_lead_on_a_large_benchmark_is_not_noise() -> None:
    v = J(
        C("alpha", "surpasses", ("beta-0806",), ("mmlu",)),
        [E("alpha", "mmlu", 88.4), E("beta-0806", "mmlu", 87.2)],
        as_of="2024-10-01",
    )
    assert v.verdict == "supported"
    assert v.evidence[0].margin < 1.0
    assert "noise" not in v.flags


def test_source_ci_is_preferred_to_binomial() -> None:
    rows = [
        E("alpha", "arena", 1290, ci_low=1286, ci_high=1294),
        E("beta-0806", "arena", 1280, ci_low=1277, ci_high=1283),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("arena",)), rows, as_of="2024-10-01")
    # SEs 8/3.92=2.04 and 6/3.92=1.53 -> margin 1.96*sqrt(2.04²+1.53²) = 5.0
    assert v.evidence[0].margin == pytest.approx(5.0, abs=0.01)
    assert v.evidence[0].margin_method == "95% CI from source"
    assert v.verdict == "supported"
    assert "Elo points" in v.reasons[1]


def test_source_se_from_notes_is_used() -> None:
    rows = [E("alpha", "gpqa", 50.0, notes="SE=1.0"), E("beta-0806", "gpqa", 46.0, notes="SE=1.0")]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("gpqa",)), rows, as_of="2024-10-01")
    assert v.evidence[0].margin == pytest.approx(1.96 * 2**0.5, abs=0.01)
    assert v.evidence[0].margin_method == "SE from source"
    assert v.verdict == "supported"  # 4.0 > 2.77; with binomial (n=198) it would be noise


def test_no_noise_estimate_is_said() -> None:
    rows = [E("alpha", "arena", 1290), E("beta-0806", "arena", 1280)]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("arena",)), rows)
    assert v.evidence[0].margin == 0
    assert "no noise estimate" in v.evidence[0].margin_method


# -- pairing ---------------------------------------------------------------------------------


def test_never_pairs_across_sources_or_settings() -> None:
    rows = [
        E("alpha", "mmlu", 90, source="a"),
        E("beta-0806", "mmlu", 80, source="b"),
        E("gamma", "mmlu", 70, setting="5-shot"),
        E("beta-0806", "mmlu", 60, setting="0-shot"),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows)
    assert v.verdict == "unverifiable"
    assert v.evidence == ()
    v = J(C("gamma", "surpasses", ("beta-0806",), ("mmlu",)), rows)
    assert v.verdict == "unverifiable"
    assert "never in the same source and setting" in v.reasons[0]


def test_newest_release_of_a_leaderboard_is_used() -> None:
    rows = [
        E("alpha", "arena", 1250, setting="snapshot 2024-09-06", ci_low=1248, ci_high=1252),
        E("beta-0806", "arena", 1270, setting="snapshot 2024-09-06", ci_low=1268, ci_high=1272),
        E("alpha", "arena", 1300, setting="snapshot 2025-01-24", ci_low=1298, ci_high=1302),
        E("beta-0806", "arena", 1280, setting="snapshot 2025-01-24", ci_low=1278, ci_high=1282),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("arena",)), rows)
    assert len(v.evidence) == 1
    assert v.evidence[0].subject_score == 1300
    assert v.verdict == "supported"


def test_only_primary_metrics_count() -> None:
    rows = [
        E("alpha", "he", 99, metric="edit format %"),
        E("beta-0806", "he", 10, metric="edit format %"),
    ]
    assert J(C("alpha", "surpasses", ("beta-0806",), ("he",)), rows).verdict == "unverifiable"


def test_lower_is_better_benchmarks_flip_the_sign() -> None:
    reg = replace(
        REG,
        benchmarks={
            **REG.benchmarks,
            "ppl": BenchmarkInfo(
                "ppl",
                "Perplexity",
                higher_is_better=False,
                scale=0.0,
                metric_kind="score",
                primary_metrics=("ppl",),
            ),
        },
    )
    rows = [E("alpha", "ppl", 3.0, metric="ppl"), E("beta-0806", "ppl", 5.0, metric="ppl")]
    v = judge(C("alpha", "surpasses", ("beta-0806",), ("ppl",)), rows, registry=reg)  # type: ignore[arg-type]
    assert v.verdict == "supported"
    assert v.evidence[0].difference == 2.0


# -- relations -------------------------------------------------------------------------------


def test_surpasses_contradicted_beyond_margin() -> None:
    v = J(
        C("alpha", "surpasses", ("beta-0806",), ("mmlu",)),
        [E("alpha", "mmlu", 80), E("beta-0806", "mmlu", 85)],
    )
    assert v.verdict == "contradicted"
    assert v.evidence[0].outcome == "loss"
    assert "5.0 points behind, beyond" in v.reasons[1]


def test_matches_supported_inside_margin_and_not_when_far_apart() -> None:
    rows = [E("alpha", "gpqa", 49.1), E("beta-0806", "gpqa", 50.9)]
    assert J(C("alpha", "matches", ("beta-0806",), ("gpqa",)), rows).verdict == "supported"
    rows = [E("alpha", "gpqa", 30.0), E("beta-0806", "gpqa", 60.0)]
    assert J(C("alpha", "matches", ("beta-0806",), ("gpqa",)), rows).verdict == "contradicted"
    rows = [E("alpha", "mmlu", 80.0), E("beta-0806", "mmlu", 83.0)]  # behind beyond margin, close
    assert J(C("alpha", "matches", ("beta-0806",), ("mmlu",)), rows).verdict == "overstated"


def test_approaches_reads_closeness() -> None:
    close = [E("alpha", "mmlu", 82.0), E("beta-0806", "mmlu", 85.0)]  # 3 behind: within 5 pts
    assert J(C("alpha", "approaches", ("beta-0806",), ("mmlu",)), close).verdict == "supported"
    mid = [E("alpha", "mmlu", 78.0), E("beta-0806", "mmlu", 85.0)]  # 7 behind: 5 < 7 <= 10
    assert J(C("alpha", "approaches", ("beta-0806",), ("mmlu",)), mid).verdict == "overstated"
    far = [E("alpha", "mmlu", 60.0), E("beta-0806", "mmlu", 85.0)]
    assert J(C("alpha", "approaches", ("beta-0806",), ("mmlu",)), far).verdict == "contradicted"


def test_trails_checks_the_rest_of_the_field() -> None:
    rows = [E("alpha", "mmlu", 80.0), E("beta-0806", "mmlu", 85.0), E("delta", "mmlu", 70.0)]
    assert (
        J(C("alpha", "trails", ("beta-0806",), ("mmlu",)), rows, as_of="2024-10-01").verdict
        == "supported"
    )
    rows.append(E("gamma", "mmlu", 83.0))
    v = J(C("alpha", "trails", ("beta-0806",), ("mmlu",)), rows, as_of="2024-10-01")
    assert v.verdict == "overstated"
    assert any("gamma also lead" in r for r in v.reasons)
    # a model released after the claim is not part of the field
    rows[-1] = E("future", "mmlu", 99.0)
    assert (
        J(C("alpha", "trails", ("beta-0806",), ("mmlu",)), rows, as_of="2024-10-01").verdict
        == "supported"
    )


def test_best_in_group_uses_group_and_claim_date() -> None:
    rows = [
        E("alpha", "mmlu", 80.0),
        E("gamma", "mmlu", 75.0),
        E("beta-0806", "mmlu", 90.0),
        E("future", "mmlu", 95.0),
    ]
    claim = C("alpha", "best_in_group", (), ("mmlu",), target_group="open-source models")
    v = J(claim, rows, as_of="2024-10-01")
    assert v.verdict == "supported"  # beta is closed, future not yet released
    assert "open-weights models" in v.reasons[0]
    v = J(claim, rows, as_of="2025-07-01")
    assert v.verdict == "contradicted"
    everyone = C("alpha", "best_in_group", (), ("mmlu",), target_group=None)
    assert J(everyone, rows, as_of="2024-10-01").verdict == "contradicted"


def test_best_in_group_size_class() -> None:
    rows = [E("alpha", "mmlu", 80.0), E("gamma", "mmlu", 85.0), E("delta", "mmlu", 90.0)]
    claim = C("alpha", "best_in_group", (), ("mmlu",), target_group="models of its size")
    v = J(claim, rows, as_of="2024-10-01")
    assert v.verdict == "contradicted"  # gamma (72B) is in alpha's (70B) class; delta (8B) is not
    assert [e.target_model for e in v.evidence] == ["gamma"]


def test_negated_claim_is_read_the_other_way() -> None:
    rows = [E("alpha", "mmlu", 80), E("beta-0806", "mmlu", 85)]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",), negated=True), rows)
    assert v.verdict == "supported"


# -- breadth ---------------------------------------------------------------------------------


BROAD = [
    E("alpha", "mmlu", 85),
    E("beta-0806", "mmlu", 80),  # win
    E("alpha", "math", 60),
    E("beta-0806", "math", 50),  # win
    E("alpha", "ifeval", 70),
    E("beta-0806", "ifeval", 85),  # loss
    E("alpha", "bbh", 60),
    E("beta-0806", "bbh", 70),  # loss
]


def test_broad_claim_mixed_results_is_overstated_and_cherry_picked() -> None:
    v = J(C("alpha", "surpasses", ("beta-0806",)), BROAD)
    assert v.verdict == "overstated"
    assert "cherry_picked" in v.flags
    assert v.tally == "wins 2 of 4"


def test_hedges_lower_the_bar() -> None:
    assert (
        J(
            C("alpha", "surpasses", ("beta-0806",), quantifier="on several benchmarks"), BROAD
        ).verdict
        == "supported"
    )
    assert (
        J(C("alpha", "surpasses", ("beta-0806",), quantifier="on most benchmarks"), BROAD).verdict
        == "overstated"
    )
    three = BROAD + [E("alpha", "gpqa", 70), E("beta-0806", "gpqa", 40)]
    assert (
        J(C("alpha", "surpasses", ("beta-0806",), quantifier="on most benchmarks"), three).verdict
        == "supported"
    )
    assert J(C("alpha", "surpasses", ("beta-0806",)), three).verdict == "overstated"


def test_broad_claim_with_clear_majority_is_supported() -> None:
    rows = BROAD[:4] + [E("alpha", "ifeval", 90), E("beta-0806", "ifeval", 85)]
    v = J(C("alpha", "surpasses", ("beta-0806",)), rows)
    assert v.verdict == "supported"
    assert v.tally == "wins 3 of 3"


def test_broad_claim_lost_everywhere_is_contradicted() -> None:
    rows = [
        E("alpha", "mmlu", 70),
        E("beta-0806", "mmlu", 80),
        E("alpha", "math", 40),
        E("beta-0806", "math", 50),
    ]
    assert J(C("alpha", "surpasses", ("beta-0806",)), rows).verdict == "contradicted"


def test_vendor_table_gives_the_cherry_pick_measure() -> None:
    rows = BROAD[:4] + [E("alpha", "ifeval", 90), E("beta-0806", "ifeval", 85)]
    vendor = [
        E(m, b, s, kind="self_reported", reported_by="Alpha Lab", source="blog", document="d1")
        for m, b, s in [
            ("alpha", "mmlu", 1),
            ("beta-0806", "mmlu", 2),
            ("alpha", "math", 1),
            ("beta-0806", "math", 2),
            ("alpha", "he", 3),
            ("beta-0806", "he", 2),
        ]
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",)), rows, vendor_rows=vendor)
    assert v.verdict == "supported"
    assert "In its own table, alpha wins 1 of 3 rows." in v.reasons
    assert "cherry_picked" in v.flags


# -- self-reported ---------------------------------------------------------------------------


def test_self_reported_rows_never_count_as_independent() -> None:
    rows = [
        E("alpha", "he", 90, kind="self_reported", reported_by="Alpha Lab", source="blog"),
        E("beta-0806", "he", 80, kind="self_reported", reported_by="Alpha Lab", source="blog"),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("he",)), rows)
    assert v.verdict == "unverifiable"
    assert "self_reported_only" in v.flags
    assert any("Only Alpha Lab's own numbers" in r for r in v.reasons)
    assert v.evidence[0].kind == "self_reported"


def test_gap_between_vendor_and_independent_is_shown() -> None:
    rows = [
        E("alpha", "mmlu", 85),
        E("beta-0806", "mmlu", 80),
        E("alpha", "mmlu", 88.5, kind="self_reported", reported_by="Alpha Lab", source="blog"),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows)
    assert v.verdict == "supported"
    assert any(
        "Alpha Lab reports 88.5 for alpha on mmlu; src measured 85.0 (+3.5 gap" in r
        for r in v.reasons
    )


# -- flags -----------------------------------------------------------------------------------


def test_contamination_flag_from_benchmark_caveats() -> None:
    v = J(
        C("alpha", "surpasses", ("beta-0806",), ("he",)),
        [E("alpha", "he", 95), E("beta-0806", "he", 60)],
    )
    assert v.verdict == "supported"
    assert "contamination_risk" in v.flags


def test_stale_target_against_newest_family_member_at_claim_date() -> None:
    rows = [E("alpha", "gpqa", 60), E("beta-0513", "gpqa", 30)]
    claim = C("alpha", "surpasses", ("beta-0513",), ("gpqa",))
    v = J(claim, rows, as_of="2024-10-01")
    assert "stale_target" in v.flags
    assert any("beta-0806 (released 2024-08-06) was" in r for r in v.reasons)
    assert "stale_target" not in J(claim, rows, as_of="2024-06-01").flags


def test_setting_mismatch() -> None:
    rows = [E("alpha", "mmlu", 88, setting="5-shot"), E("beta-0806", "mmlu", 86, setting="5-shot")]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",), settings=("0-shot", "CoT")), rows)
    assert "setting_mismatch" in v.flags
    assert any("0-shot vs 5-shot" in r and "chain-of-thought" in r for r in v.reasons)
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",), settings=("5-shot",)), rows)
    assert "setting_mismatch" not in v.flags
    # settings are also read from the sentence when the extractor left none
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",), text="maj@32 on MMLU"), rows)
    assert "setting_mismatch" in v.flags


def test_variant_flag_for_experimental_model_and_serving_variant() -> None:
    rows = [E("alpha-exp", "mmlu", 88), E("beta-0806", "mmlu", 80)]
    assert "variant" in J(C("alpha-exp", "surpasses", ("beta-0806",), ("mmlu",)), rows).flags
    rows = [E("alpha", "mmlu", 88, raw="alpha-instruct-fp8"), E("beta-0806", "mmlu", 80)]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows)
    assert "variant" in v.flags
    assert any("'alpha-instruct-fp8' (fp8)" in r for r in v.reasons)
    rows = [E("alpha", "mmlu", 88), E("beta-0806", "mmlu", 80)]
    assert "variant" not in J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows).flags


def test_cost_flag_when_subject_is_pricier() -> None:
    rows = [E("alpha", "mmlu", 88), E("beta-0806", "mmlu", 80)]
    prices = [
        Price("a", "p", 3.0, 15.0, "2025-01-01", "list", "alpha"),
        Price("b", "p", 2.5, 10.0, "2025-01-01", "list", "beta-0806"),
        Price("b2", "q", 9.0, 30.0, "2025-01-01", "list", "beta-0806"),
    ]
    v = J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows, prices=prices)
    assert "cost" in v.flags
    assert any("$3.00/$15.00 vs beta-0806 $2.50/$10.00" in r for r in v.reasons)
    cheap = [replace(prices[0], input_usd_per_mtok=0.5, output_usd_per_mtok=1.0), *prices[1:]]
    assert (
        "cost"
        not in J(C("alpha", "surpasses", ("beta-0806",), ("mmlu",)), rows, prices=cheap).flags
    )


def test_unknown_subject_or_target_is_unverifiable() -> None:
    claim = Claim(
        "x", 0, 0, Mention("Foo-9000", None), "surpasses", (Mention("beta", "beta-0806"),)
    )
    assert J(claim, []).verdict == "unverifiable"
    claim = Claim("x", 0, 0, Mention("alpha", "alpha"), "surpasses", (Mention("Bar", None),))
    assert J(claim, []).verdict == "unverifiable"


# -- the index -------------------------------------------------------------------------------


def test_index_filters_by_date_and_serves_groups() -> None:
    rows = [
        E("alpha", "mmlu", 80, as_of="2024-01-01"),
        E("beta-0806", "mmlu", 85, as_of="2025-01-01"),
        E("gamma", "gpqa", 50),
        Evaluation("unres", "mmlu", "acc", 1.0, "s", "2024-01-01"),
    ]
    idx = EvaluationIndex(rows, until="2024-12-31")
    assert idx.rows == 2
    assert [e.model_id for e in idx.for_models(["alpha", "beta-0806"])] == ["alpha"]
    assert {e.model_id for e in idx.for_group(["mmlu", "gpqa"])} == {"alpha", "gamma"}
    claim = C("alpha", "best_in_group", (), ("gpqa",))
    assert {e.model_id for e in idx.for_group(claim, as_of="2024-10-01")} == {"gamma"}
    # judge accepts the index itself
    assert judge(claim, idx, registry=REG).verdict in (
        "supported",
        "unverifiable",
        "overstated",  # type: ignore[arg-type]
        "contradicted",
    )


def test_serving_build_stands_in_for_the_released_model_with_a_variant_flag() -> None:
    reg = replace(REG, models={**REG.models, "alpha-turbo": M("alpha-turbo", variant="quantized")})
    rows = [E("alpha-turbo", "mmlu", 88, raw="Alpha Turbo"), E("beta-0806", "mmlu", 80)]
    idx = EvaluationIndex(rows)
    claim = C("alpha", "surpasses", ("beta-0806",), ("mmlu",))
    assert [e.model_id for e in idx.for_claim(claim)] == ["alpha-turbo", "beta-0806"]
    v = judge(claim, idx, registry=reg)  # type: ignore[arg-type]
    assert v.verdict == "supported"
    assert "variant" in v.flags
    assert v.evidence[0].subject_model == "alpha-turbo"
    assert any("evaluated only 'Alpha Turbo'" in r for r in v.reasons)
