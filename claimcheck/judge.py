"""The judge: a claim and the stored evaluations in, a verdict with reasons and evidence out.

`judge()` is pure: it reads the claim, the evaluation rows it is given, the registry (model
release dates and families, benchmark item counts and caveats) and, optionally, the vendor's
own table and API prices. It never touches the store, so one claim or ten thousand are judged
the same way and every verdict can be reproduced from its evidence rows.

How a verdict is reached
------------------------

Like with like.
    Two models are compared only on rows of the same source, benchmark id, metric and setting.
    The setting string carries the leaderboard release (a LiveBench question set, an LMArena
    snapshot), so pairing on it never mixes releases. When a leaderboard publishes several
    releases that both models appear in, the newest one is used (the setting with its dates
    removed names the series). Only a benchmark's `primary_metrics` are tallied; other metrics
    of the same benchmark (raw vs length-controlled, edit-format rate) are never evidence.

Noise margin of a difference.
    Each row gets a standard error from the best thing available, in this order:
    1. the source's own 95% confidence interval: SE = (ci_high - ci_low) / 3.92;
    2. the source's standard error (the `stderr` column, or `SE=` / Epoch's `±` in the notes);
    3. the binomial standard error from the item count: the row's own count where its notes
       give one (a derived LiveCodeBench window: "over 404 problems"), else the benchmark's:
       SE = scale * sqrt(p (1 - p) / n), with p = score / scale.
    The two scores are independent measurements, so the margin of their difference is
    ``margin = 1.96 * sqrt(se_subject**2 + se_target**2)`` (a 95% two-sided band). When only one
    row has an SE, the other is assumed to be as noisy; when neither has one the margin is 0 and
    the reason says that no noise estimate exists. A lead larger than the margin is a win, a
    deficit larger than the margin a loss, anything in between a tie.

No noise estimate is not decisive on its own.
    Where neither row has a CI, SE or item count (LiveBench averages, MixEval and its subsets,
    Elo tables without intervals) the size of the noise is unknown, so such a comparison alone
    can neither support `surpasses`/`best_in_group` (a lead reads as inside the noise) nor
    contradict a claim (a deficit reads as overstated). On one benchmark, rows with a noise
    estimate outvote rows without one; `trails` is contradicted only by rivals that lead
    beyond a known margin. Item counts are added to the registry only where the published
    size is certain, never guessed to make a difference decisive.

Relations, as a careful reader reads them.
    surpasses      every named benchmark must be a win; ties make it `overstated` (noise),
                   losses `contradicted`.
    matches        parity: ties (and leads) agree; a loss beyond the margin does not.
    approaches     "close to": the subject may trail by up to max(margin, 5 points on a 0-100
                   scale, 20 Elo points); trailing by more than twice that is `contradicted`.
    trails         "second only to X": the subject must not lead X beyond the margin, and no
                   other model of the field (same rows, released by the claim date, of the
                   claim's target group if any) may lead the subject beyond the margin.
    best_in_group  no member of the group (open-weights, closed, same size class, or every
                   model) released by the claim date may lead the subject beyond the margin.

Breadth.
    A broad claim is judged on every independent benchmark both models have. The subject must
    win a clear majority (two thirds) and the mean normalised difference must favour it;
    winning some and losing others is `overstated` with `cherry_picked` and the tally
    ("wins 3 of 8"). Hedges lower the bar: "most" needs a simple majority, "several"/"many"
    two wins, "some" one win, "overall"/"on average" the aggregate; "all"/"every" raise it.

One leaderboard counts once.
    A careful reader does not count one leaderboard eight times. In a tally, each
    (benchmark family, source) contributes one headline row; the other rows of that family and
    source stay in the evidence, marked in a reason as not counted:
    - a leaderboard that publishes an average of its own parts counts by that average only:
      LiveBench's global average (not its categories), the HF Open LLM Leaderboard v1/v2
      averages (not their MMLU, GSM8K, IFEval ... columns);
    - near-duplicates of one benchmark form a family, headline first: MixEval and MixEval-Hard
      and its subsets; Arena-Hard-Auto v2.0 and v0.1; AlpacaEval 2.0 and 1.0; HumanEval+ and
      HumanEval; MBPP+ and MBPP; BigCodeBench Complete and Instruct; FrontierMath private and
      public (WildBench's task sub-scores are not primary metrics, so never tallied);
    - several settings of one benchmark from one source (with and without style control,
      Aider edit formats, Epoch task versions, a LiveCodeBench window and all problems) are one
      measurement.
    The headline is the row with a noise estimate, then the family's headline benchmark, then
    the primary setting (not "with style control", not "all problems"), then the newest.
    Different sources on one family still vote together, as on one benchmark. A benchmark the
    claim names counts as itself, parts of leaderboards included ("on LiveBench coding").

Never counted as independent.
    Self-reported rows (a vendor's table, including its numbers for competitors) are shown
    and compared with the independent numbers (the gap), but never decide a verdict. When only
    vendor numbers cover the comparison the verdict is `unverifiable` with
    `self_reported_only`. The vendor's own table also gives the cherry-pick measure for broad
    claims: "wins 4 of 11 rows of its own table".

Dates.
    The claim date (`as_of`) decides which models belong to a group and whether the target was
    stale: a target older than the newest member of its family at the claim date is
    `stale_target`. Which evaluations count is decided by the caller (`EvaluationIndex`'s
    `until`), because a newer independent number checks an old claim just as well. A model
    without a release date counts as released at its first published evaluation.

An unevaluated current snapshot.
    A bare family name ("GPT-4o", resolved by the registry with method "as_of"/"family") means
    the snapshot current at the claim date. When that snapshot has no independent row for a
    benchmark the claim needs (or for any benchmark, in a broad claim), the nearest evaluated
    snapshot of the same family released by the claim date stands in, with a reason ("No
    independent number for GPT-4o (2024-11-20) (current on 2024-12-26); using GPT-4o
    (2024-08-06), the nearest evaluated snapshot.") and the `variant` flag. A dated snapshot
    named in the claim is never replaced, and families are never crossed (GPT-4o mini is not
    GPT-4o).

Other flags.
    `contamination_risk` when a benchmark the claim rests on carries a `saturated` or
    `contamination_risk` caveat; `setting_mismatch` when the claim's n-shot, CoT or maj@k/pass@k
    differs from the independent row's stated setting; `variant` for experimental, preview or
    quantized models, and when only a serving build (`<id>-turbo`, `-fp8`) was evaluated and
    stands in for the released model; `cost` when a subject that holds its own
    (supported/overstated) costs more per the cheapest list price (3:1 input:output blend).

Using it.
    Build one `EvaluationIndex` per run and call ``judge(claim, index.for_claim(claim), ...)``
    (or pass the index itself). The rows from `for_claim` carry the index, so group claims read
    the field from per-benchmark tables the index builds once; a plain list works too, but must
    then hold the whole field for `best_in_group`/`trails` (`index.for_group(claim)`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from claimcheck.models import (
    BenchmarkInfo,
    Claim,
    Evaluation,
    Evidence,
    ModelInfo,
    Price,
    Verdict,
)

Z95 = 1.96
CLEAR_MAJORITY = 2 / 3
CLOSE_POINTS_SHARE = 0.05  # "close to" on a bounded scale: within 5% of a perfect score
CLOSE_ELO = 20.0  # "close to" on an Elo scale

SOURCE_NAMES: dict[str, str] = {
    "alpaca_eval": "AlpacaEval",
    "arena_hard_auto": "Arena-Hard-Auto",
    "livebench": "LiveBench",
    "evalplus": "EvalPlus",
    "aider": "Aider",
    "wildbench": "WildBench",
    "lmarena_via_wildbench": "LMArena via WildBench",
    "livecodebench": "LiveCodeBench",
    "bigcodebench": "BigCodeBench",
    "lmarena_mirror": "LMArena",
    "hf_open_llm_leaderboard_v1": "HF Open LLM Leaderboard v1",
    "hf_open_llm_leaderboard_v2": "HF Open LLM Leaderboard v2",
    "mixeval": "MixEval",
    "epoch_ai": "Epoch AI",
    "helm_via_epoch": "Stanford HELM via Epoch AI",
}

# Names a source gives an evaluated build that is not the released model as such.
_VARIANT_MARKERS = re.compile(
    r"(?i)(?<![a-z])(fp8|fp4|int8|int4|awq|gptq|gguf|q4|q8|turbo|exp|experimental|preview|"
    r"quantized|quantised|beta|internal)(?![a-z])"
)
_RISKY_VARIANTS = {"experimental", "exp", "preview", "quantized", "quantised", "internal", "beta"}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}_\d{2}_\d{2}")
_SHOT_RE = re.compile(r"(?i)\b(\d+)[- ]?shot\b")
_KAT_RE = re.compile(r"(?i)\b(maj|cons|pass|best[- ]of)@(\d+)\b")
_COT_RE = re.compile(r"(?i)\b(cot|chain[- ]of[- ]thought)\b")
_SE_NOTE_RE = re.compile(r"\bSE=(\d+(?:\.\d+)?)(?![\w/.:])")
_PM_NOTE_RE = re.compile(r":(\d+(?:\.\d+)?)±(\d+(?:\.\d+)?)")
# a derived row that says how many items it averages ("mean of per-problem pass@1 over 404
# problems"): that window's own item count, which the registry cannot know
_ITEMS_NOTE_RE = re.compile(r"(?i)\bover (\d[\d,]*) (?:problems|questions|items|prompts|tasks)\b")
_SIZE_RE = re.compile(r"(?i)(\d+(?:\.\d+)?)\s*b\b")
# ids of serving builds of a released model: "<released id>-fp8", "<released id>-turbo" ...
_STANDIN_RE = re.compile(r"^(?P<base>.+)-(fp8|fp4|int8|int4|awq|gptq|gguf|turbo|bf16)$")


class RegistryLike(Protocol):
    """What the judge needs from `claimcheck.registry.Registry`."""

    models: dict[str, ModelInfo]
    benchmarks: dict[str, BenchmarkInfo]

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None: ...


# -- the evaluation index ------------------------------------------------------------------


class EvaluationIndex:
    """Every resolved evaluation in memory, indexed by model id and by benchmark id.

    Built once per run (about 34k rows) so that judging a claim is a few dictionary lookups
    instead of SQL queries. `until` keeps only rows published on or before that date
    (`--evidence-until`), so a claim can be judged on what was known at the time.
    """

    def __init__(self, rows: Iterable[Evaluation], until: str | None = None) -> None:
        self.until = until
        self.by_model: dict[str, list[Evaluation]] = defaultdict(list)
        self.by_benchmark: dict[str, list[Evaluation]] = defaultdict(list)
        seen: set[tuple[Any, ...]] = set()
        for e in rows:
            if not e.model_id or not e.benchmark_id:
                continue
            if until and e.as_of and e.as_of > until:
                continue
            key = (
                e.kind,
                e.source,
                e.model,
                e.benchmark,
                e.metric,
                e.setting,
                e.as_of,
                e.reported_by,
                e.score,
            )
            if key in seen:
                continue
            seen.add(key)
            self.by_model[e.model_id].append(e)
            self.by_benchmark[e.benchmark_id].append(e)
        self.rows = sum(len(v) for v in self.by_model.values())
        self.first_seen: dict[str, str] = {}
        for mid, model_rows in self.by_model.items():
            dates = [e.as_of for e in model_rows if e.as_of]
            if dates:
                self.first_seen[mid] = min(dates)
        self._benchmarks_of: dict[str, set[str]] = {}
        self.cache: dict[Any, Any] = {}  # the judge's memo of group memberships
        self._tables: dict[tuple[str, int], _Table] = {}
        # serving builds stand in for the released model where it was not evaluated itself
        self.standins: dict[str, list[str]] = defaultdict(list)
        for mid in self.by_model:
            m = _STANDIN_RE.match(mid)
            if m:
                self.standins[m.group("base")].append(mid)

    @classmethod
    def from_store(cls, store: Any, until: str | None = None) -> EvaluationIndex:
        """Load every resolved evaluation from a `Store` (independent and self-reported)."""
        return cls(store.evaluations(until=until), until=until)

    def for_models(self, ids: Iterable[str | None]) -> list[Evaluation]:
        out: list[Evaluation] = []
        for mid in dict.fromkeys(i for i in ids if i):
            out.extend(self.by_model.get(mid, ()))
            for variant in self.standins.get(mid, ()):
                out.extend(self.by_model.get(variant, ()))
        return out

    def for_group(
        self,
        benchmark_ids: Iterable[str] | Claim | None = None,
        model_ids: Iterable[str] | None = None,
        *,
        as_of: str | None = None,
    ) -> list[Evaluation]:
        """Rows of every model on these benchmarks (all benchmarks of `model_ids` if None).

        This is what `best_in_group` and `trails` need: the whole field, not just the pair.
        Passing a `Claim` returns what `judge()` needs for it (`as_of` is accepted for
        symmetry: which group members count is decided by the judge from release dates).
        """
        if isinstance(benchmark_ids, Claim):
            claim = benchmark_ids
            subject = claim.subject.id if claim.subject else None
            if subject and _needs_field(claim):
                named = [b.id for b in claim.benchmarks if b.id]
                return self.for_group(named or None, [subject])
            return self.for_models([subject, *(t.id for t in claim.targets)])
        if benchmark_ids is None:
            benchmark_ids = {
                e.benchmark_id for e in self.for_models(model_ids or ()) if e.benchmark_id
            }
        out: list[Evaluation] = []
        for bid in dict.fromkeys(benchmark_ids):
            out.extend(self.by_benchmark.get(bid, ()))
        return out

    def for_claim(self, claim: Claim) -> list[Evaluation]:
        """The rows `judge()` needs for this claim: pass them straight to `judge()`.

        The list holds the subject's and targets' rows (the vendor numbers and the pairs come
        from them) and carries the index itself, so `judge()` reads the field of a group claim
        from the index's prebuilt tables instead of a list of thousands of rows.
        """
        subject = claim.subject.id if claim.subject else None
        rows = ClaimRows(self.for_models([subject, *(t.id for t in claim.targets)]))
        rows.evaluation_index = self
        return rows

    def benchmarks_of(self, models: Iterable[str]) -> set[str]:
        """Benchmark ids on which any of these models has an independent row."""
        out: set[str] = set()
        for m in models:
            if m not in self._benchmarks_of:
                self._benchmarks_of[m] = {
                    e.benchmark_id
                    for e in self.by_model.get(m, ())
                    if e.benchmark_id and e.kind == "independent" and e.document is None
                }
            out |= self._benchmarks_of[m]
        return out

    def table(self, benchmark_id: str, registry: RegistryLike) -> _Table:
        """The independent rows of one benchmark, grouped for pairing (built once)."""
        key = (benchmark_id, id(registry))
        table = self._tables.get(key)
        if table is None:
            rows = (
                e
                for e in self.by_benchmark.get(benchmark_id, ())
                if e.kind == "independent" and e.document is None
            )
            table = self._tables[key] = _Table(rows, registry.benchmarks)
        return table


class ClaimRows(list[Evaluation]):
    """A claim's rows from `EvaluationIndex.for_claim`, with the index they came from."""

    evaluation_index: EvaluationIndex | None = None


