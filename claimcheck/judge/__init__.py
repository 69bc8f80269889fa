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
    releases that both models appear in, the newest one is used, for every claim (the setting
    with its dates removed names the series); the older ones are listed in a reason with
    their numbers and kept as evidence, never counted. Only a benchmark's `primary_metrics`
    are tallied; other metrics of the same benchmark (raw vs length-controlled, edit-format
    rate) are never evidence. Boards that score agent systems (SWE-bench Verified/Lite) give
    each system its own setting, so a system is compared with nothing but itself; models are
    compared where every model ran in one harness (SWE-bench bash-only, Epoch AI), and a
    vendor's scaffold number against such a run is a `setting_mismatch` shown with both.

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

No noise estimate: one rule for leads and deficits.
    Where neither row has a CI, SE or item count (LiveBench averages, MixEval subsets, Elo
    tables without intervals) the size of the noise is unknown, and the comparison is read the
    same way whichever side the difference falls on: it is neither a clear win nor a clear
    loss (evidence outcome "unmeasured"), so alone it can neither support a claim that needs a
    lead nor contradict one. On one benchmark, rows with a noise estimate outvote rows without
    one. Item counts are added to the registry only where the published size is certain, never
    guessed to make a difference decisive.

Relations, as a careful reader reads them.
    surpasses      every named benchmark must be a win; ties make it `overstated` (noise),
                   losses `contradicted`.
    matches        parity: ties (and leads) agree; a loss beyond the margin does not.
    approaches     "close to": the subject may trail by up to max(margin, 5 points on a 0-100
                   scale, 20 Elo points); trailing by more than twice that is `contradicted`.
    trails         "second only to X": the subject must not lead X beyond the margin, and no
                   other model of the field (same rows, released by the claim date, of the
                   claim's target group if any) may lead the subject beyond the margin.
    best_in_group  no member of the group released by the claim date may lead the subject
                   beyond the margin (broad: the combined rule below, per benchmark against the
                   group's strongest member).

Breadth: the combined evidence.
    A broad claim is judged on every independent benchmark both models have, each benchmark
    family voting once: its reading (clear win, inside the noise, clearly against), its
    direction (ahead or behind) and, where it has a noise estimate, z = difference / SE. The
    combined evidence is Stouffer's z = sum(z) / sqrt(k) over the k benchmarks with one, and
    it is said in the reasons. `supported` when the subject clears the hedge's share on clear
    wins, or is ahead on that share and the combined z is beyond +1.96 (seven small leads are
    evidence together); `contradicted` when it has no clear win and a clear loss, or clear
    losses on two thirds, or (the same rule the other way) no clear win, behind on two thirds
    and a combined z below -1.96; `overstated` otherwise, with `cherry_picked` when it wins
    some and loses others. Hedges set the share: none a clear majority (two thirds), "most"
    more than half, "several"/"many" two clear wins, "some" one, "overall" the combined z
    alone, "across the board"/"all" ahead everywhere it can be told and behind nowhere.
    Parity ("matches") needs the share on benchmarks not clearly against and no combined z
    below -1.96.

Scope: the claim that was made.
    Domain words in the claim's own clause ("better at coding", "in math tasks"; the phrases
    of each category are data, `categories.csv`) narrow a broad claim to that category of
    benchmarks; a vision or audio model's broad claim is about its modality; a stress
    ("particularly on coding") does not narrow. Inside a domain a leaderboard counts once by
    its rating for that domain (LMArena's coding rating, LiveBench Coding), and the reason
    names it. A group phrase is read for what it names (`parse_group`): open or closed
    weights, a size band said in the label, base models, the vendor's own (earlier) line-up,
    "much larger models" as the typical (median) larger model, named examples ("such as A and
    B") as the whole field, "its predecessor" / "the 72B model" as one registry model, and
    "baselines" as nothing to compare with. A bare open-weights name ("Qwen2-72B") is the
    instruct checkpoint when the claim compares it with chat or API models or speaks of chat
    use, the base when it speaks of base models; either inference is said, with `variant`.

One leaderboard counts once.
    A careful reader does not count one leaderboard eight times. In a tally, each
    (benchmark family, source) contributes one headline row; the other rows of that family and
    source stay in the evidence, marked in a reason as not counted:
    - a leaderboard that publishes an average of its own parts counts by that average only:
      LiveBench's global average (not its categories), the HF Open LLM Leaderboard v1/v2
      averages (not their MMLU, GSM8K, IFEval ... columns). Where the average has no noise
      estimate and its parts do (HF v1/v2), the board's one vote is the combined z of those
      parts, so an average cannot veto its own per-task results. LMArena's category ratings
      are slices of the same votes as its overall rating: a broad claim reads the overall
      rating alone;
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

The package.
    `index` (EvaluationIndex) and `table` (rows paired like with like) hold the evidence;
    `noise` and `compare` make one comparison with its margin; `tally` adds a broad claim's
    comparisons up; `groups` and `wording` read the claim's group phrase and its own words;
    `domain` makes the judge's lookups from the registry's domain tables; `prose` says it all in
    English. A judgement is one object built in layers, each module using only the ones
    below it: `state`, `vendor`, `flags`, `rules`, `field`, `pairwise`, and `judgement`
    (`judge()`) on top. The names other modules use are re-exported here.
"""

from __future__ import annotations

from claimcheck.judge.compare import CLOSE_ELO, CLOSE_POINTS_SHARE
from claimcheck.judge.domain import RegistryLike, domain_of, source_name
from claimcheck.judge.domain import _standin_re as _standin_re
from claimcheck.judge.field import MAX_FIELD_ROWS
from claimcheck.judge.groups import Group, group_filter, parse_group
from claimcheck.judge.index import ClaimRows, EvaluationIndex
from claimcheck.judge.index import _slice_parts as _slice_parts
from claimcheck.judge.judgement import judge
from claimcheck.judge.noise import Z95
from claimcheck.judge.tally import CLEAR_MAJORITY
from claimcheck.judge.tally import _hedge as _hedge

__all__ = [
    "CLEAR_MAJORITY",
    "CLOSE_ELO",
    "CLOSE_POINTS_SHARE",
    "MAX_FIELD_ROWS",
    "Z95",
    "ClaimRows",
    "EvaluationIndex",
    "Group",
    "RegistryLike",
    "domain_of",
    "group_filter",
    "judge",
    "parse_group",
    "source_name",
]
