"""Hostile documents for fuzzing the whole read → extract → judge path.

`document(rng, shape, size)` builds the bytes of one file (and the suffix it is saved under)
from a seeded `random.Random`, so every failure is reproducible from its seed. The shapes are
what broke or slowed the program before: markup soup, tables with enormous cells, long runs
of one character (brackets, underscores, emoji, comment openers), mixed scripts, escape
sequences, wrong encodings and random bytes. `tests/test_fuzz.py` runs small ones under a
per-document time limit; `scripts/fuzz.py` runs thousands, large ones included.

All text here is made up for fuzzing; none of it is taken from a real announcement.
"""

from __future__ import annotations

import random

MODELS = (
    "GPT-4o",
    "GPT-4o mini",
    "Claude 3.5 Sonnet",
    "Llama-3.1-405B-Instruct",
    "Qwen2.5-72B-Instruct",
    "Gemma 2 9B",
    "Mistral Large 2",
    "DeepSeek-V3",
    "Foo-3-8B",
    "Kestrel-7B-Instruct",
    "Yi-Large",
    "o1-preview",
)
BENCHMARKS = ("MMLU", "MMLU-Pro", "GSM8K", "HumanEval", "MATH", "GPQA", "Arena-Hard", "IFEval")
CUES = (
    "outperforms",
    "beats",
    "surpasses",
    "is on par with",
    "matches",
    "rivals",
    "is close to",
    "second only to",
    "is the best open model",
    "state of the art",
    "ahead of",
    "not as strong as",
    "comparable to",
)
WORDS = (
    "the",
    "our",
    "model",
    "it",
    "we",
    "on",
    "and",
    "while",
    "most",
    "benchmarks",
    "release",
    "today",
    "with",
    "than",
    "5-shot",
    "CoT",
    "pass@1",
    "88.7%",
    "92.1",
    "(5-shot)",
    "not",
    "yet",
    "overall",
)
MARKUP = (
    "|",
    "---",
    "|---|---|",
    "#",
    "## ",
    "**",
    "__",
    "*",
    "`",
    "```",
    "~~~",
    "> ",
    "- ",
    "1. ",
    "[",
    "](",
    ")",
    "<p>",
    "</p>",
    "<b>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th>",
    "<!--",
    "-->",
    "<script>",
    "<style>",
    "<title>",
    "<meta name='date' content='2024-09-01'>",
    "&amp;",
    "&#x1F680;",
    "\\",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    '"',
    "'",
)
EXOTIC = (
    "🚀",
    "🔥",
    "中文模型",
    "модель",
    "نموذج",
    "é",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]8;;https://e.vil\x07",
    "\x07",
    "\x7f",
    "\x9b",
    "\ufffd",
    "\uffff",
)
RUNS = (
    "(",
    ")",
    "_",
    "<",
    ">",
    "[",
    "]",
    "{",
    "🚀",
    ".",
    "|",
    "-",
    "#",
    "*",
    "`",
    "~",
    "=",
    "a",
    "A",
    "1",
    " ",
    "\n",
    "é",
    "中",
    "<!--",
    "<script>",
    "<title>",
    "<p>",
    "Outperforms",
    "beats ",
    "GPT-4o ",
    "| a ",
    "Aa-",
    "&amp;",
    "\\",
    '"',
    "MMLU, ",
    "Foo-3 beats GPT-4o on MMLU, ",
    "---\n",
    "# ",
    "\x1b[",
)
SHAPES = ("soup", "prose", "table", "html", "run", "unicode", "bytes", "mix")
SUFFIXES = (".md", ".txt", ".html", ".markdown", ".htm")


def _soup(rng: random.Random, size: int) -> str:
    pools = (MODELS, BENCHMARKS, CUES, WORDS, MARKUP, EXOTIC)
    weights = (3, 3, 3, 5, 4, 1)
    out: list[str] = []
    n = 0
    while n < size:
        word = rng.choice(rng.choices(pools, weights)[0])
        out.append(word)
        n += len(word) + 1
    return " ".join(out)


def _sentence(rng: random.Random) -> str:
    subject = rng.choice((*MODELS, "Our model", "It", "We"))
    targets = " and ".join(rng.sample(MODELS, rng.randint(1, 3)))
    benches = ", ".join(rng.sample(BENCHMARKS, rng.randint(0, 3)))
    tail = f" on {benches}" if benches else ""
    number = (
        f" ({rng.uniform(20, 99):.1f} vs {rng.uniform(20, 99):.1f})" if rng.random() < 0.4 else ""
    )
    return f"{subject} {rng.choice(CUES)} {targets}{tail}{number}."


