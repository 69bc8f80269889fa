"""A generated corpus of model-release announcements for the speed benchmarks.

Real release posts are long prose with a few comparative claims among many sentences about
training, data, serving and licences, plus headings, bullet lists, code, links, front matter
and usually (not always) a benchmark table, in Markdown or HTML. This writes documents of that
shape from a small grammar and a seeded random generator, so every run reads the same text and
nothing from a real post is copied. The proportions follow what the extractor meets in real
posts: about one sentence in five holds a cue word the claim rules look at, about one in
thirty is a claim, and the vocabulary keeps growing with the corpus (identifiers, versions,
paths and numbers), so spaCy's tokenizer cache is not flattered by a handful of repeated
sentences. About 1,800 words per document by default; a quarter of them are HTML, a fifth
have no table.

    from corpus import write_corpus
    paths, words = write_corpus(Path("corpus"), n_docs=560)
"""

from __future__ import annotations

import html
import random
from pathlib import Path

ORGS = ["Northwind AI", "Halcyon Labs", "Meridian Research", "Tessellate", "Brightwater AI"]
NEW_LINES = ["Kestrel", "Helix", "Aurora", "Vega", "Lumen", "Sable", "Ember", "Quill", "Tern"]
SIZES = ["1.5B", "3B", "7B", "9B", "14B", "32B", "70B", "110B"]
TARGETS = [
    "GPT-4o", "GPT-4o mini", "Claude 3.5 Sonnet", "Claude 3 Opus", "Llama 3.1 405B",
    "Llama 3.1 70B", "Llama 3.1 8B", "Qwen2.5-72B-Instruct", "Qwen2.5-7B-Instruct",
    "DeepSeek-V3", "Gemini 1.5 Pro", "Gemini 1.5 Flash", "Mistral Large 2", "Gemma 2 9B",
    "Gemma 2 27B", "Mixtral 8x22B", "Phi-3-medium", "Yi-Large", "Command R+",
]  # fmt: skip
BENCHES = [
    "MMLU", "MMLU-Pro", "HumanEval", "MBPP", "GPQA", "GPQA Diamond", "MATH", "GSM8K",
    "Arena-Hard", "IFEval", "LiveCodeBench", "BBH", "MT-Bench", "AlpacaEval 2.0", "DROP",
]  # fmt: skip
TOPICS = [
    "long-context retrieval", "tool use", "code generation", "multilingual chat",
    "mathematical reasoning", "instruction following", "structured output", "summarisation",
]  # fmt: skip

# the grammar of ordinary release prose
NOUNS = """
model checkpoint tokenizer dataset mixture corpus pipeline cluster node accelerator kernel
attention layer adapter optimizer schedule curriculum filter classifier reward policy
preference annotator prompt template context window cache batch request endpoint gateway
quota licence card report appendix harness evaluation ablation baseline recipe stage phase
shard replica rollout release preview version snapshot weight parameter precision format
quantisation runtime server client library package container image manifest registry
document page section example tutorial guide notebook script config flag option setting
team partner community contributor user developer researcher engineer reviewer customer
language domain task skill behaviour refusal safeguard audit incident feedback issue
benchmark leaderboard metric score sample split subset item question answer solution proof
program function module repository commit branch patch test suite fixture trace log metric
latency throughput memory bandwidth budget cost price token vocabulary embedding vector
""".split()  # noqa: SIM905 - a word list reads better as words
VERBS = """
trained tuned filtered deduplicated curated collected released published documented tested
measured profiled rewrote replaced extended reduced improved simplified merged split moved
shipped deployed hosted served cached batched streamed logged reviewed audited annotated
labelled sampled mixed weighted scheduled distilled pruned quantised converted exported
packaged tagged versioned migrated upgraded patched fixed removed added enabled disabled
""".split()  # noqa: SIM905 - a word list reads better as words
ADJECTIVES = """
new larger smaller cleaner longer shorter multilingual open public internal external
experimental stable optional default recommended earlier previous current separate single
shared dedicated synthetic curated noisy rare common typical rough careful detailed brief
permissive commercial academic local remote distributed sparse dense mixed balanced
""".split()  # noqa: SIM905 - a word list reads better as words
ADVERBS = ["carefully", "gradually", "mostly", "partly", "fully", "largely", "manually"]
PLACES = """
in the appendix|on the model card|in the repository|on the project page|in the changelog|
in our engineering post|in the documentation|on the community forum|in the release notes
""".replace("\n", "").split("|")
OPENERS = [
    "This release", "In this version", "During training", "For this update", "Since then",
    "As before", "At launch", "Over the last months", "Along with the weights", "For now",
]  # fmt: skip
# cue words the claim rules look at, used as ordinary prose uses them
CUE_PROSE = [
    "Throughput is higher on long prompts since the {noun} was {verb}.",
    "Memory use is lower than in the {adj} {noun}, so a single node can serve it.",
    "The {noun} is better documented, and the {noun2} now has a {adj} {noun3}.",
    "Latency drops when the {noun} is {verb} ahead of the first request.",
    "Results are comparable across runs when the {noun} is fixed.",
    "We match the {noun} of the previous {noun2} so that existing {noun3}s keep working.",
    "Scores are reported as the mean of {n} runs, the best of which is {x}%.",
]
CLAIMS = [
    "{s} outperforms {t} on {b} and {b2}.",
    "On {b}, {s} is on par with {t} while using far fewer parameters.",
    "Our model comes close to {t} on {b}, scoring {x}.",
    "{s} surpasses {t} and {t2} on most benchmarks we tested.",
    "It is the best open-weights model of its size on {b}.",
    "{s} trails only {t} on {b} ({x} vs {y}).",
    "The {size} version beats {t} on {b} (5-shot) and narrows the gap to {t2} on {b2}.",
    "{s} does not yet match {t} on {b}, but it is clearly ahead of {t2}.",
    "Compared with {t}, {s} scores higher on {b} and {b2}, and lower on {b3}.",
    "In our internal evaluations, {s} rivals {t} on {topic}.",
]
TRAPS = [
    "We use {t} as the judge for {b}.",
    "{b} is a benchmark of {topic} questions written by domain experts.",
    "{s} scores {x} on {b} and {y} on {b2}.",
    "For best results, use the chat template that ships with the tokenizer.",
    "{s} is a capable model for everyday {topic}.",
    "Prices are listed per million tokens on the pricing page.",
    "Scores for {t} are taken from its technical report where available.",
]
HEADINGS = [
    "Highlights", "Benchmarks", "Reasoning and mathematics", "Coding", "Multilingual",
    "Long context", "Safety", "Availability", "Limitations", "How we evaluated",
    "Training", "Getting started", "Acknowledgements", "Data", "Serving", "Licence",
]  # fmt: skip


