"""The extractor's rules as data: cue phrases, hedges, settings and name shapes.

Every pattern here is a regular expression over a sentence's text. Keeping them in one module
(rather than inside the matching code) makes the rules reviewable: a reader can see exactly
which wordings count as "surpasses" or as a hedge, and the corpus tests show what each change
does. Relation vocabulary follows DESIGN.md.
"""

from __future__ import annotations

import re

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
        "outpace",
        "outpaces",
        "outpaced",
        "outpacing",
        "outclassed",
        "outclassing",
        "outshine",
        "outshining",
        "outdo",
        "outdoes",
        "outdid",
        "outdone",
        "outmatch",
        "outmatches",
        "outmatched",
        "outrank",
        "outranks",
        "outranked",
        "outranking",
        "outsmarts",
        "outscores",
        "outscored",
        "eclipse",
        "eclipses",
        "eclipsed",
        "eclipsing",
        "overtake",
        "overtakes",
        "overtook",
        "overtaken",
        "overtaking",
        "bests",
        "bested",
        "trumps",
        "trumped",
        "beaten",
        "leaves",
        "leave",
        "leaving",
        "advantage",
        "advantages",
        "improvement",
        "improvements",
        "improved",
        "improving",
        "gain",
        "jump",
        "jumps",
        "leap",
        "leaps",
        "margin",
        "boost",
        "uplift",
        "stronger",
        "greater",
        "than",
        "similar",
        "similarly",
        "equivalent",
        "line",
        "own",
        "pace",
        "prefer",
        "prefers",
        "rate",
        "percent",
        "throne",
        "crown",
        "spot",
        "place",
        "placed",
        "places",
        "placing",
        "finish",
        "finishes",
        "finished",
        "sits",
        "sat",
        "lands",
        "landed",
        "comes",
        "came",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "tier",
        "grade",
        "class",
        "caliber",
        "calibre",
        "industry",
        "decrease",
        "drop",
        "decline",
        "gap",
        "distance",
        "shrinks",
        "halves",
        "closely",
        "nearly",
        "almost",
        "shines",
        "shine",
        "shining",
        "excels",
        "excel",
        "excelled",
        "stands",
        "dominates",
        "dominate",
        "dominated",
        "refreshed",
        "refreshes",
        "refresh",
        "soared",
        "rose",
        "climbed",
        "vaulted",
        "rocketed",
        "edges",
        "pulls",
        "pulled",
        "jumped",
        "surges",
        "number",
        "one",
        "#1",
        "no.1",
        "top-1",
        "top-tier",
        "top-3",
        "top-5",
        "top-10",
        "sota",
        "state-of-the-art",
        "performance",
        "perform",
        "performs",
        "performed",
        "performing",
        "most",
        "number",
        "past",
        "superiority",
        "capability",
        "capabilities",
        "exceptional",
        "outstanding",
        "remarkable",
        "impressive",
        "accurate",
        "advanced",
        "intelligent",
        "performant",
        "well",
        "caliber",
        "calibre",
    ]
)
PREFILTER_TEXT = re.compile(
    r"%|\bpercent\b|#\s?\d|\bno\.\s?\d|\btop[- ]?\d|state-of-the-art|-level\b|-class\b|-grade\b"
    r"|-tier\b|-leading\b|-caliber\b|-calibre\b|\d(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)

# Relation cues. Overlapping hits are resolved by taking the longest cue at a position. Each
# entry is (anchors, pattern) or (anchors, pattern, needs): `needs` says whether the cue makes a
# claim on its own ("none": ranks, records, "a clear edge") or only with a comparator found in
# the sentence ("comparator": a named model, a group such as "its predecessor", or a leading
# "Compared with X,"). Relations default to "comparator", except `best_in_group` ("none").
# Patterns are families of wordings, not sentences: a verb with its inflections, a comparative
# adjective with the words that may follow it, a rank with the ways a rank is written.
_COMPARATIVE_ADJ = (
    r"(?:better|stronger|higher|superior|greater|"
    r"more\s+(?:accurate|capable|robust|reliable|truthful|helpful|detailed|coherent|consistent|"
    r"factual|fluent|powerful|competent|precise|intelligent|performant|faithful|natural)|"
    r"less\s+(?:biased|toxic|error-prone)|fewer\s+(?:errors|hallucinations|mistakes))"
)
_THAN = r"(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?)"
_PERF_NOUN = (
    r"(?:performance|results?|scores?|accuracy|capabilit(?:y|ies)|quality|ability|abilities|"
    r"numbers|ratings?|pass\s+rates?|success\s+rates?|win\s+rates?)"
)
_ORDINAL = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d{1,3}(?:st|nd|rd|th))"
)
_RANK_HASH = r"(?:#\s?|No\.\s?|number\s+)"
_NP_WORD = r"(?:(?!(?:among|of|in|for|with|on|at|across|than|and|or|to)\b)[\w.-]+\s+)"
_MODEL_NOUN = (
    r"(?:model|models|llm|llms|vlm|vlms|lmm|lmms|mllm|mllms|rm|rms|system|systems|assistant|"
    r"coder|agent|reasoner|chatbot|embedding|embeddings)"
)