def _table(rng: random.Random, size: int) -> str:
    cols = rng.randint(2, 6)
    header = ["Benchmark", *rng.sample(MODELS, min(cols - 1, len(MODELS)))]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    n = sum(len(x) for x in lines)
    while n < size:
        label = (
            rng.choice(BENCHMARKS)
            if rng.random() < 0.8
            else rng.choice(RUNS) * rng.randint(1, 3000)
        )
        cells = [label]
        for _ in header[1:]:
            r = rng.random()
            if r < 0.7:
                cells.append(f"{rng.uniform(0, 100):.1f}")
            elif r < 0.9:
                cells.append(rng.choice((*WORDS, "-", "**88.7**", "90.1 (5-shot)")))
            else:
                cells.append(rng.choice(RUNS) * rng.randint(1, 5000))
        line = "| " + " | ".join(cells) + " |"
        lines.append(line)
        n += len(line)
    return "\n".join(lines) + "\n"


def _prose(rng: random.Random, size: int) -> str:
    parts = [
        f"# {rng.choice(MODELS)} release\n",
        f"date: 2024-{rng.randint(1, 12):02d}-0{rng.randint(1, 9)}\n",
    ]
    n = sum(len(p) for p in parts)
    while n < size:
        r = rng.random()
        if r < 0.6:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
        elif r < 0.75:
            block = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(1, 6)))
        elif r < 0.85:
            block = _table(rng, rng.randint(100, 2000))
        else:
            block = f"## {_soup(rng, 40)}"
        parts.append(block + "\n\n")
        n += len(block) + 2
    return "".join(parts)


def _html(rng: random.Random, size: int) -> str:
    body = _prose(rng, size) if rng.random() < 0.5 else _soup(rng, size)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    table = ""
    if rng.random() < 0.5:
        rows = "".join(
            f"<tr><td>{rng.choice(BENCHMARKS)}</td><td>{rng.uniform(0, 100):.1f}</td></tr>"
            for _ in range(rng.randint(1, 40))
        )
        table = f"<table><tr><th>Benchmark</th><th>{rng.choice(MODELS)}</th></tr>{rows}</table>"
    head = f"<title>{rng.choice(MODELS)}</title>" if rng.random() < 0.8 else ""
    body = f"<body><article>{paragraphs}{table}</article></body>"
    return f"<!DOCTYPE html><html><head>{head}</head>{body}</html>"


def _run(rng: random.Random, size: int) -> str:
    token = rng.choice(RUNS)
    prefix = rng.choice(
        ("", " MMLU, Yi-Large is o", "Foo-3-8B beats GPT-4o on MMLU. ", "<p>", "| Model | ")
    )
    suffix = rng.choice(
        ("", " Foo-3-8B beats GPT-4o on GSM8K.", " |\n|---|---|\n| MMLU | 88.1 |\n")
    )
    return prefix + token * max(1, size // len(token)) + suffix


def _unicode(rng: random.Random, size: int) -> str:
    ranges = (
        (0x20, 0x7E),
        (0x00, 0x1F),
        (0x80, 0x2FF),
        (0x370, 0x52F),
        (0x4E00, 0x4FFF),
        (0x1F300, 0x1F6FF),
        (0x2000, 0x206F),
        (0xFFF0, 0xFFFF),
        (0x600, 0x6FF),
    )
    out = []
    while len(out) < size:
        lo, hi = rng.choice(ranges)
        out.extend(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 50)))
    return "".join(out[:size])


def _bytes(rng: random.Random, size: int) -> bytes:
    kind = rng.random()
    if kind < 0.3:
        return bytes(rng.randrange(256) for _ in range(min(size, 50_000)))
    text = _prose(rng, size).encode()
    if kind < 0.6:  # a few bad bytes in good UTF-8
        data = bytearray(text)
        for _ in range(rng.randint(1, 20)):
            data.insert(rng.randrange(len(data) + 1), rng.choice((0xFF, 0xC3, 0x80, 0xE9, 0x9D)))
        return bytes(data)
    magic = rng.choice(
        (b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"\xff\xfe", b"\xef\xbb\xbf", b"")
    )
    return magic + text


def document(rng: random.Random, shape: str, size: int) -> tuple[bytes, str]:
    """(the file's bytes, its suffix) for one document of about `size` characters."""
    suffix = rng.choice(SUFFIXES)
    if shape == "bytes":
        return _bytes(rng, size), suffix
    if shape == "mix":
        pieces = [
            _text(rng, rng.choice(("soup", "prose", "table", "html", "run", "unicode")), size // 3)
            for _ in range(3)
        ]
        text = "".join(pieces)
    else:
        text = _text(rng, shape, size)
    if shape == "html":
        suffix = rng.choice((".html", ".htm", ".md"))
    encoding = rng.choices(("utf-8", "utf-16", "cp1252", "latin-1"), (90, 3, 4, 3))[0]
    return text.encode(encoding, "replace") if encoding != "utf-8" else text.encode(
        "utf-8", "surrogatepass"
    ), suffix


def _text(rng: random.Random, shape: str, size: int) -> str:
    return {
        "soup": _soup,
        "prose": _prose,
        "table": _table,
        "html": _html,
        "run": _run,
        "unicode": _unicode,
    }[shape](rng, size)
