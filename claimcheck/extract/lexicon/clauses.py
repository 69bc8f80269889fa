"""What the words around a cue decide: negation, aims, subjects that are not models, hedges,
settings, groups, reporting verbs and the clause structure the rules walk.
"""

from __future__ import annotations

import re

# Words a few characters before a cue that negate it ("does not yet match").
NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\byet\s+to|\bfails?\s+to|\bcannot|\bno\s+longer)(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)

# A cue about something that is not model quality: the comparison's subject or predicate is
# an engine, a price, a dataset, a context length ...
NON_MODEL_SUBJECT = re.compile(
    r"\b(?:engine|stack|server|serving|kernels?|cluster|gpus?|hardware|tokeni[sz]er|"
    r"vocabulary|dataset|corpus|data|license|licen[cs]e|price|pricing|cost|costs|revenue|"
    r"quarter|team|company|card|latency|throughput|context|window|api|platform|library|"
    r"framework|runtime|compiler|chip|infrastructure|pipeline|customers?|sales|"
    r"method|approach|algorithm|technique|recipe|objective|strategy|loss|mechanism|procedure|"
    r"architecture|prompt|prompting|decoding|sampling|filtering|deduplication|hyperparameters?|"
    r"ablations?)\b",
    re.IGNORECASE,
)
NON_MODEL_PREDICATE = re.compile(
    r"\b(?:faster|cheaper|slower|latency|throughput|tokens per second|price|cost|costs|"
    r"memory use|in revenue|context length|longer context|per million|size\s+of|in\s+size|FLOPs|"
    r"parameter counts?|token capacity|vocabulary)\b",
    re.IGNORECASE,
)
# The comparison is said to be about something other than quality: "beats X in terms of
# token capacity", "outperforms vLLM on throughput", "matches it in inference speed".
NON_MODEL_ASPECT = re.compile(
    r"\b(?:in\s+terms\s+of\s+(?:\w+\s+)?(?:throughput|latency|speed|price|pricing|cost|costs|"
    r"memory|context|tokens?|token\s+capacity|efficiency|FLOPs|compute|energy|size|parameters)"
    r"|(?:on|in)\s+(?:inference\s+|generation\s+|decoding\s+|serving\s+)?"
    r"(?:throughput|latency|speed|price|pricing|cost|memory\s+use|tokens\s+per\s+second))\b",
    re.IGNORECASE,
)
# Comparisons with people, quantized copies of the same weights: not model-vs-model claims.
HUMAN_COMPARATOR = re.compile(
    r"\b(?:humans?|human[- ](?:level|expert|experts|performance|baselines?|raters?)|experts?|"
    r"students?|annotators?|people|professionals?|doctors?|physicians?|radiologists?|lawyers?|"
    r"crowd-?workers?|ph\.?d\.?s?)\b",
    re.IGNORECASE,
)
QUANTIZED = re.compile(
    r"\b(?:quanti[sz]\w*|full[- ]precision|non[- ]quanti[sz]ed|fp16|bf16|fp8|int[48]|"
    r"[2-8][- ]bit|gguf|awq|gptq)\b",
    re.IGNORECASE,
)
# Aims, plans and predictions are not results ("striving to match", "plans to release a
# GPT-4 level model", "may soon rival"): looked for in the clause before the cue.
ASPIRATION = re.compile(
    r"\b(?:aim(?:s|ed|ing)?\s+(?:to|at)|(?:aim|goal|ambition|mission|intention|plan|hope)\s+"
    r"(?:is|was)\s+to|goal\s+(?:is|was)|strives?\s+to|striving|endeavou?r\w*|"
    r"hopes?\s+(?:to|that)|hoping|plans?\s+to|planning\s+to|working\s+to|work\s+towards?|"
    r"intends?\s+to|seeks?\s+to|wants?\s+to|expects?\s+to|expected\s+to|will|would|could|"
    r"might|going\s+to|designed\s+to|built\s+to|meant\s+to|poised\s+to|"
    r"(?-i:may)|soon|eventually|someday|in\s+the\s+future)\b",
    re.IGNORECASE,
)
# Statements about models in general: "larger models generally perform better".
GENERIC = re.compile(
    r"\b(?:in\s+general|generally|typically|usually|tends?\s+to|often|commonly|"
    r"traditionally|as\s+a\s+rule)\b",
    re.IGNORECASE,
)
# "the best way to", "for the best results, set ...", "we recommend X for the best
# performance": a superlative about usage, not about a model's standing.
USAGE = re.compile(
    r"\b(?:to\s+(?:achieve|get|obtain|ensure|reach|attain|maximi[sz]e)\s+(?:the\s+)?"
    r"(?:best|top|optimal|peak|maximum)|for\s+(?:the\s+)?(?:best|top|optimal|peak)\s+"
    r"(?:results?|performance|quality|experience|accuracy)|recommend\w*|suggest\w*|advis\w*|"
    r"best\s+ways?\b|best\s+practices?|best\s+(?:to|if)\b|enable\w*|set\s+the)\b",
    re.IGNORECASE,
)
# Table legends and definitions: "the best scores are in bold", "'Best Baseline' refers to".
LEGEND = re.compile(
    r"\b(?:bold(?:ed|face)?|underlin\w*|highlighted|in\s+bold|denotes?|refers?\s+to|"
    r"is\s+defined|stands\s+for|marks?|marked|indicates?\s+the|higher\s+is\s+better|"
    r"lower\s+is\s+better)\b",
    re.IGNORECASE,
)
# Words of an evaluation set-up: a superlative after them names the baselines ("we compare
# with the strongest open models"), unless the superlative is predicated of the subject.
SETUP = re.compile(
    r"\b(?:compare[sd]?|comparing|comparison|evaluat(?:e|es|ed|ing)|benchmark(?:s|ed|ing)?\s+"
    r"(?:it|them|the|our|against|with)|tested|assess(?:es|ed|ing)?|measur(?:e|es|ed|ing)|"
    r"baselines?|includ(?:e|es|ed|ing)|against|versus|alongside|such\s+as|like)\b",
    re.IGNORECASE,
)
# What stands right before a superlative that is said of the subject ("is the best",
# "achieves state-of-the-art", "sets a new record", "ranks as the strongest").
PREDICATE_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|be|been|being|becomes?|became|remains?|achiev(?:e|es|ed|ing)|"
    r"attain(?:s|ed|ing)?|sets?|setting|deliver(?:s|ed|ing)?|reach(?:es|ed|ing)?|"
    r"establish(?:es|ed|ing)|obtain(?:s|ed|ing)?|show(?:s|ed|ing|cases?)?|"
    r"demonstrat(?:e|es|ed|ing)|offer(?:s|ed|ing)?|provid(?:e|es|ed|ing)|yield(?:s|ed|ing)?|"
    r"posts?|posted|record(?:s|ed|ing)?|ranks?|ranked|ranking|stands?|stood|emerges?|emerged|"
    r"claims?|claimed|takes?|took|holds?|held|earns?|earned|reclaims?|retains?|scores?|scored|"
    r"exhibit(?:s|ed|ing)?|boasts?|brings?|gets?|got|hits?|marks?|makes?|made|refresh(?:es|ed)?|"
    r"has|have|had|possess(?:es)?|leads?|led|"
    r"push(?:es|ed)?|as|one\s+of|among)"
    r"(?:\s+(?:the|a|an|new|its|their|our|truly|consistently|also|now|currently|clearly|"
    r"easily|genuinely|undisputed|very|overall|\w+ly|[\w-]+-level|\d+\w*)){0,3}\s*$"
    r"|^\W*$)",
    re.IGNORECASE,
)
# A bullet label before the claim ("Code Generation: ...", "**Reasoning:**").
LABEL = re.compile(r"^\W*(?:[\w&/+'’()-]+\s+){0,7}?[\w&/+'’()-]+\s*[:：]\s+")
# Reporting verbs: the claim's subject is in the clause they introduce ("DeepSeek claims R1
# matches ...", "the company reports that ...").
REPORTING = re.compile(
    r"\b(?:claims?|claimed|says?|said|reports?|reported|notes?|noted|argues?|argued|states?|"
    r"stated|believes?|believed|asserts?|asserted|boasts?|boasted|touts?|touted|insists?|"
    r"announced|suggests?|suggested|shows?|showed|shown|finds?|found|discovered|indicates?|"
    r"indicated|reveals?|revealed|demonstrates?|demonstrated|confirms?|confirmed|discover(?:s|ed)?|"
    r"observe[sd]?|notice[sd]?|see|saw|learn(?:s|ed)?)"
    r"(?:\s+that)?\s+",
    re.IGNORECASE,
)

