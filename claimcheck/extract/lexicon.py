"""The extractor's rules as data: cue phrases, hedges, settings and name shapes.

Every pattern here is a regular expression over a sentence's text. Keeping them in one module
(rather than inside the matching code) makes the rules reviewable: a reader can see exactly
which wordings count as "surpasses" or as a hedge, and the corpus tests show what each change
does. Relation vocabulary follows DESIGN.md.
"""

from __future__ import annotations

import re

# A cheap test run over the whole document first: only sentences holding one of these stems go
# through the costly rules (mention lookup, cue parsing, subject resolution).
PREFILTER = re.compile(
    r"outperform|surpass|\bbeat|exceed|ahead|outscor|edges? out|\bedge over|better|superior"
    r"|higher|lower|\bpar\b|parity|comparabl|rival|match|competitive|as good as|as strong as"
    r"|close to|closes?\b[^.]{0,20}gap|narrow|approach|within \w+ points?|shy of|level"
    r"|state[- ]of[- ]the[- ]art|\bsota\b|best|\btops?\b|top[- ]|\bleads?\b|leader|leading"
    r"|record|highest|strongest|most capable|most powerful|first model|second only|behind"
    r"|trail|falls? short|lags?\b|lagging|preferred|neck and neck|tied with|\bwins?\b"
    r"|improves? on|% of|quality of|ranks?\b|equal|\babove\b",
    re.IGNORECASE,
)

# The same test over token ids (lower case), which is much cheaper than a regular expression
# over the text: one of these words must occur in a sentence for the rules to run on it.
TRIGGER_WORDS = frozenset(
    [
        "outperform",
        "outperforms",
        "outperformed",
        "outperforming",
        "out-performs",
        "surpass",
        "surpasses",
        "surpassed",
        "surpassing",
        "beat",
        "beats",
        "beating",
        "exceed",
        "exceeds",
        "exceeded",
        "exceeding",
        "ahead",
        "outscore",
        "outscores",
        "outscored",
        "outscoring",
        "edge",
        "edges",
        "better",
        "superior",
        "higher",
        "lower",
        "par",
        "parity",
        "comparable",
        "comparably",
        "rival",
        "rivals",
        "rivaled",
        "rivalled",
        "rivaling",
        "rivalling",
        "match",
        "matches",
        "matched",
        "matching",
        "competitive",
        "competitively",
        "good",
        "strong",
        "capable",
        "close",
        "closes",
        "closing",
        "closed",
        "narrow",
        "narrows",
        "narrowed",
        "narrowing",
        "approach",
        "approaches",
        "approached",
        "approaching",
        "within",
        "shy",
        "level",
        "state",
        "sota",
        "best",
        "top",
        "tops",
        "lead",
        "leads",
        "leader",
        "leading",
        "record",
        "high",
        "highs",
        "highest",
        "strongest",
        "powerful",
        "first",
        "behind",
        "trail",
        "trails",
        "trailed",
        "trailing",
        "fall",
        "falls",
        "fell",
        "short",
        "lag",
        "lags",
        "lagged",
        "lagging",
        "preferred",
        "neck",
        "tied",
        "win",
        "wins",
        "improves",
        "improve",
        "quality",
        "rank",
        "ranks",
        "ranked",
        "equal",
        "equals",
        "equalled",
        "above",
        "second",
        "dethroned",
        "dethrones",
        "outshines",
        "outshone",
        "outclasses",
        "leapfrogs",
        "gains",
        "highest-ranked",
    ]
)
PREFILTER_TEXT = re.compile(r"%\s+of\b|state-of-the-art|-level\b|-class\b", re.IGNORECASE)

