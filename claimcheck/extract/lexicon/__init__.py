"""The extractor's rules as data: cue phrases, hedges, settings and name shapes.

Every pattern here is a regular expression over a sentence's text. Keeping them in one package
(rather than inside the matching code) makes the rules reviewable: a reader can see exactly
which wordings count as "surpasses" or as a hedge, and the corpus tests show what each change
does. Relation vocabulary follows DESIGN.md. The tables live in four modules by what they
decide: `triggers` (which sentences are worth reading), `cues` (the relation wordings),
`clauses` (what vetoes or qualifies a cue: negation, aims, non-model subjects, hedges, groups)
and `names` (model and benchmark name shapes); the rules read them all as `lexicon.X`.
"""

from __future__ import annotations

from claimcheck.extract.lexicon.clauses import (
    ASPIRATION,
    CLAUSE_BREAK,
    GENERIC,
    GROUP_HEAD,
    GROUP_QUALIFIER,
    HUMAN_COMPARATOR,
    IMPLICIT_SUBJECT,
    LABEL,
    LEGEND,
    NEGATION_BEFORE,
    NON_MODEL_ASPECT,
    NON_MODEL_PREDICATE,
    NON_MODEL_SUBJECT,
    NUMBER,
    PARTICIPLE,
    PREDICATE_BEFORE,
    PRONOUN_TARGET,
    QUANTIFIER,
    QUANTIZED,
    RANK_CONTEXT,
    REPORTING,
    SETTING,
    SETUP,
    SIZE,
    SPEECH,
    TARGET_GROUP,
    USAGE,
)
from claimcheck.extract.lexicon.cues import (
    ANCHORS_WITHIN,
    CUE_ANCHORS,
    CUE_PATTERNS,
    CUES_BY_ANCHOR,
)
from claimcheck.extract.lexicon.names import (
    BENCH_ITEM,
    BENCH_LIST,
    BENCHMARK_CANONICAL,
    BENCHMARK_NAMES,
    FAMILY_MODEL,
    LAUNCH_VERB,
    LEADERBOARD_NAME,
    MODEL_FAMILY_WORDS,
    NOT_A_MODEL,
    PREP_BENCH_LIST,
    TITLE_STOPWORDS,
    UNKNOWN_MODEL,
    VARIANT_SUFFIX,
)
from claimcheck.extract.lexicon.triggers import PREFILTER_TEXT, TRIGGER_WORDS

__all__ = [
    "ANCHORS_WITHIN",
    "ASPIRATION",
    "BENCHMARK_CANONICAL",
    "BENCHMARK_NAMES",
    "BENCH_ITEM",
    "BENCH_LIST",
    "CLAUSE_BREAK",
    "CUES_BY_ANCHOR",
    "CUE_ANCHORS",
    "CUE_PATTERNS",
    "FAMILY_MODEL",
    "GENERIC",
    "GROUP_HEAD",
    "GROUP_QUALIFIER",
    "HUMAN_COMPARATOR",
    "IMPLICIT_SUBJECT",
    "LABEL",
    "LAUNCH_VERB",
    "LEADERBOARD_NAME",
    "LEGEND",
    "MODEL_FAMILY_WORDS",
    "NEGATION_BEFORE",
    "NON_MODEL_ASPECT",
    "NON_MODEL_PREDICATE",
    "NON_MODEL_SUBJECT",
    "NOT_A_MODEL",
    "NUMBER",
    "PARTICIPLE",
    "PREDICATE_BEFORE",
    "PREFILTER_TEXT",
    "PREP_BENCH_LIST",
    "PRONOUN_TARGET",
    "QUANTIFIER",
    "QUANTIZED",
    "RANK_CONTEXT",
    "REPORTING",
    "SETTING",
    "SETUP",
    "SIZE",
    "SPEECH",
    "TARGET_GROUP",
    "TITLE_STOPWORDS",
    "TRIGGER_WORDS",
    "UNKNOWN_MODEL",
    "USAGE",
    "VARIANT_SUFFIX",
]
