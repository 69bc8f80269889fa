"""Name shapes: models and benchmarks as announcements write them, including the ones the
registry does not know yet, and the words that open a release's title.
"""

from __future__ import annotations

import re

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

# Headlines name the release as the object of a launch verb ("Lab unveils Brindle, ...").
LAUNCH_VERB = re.compile(
    r"\b(?:unveils?|releases?|launches|launch|introduces|debuts|announces|open-sources|ships|"
    r"drops|rolls\s+out|reveals|presents|previews|teases)\s+(?:its\s+|new\s+|the\s+)*"
    r"((?-i:[A-Z])[\w.+-]*(?:\s(?-i:[A-Z0-9])[\w.+-]*)?)",
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
# FAMILY_MODEL can only match where one of its family words stands: this plain alternation is
# scanned several times faster than the full pattern, so sentences without one skip it.
FAMILY_WORD = re.compile(MODEL_FAMILY_WORDS)