def _needs_field(claim: Claim) -> bool:
    """Claims judged against a whole group of models rather than named targets."""
    if claim.relation in ("best_in_group", "trails"):
        return True
    return bool(claim.target_group) and not any(t.id for t in claim.targets)


# -- noise ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Noise:
    se: float | None
    method: str  # "ci" | "se" | "binomial" | ""
    n: int | None = None


def _row_noise(e: Evaluation, info: BenchmarkInfo | None) -> _Noise:
    if e.ci_low is not None and e.ci_high is not None and e.ci_high >= e.ci_low:
        return _Noise((e.ci_high - e.ci_low) / (2 * Z95), "ci")
    if e.stderr is not None and e.stderr > 0:  # a printed 0.00 is rounding, not certainty
        return _Noise(e.stderr, "se")
    if e.notes:
        se, unit_scale = _note_se(e.notes)
        if se is not None:
            # Epoch prints mean±stderr in 0-1 units; scores are on the benchmark's scale
            scale = (info.scale if info and info.scale else 100.0) if unit_scale else 1.0
            return _Noise(se * scale, "se")
    items = info.items if info else None
    m = _ITEMS_NOTE_RE.search(e.notes) if e.notes else None
    if m:
        items = int(m.group(1).replace(",", "")) or items
    if info and items and info.scale and info.metric_kind != "elo":
        p = e.score / info.scale
        if 0.0 <= p <= 1.0:
            return _Noise(info.scale * math.sqrt(p * (1 - p) / items), "binomial", items)
    return _Noise(None, "")


@lru_cache(maxsize=65536)
def _note_se(notes: str) -> tuple[float | None, bool]:
    """A standard error written in a row's notes: (value, is it in 0-1 units)."""
    m = _SE_NOTE_RE.search(notes)
    if m:
        return float(m.group(1)), False
    m = _PM_NOTE_RE.search(notes)
    if m and float(m.group(2)) > 0:
        return float(m.group(2)), True
    return None, False


@lru_cache(maxsize=65536)
def _variant_marks(name: str) -> frozenset[str]:
    return frozenset(m.lower() for m in _VARIANT_MARKERS.findall(name))


def _margin(a: _Noise, b: _Noise) -> tuple[float, str]:
    """95% margin of the difference of two independent scores, and how it was computed."""
    ses = [x.se for x in (a, b) if x.se is not None]
    if not ses:
        return 0.0, "no noise estimate (no CI, SE or item count)"
    if len(ses) == 1:
        ses = ses * 2  # assume the row without an estimate is as noisy as the one with
    margin = Z95 * math.sqrt(sum(s * s for s in ses))
    methods = {x.method for x in (a, b) if x.method}
    if methods == {"binomial"}:
        label = f"binomial SE, n={a.n or b.n}"
    elif methods == {"ci"}:
        label = "95% CI from source"
    elif methods == {"se"}:
        label = "SE from source"
    else:
        label = " + ".join(sorted(_method_label(x) for x in (a, b) if x.method))
    if a.se is None or b.se is None:
        label += ", one side assumed equal"
    return margin, label


def _method_label(x: _Noise) -> str:
    return {"ci": "source CI", "se": "source SE", "binomial": f"binomial SE n={x.n}"}[x.method]


# -- pairing -------------------------------------------------------------------------------


def _group_key(e: Evaluation) -> tuple[str, str, str, str]:
    return (e.source, e.benchmark_id or "", e.metric, e.setting)


def _series_key(e: Evaluation) -> tuple[str, str, str, str]:
    return (e.source, e.benchmark_id or "", e.metric, _DATE_RE.sub("", e.setting))


def _release_key(rows: Sequence[Evaluation]) -> tuple[str, str]:
    dates = _DATE_RE.findall(rows[0].setting)
    return (max(d.replace("_", "-") for d in dates) if dates else "", max(r.as_of for r in rows))