def _ident(rng: random.Random) -> str:
    """A token that real posts are full of and that rarely repeats: code, paths, versions."""
    a, b = rng.sample(NOUNS, 2)
    kind = rng.random()
    if kind < 0.25:
        return f"`{a}_{b}_{rng.randint(2, 999)}`"
    if kind < 0.5:
        return f"v{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"
    if kind < 0.7:
        return f"`src/{a}/{b}{rng.randint(1, 99)}.py`"
    if kind < 0.85:
        return f"https://{a}.example.org/{b}/{rng.randint(100, 99999)}"
    return f"{rng.randint(2, 900)},{rng.randint(100, 999)}"


def _prose(rng: random.Random) -> str:
    n1, n2, n3 = rng.sample(NOUNS, 3)
    parts = [
        rng.choice(OPENERS) + ",",
        "the" if rng.random() < 0.7 else "our",
        rng.choice(ADJECTIVES),
        n1,
        "was",
        rng.choice(ADVERBS) if rng.random() < 0.3 else "",
        rng.choice(VERBS),
        rng.choice(["with", "for", "from", "across", "through"]),
        rng.choice(["the", "a", "each", "every"]),
        n2,
        rng.choice(["and", "while", "so that", "because"]),
        rng.choice(["the", "its", "our"]),
        n3,
        rng.choice(["is", "was", "stays", "became"]),
        rng.choice(VERBS),
    ]
    if rng.random() < 0.4:
        parts += [rng.choice(["see", "as described", "with details"]), rng.choice(PLACES)]
    if rng.random() < 0.6:
        parts += ["(" + _ident(rng) + ")"]
    return " ".join(p for p in parts if p) + "."


def _fill(template: str, rng: random.Random, subject: str) -> str:
    t, t2 = rng.sample(TARGETS, 2)
    b, b2, b3 = rng.sample(BENCHES, 3)
    n1, n2, n3 = rng.sample(NOUNS, 3)
    return template.format(
        s=subject,
        t=t,
        t2=t2,
        b=b,
        b2=b2,
        b3=b3,
        size=rng.choice(SIZES),
        topic=rng.choice(TOPICS),
        x=f"{rng.uniform(40, 95):.1f}",
        y=f"{rng.uniform(40, 95):.1f}",
        n=rng.randint(3, 8),
        noun=n1,
        noun2=n2,
        noun3=n3,
        adj=rng.choice(ADJECTIVES),
        verb=rng.choice(VERBS),
    )


def _sentence(rng: random.Random, subject: str) -> str:
    roll = rng.random()
    if roll < 0.04:
        return _fill(rng.choice(CLAIMS), rng, subject)
    if roll < 0.10:
        return _fill(rng.choice(TRAPS), rng, subject)
    if roll < 0.22:
        return _fill(rng.choice(CUE_PROSE), rng, subject)
    return _prose(rng)


