"""Relation cues: the wordings of "surpasses", "matches", "approaches", "trails" and
"best in group", each compiled once with the anchor words that must occur for it to match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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
        ("pace|keep", r"\bkeeps?\s+(?:up\s+)?pace\s+with|\bkeeps?\s+up\s+with"),
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
# The patterns are compiled on first use (`cue_pattern`): a document's sentences hold a
# fraction of the anchors, and compiling every pattern up front cost each one-file check ~25 ms.
CUE_PATTERNS: list[tuple[tuple[str, ...], str, str, str]] = [
    (
        tuple(entry[0].split("|")),
        relation,
        entry[1],
        entry[2] if len(entry) > 2 else ("none" if relation == "best_in_group" else "comparator"),
    )
    for relation, patterns in _CUES.items()
    for entry in patterns
]
_COMPILED: list[re.Pattern[str] | None] = [None] * len(CUE_PATTERNS)


def cue_pattern(index: int) -> re.Pattern[str]:
    """`CUE_PATTERNS[index]`'s pattern, compiled (case-insensitive) the first time it runs."""
    pattern = _COMPILED[index]
    if pattern is None:
        pattern = _COMPILED[index] = re.compile(CUE_PATTERNS[index][2], re.IGNORECASE)
    return pattern


# One scan of the lower-cased sentence finds the anchors present; only their patterns run.
CUES_BY_ANCHOR: dict[str, list[int]] = {}
for _index, (_anchors, *_rest) in enumerate(CUE_PATTERNS):
    for _anchor in _anchors:
        CUES_BY_ANCHOR.setdefault(_anchor, []).append(_index)


def longest_first(words: Iterable[str]) -> str:
    """A pattern matching the longest of `words` at each position, as a trie of prefixes.

    The same matches as the words joined longest first ("outperform|out"), but the regex
    engine reads each character once per position instead of trying every word in turn:
    `(?:o(?:ut(?:perform)?))`, each optional group greedy so the longer word wins.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie)


# the scan takes the longest anchor at each position; the anchors inside it ("out" in
# "outperform") are present too
CUE_ANCHORS = re.compile(longest_first(CUES_BY_ANCHOR))
ANCHORS_WITHIN: dict[str, frozenset[str]] = {
    a: frozenset(b for b in CUES_BY_ANCHOR if b in a) for a in CUES_BY_ANCHOR
}