_CUES: dict[str, list[tuple[str, ...]]] = {
    "trails": [
        ("second only", r"second\s+only\s+to"),
        ("second", r"\bsecond[- ]best\b", "none"),
        ("behind", r"\bbehind\s+only\b"),
        ("behind", r"\bonly\s+behind\b"),
        ("behind", r"\b(?:just|close|closely|slightly|narrowly|right)\s+behind\b"),
        ("outperformed", r"(?:is|are|was|being)\s+(?:\w+\s+)?outperformed\s+(?:only\s+)?by"),
        ("outperformed", r"outperformed\s+only\s+by"),
        ("trail", r"\btrail(?:s|ed|ing)?(?:\s+only)?"),
        ("fall", r"\bfalls?\s+(?:[\w-]+\s+){0,3}?(?:short\s+of|behind)"),
        ("fell", r"\bfell\s+(?:[\w-]+\s+){0,3}?(?:short\s+of|behind)"),
        ("lag", r"\blag(?:s|ged|ging)?(?:\s+(?:slightly\s+|just\s+|far\s+)?behind)?"),
        (
            "behind",
            r"(?:is|are|sits?|ranks?|remains?|stays?|comes?|came|placed?|lands?|landed|finish(?:es|ed)?"
            r")\s+(?:\w+\s+){0,2}?behind\b(?!\s+the\s+scenes)",
        ),
        (
            "good|strong|capable|accurate",
            r"not\s+(?:yet\s+|quite\s+)?(?:as\s+(?:good|strong|capable|accurate)\s+as)",
        ),
        ("perform", r"\bdo(?:es)?\s+not\s+(?:yet\s+)?perform\s+as\s+well\s+as"),
        ("than", r"(?:scores?|scored|performs?|is|ranks?)\s+(?:\w+\s+)?(?:lower|worse)\s+than"),
        ("than", r"\b(?:lower|worse)\s+(?:score|scores|accuracy|results?|performance)\s+than"),
        (
            "decrease|drop|decline",
            r"\bslight(?:ly)?\s+(?:\w+\s+)?(?:decrease|drop|decline)\b",
        ),
        # a numeric rank below first: "ranks fifth", "placed #3", "top-10 on the leaderboard"
        ("rank", r"\branks?\s+(?:as\s+)?(?:the\s+)?" + _ORDINAL + r"\b", "none"),
        ("ranked", r"\branked\s+(?:as\s+)?(?:the\s+)?" + _ORDINAL + r"\b", "none"),
        (
            "place|finish|sit|land|come|came",
            r"\b(?:places?|placed|placing|finish(?:es|ed)?|sits?|sat|lands?|landed|comes?|came)"
            r"\s+(?:in\s+)?(?:at\s+)?(?:" + _ORDINAL + r"|#\s?[2-9]\d?|No\.\s?[2-9]\d?)\b",
            "none",
        ),
        ("#", r"(?:\bat|\bis|\bwas|\bto)\s+#\s?[2-9]\d?\b", "none"),
        (
            "top",
            r"\btop[- ](?:[2-9]|[1-9]\d|two|three|four|five|ten|twenty)\b"
            r"(?!\s*(?:%|percent|billion|million|[bm]\b))",
            "none",
        ),
    ],
    "approaches": [
        (
            "gap|distance",
            r"(?:close|closes|closing|closed|narrows?|narrowing|narrowed|shrinks?|shrinking|"
            r"halves|halved)\s+(?:\w+\s+){0,2}?(?:gap|distance)\b",
        ),
        (
            "gap",
            r"\bgap\s+(?:between|to|with)\b[^;]{0,80}?\b(?:is|are|remains?|was|stays?)\s+"
            r"(?:now\s+)?(?:relatively\s+|very\s+|quite\s+|only\s+)?"
            r"(?:small|narrow|minimal|tiny|negligible|marginal|under|less|within|just|only)",
        ),
        (
            "match|equal|rival",
            r"(?:nearly|almost|approximately|roughly|practically|closely)\s+"
            r"(?:match(?:es|ing|ed)?|equals?|rival(?:s|ed|ing)?)",
        ),
        # the verb, not the noun ("our approach is to ...")
        (
            "approach",
            r"(?<!\bour\s)(?<!\bthe\s)(?<!\bthis\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)"
            r"(?<!\bnew\s)\bapproach(?:es|ing|ed)?\b(?!\s+(?:is|was|to|of|that|for|in|we)\b)",
        ),
        ("close", r"(?:very\s+|quite\s+|comes?\s+|came\s+)?close\s+to"),
        ("closes in", r"\bclos(?:es|ing|ed)\s+in\s+on"),
        ("within", r"within\s+(?:\w+\s+){0,2}?(?:points?|percent|%)\s+of"),
        ("shy", r"(?:just\s+)?shy\s+of"),
        ("almost|nearly", r"(?:almost|nearly)\s+as\s+(?:good|strong|capable|accurate)\s+as"),
        # share-of claims: "97.8% of ChatGPT's performance", "retains 96% of its teacher's score"
        (
            "%|percent",
            r"\d+(?:\.\d+)?\s*(?:%|percent)\*?\s+(?:of\s+)?(?:the\s+)?(?:[\w.'’/-]+\s+){0,4}?"
            + _PERF_NOUN
            + r"\b",
        ),
        (
            "%|percent",
            r"\d+(?:\.\d+)?\s*(?:%|percent)\s+of\s+(?:what\s+(?=(?-i:[A-Z]))|(?=(?-i:[A-Z])[\w.-]*['’]s\b))",
        ),
    ],
    "matches": [
        ("par", r"on\s+(?:a\s+)?par\s+(?:with|of)"),
        ("parity", r"(?:at|reaches?|reaching|achieves?)\s+parity\s+with"),
        ("parity", r"parity\s+with"),
        ("comparabl", r"comparabl[ey]\b(?:\s+(?:[\w-]+\s+){0,2}?(?:to|with))?"),
        ("comparably", r"performs?\s+comparably"),
        ("rival", r"\brival(?:s|ed|ing|led|ling)?\b"),
        (
            "match",
            r"\bmatch(?:es|ed|ing)?\b(?:\s+or\s+(?:exceeds?|outperforms?|beats?|surpasses))?",
        ),
        (
            "competitive",
            r"competitive(?:ly)?\s+(?:(?:performance|results?|scores?|accuracy)\s+)?"
            r"(?:with|to|against|compared\s+(?:to|with)|versus|vs\.?)",
        ),
        ("competitive", r"competitive\s+alternatives?\s+to"),
        (
            "competitive|comparable|par",
            r"\b(?:competitive|comparable|on\s+par)\s+or\s+(?:even\s+)?"
            r"(?:state[- ]of[- ]the[- ]art|"
            r"superior|better|leading|best|stronger|higher|sota)\b",
            "none",
        ),
        ("competitively", r"performs?\s+competitively\s+with"),
        ("as", r"\bas\s+(?:good|strong|capable|accurate|smart|competent)\s+as"),
        (
            "as well",
            r"\b(?:performs?|performed|performing|does|did|do|scores?|works?)\s+(?:\w+\s+)?as\s+well\s+as",
        ),
        ("tied", r"(?:statistically\s+)?tied\s+with"),
        ("neck", r"neck\s+and\s+neck\s+with"),
        ("level", r"(?:at|on)\s+the\s+(?:same\s+)?level\s+(?:of|as)"),
        (
            "level|quality|performance|capabilit",
            r"\breach(?:es|ed|ing)?\s+(?:the\s+)?(?:same\s+)?"
            r"(?:level|quality|performance|capabilit(?:y|ies))\s+(?:level\s+)?(?:of|as)",
        ),
        (
            "similar",
            r"\bsimilar(?:ly)?\s+(?:or\s+\w+\s+)?" + _PERF_NOUN + r"\s+(?:to|as|with|than)",
        ),
        (
            "similar",
            r"(?:perform\w*|" + _PERF_NOUN + r")\s+(?:\w+\s+)?similar(?:ly)?\s+(?:to|as|with)",
        ),
        (
            "similar",
            r"\bsimilar(?:ly)?\s+(?:or\s+(?:better|superior|higher|stronger)\s+)?"
            + _PERF_NOUN
            + r"\b",
        ),
        ("equivalent", r"\bequivalent\s+to\b"),
        # "delivers Mixtral 8x22B level quality": the model named just before the level word
        ("level", r"(?<=\s)level\s+(?:quality|performance|results?|capabilit(?:y|ies)|models?)\b"),
        ("line", r"\bin\s+line\s+with\b"),
        ("own", r"\bholds?\s+(?:its|their)\s+own\s+(?:against|with)"),
        ("pace", r"\bkeeps?\s+(?:up\s+)?pace\s+with"),
        ("quality|performance", r"(?:reaches|reach|matches)\s+the\s+(?:quality|performance)\s+of"),
        ("equal", r"(?-i:equal)(?:s|led)?\s+(?:to\s+)?(?=(?-i:[A-Z]))"),
        # "GPT-4-class performance", "an o1-level model", "frontier-class": the level's name is
        # the comparator; sizes ("10B-level") and school grades ("college-level") are not models
        (
            "-level|-class|-grade|-tier|-caliber|-calibre",
            r"(?<![\w.-])(?!(?:top|high|mid|low|entry|college|graduate|expert|human|phd|school"
            r"|olympiad|competition|university|professional|production|enterprise|token|sentence"
            r"|word|character|document|repo|repository|file|function|system|task|sample|instance"
            r"|world|state|class|one|first|second|third)-)"
            r"[A-Za-z][\w.]*(?:-[\w.]+){0,2}?-(?:level|class|grade|caliber|calibre)\b"
            r"(?=\s+(?:[\w-]+\s+){0,3}?(?:" + _MODEL_NOUN + r"|performance|quality|results?"
            r"|capabilit(?:y|ies)|reasoning|intelligence|accuracy)\b)",
        ),
    ],
    "surpasses": [
        (
            "out",
            r"\bout-?(?:perform|pac|shin|shone|class|do(?:es|ne)?\b|did\b|match|rank|scor|smart|wit)\w*",
        ),
        ("dethron", r"\bdethron(?:es|ed|ing|e)"),
        ("leapfrog", r"\bleapfrog(?:s|ged|ging)?"),
        ("eclips", r"\beclips(?:es|ed|ing|e)\b"),
        ("overt", r"\bovert(?:akes?|aking|aken|ook)\b"),
        ("best", r"\bbest(?:s|ed)\b(?!\s+(?:of|in|for|at)\b)"),
        ("trump", r"\btrump(?:s|ed|ing)\b"),
        (
            "top",
            r"\btop(?:s|ped|ping)\b(?=\s+(?:OpenAI['’]s\s+|Google['’]s\s+|Meta['’]s\s+)?(?-i:[A-Z0-9]))",
        ),
        (
            "past|ahead",
            r"\b(?:edges?|pulls?|pulled|moves?|moved|jumps?|jumped|inches?|surges?)\s+(?:ahead\s+of|past)",
        ),
        ("behind", r"\bleav(?:es|e|ing)\s+(?:[\w.-]+\s+){1,6}?(?:well\s+|far\s+)?behind\b"),
        ("win", r"\bwins?\s+against"),
        (
            "gain",
            r"(?:shows?|delivers?|brings?|achieves?|posts?|sees?|yields?)\s+(?:\w+\s+){0,2}?gains?"
            r"\s+(?=on|in|over|across)",
        ),
        ("better", r"\bbetter\s+(?:at|in|on)\s+(?:[\w-]+\s+){1,3}?than"),
        ("surpass", r"\bsurpass(?:es|ed|ing)?"),
        ("beat", r"\bbeat(?:s|ing|en)?\b"),
        ("exceed", r"\bexceed(?:s|ed|ing)?"),
        (
            "ahead",
            r"(?:is\s+|are\s+|stays?\s+|remains?\s+|ranks?\s+|comes?\s+)?"
            r"(?:\w+\s+)?ahead\s+of",
        ),
        ("edge", r"edges?\s+(?:out|past)"),
        # margins: "a 12-point advantage over", "clear gains over", "a major leap over"
        (
            "edge|lead|advantage|improvement|gain|jump|leap|margin|boost|uplift|superiority",
            r"(?:an?\s+|the\s+)?(?:[\w.+%-]+\s+){0,2}?(?:edge|lead|advantage|improvements?|gains?"
            r"|jump|leap|margin|boost|uplift|superiority)\s+(?:over|against|compared\s+(?:to|with)|relative\s+to"
            r"|versus|vs\.?)",
        ),
        (
            "edge|lead|advantage",
            r"\b(?:significant|clear|distinct|notable|decisive|substantial|sizable|sizeable|big)"
            r"\s+(?:edge|lead|advantage)\b",
            "none",
        ),
        ("lead", r"\bleads?\s+by\b"),
        (
            "win",
            r"\b(?:win(?:ning)?\s+rate\s+of\s+\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%\s+win\s+rate)"
            r"\s+(?:against|over|vs\.?|versus)",
        ),
        (
            "win",
            r"\bwins?\s+\d+(?:\.\d+)?\s*(?:%|percent)\s+of\s+(?:[\w-]+\s+){0,3}?"
            r"(?:against|over|versus|vs\.?)",
        ),
        ("prefer", r"(?:is|are|was|were)\s+(?:\w+\s+)?preferred\s+(?:to|over)"),
        ("prefer", r"\bprefer(?:s|red)?\s+(?:[\w.-]+\s+){1,4}?(?:over|to)\b"),
        ("better", r"(?:is|are|performs?|scores?|does)\s+(?:\w+\s+)?better\s+than"),
        ("better", r"\bbetter\s+than(?!\s+ever)"),
        ("superior", r"superior\s+(?:\w+\s+){0,2}?to"),
        ("higher", r"(?:scores?|scored|ranks?|performs?)\s+(?:\w+\s+)?higher(?:\s+than)?"),
        ("higher", r"\bis\s+higher\s+than"),
        # "stronger answers than", "more accurate than", "a higher pass rate than"
        (
            "better|stronger|higher|superior|greater|more|less|fewer",
            r"\b" + _COMPARATIVE_ADJ + r"\b(?:[\s\w,'’-]{0,60}?)\b" + _THAN + r"\b",
        ),
        # "delivers stronger performance in coding" after "Compared with Yi,": a comparator
        # must be found elsewhere in the sentence for this one to count
        (
            "better|stronger|higher|superior|greater|improved",
            r"\b(?:better|stronger|higher|superior|greater|improved)\s+(?:[\w-]+\s+){0,2}?"
            + _PERF_NOUN
            + r"\b",
        ),
        ("win", r"\bwins?\s+(?:on|in)\s+\d+\s+(?:of|out\s+of)"),
        (
            "improv",
            r"\bimprov(?:es|ed|ing|ement|ements)?\s+(?:\w+\s+){0,3}?(?:on|over|upon)\b(?=\s+(?:(?-i:[A-Z])|its\b|the\b|our\b|their\b|every\b|all\b))",
        ),
        (
            "improv",
            r"\bimprov(?:es|ed|ing|ement)?\s+(?:\w+\s+){0,3}?by\s+(?:more\s+than\s+|over\s+|about\s+|up\s+to\s+|nearly\s+|almost\s+)?\d",
        ),
        ("lead", r"\bleads?\s+(?=on\b)"),
        ("above", r"(?:scores?\s+|scored\s+|ranks?\s+|ranked\s+|is\s+|,\s*)above\b"),
        # "shines ... when compared to other models of similar scale", "exceptional
        # performance when benchmarked against similarly sized models"
        (
            "shin|excel|stand|dominat|exceptional|outstanding|remarkable|impressive|superior"
            "|strong",
            r"\b(?:shin(?:es|e|ing)|excel(?:s|led|ling)?|stands?\s+out|dominat(?:es|e|ed|ing)|"
            r"(?:exceptional|outstanding|remarkable|impressive|superior|strong|excellent)\s+"
            r"(?:performance|results?|accuracy))\b"
            r"(?=[^;]{0,120}?\b(?:(?:when\s+|if\s+)?(?:compared|benchmarked|measured|evaluated|"
            r"tested|pitted)\s+(?:to|with|against)|relative\s+to|versus|vs\.?)\s)",
        ),
    ],
    "best_in_group": [
        ("state", r"state[- ]of[- ]the[- ]art"),
        ("sota", r"\bSOTA\b"),
        (
            "best",
            r"(?:the\s+|world's\s+|a\s+)?"
            r"(?:new\s+)?best(?:[- ]performing)?\s+" + _NP_WORD + r"{0,3}?" + _MODEL_NOUN + r"\b",
        ),
        ("best", r"\bbest[- ]performing\b"),
        (
            "best",
            r"\bbest\s+(?:[\w-]+\s+){0,2}?"
            + _PERF_NOUN
            + r"\s+(?:among|of|across|in\s+(?:its|their|the)|for)\b",
        ),
        (
            "strongest|highest|top|leading",
            r"\b(?:strongest|highest|top|leading)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:performance|results?|scores?|accuracy|ranking|rating|average|score)\s+"
            r"(?:among|of\s+(?:any|all)|across|at\s+(?:its|their|the)|in\s+(?:its|their|the)\s+\w+\s+(?:class|size))",
        ),
        (
            "top",
            r"\btops?\s+(?:its|their|the)\s+(?:\w+\s+)?(?:class|category|leaderboard|chart|charts|rankings?)",
        ),
        ("top", r"top\s+of\s+(?:its|the)\s+(?:\w+\s+)?(?:class|leaderboard|charts?|rankings?)"),
        (
            "spot|place|position|throne|crown",
            r"(?:holds?|held|takes?|took|claims?|claimed|secures?|secured|wins?|won|grabs?|grabbed"
            r"|earns?|earned|reach(?:es|ed)?|retains?|keeps?)\s+(?:the\s+)?(?:\w+\s+)?"
            r"(?:(?:top|first|number\s+one|no\.\s?1|#1)\s+(?:spot|place|position|rank(?:ing)?)|throne|crown)",
        ),
        ("top|first|spot|place", r"\b(?:top|first)\s+(?:spot|place|position)\b"),
        ("top", r"\btop(?:[- ]performing|[- ]ranked)?\s+(?:[\w-]+\s+){0,2}?(?:model|llm)s?\b"),
        ("top", r"\btop\s+ranking"),
        ("top", r"\btop[- ]?1\b(?!\s*%)"),
        ("top", r"\btop[- ]tier\b"),
        ("rank", r"ranks?\s+(?:as\s+)?(?:first|1st|#\s?1|number\s+one|no\.\s?1)"),
        ("ranked", r"ranked\s+(?:as\s+)?(?:first|1st|#\s?1|number\s+one|no\.\s?1)"),
        (
            "#1|no.",
            r"(?:\bis|\bwas|\bat|\breach(?:es|ed)?|\bhits?|\bbecomes?|\bbecame|\bto)\s+(?:#\s?1|No\.\s?1|number\s+one)\b",
        ),
        (
            "number one|#1",
            r"(?:#\s?1|\bnumber[- ]one)\s+(?:open\s+|open-source\s+|open-weights?\s+)?"
            r"(?:[\w-]+\s+){0,2}?" + _MODEL_NOUN + r"\b",
        ),
        ("lead", r"\b(?:leads?|leading)\s+(?=all\b|among\b|every\b|other\b|the\b|its\s+peers)"),
        ("lead", r"\bleads?\s+(?:the\s+)?(?:\w+\s+)?(?:leaderboard|pack|field)"),
        ("lead", r"\bleads?\s+(?:on|in|across)\s+\d+\s+(?:out\s+)?of\s+(?:the\s+)?\d+"),
        ("lead", r"\bin\s+the\s+lead\b"),
        ("leading", r"\bleading\s+(?=among\b)"),
        ("leading", r"\b(?:industry|field|class|category|market)[- ]leading\b"),
        ("leading", r"\bleading\s+(?:performance|results?|scores?|accuracy|capabilit(?:y|ies))\b"),
        ("leading", r"\bthe\s+leading\s+" + _NP_WORD + r"{0,2}?(?:model|llm|system)\b"),
        ("leader", r"(?:the\s+)?(?:new\s+)?leader\s+(?:on|in|among)"),
        ("record|high|best", r"(?:a\s+)?new\s+(?:record|high|highs|best)\b"),
        (
            "refresh",
            r"\brefresh(?:es|ed|ing)?\s+(?:the\s+)?(?:SOTA|state[- ]of[- ]the[- ]art|records?)",
        ),
        ("highest", r"highest\s+(?:\w+\s+){0,2}?(?:of|among)\s+(?:any|all)"),
        (
            "highest",
            r"\bhighest[- ](?:ranked|rated|scoring)\s+"
            + _NP_WORD
            + r"{0,2}?"
            + _MODEL_NOUN
            + r"\b",
        ),
        ("strongest", r"(?:the\s+)?strongest\s+" + _NP_WORD + r"{0,3}?" + _MODEL_NOUN + r"\b"),
        ("strongest", r"(?:the\s+)?strongest\s+(?:[\w-]+\s+){0,2}?" + _PERF_NOUN + r"\b"),
        (
            "capable|powerful|accurate|advanced|intelligent|performant",
            r"(?<!our\s)most\s+(?:capable|powerful|accurate|advanced|intelligent|performant)\s+"
            + _NP_WORD
            + r"{0,3}?"
            + _MODEL_NOUN
            + r"\b",
        ),
        ("on top", r"\bcomes?\s+out\s+on\s+top\b"),
        ("pace", r"\bsets?\s+the\s+pace\b"),
        (
            "top|first|#1|number one",
            r"\b(?:soared|rose|climbed|jumped|shot|rocketed|vaulted)\s+to\s+(?:the\s+)?"
            r"(?:top|first|#\s?1|number\s+one)",
        ),
    ],
}