# Relation cues. Order matters only for readability; overlapping hits are resolved by taking
# the longest cue at a position. The group name is the relation.
_CUES: dict[str, list[tuple[str, str]]] = {
    "trails": [
        ("second only", r"second only to"),
        ("behind", r"\bbehind\s+only\b"),
        ("behind", r"\bonly\s+behind\b"),
        ("outperformed", r"(?:is|are|was|being)\s+(?:\w+\s+)?outperformed\s+(?:only\s+)?by"),
        ("outperformed", r"outperformed\s+only\s+by"),
        ("trail", r"\btrail(?:s|ed|ing)?(?:\s+only)?"),
        ("fall", r"falls?\s+(?:slightly\s+|just\s+|well\s+)?(?:short\s+of|behind)"),
        ("fell", r"fell\s+(?:short\s+of|behind)"),
        ("lag", r"\blag(?:s|ged|ging)?(?:\s+(?:slightly\s+|just\s+|far\s+)?behind)?"),
        (
            "behind",
            r"(?:is|are|sits?|ranks?|remains?|stays?|comes?|placed?|lands?"
            r")\s+(?:\w+\s+){0,2}?behind\b(?!\s+the\s+scenes)",
        ),
        ("good|strong|capable", r"not\s+(?:yet\s+)?(?:as\s+(?:good|strong|capable)\s+as)"),
        ("than", r"(?:scores?|scored|performs?|is|ranks?)\s+(?:\w+\s+)?(?:lower|worse)\s+than"),
        ("than", r"\blower\s+(?:score|scores|accuracy|results?)\s+than"),
    ],
    "approaches": [
        (
            "gap",
            r"(?:close|closes|closing|closed|narrows?|narrowing|narrowed)"
            r"\s+(?:\w+\s+){0,2}?(?:gap|distance)\s+(?:to|with|between)",
        ),
        (
            "match|equal",
            r"(?:nearly|almost|approximately|roughly|practically)\s+(?:match(?:es|ing)?|equals?)",
        ),
        ("approach", r"\bapproach(?:es|ing|ed)?(?!es\b)"),
        ("close", r"(?:very\s+|quite\s+)?close\s+to"),
        ("within", r"within\s+(?:\w+\s+){0,2}?points?\s+of"),
        ("shy", r"(?:just\s+)?shy\s+of"),
        ("almost", r"almost\s+as\s+(?:good|strong|capable)\s+as"),
        ("%", r"\d+(?:\.\d+)?\s*%\s+of\s+(?:[\w.'’-]+\s+){0,3}?(?:quality|performance|score)"),
    ],
    "matches": [
        ("par", r"on\s+(?:a\s+)?par\s+with"),
        ("parity", r"(?:at|reaches?|reaching|achieves?)\s+parity\s+with"),
        ("parity", r"parity\s+with"),
        ("comparabl", r"comparabl[ey]\s+(?:to|with)"),
        ("comparably", r"performs?\s+comparably"),
        ("rival", r"\brival(?:s|ed|ing|led|ling)?"),
        ("match", r"\bmatch(?:es|ed|ing)?(?:\s+or\s+(?:exceeds?|outperforms?|beats?|surpasses))?"),
        ("competitive", r"competitive(?:ly)?\s+(?:with|to)"),
        ("competitive", r"competitive\s+alternatives?\s+to"),
        ("competitively", r"performs?\s+competitively\s+with"),
        ("good|strong|capable", r"as\s+(?:good|strong|capable)\s+as"),
        ("tied", r"(?:statistically\s+)?tied\s+with"),
        ("neck", r"neck\s+and\s+neck\s+with"),
        ("level", r"(?:at|on)\s+the\s+(?:same\s+)?level\s+of"),
        ("level", r"-level\s+(?:quality|performance)"),
        ("level", r"\blevel\s+(?:quality|performance)"),
        ("class", r"-class\s+(?:quality|performance|results?|capabilit(?:y|ies))"),
        ("quality|performance", r"(?:reaches|reach|matches)\s+the\s+(?:quality|performance)\s+of"),
        ("equal", r"equal(?:s|led)?\s+(?:to\s+)?(?=[A-Z])"),
    ],
    "surpasses": [
        ("outperform", r"\boutperform(?:s|ed|ing)?"),
        ("dethrone", r"\bdethron(?:es|ed|ing|e)"),
        ("outshin", r"\boutshin(?:es|ed|ing|e)"),
        ("outclass", r"\boutclass(?:es|ed|ing)?"),
        ("leapfrog", r"\bleapfrog(?:s|ged|ging)?"),
        ("past", r"\b(?:edges?|pulls?|moves?|jumps?)\s+(?:ahead\s+of|past)"),
        ("win", r"\bwins?\s+against"),
        (
            "gain",
            r"(?:shows?|delivers?|brings?|achieves?)\s+(?:\w+\s+){0,2}?gains?\s+(?=on|in|over|across)",
        ),
        ("better", r"\bbetter\s+(?:at|in|on)\s+(?:[\w-]+\s+){1,3}?than"),
        ("surpass", r"\bsurpass(?:es|ed|ing)?"),
        ("beat", r"\bbeat(?:s|ing)?"),
        ("exceed", r"\bexceed(?:s|ed|ing)?"),
        ("outscor", r"\boutscor(?:es|ed|ing)"),
        ("perform", r"\bout-?performs?"),
        (
            "ahead",
            r"(?:is\s+|are\s+|stays?\s+|remains?\s+|ranks?\s+|comes?\s+)?"
            r"(?:\w+\s+)?ahead\s+of",
        ),
        ("edge", r"edges?\s+out"),
        ("edge", r"(?:an?|the)\s+edge\s+over"),
        ("better", r"(?:is|are|performs?|scores?|does)\s+(?:\w+\s+)?better\s+than"),
        ("better", r"\bbetter\s+than(?!\s+ever)"),
        ("superior", r"superior\s+(?:\w+\s+){0,2}?to"),
        ("higher", r"(?:scores?|scored|ranks?|performs?)\s+(?:\w+\s+)?higher(?:\s+than)?"),
        ("higher", r"\bhigher\s+(?:\w+\s+)?(?:score|scores|accuracy|results?|rating|elo)\s+than"),
        ("higher", r"\bis\s+higher\s+than"),
        ("preferred", r"preferred\s+(?:\w+[\w.-]*\s+){1,4}?over"),
        ("win", r"\bwins?\s+(?:on|in)\s+\d+\s+(?:of|out\s+of)"),
        ("improve", r"improves?\s+on\s+every"),
        ("lead", r"\bleads?\s+(?=on\b)"),
        ("above", r"(?:scores?\s+|scored\s+|ranks?\s+|ranked\s+|is\s+|,\s*)above\b"),
        ("better", r"\bbetter\s+(?:\w+\s+)?(?:results?|scores?|performance|accuracy)\s+than"),
    ],
    "best_in_group": [
        ("state", r"state[- ]of[- ]the[- ]art"),
        ("sota", r"\bSOTA\b"),
        (
            "best",
            r"(?:the\s+|world's\s+|a\s+)?"
            r"(?:new\s+)?best(?:[- ]performing)?\s+(?:[\w-]+\s+){0,2}?"
            r"(?:model|models|llm|llms|system|assistant)\b",
        ),
        ("best", r"\bbest[- ]performing\b"),
        ("top", r"\btops?\s+(?:its|their|the)\s+(?:\w+\s+)?(?:class|category|leaderboard|chart)"),
        ("top", r"top\s+of\s+(?:its|the)\s+(?:\w+\s+)?(?:class|leaderboard)"),
        (
            "spot|place|position",
            r"(?:holds?|takes?|claims?)\s+the\s+(?:\w+\s+)?"
            r"(?:top|first)\s+(?:spot|place|position)",
        ),
        ("top", r"\btop(?:[- ]performing|[- ]ranked)?\s+(?:[\w-]+\s+){0,2}?(?:model|llm)s?\b"),
        ("top", r"\btop\s+ranking"),
        (
            "highest",
            r"\bhighest[- ](?:ranked|rated|scoring)\s+(?:[\w-]+\s+){0,2}?(?:model|llm)s?\b",
        ),
        ("rank", r"ranks?\s+(?:first|#1|number one|no\.\s*1)"),
        ("lead", r"\bleads?\s+(?=all\b|among\b|every\b|other\b|the\b)"),
        ("lead", r"\bleads?\s+(?:the\s+)?(?:\w+\s+)?(?:leaderboard|pack|field)"),
        ("leading", r"\bleading\s+(?=among\b)"),
        ("leader", r"(?:the\s+)?(?:new\s+)?leader\s+(?:on|in|among)"),
        ("record|high|best", r"(?:a\s+)?new\s+(?:record|high|highs|best)\b"),
        ("highest", r"highest\s+(?:\w+\s+){0,2}?(?:of|among)\s+(?:any|all)"),
        ("strongest", r"(?:the\s+)?strongest\s+(?:[\w-]+\s+){0,3}?(?:model|llm)s?\b"),
        (
            "capable|powerful",
            r"(?<!our\s)most\s+(?:capable|powerful)\s+(?:[\w-]+\s+){0,3}?(?:model|llm)s?\b",
        ),
    ],
}