def _pick(rows: Sequence[Evaluation]) -> Evaluation:
    """One row per model per group: the newest run (ties: the highest score, stable)."""
    return max(rows, key=lambda r: (r.as_of, r.score))


def _is_primary(e: Evaluation, info: BenchmarkInfo | None) -> bool:
    if info is None:
        return False
    return not info.primary_metrics or e.metric in info.primary_metrics


class _Table:
    """Rows of one kind organised as series → releases (newest first) → model → row.

    A series is one source, benchmark, metric and setting with its dates removed, so the
    releases of a leaderboard line up and the newest one both models appear in can be found.
    """

    def __init__(
        self, rows: Iterable[Evaluation] = (), benchmarks: dict[str, BenchmarkInfo] | None = None
    ) -> None:
        groups: dict[tuple[str, str, str, str], dict[str, list[Evaluation]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for e in rows:
            if not e.model_id or not e.benchmark_id:
                continue
            if not _is_primary(e, (benchmarks or {}).get(e.benchmark_id)):
                continue
            groups[_group_key(e)][e.model_id].append(e)
        self.series: dict[tuple[str, str, str, str], list[dict[str, Evaluation]]] = defaultdict(
            list
        )
        for by_model in groups.values():
            picked = {m: _pick(rs) for m, rs in by_model.items()}
            self.series[_series_key(next(iter(picked.values())))].append(picked)
        for releases in self.series.values():
            releases.sort(key=lambda g: _release_key(list(g.values())), reverse=True)
        self.standins: dict[str, list[str]] = {}  # released id -> serving builds standing in

    @classmethod
    def merged(cls, tables: Iterable[_Table], standins: dict[str, str]) -> _Table:
        """One view over several (cached, shared) tables; nothing is copied."""
        out = cls()
        for t in tables:
            out.series.update(t.series)
        for variant, base in standins.items():
            out.standins.setdefault(base, []).append(variant)
        return out

    def has(self, g: dict[str, Evaluation], model: str) -> bool:
        return model in g or any(v in g for v in self.standins.get(model, ()))

    def _view(self, g: dict[str, Evaluation], models: Sequence[str]) -> dict[str, Evaluation]:
        """The group with serving builds filed under the released id they stand in for."""
        missing = [m for m in models if m not in g]
        if not missing:
            return g
        g = dict(g)
        for m in missing:
            for v in self.standins.get(m, ()):
                if v in g:
                    g[m] = g[v]
                    break
        return g

    def newest_with(self, *models: str) -> list[dict[str, Evaluation]]:
        """For each series, the newest release in which all `models` have a row."""
        out = []
        for releases in self.series.values():
            for g in releases:
                if all(self.has(g, m) for m in models):
                    out.append(self._view(g, models))
                    break
        return out

    def covers(self, model: str) -> bool:
        return any(self.has(g, model) for r in self.series.values() for g in r)


# -- comparisons ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cmp:
    """Subject vs one other model on one benchmark from one source (one evidence row)."""

    s: Evaluation
    t: Evaluation
    diff: float  # oriented so that positive favours the subject
    margin: float
    method: str
    info: BenchmarkInfo
    detail: str = ""  # what sets this row apart from a sibling of the same source and benchmark

    @property
    def outcome(self) -> str:
        if self.diff > self.margin:
            return "win"
        if self.diff < -self.margin:
            return "loss"
        return "tie"

    @property
    def unmeasured(self) -> bool:
        """No CI, SE or item count on either side: the size of the noise is unknown."""
        return self.margin == 0 and self.method.startswith("no noise estimate")

    @property
    def normalised(self) -> float:
        scale = self.info.scale if self.info.scale else 400.0  # Elo: 400 points = 10x odds
        return self.diff / scale


def _compare(s: Evaluation, t: Evaluation, info: BenchmarkInfo) -> _Cmp:
    margin, method = _margin(_row_noise(s, info), _row_noise(t, info))
    diff = s.score - t.score
    if not info.higher_is_better:
        diff = -diff
    return _Cmp(s, t, diff, margin, method, info)


def _distinguish(cmps: list[_Cmp]) -> list[_Cmp]:
    """Name the setting that tells apart two rows of one source on one benchmark."""
    siblings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(cmps):
        siblings[(c.s.source, c.info.id)].append(i)
    out = list(cmps)
    for idxs in siblings.values():
        if len(idxs) < 2:
            continue
        parts = [[p.strip() for p in cmps[i].s.setting.split(";")] for i in idxs]
        common = set(parts[0]).intersection(*parts[1:])
        for i, ps in zip(idxs, parts, strict=True):
            detail = "; ".join(p for p in ps if p and p not in common)
            out[i] = replace(cmps[i], detail=detail)
    return out


def _close(c: _Cmp) -> float:
    if c.info.metric_kind == "elo" or not c.info.scale:
        return max(c.margin, CLOSE_ELO)
    return max(c.margin, CLOSE_POINTS_SHARE * c.info.scale)


# -- breadth: one headline per benchmark family and source ---------------------------------

# Near-duplicate measurements of one benchmark (same items, another version, a subset, a
# stricter test suite): family -> member ids, headline first.
_BENCHMARK_FAMILIES: dict[str, tuple[str, ...]] = {
    "mixeval": (
        "mixeval",
        "mixeval-hard",
        "mixeval-mmlu",
        "mixeval-mmlu-hard",
        "mixeval-triviaqa",
        "mixeval-triviaqa-hard",
        "mixeval-drop",
        "mixeval-drop-hard",
        "mixeval-hellaswag",
        "mixeval-commonsenseqa",
    ),
    "arena-hard-auto": ("arena-hard-auto-v2.0", "arena-hard-auto-v0.1"),
    "alpacaeval": ("alpacaeval-2.0", "alpacaeval-1.0"),
    "humaneval": ("humaneval-plus", "humaneval"),
    "mbpp": ("mbpp-plus", "mbpp"),
    "bigcodebench": ("bigcodebench-complete", "bigcodebench-instruct"),
    "frontiermath": ("frontiermath", "frontiermath-public"),
    "frontiermath-tier-4": ("frontiermath-tier-4", "frontiermath-tier-4-public"),
}
_FAMILY_OF: dict[str, tuple[str, int]] = {
    bid: (family, rank)
    for family, members in _BENCHMARK_FAMILIES.items()
    for rank, bid in enumerate(members)
}
# Leaderboards whose own average is their headline: every other number they publish is a part
# of it, so for a broad claim only the average counts (a part counts where the claim names it).
_LEADERBOARD_AVERAGES: dict[str, str] = {
    "livebench": "livebench",
    "hf_open_llm_leaderboard_v1": "hf-open-llm-v1",
    "hf_open_llm_leaderboard_v2": "hf-open-llm-v2",
    "lmarena": "lmarena",  # LMArena's own board: its 28 category ratings are parts of it
}
# a second reading of the same runs: shown, counted only when nothing else is there
_SECONDARY_SETTING = re.compile(r"(?i)\bwith style control\b|\ball problems in file\b")


def _family(c: _Cmp, named: set[str]) -> tuple[str, int, bool]:
    """(family key, rank of this benchmark in it, may it count at all) for a tally."""
    bid = c.info.id
    if bid in named:
        return bid, 0, True  # a benchmark the claim names is counted as itself
    board = _LEADERBOARD_AVERAGES.get(c.s.source)
    if board:
        return board, 0, bid == board
    family, rank = _FAMILY_OF.get(bid, (bid, 0))
    return family, rank, True


def _headlines(
    cmps: Sequence[_Cmp], named: set[str]
) -> tuple[dict[str, list[_Cmp]], list[_Cmp], list[_Cmp]]:
    """Readings per benchmark family for a tally, and the rows counted and not counted.

    One leaderboard is counted once: per (family, source) a single headline row counts (the
    one with a noise estimate, then the family's headline benchmark, then the primary setting,
    then the newest); the rest stay as evidence. Sources on one family still vote together.
    """
    groups: dict[tuple[str, str], list[tuple[int, _Cmp]]] = defaultdict(list)
    skipped: list[_Cmp] = []
    for c in cmps:
        family, rank, counts = _family(c, named)
        if counts:
            groups[(family, c.s.source)].append((rank, c))
        else:
            skipped.append(c)
    per: dict[str, list[_Cmp]] = defaultdict(list)
    counted: list[_Cmp] = []
    for (family, _source), members in groups.items():
        members.sort(key=lambda rc: max(rc[1].s.as_of, rc[1].t.as_of), reverse=True)
        rank, best = min(
            members,
            key=lambda rc: (
                rc[1].unmeasured,
                rc[0],
                bool(_SECONDARY_SETTING.search(rc[1].s.setting)),
            ),
        )
        per[family].append(best)
        counted.append(best)
        skipped.extend(c for _, c in members if c is not best)
    return per, counted, skipped


def _uncounted_reason(skipped: Sequence[_Cmp]) -> str | None:
    if not skipped:
        return None
    names = list(dict.fromkeys(f"{c.info.name} ({_source_name(c.s.source)})" for c in skipped))
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    if len(skipped) == 1:
        rows, verb = "row", "is evidence, not a vote"
    else:
        rows, verb = "rows", "are evidence, not votes"
    return (
        f"Each leaderboard counts once in the tally: {len(skipped)} further {rows} (parts, "
        f"subsets or second settings of a counted benchmark: {shown}) {verb}."
    )


# -- formatting ----------------------------------------------------------------------------


def _fmt(x: float) -> str:
    """Scores and margins as a reader quotes them: one decimal, whole Elo, two below 1."""
    if abs(x) >= 100 and float(x).is_integer():
        return str(int(x))
    if 0 < abs(x) < 1:
        return f"{x:.2f}"
    return f"{x:.1f}"


def _unit(info: BenchmarkInfo) -> str:
    return "Elo points" if info.metric_kind == "elo" or not info.scale else "points"


def _model_name(registry: RegistryLike, mid: str | None) -> str:
    if not mid:
        return "an unknown model"
    info = registry.models.get(mid)
    return info.name if info else mid


def _source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source)


def _where(c: _Cmp) -> str:
    release = _DATE_RE.findall(c.s.setting)
    named = re.search(r"(?i)release|snapshot", c.s.setting)
    when = f", {release[0].replace('_', '-')} release" if release and named and not c.detail else ""
    detail = f", {c.detail}" if c.detail else ""
    return f"{c.info.name} ({_source_name(c.s.source)}, {c.s.metric}{when}{detail})"


def _sentence(c: _Cmp, registry: RegistryLike) -> str:
    sname = _model_name(registry, c.s.model_id)
    tname = _model_name(registry, c.t.model_id)
    unit = _unit(c.info)
    gap = abs(c.diff)
    if c.margin == 0:
        side = "ahead" if c.diff > 0 else "behind" if c.diff < 0 else ""
        verdict = f"{_fmt(gap)} {unit} {side}" if side else "level"
        return (
            f"On {_where(c)}, {sname} scores {_fmt(c.s.score)} vs {tname} {_fmt(c.t.score)}: "
            f"{verdict} (no noise estimate: the source publishes no CI or SE and the item "
            "count is unknown, so this difference alone decides nothing)."
        )
    if c.outcome == "win":
        verdict = f"{_fmt(gap)} {unit} ahead, beyond the ±{_fmt(c.margin)} noise margin"
    elif c.outcome == "loss":
        verdict = f"{_fmt(gap)} {unit} behind, beyond the ±{_fmt(c.margin)} noise margin"
    else:
        side = "ahead" if c.diff > 0 else "behind" if c.diff < 0 else "level"
        verdict = (
            f"{_fmt(gap)} {unit} {side}, inside the ±{_fmt(c.margin)} noise margin"
            if side != "level"
            else f"level, inside the ±{_fmt(c.margin)} noise margin"
        )
    return (
        f"On {_where(c)}, {sname} scores {_fmt(c.s.score)} vs {tname} {_fmt(c.t.score)}: "
        f"{verdict} ({c.method})."
    )


def _evidence(c: _Cmp, registry: RegistryLike) -> Evidence:
    return Evidence(
        benchmark=c.info.name,
        source=c.s.source,
        subject_score=c.s.score,
        target_score=c.t.score,
        difference=round(c.diff, 4),
        margin=round(c.margin, 4),
        as_of=max(c.s.as_of, c.t.as_of),
        metric=c.s.metric,
        setting=c.s.setting,
        margin_method=c.method,
        subject_model=_model_name(registry, c.s.model_id),
        target_model=_model_name(registry, c.t.model_id),
        kind=c.s.kind,
        snapshot=c.s.snapshot,
        outcome=c.outcome,
        source_url=c.s.source_url,
    )


# -- hedges --------------------------------------------------------------------------------


def _hedge(quantifier: str | None) -> str:
    """Map the claim's hedge to the bar a broad claim must clear."""
    q = (quantifier or "").lower()
    if not q:
        return "clear_majority"
    if re.search(r"\b(all|every|each|across the board|without exception)\b", q) and not re.search(
        r"\b(almost|nearly|virtually)\b", q
    ):
        return "all"
    if re.search(r"\b(almost|nearly|virtually)\b", q):
        return "clear_majority"
    if re.search(r"\b(most|majority|mostly|largely)\b", q):
        return "majority"
    if re.search(r"\b(overall|on average|average|in general|generally|aggregate)\b", q):
        return "aggregate"
    if re.search(r"\b(several|many|multiple|a number of|various|numerous)\b", q):
        return "several"
    if re.search(r"\b(some|certain|a few|select|key|selected)\b", q):
        return "some"
    return "clear_majority"


def _broad_ok(wins: int, n: int, aggregate: float, bar: str) -> bool:
    if n == 0:
        return False
    if bar == "all":
        return wins == n
    if bar == "majority":
        return wins / n > 0.5
    if bar == "aggregate":
        return aggregate > 0 and wins / n >= 0.5
    if bar == "several":
        return wins >= min(2, n)
    if bar == "some":
        return wins >= 1
    return wins / n >= CLEAR_MAJORITY and aggregate > 0


_BAR_TEXT = {
    "all": "every benchmark",
    "clear_majority": "a clear majority (two thirds) of benchmarks",
    "majority": "more than half of the benchmarks",
    "aggregate": "the average over benchmarks",
    "several": "at least two benchmarks",
    "some": "at least one benchmark",
}


# -- settings ------------------------------------------------------------------------------


def _settings_of(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    m = _SHOT_RE.search(text)
    if m:
        out["shots"] = m.group(1)
    m = _KAT_RE.search(text)
    if m:
        out["k"] = f"{m.group(1).lower().replace(' ', '-')}@{m.group(2)}"
    if _COT_RE.search(text):
        out["cot"] = "CoT"
    return out


def _setting_mismatch(claim_settings: dict[str, str], row: Evaluation) -> list[str]:
    """Which of the claim's settings the independent row does not share."""
    row_settings = _settings_of(f"{row.setting} {row.metric}")
    problems = []
    if (
        "shots" in claim_settings
        and row_settings.get("shots", claim_settings["shots"]) != (claim_settings["shots"])
    ):
        problems.append(f"{claim_settings['shots']}-shot vs {row_settings['shots']}-shot")
    if "k" in claim_settings and row_settings.get("k") != claim_settings["k"]:
        problems.append(f"{claim_settings['k']} vs {row_settings.get('k', 'a single sample')}")
    # only a row that states its prompting (n-shot) is known not to use chain-of-thought
    if "cot" in claim_settings and "cot" not in row_settings and "shots" in row_settings:
        problems.append("chain-of-thought vs no chain-of-thought stated")
    return problems


# -- groups --------------------------------------------------------------------------------


def _size_b(info: ModelInfo) -> float | None:
    m = _SIZE_RE.search(info.size or "") or _SIZE_RE.search(info.name)
    return float(m.group(1)) if m else None


def group_filter(group: str | None, subject: ModelInfo | None) -> tuple[str, Any]:
    """A description and a predicate over ModelInfo for a claim's target group text."""
    g = (group or "").lower()
    if re.search(r"\b(open|open-source|open source|open-weights?|openly)\b", g):
        return "open-weights models", lambda m: m.open_weights is True
    if re.search(r"\b(closed|proprietary|commercial|api)\b", g):
        return "closed models", lambda m: m.open_weights is False
    if re.search(r"\b(size|class|scale|parameter)", g) and subject is not None:
        size = _size_b(subject)
        if size:
            lo, hi = size / 1.5, size * 1.5
            return (
                f"models of about {_fmt(size)}B parameters",
                lambda m: (s := _size_b(m)) is not None and lo <= s <= hi,
            )
        return "models of its size", lambda m: False
    if re.search(r"\bsmall\b", g):
        return "small models", lambda m: (s := _size_b(m)) is not None and s <= 15
    return "all models", lambda m: True


# -- the judge -----------------------------------------------------------------------------


def judge(
    claim: Claim,
    evaluations: Sequence[Evaluation] | EvaluationIndex,
    *,
    registry: RegistryLike,
    as_of: str | None = None,
    vendor_rows: Sequence[Evaluation] = (),
    prices: Sequence[Price] = (),
) -> Verdict:
    """Judge one claim against evaluation rows (or an `EvaluationIndex`).

    `evaluations` must contain the subject's and targets' rows; for `best_in_group` and
    `trails` also the rest of the field on the relevant benchmarks (pass the index and this is
    taken care of). `as_of` is the claim date; `vendor_rows` the announcement's own table;
    `prices` API list prices for the cost flag.
    """
    if isinstance(evaluations, EvaluationIndex):
        evaluations = evaluations.for_claim(claim)
    return _Judgement(claim, evaluations, registry, as_of, vendor_rows, prices).run()


class _Judgement:
    def __init__(
        self,
        claim: Claim,
        evaluations: Sequence[Evaluation],
        registry: RegistryLike,
        as_of: str | None,
        vendor_rows: Sequence[Evaluation],
        prices: Sequence[Price],
    ) -> None:
        self.claim = claim
        self.registry = registry
        self.as_of = as_of
        self.prices = prices
        self.flags: set[str] = set()
        self.notes: list[str] = []  # reasons that explain flags, after the main ones
        self.subject = claim.subject.id if claim.subject else None
        self.targets = [t.id for t in claim.targets if t.id and t.id != self.subject]
        self.named = [b.id for b in claim.benchmarks if b.id]
        self.unknown_benchmarks = [b.text for b in claim.benchmarks if not b.id]
        bm = registry.benchmarks
        index = evaluations.evaluation_index if isinstance(evaluations, ClaimRows) else None
        self.cache: dict[Any, Any]
        self.first_seen: dict[str, str]
        # the document's own table first: where a bundled copy of the same table repeats a
        # number, the document's row is the one shown
        vendor = list(vendor_rows) + [e for e in evaluations if e.kind != "independent"]
        wanted = set(self.named)
        self._bare_memo: dict[str, bool] = {}
        # rows shown as evidence but left out of a tally: (id of subject row, id of other row)
        self._uncounted: set[tuple[int, int]] = set()
        if index is not None:
            # the index keeps each benchmark's table built once: judging is lookups
            models = [m for m in (self.subject, *self.targets) if m]
            bench_ids = wanted or index.benchmarks_of(models[:1] or models)
            variants = [v for m in models for v in index.standins.get(m, ())]
            self.standin_of = {v: m for m in models for v in index.standins.get(m, ())}
            if not wanted:
                bench_ids = set(bench_ids) | index.benchmarks_of(variants)
                if self.subject and self._bare(self.subject):
                    bench_ids |= index.benchmarks_of(self._snapshots_near(self.subject))
            self.table = _Table.merged(
                (index.table(b, registry) for b in sorted(bench_ids)), self.standin_of
            )
            self.first_seen = index.first_seen
            self.cache = index.cache
        else:
            indep = [e for e in evaluations if e.kind == "independent" and e.document is None]
            if wanted:
                indep = [e for e in indep if e.benchmark_id in wanted]
            self.standin_of = {
                e.model_id: m.group("base")
                for e in indep
                if e.model_id
                and (m := _STANDIN_RE.match(e.model_id))
                and m.group("base") in {self.subject, *self.targets}
            }
            self.table = _Table.merged([_Table(indep, bm)], self.standin_of)
            self.cache = {}
            self.first_seen = {}
            for e in evaluations:
                if e.model_id and e.as_of and e.as_of < self.first_seen.get(e.model_id, "9999"):
                    self.first_seen[e.model_id] = e.as_of
        # which models were out at the claim date: shared by every claim of that date
        self._released_memo: dict[str, bool] = self.cache.setdefault(("released", as_of), {})
        self.vendor_all = vendor
        self.vendor_rows = list(vendor_rows)
        self.claim_settings = _settings_of(" ".join(claim.settings)) if claim.settings else {}
        if not self.claim_settings:
            self.claim_settings = _settings_of(claim.text)

    # -- entry -----------------------------------------------------------------------------

    def run(self) -> Verdict:
        c = self.claim
        if not self.subject:
            who = c.subject.text if c.subject else "the model"
            return Verdict(
                "unverifiable",
                reasons=(f"{who!s} is not a model claimcheck knows, so no evaluation covers it.",),
            )
        rel = c.relation
        if rel == "best_in_group" or (not self.targets and c.target_group):
            verdict, reasons, cmps, tally = self._best_in_group(trails=rel == "trails")
        elif not self.targets:
            names = ", ".join(t.text for t in c.targets) or "the compared model"
            return self._finish(
                "unverifiable",
                [
                    f"{names} could not be identified as a known model, so there is nothing to "
                    f"compare {self._sname} with."
                ],
                [],
                None,
            )
        else:
            verdict, reasons, cmps, tally = self._pairwise()
        if c.negated and verdict in ("supported", "contradicted"):
            verdict = "contradicted" if verdict == "supported" else "supported"
            reasons.insert(0, "The claim is negated, so the evidence is read the other way.")
        return self._finish(verdict, reasons, cmps, tally)

    @property
    def _sname(self) -> str:
        return _model_name(self.registry, self.subject)

    def _finish(
        self, verdict: str, reasons: list[str], cmps: list[_Cmp], tally: str | None
    ) -> Verdict:
        if self.unknown_benchmarks:
            reasons.append(
                "Not a benchmark claimcheck knows: " + ", ".join(self.unknown_benchmarks) + "."
            )
        self._flag_common(cmps, verdict)
        evidence = [_evidence(x, self.registry) for x in cmps]
        evidence.extend(self._vendor_evidence(cmps))
        reasons.extend(self.notes)
        flags = tuple(f for f in _FLAG_ORDER if f in self.flags)
        return Verdict(verdict, flags, tuple(dict.fromkeys(reasons)), tuple(evidence), tally)

    # -- pairwise relations ---------------------------------------------------------------

    def _pairwise(self) -> tuple[str, list[str], list[_Cmp], str | None]:
        rel = self.claim.relation
        broad = self.claim.scope == "broad" or not self.named
        verdicts: list[str] = []
        reasons: list[str] = []
        cmps: list[_Cmp] = []
        tallies: list[str] = []
        for target in self.targets:
            pair = self._pair_cmps(target)
            pair += self._fallback_cmps(target, pair)
            if not pair:
                verdicts.append("unverifiable")
                reasons.append(self._no_pair_reason(target))
                continue
            cmps.extend(pair)
            if broad:
                v, rs, tally = self._judge_broad(pair, target)
                tallies.append(tally)
            else:
                v, rs = self._judge_specific(pair, target)
            verdicts.append(v)
            head = len(reasons)
            reasons.extend(rs)
            if rel == "trails" and self.named:
                v2, rs2, extra = self._field_check(pair, exclude={target, *self.targets})
                cmps.extend(extra)
                reasons.extend(rs2)
                if _worst(v, v2) != v:
                    verdicts[-1] = _worst(v, v2)
                    reasons[head] = self._headline(verdicts[-1], target, [])
        verdict = _combine(verdicts)
        if broad and self.vendor_rows:
            self._vendor_tally(reasons)
        if verdict == "unverifiable":
            self._self_reported_only(reasons)
        else:
            self._gap_notes()
        return verdict, reasons, cmps, "; ".join(tallies) or None

    def _pair_cmps(
        self, target: str, subject: str | None = None, only: str | None = None
    ) -> list[_Cmp]:
        subject = subject or self.subject or ""
        out = []
        for g in self.table.newest_with(subject, target):
            s, t = g[subject], g[target]
            if only and s.benchmark_id != only:
                continue
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            out.append(_compare(s, t, info))
        out.sort(key=lambda c: (c.info.name, c.s.source, c.s.metric, c.s.setting))
        return _distinguish(out)

    # -- an unevaluated current snapshot ---------------------------------------------------

    def _bare(self, mid: str) -> bool:
        """Was this model named by its bare family name ("GPT-4o"), not a dated snapshot?"""
        hit = self._bare_memo.get(mid)
        if hit is None:
            resolve = getattr(self.registry, "resolve_model", None)
            mentions = [m for m in (self.claim.subject, *self.claim.targets) if m and m.id == mid]
            hit = False
            if resolve is not None:
                for m in mentions:
                    r = resolve(m.text, as_of=self.as_of)
                    if r.id == mid and r.method in ("as_of", "family"):
                        hit = True
            self._bare_memo[mid] = hit
        return hit

    def _snapshots_near(self, mid: str) -> list[str]:
        """Other released snapshots of the model's own family, nearest release first.

        Never another family (GPT-4o mini is not GPT-4o), never one released after the claim
        date, never an experimental or preview build.
        """
        info = self.registry.models.get(mid)
        if info is None or not info.family:
            return []
        members_of = getattr(self.registry, "family_members", None)
        members = (
            members_of(info.family)
            if members_of is not None
            else [m for m in self.registry.models.values() if m.family == info.family]
        )
        when = info.release_date or ""
        out = [
            m
            for m in members
            if m.id != mid
            and m.family == info.family
            and m.variant.lower() not in _RISKY_VARIANTS
            and not (self.as_of and m.release_date and m.release_date > self.as_of)
        ]
        out.sort(key=lambda m: (_days_apart(m.release_date, when), m.release_date or ""))
        return [m.id for m in out]

    def _fallback_cmps(self, target: str, pair: list[_Cmp]) -> list[_Cmp]:
        """Where a bare-named model's current snapshot has no independent row, its nearest
        evaluated snapshot of the same family stands in (with a reason and `variant`)."""
        have = {c.info.id for c in pair}
        if self.named:
            missing: list[str | None] = [b for b in dict.fromkeys(self.named) if b not in have]
        else:
            missing = [] if pair else [None]
        if not missing:
            return []
        subject = self.subject or ""
        s_alts = self._snapshots_near(subject) if self._bare(subject) else []
        t_alts = self._snapshots_near(target) if self._bare(target) else []
        combos = [(subject, t) for t in t_alts] + [(s, target) for s in s_alts]
        combos += [(s, t) for s in s_alts for t in t_alts]
        extra: list[_Cmp] = []
        for bench in missing:
            for s_id, t_id in combos:
                if s_id == t_id:
                    continue
                found = self._pair_cmps(t_id, subject=s_id, only=bench)
                if not found:
                    continue
                extra.extend(found)
                for current, used in ((subject, s_id), (target, t_id)):
                    if current != used:
                        self._note_stand_in(current, used, bench)
                break
        return extra

    def _note_stand_in(self, current: str, used: str, bench: str | None) -> None:
        self.flags.add("variant")
        when = f"current on {self.as_of}" if self.as_of else "the current one"
        info = self.registry.benchmarks.get(bench or "")
        where = f" on {info.name}" if info else ""
        self.notes.append(
            f"No independent number for {_model_name(self.registry, current)} ({when}){where}; "
            f"using {_model_name(self.registry, used)}, the nearest evaluated snapshot."
        )

    def _no_pair_reason(self, target: str) -> str:
        tname = _model_name(self.registry, target)
        where = self._named_text()
        have_s = self.table.covers(self.subject or "")
        have_t = self.table.covers(target)
        if not have_s and not have_t:
            return f"No independent evaluation{where} covers {self._sname} or {tname}."
        if not have_s:
            return f"No independent evaluation{where} covers {self._sname}."
        if not have_t:
            return f"No independent evaluation{where} covers {tname}."
        return (
            f"Independent sources cover {self._sname} and {tname}{where}, but never in the same "
            "source and setting, so they cannot be compared."
        )

    def _named_text(self) -> str:
        if not self.named:
            return ""
        names = [
            self.registry.benchmarks[b].name if b in self.registry.benchmarks else b
            for b in self.named
        ]
        return " of " + ", ".join(names)

    def _per_benchmark(self, pair: list[_Cmp]) -> dict[str, list[_Cmp]]:
        out: dict[str, list[_Cmp]] = defaultdict(list)
        for c in pair:
            out[c.s.benchmark_id or ""].append(c)
        return out

    def _ok(self, c: _Cmp) -> str:
        """Per-comparison reading of the relation: ok | noise | bad | far.

        A comparison without any noise estimate is never decisive on its own: a lead there
        reads as inside the noise, a deficit as `bad` (overstated), never `far` (contradicted).
        """
        reading = self._ok_measured(c)
        if c.unmeasured:
            if reading == "ok" and self.claim.relation in ("surpasses", "best_in_group"):
                return "noise"
            if reading == "far":
                return "bad"
        return reading

    def _ok_measured(self, c: _Cmp) -> str:
        rel = self.claim.relation
        if rel == "surpasses":
            return {"win": "ok", "tie": "noise", "loss": "far"}[c.outcome]
        if rel == "matches":
            return "ok" if c.outcome != "loss" else ("far" if -c.diff > 2 * _close(c) else "bad")
        if rel == "approaches":
            close = _close(c)
            if c.diff >= -close:
                return "ok"
            return "bad" if c.diff >= -2 * close else "far"
        if rel == "trails":
            return "ok" if c.outcome != "win" else "bad"
        return {"win": "ok", "tie": "noise", "loss": "far"}[c.outcome]

    def _benchmark_reading(self, cs: list[_Cmp]) -> str:
        """Sources on one benchmark vote; the majority reading wins, ties go to the weaker.

        Rows with a noise estimate outvote rows without one: the latter vote only alone.
        """
        measured = [c for c in cs if not c.unmeasured]
        votes = [self._ok(c) for c in (measured or cs)]
        order = ["ok", "noise", "bad", "far"]
        best = max(order, key=lambda k: (votes.count(k), -order.index(k)))
        if votes.count(best) * 2 == len(votes) and len(set(votes)) > 1:
            # an even split is not agreement: half the evidence for the claim makes it
            # overstated ("bad"), never contradicted; otherwise take the weaker reading
            weaker = max(set(votes), key=order.index)
            return "bad" if "ok" in votes and weaker == "far" else weaker
        return best

    def _judge_specific(self, pair: list[_Cmp], target: str) -> tuple[str, list[str]]:
        per = self._per_benchmark(pair)
        readings = {b: self._benchmark_reading(cs) for b, cs in per.items()}
        reasons = [_sentence(c, self.registry) for c in pair]
        for cs in per.values():
            if len({c.outcome for c in cs}) > 1:
                reasons.append(self._disagree(cs))
            elif len(cs) > 1:
                sources = list(dict.fromkeys(_source_name(c.s.source) for c in cs))
                if len(sources) > 1:
                    reasons.append(
                        f"{len(sources)} independent sources on {cs[0].info.name} agree "
                        f"({', '.join(sources)})."
                    )
                else:
                    reasons.append(
                        f"All {len(cs)} {sources[0]} settings on {cs[0].info.name} agree."
                    )
        values = list(readings.values())
        missing = [b for b in self.named if b not in per]
        if missing:
            names = ", ".join(
                self.registry.benchmarks[b].name if b in self.registry.benchmarks else b
                for b in missing
            )
            reasons.append(f"No independent comparison on {names}.")
        if all(v == "ok" for v in values):
            verdict = "supported"
            if self.claim.relation == "matches" and all(c.outcome == "win" for c in pair):
                reasons.insert(0, f"{self._sname} leads rather than merely matches.")
        elif "ok" not in values and values.count("far") * 2 >= len(values):
            verdict = "contradicted"
        else:
            verdict = "overstated"
        if "noise" in values:
            self.flags.add("noise")
        if "ok" in values and ("far" in values or "bad" in values):
            self.flags.add("cherry_picked")
        reasons.insert(0, self._headline(verdict, target, values))
        return verdict, reasons

    def _disagree(self, cs: list[_Cmp]) -> str:
        parts = [
            f"{_source_name(c.s.source)}{' (' + c.detail + ')' if c.detail else ''} says "
            f"{_OUTCOME_WORD[c.outcome]}"
            for c in cs
        ]
        return f"Sources disagree on {cs[0].info.name}: " + "; ".join(parts) + "."

    def _headline(self, verdict: str, target: str, values: list[str]) -> str:
        tname = _model_name(self.registry, target)
        rel = _REL_WORD.get(self.claim.relation, self.claim.relation)
        if verdict == "supported":
            return f"Independent evaluations support that {self._sname} {rel} {tname}."
        if verdict == "contradicted":
            return f"Independent evaluations contradict that {self._sname} {rel} {tname}."
        if "noise" in values and all(v in ("ok", "noise") for v in values):
            return (
                f"{self._sname} does not clearly lead {tname}: the difference is inside the "
                "benchmark's noise."
            )
        return f"The evidence backs only a weaker claim than that {self._sname} {rel} {tname}."

    def _judge_broad(self, pair: list[_Cmp], target: str) -> tuple[str, list[str], str]:
        per, counted, skipped = _headlines(pair, set(self.named))
        tname = _model_name(self.registry, target)
        if not counted:
            return (
                "unverifiable",
                [
                    f"Only parts of leaderboards compare {self._sname} with {tname}; a broad "
                    "claim is judged on whole benchmarks (a leaderboard counts by its average)."
                ],
                "wins 0 of 0",
            )
        readings = {b: self._benchmark_reading(cs) for b, cs in per.items()}
        n = len(readings)
        wins = sum(1 for v in readings.values() if v == "ok")
        losses = sum(1 for v in readings.values() if v in ("far", "bad"))
        aggregate = sum(c.normalised for c in counted) / len(counted)
        bar = _hedge(self.claim.quantifier)
        rel = self.claim.relation
        word = {"surpasses": "wins", "approaches": "is close on", "trails": "is not ahead on"}.get(
            rel, "matches or leads on"
        )
        tally = f"{word} {wins} of {n}"
        scope = "its benchmarks" if not self.named else "the named benchmarks"
        head = (
            f"Against {tname}, {self._sname} {word} {wins} of {n} independent benchmarks "
            f"({losses} clearly against, {n - wins - losses} inside the noise)."
        )
        reasons = [head]
        if _broad_ok(wins, n, aggregate if rel == "surpasses" else 1.0, bar):
            verdict = "supported"
            reasons.append(f"The claim needs {_BAR_TEXT[bar]}; {scope} clear that bar.")
        elif losses * 3 >= 2 * n and (wins == 0 or bar not in ("some", "several")):
            verdict = "contradicted"
        else:
            verdict = "overstated"
            reasons.append(f"The claim, as worded, needs {_BAR_TEXT[bar]}.")
            if wins > 0 and losses > 0:
                self.flags.add("cherry_picked")
            if n - wins - losses > losses:
                self.flags.add("noise")
        # quote the largest wins and losses, so the tally can be checked by hand
        ranked = sorted(counted, key=lambda c: c.normalised)
        quoted = ranked[:3] + [c for c in ranked[-3:] if c not in ranked[:3]]
        reasons.extend(_sentence(c, self.registry) for c in quoted)
        self._uncounted |= {(id(c.s), id(c.t)) for c in skipped}
        uncounted = _uncounted_reason(skipped)
        if uncounted:
            reasons.append(uncounted)
        return verdict, reasons, tally

    # -- field checks (best_in_group, trails) ----------------------------------------------

    def _members(self, exclude: set[str]) -> tuple[str, frozenset[str] | None]:
        """The group's label and its members out by the claim date (None: every model).

        Cached on the index: thousands of claims share a handful of (group, date) pairs.
        """
        sized = bool(re.search(r"(?i)size|class|scale|parameter", self.claim.target_group or ""))
        key = (
            self.claim.target_group,
            self.subject if sized else None,
            self.as_of,
            frozenset(exclude),
        )
        hit = self.cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
        subject_info = self.registry.models.get(self.subject or "")
        label, pred = group_filter(self.claim.target_group, subject_info)
        allowed: frozenset[str] | None = None
        if label != "all models":
            # models the registry does not know can only belong to "all models"
            # the subject itself is left in: `_rivals` skips it, and the key can be shared
            allowed = frozenset(
                mid
                for mid, info in self.registry.models.items()
                if mid not in exclude and pred(info) and self._released(mid)
            )
        self.cache[key] = (label, allowed)
        return label, allowed

    def _rivals(
        self, g: dict[str, Evaluation], allowed: frozenset[str] | None, exclude: set[str]
    ) -> list[Evaluation]:
        """The other rows of a group that count as the field for this claim."""
        out = []
        for mid, row in g.items():
            if mid == self.subject or mid in exclude or mid in self.standin_of:
                continue
            if allowed is not None:
                if mid not in allowed:
                    continue
            elif not self._released(mid):
                continue
            out.append(row)
        return out

    def _field_check(
        self, pair: list[_Cmp], exclude: set[str]
    ) -> tuple[str, list[str], list[_Cmp]]:
        """For `trails`: does anyone besides the named leaders beat the subject?"""
        label, allowed = self._members(exclude)
        ahead: dict[str, _Cmp] = {}
        for g in self.table.newest_with(self.subject or ""):
            s = g[self.subject or ""]
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            sign = 1.0 if info.higher_is_better else -1.0
            for row in self._rivals(g, allowed, exclude):
                if sign * (row.score - s.score) <= 0:
                    continue  # not ahead at all: cannot lead beyond the margin
                c = _compare(s, row, info)
                mid = row.model_id or ""
                if c.outcome == "loss" and (mid not in ahead or c.diff < ahead[mid].diff):
                    ahead[mid] = c
        if not ahead:
            return (
                "supported",
                [
                    f"No other model of the field ({label}) leads {self._sname} "
                    "there beyond the noise."
                ],
                [],
            )
        names = ", ".join(_model_name(self.registry, m) for m in sorted(ahead))
        extra = sorted(ahead.values(), key=lambda c: c.diff)[:3]
        decisive = sum(1 for c in ahead.values() if not c.unmeasured)
        reasons = [
            f"{self._sname} is not second only to the named model(s): {names} also "
            "lead it beyond the noise margin."
        ]
        reasons.extend(_sentence(c, self.registry) for c in extra)
        return ("contradicted" if decisive >= 3 else "overstated"), reasons, extra

    def _released(self, mid: str) -> bool:
        """Was the model out at the claim date? Undated models: their first published row."""
        if not self.as_of:
            return True
        hit = self._released_memo.get(mid)
        if hit is None:
            info = self.registry.models.get(mid)
            released = (info.release_date if info else None) or self.first_seen.get(mid)
            hit = self._released_memo[mid] = not (released and released > self.as_of)
        return hit

    def _best_in_group(self, trails: bool = False) -> tuple[str, list[str], list[_Cmp], str | None]:
        label, allowed = self._members(set(self.targets) if trails else set())
        subject_info = self.registry.models.get(self.subject or "")
        reasons: list[str] = []
        if allowed is not None and subject_info is not None and label != "all models":
            _, pred = group_filter(self.claim.target_group, subject_info)
            if not pred(subject_info):
                reasons.append(f"{self._sname} is not itself one of the {label}.")
        per_bench: dict[str, list[_Cmp]] = defaultdict(list)
        leaders: list[_Cmp] = []
        for g in self.table.newest_with(self.subject or ""):
            s = g[self.subject or ""]
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            if info is None:
                continue
            rivals = self._rivals(g, allowed, set(self.targets) if trails else set())
            if not rivals:
                continue
            sign = 1.0 if info.higher_is_better else -1.0
            strongest = _compare(s, max(rivals, key=lambda r: sign * r.score), info)
            per_bench[s.benchmark_id or ""].append(strongest)
            leaders.append(strongest)
        if not per_bench:
            where = self._named_text()
            reasons.insert(
                0,
                f"No independent evaluation{where} ranks {self._sname} against other {label}.",
            )
            self._self_reported_only(reasons)
            return "unverifiable", reasons, [], None
        broad = self.claim.scope == "broad" or not self.named
        skipped: list[_Cmp] = []
        if broad:
            per_bench, _counted, skipped = _headlines(leaders, set(self.named))
            if not per_bench:
                reasons.insert(
                    0,
                    f"Only parts of leaderboards rank {self._sname} against other {label}; a "
                    "broad claim is judged on whole benchmarks (a leaderboard counts by its "
                    "average).",
                )
                return "unverifiable", reasons, _distinguish(leaders), None
        parity = self.claim.relation in ("matches", "approaches")
        if parity:
            # "on par with the best closed models": the group's strongest member is the target
            readings = {b: self._benchmark_reading(cs) for b, cs in per_bench.items()}
            readings = {b: "far" if v == "bad" else v for b, v in readings.items()}
        else:
            readings = {b: self._benchmark_reading_best(cs) for b, cs in per_bench.items()}
        n = len(readings)
        best = sum(1 for v in readings.values() if v == "ok")
        lost = sum(1 for v in readings.values() if v == "far")
        when = f"released by {self.as_of}" if self.as_of else "known"
        if parity:
            word = "matches or leads" if self.claim.relation == "matches" else "is close to"
            tally = f"{word} the strongest on {best} of {n}"
            head = (
                f"Among {label} {when}, {self._sname} {word} the strongest on {best} of {n} "
                f"independent benchmarks ({lost} where it falls clearly short)."
            )
        else:
            tally = f"best on {best} of {n}"
            head = (
                f"Among {label} {when}, {self._sname} is best on {best} of {n} independent "
                f"benchmarks ({lost} where another model leads beyond the noise)."
            )
        reasons.insert(0, head)
        bar = _hedge(self.claim.quantifier) if broad else "all"
        if (broad and _broad_ok(best, n, 1.0, bar)) or (not broad and best == n):
            verdict = "supported"
        elif best == 0 and lost * 3 >= 2 * n:
            verdict = "contradicted"
        else:
            verdict = "overstated"
            if best < n and lost < n - best:
                self.flags.add("noise")
            if best > 0 and lost > 0:
                self.flags.add("cherry_picked")
        # the counted rows first, so the sentences quoted are the ones the tally rests on
        uncounted_ids = {id(c) for c in skipped}
        order = sorted(leaders, key=lambda c: (id(c) in uncounted_ids, c.diff))
        ranked = _distinguish(order)
        reasons.extend(_sentence(c, self.registry) for c in ranked[:4])
        self._uncounted |= {(id(c.s), id(c.t)) for c in skipped}
        uncounted = _uncounted_reason(skipped)
        if uncounted:
            reasons.append(uncounted)
        if trails and verdict != "unverifiable":
            reasons.insert(1, "Read as 'second only to' a group leader: checked against the rest.")
        return verdict, reasons, ranked, tally

    @staticmethod
    def _benchmark_reading_best(cs: list[_Cmp]) -> str:
        measured = [c for c in cs if not c.unmeasured]
        # without a noise estimate neither a lead nor a deficit decides anything
        outs = [c.outcome for c in measured] if measured else ["tie" for _ in cs]
        if all(o == "win" for o in outs):
            return "ok"
        if outs.count("loss") * 2 > len(outs):
            return "far"
        return "noise"

    # -- self-reported ---------------------------------------------------------------------

    def _vendor_pairs(self, target: str | None) -> list[tuple[Evaluation, Evaluation]]:
        """Vendor rows where one table gives both the subject and the target a number."""
        groups: dict[tuple[Any, ...], dict[str, Evaluation]] = defaultdict(dict)
        for e in self.vendor_all:
            if not e.model_id or not e.benchmark_id:
                continue
            if self.named and e.benchmark_id not in self.named:
                continue
            key = (e.source, e.document, e.reported_by, e.benchmark_id, e.metric, e.setting)
            groups[key].setdefault(e.model_id, e)
        out = []
        for g in groups.values():
            s = g.get(self.subject or "")
            if s is None:
                continue
            others = [target] if target else [m for m in g if m != self.subject]
            for t in others:
                if t in g and t != self.subject:
                    out.append((s, g[t]))
        return out

    def _self_reported_only(self, reasons: list[str]) -> None:
        found = False
        seen: set[tuple[str | None, str | None, float, float]] = set()
        targets: list[str | None] = list(self.targets) or [None]
        for target in targets:
            for s, t in self._vendor_pairs(target):
                key = (s.benchmark_id, t.model_id, s.score, t.score)
                if key in seen or len(seen) >= 4:
                    continue
                seen.add(key)
                found = True
                who = s.reported_by or _source_name(s.source)
                reasons.append(
                    f"Only {who}'s own numbers compare them on {t.benchmark}: "
                    f"{_model_name(self.registry, s.model_id)} {_fmt(s.score)} vs "
                    f"{_model_name(self.registry, t.model_id)} {_fmt(t.score)} (self-reported, "
                    "not independent)."
                )
        if not found and not self.targets and self.claim.relation == "best_in_group":
            for s in [e for e in self.vendor_all if e.model_id == self.subject][:1]:
                found = True
                reasons.append(
                    f"Only self-reported numbers exist for {self._sname} (e.g. {s.benchmark} "
                    f"{_fmt(s.score)}, reported by {s.reported_by or s.source})."
                )
        if found:
            self.flags.add("self_reported_only")

    def _gap_notes(self) -> None:
        """Vendor number vs independent number for the subject, on the same benchmark."""
        indep: dict[str, list[Evaluation]] = defaultdict(list)
        for g in self.table.newest_with(self.subject or ""):
            row = g[self.subject or ""]
            indep[row.benchmark_id or ""].append(row)
        shown = 0
        seen: set[tuple[str | None, float]] = set()
        subject_info = self.registry.models.get(self.subject or "")
        base = subject_info is not None and subject_info.variant == "base"
        for e in self.vendor_all:
            if e.model_id != self.subject or e.benchmark_id not in indep or shown >= 3:
                continue
            if (e.benchmark_id, e.score) in seen:
                continue  # the same number from another copy of the same table
            seen.add((e.benchmark_id, e.score))
            if not base and re.search(r"(?i)\bbase model\b|\bpretrained\b", e.setting):
                continue  # a vendor's base-model row says nothing about the chat model
            ref = indep[e.benchmark_id or ""][0]
            gap = e.score - ref.score
            who = e.reported_by or e.source
            setting = f" ({e.setting})" if e.setting and len(e.setting) <= 30 else ""
            self.notes.append(
                f"{who} reports {_fmt(e.score)} for {self._sname} on {e.benchmark}{setting}; "
                f"{_source_name(ref.source)} "
                f"measured {_fmt(ref.score)} ({'+' if gap >= 0 else ''}{_fmt(gap)} gap, "
                "settings may differ)."
            )
            shown += 1

    def _vendor_evidence(self, cmps: list[_Cmp]) -> list[Evidence]:
        out = []
        seen: set[tuple[str | None, str | None, float, float]] = set()
        for target in self.targets:
            for s, t in self._vendor_pairs(target):
                key = (s.benchmark_id, t.model_id, s.score, t.score)
                if key in seen:
                    continue  # the same pair of numbers from another copy of the table
                seen.add(key)
                info = self.registry.benchmarks.get(s.benchmark_id or "")
                diff = s.score - t.score
                if info is not None and not info.higher_is_better:
                    diff = -diff
                out.append(
                    Evidence(
                        benchmark=info.name if info else s.benchmark,
                        source=s.source or (s.reported_by or ""),
                        subject_score=s.score,
                        target_score=t.score,
                        difference=round(diff, 4),
                        margin=0.0,
                        as_of=s.as_of,
                        metric=s.metric,
                        setting=s.setting,
                        margin_method="self-reported, no margin",
                        subject_model=_model_name(self.registry, s.model_id),
                        target_model=_model_name(self.registry, t.model_id),
                        kind="self_reported",
                        snapshot=s.snapshot,
                        outcome="win" if diff > 0 else "loss" if diff < 0 else "tie",
                        source_url=s.source_url,
                    )
                )
        return out

    def _vendor_tally(self, reasons: list[str]) -> None:
        """The cherry-pick measure: how many rows of its own table the subject wins."""
        rows = [e for e in self.vendor_rows if e.model_id and e.benchmark_id]
        tables: dict[tuple[Any, ...], dict[str, Evaluation]] = defaultdict(dict)
        for e in rows:
            tables[(e.document, e.benchmark_id, e.metric, e.setting)].setdefault(
                e.model_id or "", e
            )
        n = wins = 0
        for g in tables.values():
            s = g.get(self.subject or "")
            if s is None:
                continue
            rivals = [g[t] for t in (self.targets or g) if t in g and t != self.subject]
            if not rivals:
                continue
            info = self.registry.benchmarks.get(s.benchmark_id or "")
            hib = info.higher_is_better if info else True
            n += 1
            if all((s.score > r.score) if hib else (s.score < r.score) for r in rivals):
                wins += 1
        if n == 0:
            return
        reasons.append(f"In its own table, {self._sname} wins {wins} of {n} rows.")
        bar = _hedge(self.claim.quantifier)
        if not _broad_ok(wins, n, 1.0, bar if bar != "aggregate" else "majority"):
            self.flags.add("cherry_picked")

    # -- flags shared by every relation ----------------------------------------------------

    def _flag_common(self, cmps: list[_Cmp], verdict: str) -> None:
        self._flag_contamination(cmps)
        self._flag_stale()
        self._flag_settings(cmps)
        self._flag_variants(cmps)
        if verdict in ("supported", "overstated"):
            # a price gap matters where the subject does hold its own, not where it loses
            self._flag_cost()

    def _flag_contamination(self, cmps: list[_Cmp]) -> None:
        """Named benchmarks, or for a broad claim the ones the subject's case rests on (wins)."""
        if self.named:
            ids = list(dict.fromkeys(self.named))
        else:
            ids = list(
                dict.fromkeys(
                    c.info.id
                    for c in cmps
                    if c.outcome == "win" and (id(c.s), id(c.t)) not in self._uncounted
                )
            )
        risky: list[BenchmarkInfo] = []
        for bid in ids:
            info = self.registry.benchmarks.get(bid)
            if info and any(c in ("contamination_risk", "saturated") for c in info.caveats):
                risky.append(info)
        if not risky:
            return
        self.flags.add("contamination_risk")
        names = ", ".join(i.name for i in risky)
        kinds = sorted(
            {
                c.replace("_", " ")
                for i in risky
                for c in i.caveats
                if c in ("contamination_risk", "saturated")
            }
        )
        verb = "carries" if len(risky) == 1 else "carry"
        self.notes.append(
            f"{names} {verb} a caveat ({' and '.join(kinds)}): a high score may reflect "
            "training-data overlap or a ceiling more than ability."
        )

    def _flag_stale(self) -> None:
        for target in self.targets:
            info = self.registry.models.get(target)
            if info is None or not info.family:
                continue
            subject_info = self.registry.models.get(self.subject or "")
            if subject_info is not None and subject_info.family == info.family:
                continue  # comparing with its own predecessor is the point, not staleness
            current = self.registry.current_in_family(info.family, self.as_of)
            if current is None or current.id == target or not info.release_date:
                continue
            if (current.release_date or "") > (info.release_date or ""):
                self.flags.add("stale_target")
                when = f"on {self.as_of}" if self.as_of else "now"
                self.notes.append(
                    f"{info.name} was not the current {info.family} {when}: "
                    f"{current.name} (released {current.release_date}) was."
                )

    def _flag_settings(self, cmps: list[_Cmp]) -> None:
        if not self.claim_settings:
            return
        for c in cmps:
            problems = _setting_mismatch(self.claim_settings, c.s)
            if problems:
                self.flags.add("setting_mismatch")
                self.notes.append(
                    f"The claim's setting ({_settings_text(self.claim_settings)}) differs "
                    f"from {_source_name(c.s.source)}'s {c.info.name} run "
                    f"({c.s.setting or 'setting not stated'}): " + "; ".join(problems) + "."
                )

    def _flag_variants(self, cmps: list[_Cmp]) -> None:
        for mid in [self.subject, *self.targets]:
            info = self.registry.models.get(mid or "")
            if info and info.variant.lower() in _RISKY_VARIANTS:
                self.flags.add("variant")
                self.notes.append(
                    f"{info.name} is {_article(info.variant)} {info.variant} build, not a "
                    "generally released model."
                )
        seen: set[str] = set()
        compared = {self.subject, *self.targets, *self.standin_of}
        for c in cmps:
            for row in (c.s, c.t):
                base = self.standin_of.get(row.model_id or "")
                if base and row.model not in seen:
                    seen.add(row.model)
                    self.flags.add("variant")
                    self.notes.append(
                        f"{_source_name(row.source)} evaluated only '{row.model}', a serving "
                        f"build of {_model_name(self.registry, base)}; its score stands in for "
                        "the released model."
                    )
                    continue
                if row.model_id not in compared:
                    continue
                info = self.registry.models.get(row.model_id or "")
                if info is None or row.model in seen:
                    continue
                marks = _variant_marks(row.model)
                released = _variant_marks(info.name) | _variant_marks(info.id)
                extra = marks - released
                if extra:
                    seen.add(row.model)
                    self.flags.add("variant")
                    self.notes.append(
                        f"{_source_name(row.source)} evaluated '{row.model}' "
                        f"({', '.join(sorted(extra))}), a serving variant of {info.name}, not "
                        "necessarily the released weights."
                    )

    def _flag_cost(self) -> None:
        if self.claim.relation not in ("surpasses", "matches", "approaches"):
            return
        sp = _cheapest(self.prices, self.subject)
        for target in self.targets:
            tp = _cheapest(self.prices, target)
            if sp is None or tp is None:
                continue
            if _blended(sp) > _blended(tp) * 1.05:
                self.flags.add("cost")
                self.notes.append(
                    f"{self._sname} costs {_price_text(sp)} vs "
                    f"{_model_name(self.registry, target)} {_price_text(tp)} per million "
                    f"input/output tokens ({sp.provider} vs {tp.provider}, list prices "
                    f"as of {sp.as_of}): the comparison is at a higher price."
                )


_FLAG_ORDER = (
    "noise",
    "cherry_picked",
    "self_reported_only",
    "contamination_risk",
    "stale_target",
    "setting_mismatch",
    "variant",
    "cost",
)
_OUTCOME_WORD = {"win": "ahead", "loss": "behind", "tie": "inside the noise"}
_REL_WORD = {
    "surpasses": "surpasses",
    "matches": "matches",
    "approaches": "comes close to",
    "trails": "trails only",
    "best_in_group": "leads",
}
_VERDICT_RANK = {"supported": 0, "unverifiable": 1, "overstated": 2, "contradicted": 3}


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two ISO dates; unknown dates sort last."""
    if not a or not b:
        return 10**6
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10**6


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _worst(a: str, b: str) -> str:
    return a if _VERDICT_RANK[a] >= _VERDICT_RANK[b] else b


def _combine(verdicts: list[str]) -> str:
    """Several targets: the claim holds only as far as its weakest comparison."""
    checked = [v for v in verdicts if v != "unverifiable"]
    if not checked:
        return "unverifiable"
    out = checked[0]
    for v in checked[1:]:
        out = _worst(out, v)
    return out


def _settings_text(s: dict[str, str]) -> str:
    parts = []
    if "shots" in s:
        parts.append(f"{s['shots']}-shot")
    if "cot" in s:
        parts.append("CoT")
    if "k" in s:
        parts.append(s["k"])
    return ", ".join(parts)


def _cheapest(prices: Sequence[Price], mid: str | None) -> Price | None:
    rows = [p for p in prices if mid and p.model_id == mid and _blended(p) > 0]
    return min(rows, key=_blended) if rows else None


def _blended(p: Price) -> float:
    """A 3:1 input:output blend, the usual way list prices are compared."""
    i = p.input_usd_per_mtok or 0.0
    o = p.output_usd_per_mtok or 0.0
    return (3 * i + o) / 4


def _price_text(p: Price) -> str:
    return f"${p.input_usd_per_mtok or 0:.2f}/${p.output_usd_per_mtok or 0:.2f}"