# (anchors, relation, pattern, needs): the pattern can only match if the lower-cased sentence
# holds one of its anchors, a plain substring test that spares running most patterns on most
# sentences.
CUE_PATTERNS: list[tuple[tuple[str, ...], str, re.Pattern[str], str]] = [
    (
        tuple(entry[0].split("|")),
        relation,
        re.compile(entry[1], re.IGNORECASE),
        entry[2] if len(entry) > 2 else ("none" if relation == "best_in_group" else "comparator"),
    )
    for relation, patterns in _CUES.items()
    for entry in patterns
]
# One scan of the lower-cased sentence finds the anchors present; only their patterns run.
CUES_BY_ANCHOR: dict[str, list[int]] = {}
for _index, (_anchors, *_rest) in enumerate(CUE_PATTERNS):
    for _anchor in _anchors:
        CUES_BY_ANCHOR.setdefault(_anchor, []).append(_index)
# the scan takes the longest anchor at each position; the anchors inside it ("out" in
# "outperform") are present too
CUE_ANCHORS = re.compile(
    "|".join(re.escape(a) for a in sorted(CUES_BY_ANCHOR, key=len, reverse=True))
)
ANCHORS_WITHIN: dict[str, frozenset[str]] = {
    a: frozenset(b for b in CUES_BY_ANCHOR if b in a) for a in CUES_BY_ANCHOR
}

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