# Where a claim's clause ends: another claim may follow with its own cue.
CLAUSE_BREAK = re.compile(r";|\s(?:but|while|whereas|although|though|yet)\s", re.IGNORECASE)
# ", achieving the best balance in terms of speed": a participle opens another predicate, so
# what it is about is not what the claim before it is about
PARTICIPLE = re.compile(
    r",\s+(?:(?:even|thus|thereby|further|also)\s+)?(?!(?:including|excluding|according|"
    r"leading|following|spanning|covering|ranging|using)\b)[a-z]+ing\b",
    re.IGNORECASE,
)

IMPLICIT_SUBJECT = re.compile(
    r"\b(?:it|we|they|these|(?:our|the|this|its|these|those|their|an?|each|every)\s+"
    r"(?:[\w.-]+\s+){0,3}?"
    r"(?:model|models|version|versions|variant|variants|release|flagship|system|systems|"
    r"checkpoint|checkpoints|llm|llms|vlm|vlms|family|series|one|ones))\b"
    r"|\bits\s+(?:\w+\s+)?(?:effect|performance|scores?|results?|accuracy|capabilit(?:y|ies))\b"
    r"|^\W*(?:it|we|they)\b",
    re.IGNORECASE,
)
PRONOUN_TARGET = re.compile(r"^\W*(?:it|them|this|that)\b", re.IGNORECASE)