# (anchors, relation, pattern): the pattern can only match if the lower-cased sentence holds
# one of its anchors, a plain substring test that spares running most patterns on most
# sentences.
CUE_PATTERNS: list[tuple[tuple[str, ...], str, re.Pattern[str]]] = [
    (tuple(anchor.split("|")), relation, re.compile(pattern, re.IGNORECASE))
    for relation, patterns in _CUES.items()
    for anchor, pattern in patterns
]

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
    r"framework|runtime|compiler|chip|infrastructure|pipeline|customers?|sales)\b",
    re.IGNORECASE,
)
NON_MODEL_PREDICATE = re.compile(
    r"\b(?:faster|cheaper|slower|latency|throughput|tokens per second|price|cost|costs|"
    r"memory use|in revenue|context length|longer context|per million|cheaper)\b",
    re.IGNORECASE,
)

# Where a claim's clause ends: another claim may follow with its own cue.
CLAUSE_BREAK = re.compile(r";|\s(?:but|while|whereas|although|though|yet)\s", re.IGNORECASE)

IMPLICIT_SUBJECT = re.compile(
    r"\b(?:it|we|(?:our|the|this|its)\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:model|models|version|variant|release|flagship|system|checkpoint|llm))\b"
    r"|^\W*(?:it|we)\b",
    re.IGNORECASE,
)
PRONOUN_TARGET = re.compile(r"^\W*(?:it|them|this|that)\b", re.IGNORECASE)