# Benchmarks the registry does not list, found by where they stand: a list after "benchmarks
# such as" / "datasets including" / "tasks (...)", a list of name-like words after "on" / "in"
# ("on AITW and Mind2Web"), and a named leaderboard ("the MTEB multilingual leaderboard").
_BENCH_ITEM = (
    r"[^\w\s,;.()]{0,3}\s?(?:(?-i:[A-Z])[\w.+'’-]*|[a-z]+(?-i:[A-Z])[\w.+-]*)"
    r"(?:\s+(?:(?-i:[A-Z0-9])[\w.+'’-]*|v\d[\w.]*|captioning|leaderboard|bench|eval)){0,3}"
)
_BENCH_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)"
BENCH_ITEM = re.compile(_BENCH_ITEM)
BENCH_LIST = re.compile(
    r"\b(?:benchmarks?|datasets?|tasks?|tests?|suites?|evaluations?|leaderboards?|exams?|"
    r"metrics?|boards?)\s*(?:\(\s*|,?\s+(?:including|such\s+as|like|e\.g\.,?|namely|notably)\s+"
    r"|:\s*)(?P<items>" + _BENCH_ITEM + r"(?:" + _BENCH_SEP + _BENCH_ITEM + r"){0,30})",
    re.IGNORECASE,
)
PREP_BENCH_LIST = re.compile(
    r"\b(?:on|in|across|atop)\s+(?:both\s+|the\s+)?(?P<items>"
    + _BENCH_ITEM
    + r"(?:"
    + _BENCH_SEP
    + _BENCH_ITEM
    + r"){0,20})"
    r"(?=\s*(?:[,.;:)!]|$)|\s+(?:and|benchmarks?|leaderboards?|datasets?|tasks?|tests?|"
    r"evaluations?|by|with|while|as|respectively|despite|at|for)\b)",
    re.IGNORECASE,
)
LEADERBOARD_NAME = re.compile(
    r"\b(?:on|in|atop|of|to|tops?|topped|leads?|led)\s+(?:the\s+)?(?:(?:latest|official|popular|"
    r"new|public)\s+)?(?P<name>(?:(?:(?-i:[A-Z])[\w.'’-]*|[\w.'’-]+['’]s)\s+){1,4}?(?:[\w-]+\s+)?"
    r"(?:leaderboard|arena|benchmark|board)s?)\b",
    re.IGNORECASE,
)

# Words that put a rank on a leaderboard rather than a music chart or a sales list.
RANK_CONTEXT = re.compile(
    r"\b(?:leaderboards?|arenas?|benchmarks?|rankings?|ranked|elo|boards?|evals?|evaluations?|"
    r"models?|llms?|scores?|tasks?)\b",
    re.IGNORECASE,
)

# Headlines name the release as the object of a launch verb ("Lab unveils Brindle, ...").
LAUNCH_VERB = re.compile(
    r"\b(?:unveils?|releases?|launches|launch|introduces|debuts|announces|open-sources|ships|"
    r"drops|rolls\s+out|reveals|presents|previews|teases)\s+(?:its\s+|new\s+|the\s+)*"
    r"((?-i:[A-Z])[\w.+-]*(?:\s(?-i:[A-Z0-9])[\w.+-]*)?)",
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