SIZE = re.compile(r"\b(\d+(?:\.\d+)?)\s*([BM])\b", re.IGNORECASE)

_GROUP_HEAD = (
    r"(?:models?|llms?|vlms?|lmms?|mllms?|rms?|systems?|peers|competitors|rivals|assistants|"
    r"baselines?|alternatives|counterparts|predecessors?|generation|versions?|releases?|"
    r"variants|checkpoints?|chatbots?|agents|teachers?|siblings?|entries|offerings|opponents|"
    r"contenders|ones|competition|sotas|human\s+experts)"
)
GROUP_HEAD = re.compile(
    _GROUP_HEAD + r"|\b(?:class|size|category|state[- ]of[- ]the[- ]art|sotas?|best|flagship|"
    r"strongest|top|latest|leading)\b",
    re.IGNORECASE,
)
TARGET_GROUP = re.compile(
    r"\b(?:(?:all|other|every|any|most|many|several|some|leading|comparable|"
    r"similar(?:ly)?[- ]sized|"
    r"much|far|larger|smaller|small|frontier|its|their|our|the|previous|prior|earlier|existing|"
    r"current|strong|stronger|established|specialized|specialised|proprietary|closed|open|"
    r"commercial|bigger|dense|popular|top|best|strongest|majority\s+of)\s+)*"
    r"(?:(?:[\w.'’-]+)\s+){0,3}?"
    + _GROUP_HEAD
    + r"(?:\s+(?:of|in|under|below|above|with|twice|more\s+than|up\s+to|at|from)\s+"
    r"(?:[\w.-]+\s+){0,4}?(?:size|sizes|scale|class|category|parameters|labs?|companies|"
    r"[\d.]+\s*[BM]|its\s+size|their\s+size|the\s+parameters))?\b"
    r"|\b(?:the\s+)?(?:previous\s+|current\s+|prior\s+|existing\s+)?"
    r"(?:state[- ]of[- ]the[- ]art|sotas?)"
    r"(?![\w(-])(?!\s+(?!(?:in|on|at|for|across|with|by|and|or|while|when|among)\b)[A-Za-z(])"
    r"|\b[\w.-]+['’]s\s+(?:best|flagship|strongest|top|latest|leading)"
    r"(?:\s+(?:[\w-]+\s+){0,2}?(?:models?|offerings?|systems?))?\b"
    r"|\b(?:its|their)\s+(?:[\w-]+\s+)?(?:class|size|category|weight\s+class)"
    r"(?:\s+category)?\b",
    re.IGNORECASE,
)

