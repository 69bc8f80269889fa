"""A generated corpus of model-release announcements for the speed benchmarks.

Real announcements are long prose with a few comparative claims, headings, bullet lists, code
spans, front matter and usually (not always) a benchmark table, in Markdown or HTML. This
writes documents of that shape from templates and a seeded random generator, so every run
reads the same text and nothing from a real post is copied. About 1,800 words per document by
default, the size of a typical release post; a quarter of them are HTML, a fifth have no table.

    from benchmarks.corpus import write_corpus
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

CLAIMS = [
    "{s} outperforms {t} on {b} and {b2}.",
    "On {b}, {s} is on par with {t} while using far fewer parameters.",
    "Our model comes close to {t} on {b}, scoring {n}.",
    "{s} surpasses {t} and {t2} on most benchmarks we tested.",
    "It is the best open-weights model of its size on {b}.",
    "{s} trails only {t} on {b} ({n} vs {n2}).",
    "The {size} version beats {t} on {b} (5-shot) and narrows the gap to {t2} on {b2}.",
    "{s} does not yet match {t} on {b}, but it is clearly ahead of {t2}.",
    "Compared with {t}, {s} scores higher on {b} and {b2}, and lower on {b3}.",
    "In our internal evaluations, {s} rivals {t} on {topic}.",
]
TRAPS = [
    "We use {t} as the judge for {b}.",
    "{b} is a benchmark of {topic} questions written by domain experts.",
    "{s} scores {n} on {b} and {n2} on {b2}.",
    "Our serving stack is faster than last quarter's on long prompts.",
    "For best results, use the chat template that ships with the tokenizer.",
    "{s} is a capable model for everyday {topic}.",
    "Prices are listed per million tokens on the pricing page.",
    "We report the average of three runs with temperature 0.7 and top-p 0.95.",
    "Scores for {t} are taken from its technical report where available.",
]
PROSE = [
    "The release ships with a permissive licence and weights for research and commercial use.",
    "We trained on a refreshed data mixture with more code, more mathematics and more "
    "multilingual text than the previous generation.",
    "Inference is available through the API today and on several cloud platforms next week.",
    "The context window grows to 128K tokens without a measurable loss in retrieval quality, "
    "which we check with needle-in-a-haystack tests at every length.",
    "Safety evaluations were run by an internal red team before launch, and we publish the "
    "findings with the model card.",
    "Developers can fine-tune the model with the same tooling as before, including low-rank "
    "adapters and full fine-tuning on a single node.",
    "Latency improvements come from a new attention kernel and better request batching in "
    "the serving stack.",
    "We thank the open-source community for the feedback that shaped this release over the "
    "past months.",
    "Documentation, examples and a migration guide are linked from the model card.",
    "The tokenizer was extended with more code symbols and runs of whitespace, which shortens "
    "typical source files by about a tenth.",
    "Post-training combines supervised fine-tuning on curated demonstrations with preference "
    "optimisation against a reward model trained on human comparisons.",
    "We filtered the pre-training data for benchmark contamination with n-gram overlap checks "
    "and removed every document that matched a test item.",
    "Quantised checkpoints in 4-bit and 8-bit precision are provided for local use, with a "
    "small loss in quality that we document below.",
    "The model follows system prompts more reliably and refuses fewer harmless requests than "
    "its predecessor.",
    "Function calling uses a JSON schema supplied with the request, and the model returns "
    "arguments that validate against it in nearly every case we tried.",
    "Training ran on a cluster of accelerators for several weeks, and we describe the "
    "infrastructure in a separate engineering post.",
    "Evaluation settings follow the public harnesses wherever possible; where we changed a "
    "prompt, the appendix lists the exact wording.",
    "Feedback is welcome on the issue tracker and in the community forum.",
]
HEADINGS = [
    "Highlights", "Benchmarks", "Reasoning and mathematics", "Coding", "Multilingual",
    "Long context", "Safety", "Availability", "Limitations", "How we evaluated",
    "Training", "Getting started", "Acknowledgements",
]  # fmt: skip


def _fill(template: str, rng: random.Random, subject: str) -> str:
    t, t2 = rng.sample(TARGETS, 2)
    b, b2, b3 = rng.sample(BENCHES, 3)
    return template.format(
        s=subject,
        t=t,
        t2=t2,
        b=b,
        b2=b2,
        b3=b3,
        size=rng.choice(SIZES),
        topic=rng.choice(TOPICS),
        n=f"{rng.uniform(40, 95):.1f}",
        n2=f"{rng.uniform(40, 95):.1f}",
    )


def _paragraph(rng: random.Random, subject: str, sentences: int) -> list[str]:
    out = []
    for _ in range(sentences):
        roll = rng.random()
        pool = CLAIMS if roll < 0.12 else TRAPS if roll < 0.24 else PROSE
        out.append(_fill(rng.choice(pool), rng, subject))
    return out


def _table(rng: random.Random, subject: str) -> tuple[list[str], list[list[str]]]:
    cols = [subject, *rng.sample(TARGETS, rng.randint(2, 4))]
    rows = [
        [bench, *(f"{rng.uniform(30, 95):.1f}" for _ in cols)]
        for bench in rng.sample(BENCHES, rng.randint(4, 9))
    ]
    return ["Benchmark", *cols], rows


def make_document(i: int, rng: random.Random, target_words: int = 1800) -> tuple[str, str]:
    """(file suffix, text) of one announcement of about `target_words` words."""
    line = rng.choice(NEW_LINES)
    subject = f"{line}-{rng.randint(2, 5)}-{rng.choice(SIZES)}"
    org = rng.choice(ORGS)
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    as_html = rng.random() < 0.25
    has_table = rng.random() < 0.8
    blocks: list[tuple[str, object]] = [("h1", f"Introducing {subject}")]
    words = 0
    headings = rng.sample(HEADINGS, len(HEADINGS))
    table_at = rng.randint(1, 3)
    section = 0
    while words < target_words:
        heading = headings[section % len(headings)]
        blocks.append(("h2", heading))
        for _ in range(rng.randint(1, 3)):
            sentences = _paragraph(rng, subject, rng.randint(3, 7))
            words += sum(len(s.split()) for s in sentences)
            if rng.random() < 0.25:
                blocks.append(("ul", sentences))
            else:
                blocks.append(("p", " ".join(sentences)))
        if has_table and section == table_at:
            blocks.append(("table", _table(rng, subject)))
        if rng.random() < 0.1:
            blocks.append(("code", f"pip install {line.lower()}-client\n{line.lower()} chat"))
        section += 1
    if as_html:
        return ".html", _html(blocks, subject, org, date)
    return ".md", _markdown(blocks, subject, org, date, front_matter=rng.random() < 0.5)


def _markdown(blocks: list[tuple[str, object]], title: str, org: str, date: str, *,
              front_matter: bool) -> str:  # fmt: skip
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
            parts.append(f"```sh\n{value}\n```\n")
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
            parts.append("<ul>" + "".join(f"<li>{e(s)}</li>" for s in value) + "</ul>")  # type: ignore[attr-defined]
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
        suffix, text = make_document(i, rng, words_per_doc)
        path = root / f"post{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words