SIZE = re.compile(r"\b(\d+(?:\.\d+)?)\s*([BM])\b", re.IGNORECASE)

TARGET_GROUP = re.compile(
    r"\b(?:(?:all|other|every|any|most|leading|comparable|similar(?:ly)?[- ]sized|much|"
    r"larger|smaller|small|frontier|its|their)\s+)*"
    r"(?:(?:[\w-]+)\s+){0,3}?"
    r"(?:models?|llms?|systems?|peers|competitors|rivals|human\s+experts|assistants)"
    r"(?:\s+(?:of|in|under|below|above|with|twice|more\s+than|up\s+to)\s+"
    r"(?:[\w.-]+\s+){0,3}?(?:size|sizes|class|category|parameters|[\d.]+\s*[BM]))?\b"
    r"|\b(?:its|their)\s+(?:[\w-]+\s+)?(?:class|size|category|weight\s+class)"
    r"(?:\s+category)?\b",
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

# Model names the registry does not know yet: capitalised, hyphen-joined parts with a digit
# ("Kestrel-7B-Instruct", "Helix-2-34B", "Osprey-V2") or a known variant word
# ("Finfoot-Max"), optionally followed by one space-separated variant word ("Grebe-1 Preview").
_VARIANT_WORDS = (
    "Preview|Pro|Ultra|Flash|Sonnet|Haiku|Opus|Mini|mini|Instruct|Chat|Base|Turbo|Plus|Max|"
    "Large|Small|Medium|Nano|Lite|Think|Thinking|Experimental|Exp|Scout|Maverick|MoE|Coder|"
    "Reasoning|Vision|R|X|Air|Edge|Omni|Nemo|it"
)
UNKNOWN_MODEL = re.compile(
    r"(?<![\w./@-])"
    r"([A-Z][A-Za-z]*[A-Za-z0-9.]*(?:-[A-Za-z0-9][A-Za-z0-9.]*)+"
    r"(?:\s(?:" + _VARIANT_WORDS + r"|v\d+(?:\.\d+)*|\d+(?:\.\d+)?[BM])(?![\w-]))?)"
    r"(?<![.])"
)
VARIANT_SUFFIX = re.compile(r"-(?:" + _VARIANT_WORDS + r")\b")
NOT_A_MODEL = re.compile(
    r"^(?:[A-Z]{2,}-[A-Z0-9]+|COVID-\d+|UTF-\d+|ISO-\d+|SHA-\d+|X-[A-Z].*|Top-\d+|"
    r"Pass@.*|Chain-of-Thought|State-of-the-Art|"
    r".*-(?:class|level|style|like|based|sized|scale|grade|tier|quality))$"
)

# Benchmarks written in announcements that the registry may not list. Case-sensitive: "MATH"
# the benchmark is not "math" the subject.
BENCHMARK_NAMES = re.compile(
    r"(?<![\w-])(?:"
    r"MMLU-Pro|MMLU-[Rr]edux|MMLU|GPQA[- ]Diamond|GPQA|MATH-500|MATH\s+Level\s+5|MATH|"
    r"GSM8K|GSM-8K|HumanEval\+|HumanEval|MBPP\+|MBPP|EvalPlus|LiveCodeBench|LiveBench|"
    r"Arena-Hard(?:-Auto)?(?:\s+v\d\.\d)?|AlpacaEval(?:\s+\d\.\d)?(?:\s+LC)?|MT-Bench|"
    r"IFEval|BBH|BIG-Bench(?:\s+Hard)?|MuSR|HellaSwag|ARC-AGI|ARC-Challenge|ARC-Easy|ARC|"
    r"Winogrande|WinoGrande|TruthfulQA|SWE-bench(?:\s+Verified)?|AIME(?:\s+20\d\d)?|"
    r"Codeforces|BigCodeBench|MixEval(?:-Hard)?|WildBench|(?:LMSYS\s+)?Chatbot\s+Arena|"
    r"LMSYS\s+leaderboard|Arena\s+leaderboard|Open\s+LLM\s+Leaderboard|Aider\s+Polyglot|"
    r"Aider|MGSM|DROP|MMMU|MathVista|DocVQA|SimpleQA|Humanity's\s+Last\s+Exam|"
    r"FrontierMath|Berkeley\s+Function\s+Calling\s+Leaderboard|BFCL|McEval|MultiPL-E|"
    r"AlignBench|C-Eval|CMMLU|TAU-bench|MathArena|CRUXEval|NaturalQuestions|TriviaQA|"
    r"HMMT(?:\s+20\d\d)?|OlympiadBench|LiveCodeBench\s+v\d"
    r")(?![\w+])"
)

# Titles often start with a verb before the release name.
TITLE_STOPWORDS = frozenset(
    [
        "introducing",
        "announcing",
        "meet",
        "the",
        "a",
        "an",
        "our",
        "new",
        "today",
        "release",
        "releases",
        "notes",
        "technical",
        "report",
        "overview",
        "update",
        "updated",
        "welcome",
        "hello",
        "say",
    ]
)

# Benchmarks as announcements write them -> the name the registry knows them by.
BENCHMARK_CANONICAL = {
    "lmsys leaderboard": "Chatbot Arena",
    "arena leaderboard": "Chatbot Arena",
    "lmsys chatbot arena": "Chatbot Arena",
    "alpacaeval 2.0 lc": "AlpacaEval 2.0",
    "alpacaeval lc": "AlpacaEval 2.0",
    "gpqa-diamond": "GPQA Diamond",
}

# Model lines often written with spaces ("Gemma 2 9B", "Mistral Nemo", "Llama 2 13B"), which
# the registry's hyphenated aliases do not match token for token.
MODEL_FAMILY_WORDS = (
    "Llama|LLaMA|Gemma|Mistral|Mixtral|Claude|Gemini|GPT|ChatGPT|Qwen|Qwen1\\.5|Qwen2|"
    "Qwen2\\.5|Qwen3|Phi|DeepSeek|Yi|Command|Grok|Nemotron|Falcon|Jamba|DBRX|Codestral|CodeLlama|"
    "Vicuna|PaLM|Granite|OLMo|SmolLM|SmolLM2|InternLM|GLM|Reka|Hunyuan|Kimi|MiniMax|StarCoder|"
    "WizardLM|Zephyr|Starling|Tulu|Aya|Nova|Hermes|Solar|Ministral"
)
_FAMILY_PART = (
    r"(?:v?\d+(?:\.\d+)*(?:x\d+)?[A-Za-z]*|[A-Z][A-Za-z]+|mini|it|instruct|chat|preview|turbo)"
)
FAMILY_MODEL = re.compile(
    r"(?<![\w./-])(?:" + MODEL_FAMILY_WORDS + r")(?:[ -]" + _FAMILY_PART + r"(?![\w%]|\.\d))+"
    r"(?:\s\((?:new|high|low|medium|\d{4}-\d{2}-\d{2})\))?"
    # lines whose version is fused to the name are named bare: "we release Qwen2.5 in ..."
    r"|(?<![\w./-])(?:Qwen|SmolLM|InternLM)\d(?:\.\d+)?(?![\w%-]|\.\d)"
)