GROUP_QUALIFIER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:(?:with\s+)?(?:under|below|less\s+than|fewer\s+than|up\s+to|"
    r"of|in|at|among|within|for)\s+(?:(?:its|their|the|a)\s+)?(?:[\w.-]+\s+){0,4}?"
    r"(?:parameters|params|size|sizes|scale|class|category|weight\s+class|[\d.]+\s*[BM]\b)"
    r"(?:\s+(?:class|scale|range|category))?)",
    re.IGNORECASE,
)

QUANTIFIER = re.compile(
    r"\b(?:on|in|across)\s+(?:most|many|several|some|all|nearly\s+all|almost\s+all|the\s+"
    r"majority\s+of|a\s+(?:wide|broad)\s+(?:range|set|suite|array|variety)\s+of|a\s+number\s+of|nearly\s+every|every)\s+"
    r"(?:\w+\s+){0,2}?(?:benchmarks?|tasks?|evaluations?|categories|metrics|tests)"
    r"|\b(?:on|in)\s+\d+\s+(?:out\s+)?of\s+(?:the\s+)?\d+(?:\s+\w+)?"
    r"|\bacross\s+the\s+board\b|\boverall\b|\bon\s+average\b|\balmost\b|\bnearly\b"
    r"|\bslightly\b|\broughly\b|\bmost\s+benchmarks\b",
    re.IGNORECASE,
)

SETTING = re.compile(
    r"\b(?:\d+|zero|one|few|five|eight)[- ]shot(?:\s+CoT)?\b"
    r"|\bCoT\b|\bchain[- ]of[- ]thought\b"
    r"|\b(?:pass|maj|cons)@\d+\b"
    r"|\bwith(?:out)?\s+tools?\b|\btool[- ]use\b"
    r"|\bgreedy\s+decoding\b|\bhigh[- ]compute\b|\blength[- ]controlled\b",
    re.IGNORECASE,
)

NUMBER = re.compile(r"(?<![\w.@-])(\d+(?:\.\d+)?%?)(?![\w@-]|\.\d)")

# Words that put a rank on a leaderboard rather than a music chart or a sales list.
RANK_CONTEXT = re.compile(
    r"\b(?:leaderboards?|arenas?|benchmarks?|rankings?|ranked|elo|boards?|evals?|evaluations?|"
    r"models?|llms?|scores?|tasks?)\b",
    re.IGNORECASE,
)

# After a pronoun, a verb of saying makes it the reporter, not the subject ("a model that it
# claims outperforms X"); a verb of showing does so only with "that" ("it shows that ...").
SPEECH = re.compile(
    r"\s+(?:(?:claims?|claimed|says?|said|reports?|reported|notes?|noted|argues?|argued|states?|"
    r"stated|believes?|believed|asserts?|asserted|boasts?|touts?|insists?|announced)\b"
    r"|(?:shows?|showed|demonstrates?|demonstrated|finds?|found|indicates?|reveals?|suggests?|"
    r"confirms?|discovered|observed|notices?)\s+that\b)",
    re.IGNORECASE,
)
