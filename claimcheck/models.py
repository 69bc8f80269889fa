"""The plain data that flows through the pipeline.

Every stage (fetch, extract, resolve, judge, report) is a function over these frozen
dataclasses, so each can be tested without the TUI, the network or the database. The store
persists them; the shells only display them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

EvalKind = Literal["independent", "self_reported"]
Relation = Literal["surpasses", "matches", "approaches", "best_in_group", "trails"]
Scope = Literal["specific", "broad"]
VerdictName = Literal["supported", "overstated", "contradicted", "unverifiable"]

RELATIONS: tuple[str, ...] = ("surpasses", "matches", "approaches", "best_in_group", "trails")
VERDICTS: tuple[str, ...] = ("supported", "overstated", "contradicted", "unverifiable")
FLAGS: tuple[str, ...] = (
    "noise",
    "cherry_picked",
    "self_reported_only",
    "contamination_risk",
    "stale_target",
    "setting_mismatch",
    "variant",
    "cost",
)


@dataclass(frozen=True)
class Evaluation:
    """One published number: a model's score on a benchmark, from one source and snapshot.

    `model` and `benchmark` are exactly as the source writes them; `model_id` and
    `benchmark_id` are the canonical ids once resolved (None when the registry does not know
    the name). `snapshot` is the SHA-256 of the file the row came from. A row with a `system`
    scores that agent system, and `model` is then the model it runs as the board names it
    (or the system's name when the board names none or several).
    """

    model: str
    benchmark: str
    metric: str
    score: float
    source: str
    as_of: str
    setting: str = ""
    ci_low: float | None = None
    ci_high: float | None = None
    stderr: float | None = None
    source_url: str = ""
    snapshot: str = ""
    notes: str = ""
    kind: EvalKind = "independent"
    reported_by: str | None = None
    derived: bool = False
    model_id: str | None = None
    benchmark_id: str | None = None
    document: str | None = None  # the article a vendor table was parsed from, if any
    # The agent system (scaffold + model) the score belongs to, as the board names it, when
    # the row measures a system rather than the model alone (SWE-bench's Verified board);
    # empty when every model ran in the same harness (SWE-bench bash-only, Aider, LiveBench).
    system: str = ""


@dataclass(frozen=True)
class ModelInfo:
    """A canonical model in the registry.

    `family` is the model line without its snapshot date: every snapshot of GPT-4o shares
    one family, while sizes, versions and base/instruct variants are different families.
    """

    id: str
    name: str
    org: str
    family: str
    version: str = ""
    size: str = ""
    variant: str = ""  # base | instruct | chat | experimental | preview | quantized ...
    release_date: str | None = None
    open_weights: bool | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class BenchmarkInfo:
    """A canonical benchmark: what noise margins and caveats are computed from."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    items: int | None = None
    metric_kind: str = "accuracy"  # accuracy | pass@1 | win_rate | elo | score
    higher_is_better: bool = True
    scale: float = 100.0  # the score of a perfect result (100 for %, 10 for 0-10, 0 for Elo)
    caveats: tuple[str, ...] = ()  # saturated, contamination_risk, llm_judged, gameable
    category: str = ""
    # metrics (as sources name them) that are this benchmark's headline number; rows with other
    # metrics (raw vs length-controlled, edit-format rate) are shown but not tallied
    primary_metrics: tuple[str, ...] = ()


def is_headline(info: BenchmarkInfo | None, metric: str | None) -> bool:
    """Is a row with this metric one of its benchmark's headline numbers (any metric is, when
    the benchmark names none; none is, for a benchmark the registry does not know)? Only
    headline rows are tallied (the judge), compared (the model view) or gapped (the ledger)."""
    return info is not None and (not info.primary_metrics or metric in info.primary_metrics)


@dataclass(frozen=True, eq=False)
class Domain:
    """What the judge knows about sources and builds beyond models and benchmarks, from the
    registry CSVs `leaderboards.csv`, `benchmark_families.csv` and `variant_markers.csv`.

    Empty by default: a registry built in code knows no leaderboards. Compared (and hashed)
    by identity, so the judge can keep its lookups per domain.
    """

    source_names: Mapping[str, str] = field(default_factory=dict)  # source -> display name
    # source -> the benchmark id of the board's own average, where that is its headline
    board_averages: Mapping[str, str] = field(default_factory=dict)
    sliced_boards: frozenset[str] = frozenset()  # boards whose parts re-rate the same votes
    # family -> member benchmark ids, headline first
    benchmark_families: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    name_markers: tuple[str, ...] = ()  # words in a source's model name: not the release
    unreleased_variants: frozenset[str] = frozenset()  # registry variants: not a release
    standin_suffixes: tuple[str, ...] = ()  # "<id>-<suffix>" is a serving build of <id>


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a name written in text or by a source."""

    text: str
    id: str | None
    family: str | None = None
    method: str | None = None  # exact | normalised | fuzzy | as_of | None
    score: float = 0.0
    candidates: tuple[str, ...] = ()
    # a bare name on a date: versions of the line whose release date is unknown, so which one
    # was current cannot be told for certain (empty when every version is dated)
    undated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Price:
    """An API list price in USD per million tokens, resolved to a model where possible."""

    model_key: str
    provider: str
    input_usd_per_mtok: float | None
    output_usd_per_mtok: float | None
    as_of: str
    source: str
    model_id: str | None = None


@dataclass(frozen=True)
class Document:
    """An article or file to check: an announcement, a README, a draft."""

    text: str
    path: str = ""  # file path or URL
    title: str = ""
    date: str | None = None  # YYYY-MM-DD, the claim date for resolution
    source: str = ""
    sha256: str = ""
    url: str = ""  # where it is published (front matter, canonical link, the fetched URL)
    author: str = ""  # the organisation that published it (front matter or HTML meta)


@dataclass(frozen=True)
class Mention:
    """A name as written in the text, with its resolved canonical id (None if unknown)."""

    text: str
    id: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Claim:
    """A comparative claim found in a document, as DESIGN.md defines it."""

    text: str
    start: int
    end: int
    subject: Mention | None
    relation: str
    targets: tuple[Mention, ...] = ()
    target_group: str | None = None
    benchmarks: tuple[Mention, ...] = ()
    scope: str = "specific"
    quantifier: str | None = None
    numbers: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    checkworthiness: float = 0.0
    negated: bool = False


@dataclass(frozen=True)
class Evidence:
    """One comparison behind a verdict: subject vs target on one benchmark from one source."""

    benchmark: str
    source: str
    subject_score: float
    target_score: float
    difference: float
    margin: float
    as_of: str
    metric: str = ""
    setting: str = ""
    margin_method: str = ""  # "95% CI from source" | "source SE" | "binomial SE, n=164" ...
    subject_model: str = ""
    target_model: str = ""
    kind: EvalKind = "independent"
    snapshot: str = ""
    outcome: str = ""  # win | loss | tie (within margin) | unmeasured (no noise estimate)
    source_url: str = ""  # the pinned file the subject's number comes from


@dataclass(frozen=True)
class Verdict:
    verdict: str
    flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    tally: str | None = None  # "wins 3 of 8"


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict


@dataclass(frozen=True)
class CheckedDocument:
    document: Document
    claims: tuple[CheckedClaim, ...] = ()
    vendor_rows: tuple[Evaluation, ...] = field(default=())
    error: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """A file that evaluations were imported from, pinned by its SHA-256."""

    sha256: str
    source: str
    file_name: str
    source_url: str = ""
    as_of: str = ""
    kind: str = "independent"