def _table(rng: random.Random, subject: str) -> tuple[list[str], list[list[str]]]:
    cols = [subject, *rng.sample(TARGETS, rng.randint(2, 4))]
    rows = [
        [bench, *(f"{rng.uniform(30, 95):.1f}" for _ in cols)]
        for bench in rng.sample(BENCHES, rng.randint(4, 9))
    ]
    return ["Benchmark", *cols], rows


def _code(rng: random.Random, line: str) -> str:
    lines = [f"pip install {line.lower()}-client=={_ident(rng).strip('`v')}"]
    for _ in range(rng.randint(2, 6)):
        a, b = rng.sample(NOUNS, 2)
        lines.append(f"{a}_{b} = client.{rng.choice(VERBS)}({b}={rng.randint(1, 512)})")
    return "\n".join(lines)


def make_document(rng: random.Random, target_words: int = 1800) -> tuple[str, str]:
    """(file suffix, text) of one announcement of about `target_words` words."""
    line = rng.choice(NEW_LINES)
    subject = f"{line}-{rng.randint(2, 5)}-{rng.choice(SIZES)}"
    org = rng.choice(ORGS)
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    as_html = rng.random() < 0.25
    has_table = rng.random() < 0.8
    blocks: list[tuple[str, object]] = [("h1", f"Introducing {subject}")]
    # the opening paragraph names the release and usually makes its headline claim
    lead = [f"Today {org} releases {subject}.", _prose(rng)]
    if rng.random() < 0.7:
        lead.append(_fill(rng.choice(CLAIMS), rng, subject))
    blocks.append(("p", " ".join(lead)))
    words = sum(len(s.split()) for s in lead)
    headings = rng.sample(HEADINGS, len(HEADINGS))
    table_at = rng.randint(0, 2)
    section = 0
    while words < target_words:
        blocks.append(("h2", headings[section % len(headings)]))
        for _ in range(rng.randint(1, 3)):
            sentences = [_sentence(rng, subject) for _ in range(rng.randint(3, 7))]
            words += sum(len(s.split()) for s in sentences)
            if rng.random() < 0.25:
                blocks.append(("ul", sentences))
            else:
                blocks.append(("p", " ".join(sentences)))
        if has_table and section == table_at:
            blocks.append(("table", _table(rng, subject)))
        if rng.random() < 0.15:
            code = _code(rng, line)
            blocks.append(("code", code))
            words += len(code.split())
        section += 1
    if as_html:
        return ".html", _html(blocks, subject, org, date)
    return ".md", _markdown(blocks, subject, org, date, front_matter=rng.random() < 0.5)


def _markdown(
    blocks: list[tuple[str, object]], title: str, org: str, date: str, *, front_matter: bool
) -> str:
    parts = [f"---\ntitle: {title}\norg: {org}\ndate: {date}\n---\n"] if front_matter else []
    if not front_matter:
        parts.append(f"Date: {date}\n")
    for kind, value in blocks:
        if kind == "h1":
            parts.append(f"# {value}\n")
        elif kind == "h2":
            parts.append(f"## {value}\n")
        elif kind == "p":
            parts.append(f"{value}\n")
        elif kind == "ul":
            parts.append("\n".join(f"- {s}" for s in value) + "\n")  # type: ignore[attr-defined]
        elif kind == "code":
            parts.append(f"```python\n{value}\n```\n")
        elif kind == "table":
            header, rows = value  # type: ignore[misc]
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(r) + " |" for r in rows]
            parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _html(blocks: list[tuple[str, object]], title: str, org: str, date: str) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{e(title)} | {e(org)}</title>",
        f"<meta property='article:published_time' content='{date}'></head><body>",
        "<nav><a href='/'>Home</a> <a href='/blog'>Blog</a> <a href='/docs'>Docs</a></nav>",
        "<main><article>",
    ]
    for kind, value in blocks:
        if kind in ("h1", "h2"):
            parts.append(f"<{kind}>{e(str(value))}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{e(str(value))}</p>")
        elif kind == "ul":
            items = "".join(f"<li>{e(s)}</li>" for s in value)  # type: ignore[attr-defined]
            parts.append(f"<ul>{items}</ul>")
        elif kind == "code":
            parts.append(f"<pre><code>{e(str(value))}</code></pre>")
        elif kind == "table":
            header, rows = value  # type: ignore[misc]
            head = "".join(f"<th>{e(h)}</th>" for h in header)
            body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</article></main><footer>© 2024 " + e(org) + "</footer></body></html>")
    return "\n".join(parts) + "\n"


def write_corpus(
    root: Path, n_docs: int, *, seed: int = 12, words_per_doc: int = 1800
) -> tuple[list[Path], int]:
    """Write `n_docs` announcements under `root`; return their paths and total word count."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    for i in range(n_docs):
        suffix, text = make_document(rng, words_per_doc)
        path = root / f"post{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words
