"""How fast the claim extractor reads announcements, against spaCy's tokenizer alone.

    python benchmarks/bench_extract.py [--docs 1000] [--seed 7] [--repeat 3]

Generates ~1,000 announcement-sized Markdown documents (headings, bullets, a benchmark table,
claims, traps and filler prose), then in the same run measures words per second of
1. `spacy.blank("en")` tokenizing alone (`nlp.pipe`), the ceiling for any spaCy extractor;
2. full claim extraction (`extract_many`: sentences, registry EntityRuler, claim rules);
3. extraction plus `parse_vendor_tables`, what the checker runs per document.
Prints the figures and the ratio of (2) to (1); the target is at least 0.5. Best of --repeat
runs, after a warm-up, so start-up (registry load, building the ruler) is not counted.
Never fails on time.
"""

from __future__ import annotations

import argparse
import random
import time

NEW_MODELS = ["Kestrel", "Helix", "Aurora", "Vega", "Lumen", "Sable", "Ember", "Quill", "Tern"]
TARGETS = [
    "GPT-4o", "GPT-4o mini", "Claude 3.5 Sonnet", "Llama 3.1 405B", "Llama 3.1 70B",
    "Qwen2.5-72B-Instruct", "DeepSeek-V3", "Gemini 1.5 Pro", "Mistral Large 2", "Gemma 2 9B",
]  # fmt: skip
BENCHES = ["MMLU", "MMLU-Pro", "HumanEval", "GPQA", "MATH", "Arena-Hard", "GSM8K", "IFEval"]
CLAIMS = [
    "{s} outperforms {t} on {b} and {b2}.",
    "On {b}, {s} is on par with {t}.",
    "Our model comes close to {t} on {b}, scoring {n}.",
    "{s} surpasses {t} and {t2} on most benchmarks.",
    "It is the best open-weights model on {b}.",
    "{s} trails only {t} on {b} ({n} vs {n2}).",
    "The {size} version beats {t} on {b} (5-shot) while using fewer parameters.",
    "{s} does not yet match {t} on {b}, but it is ahead of {t2}.",
]
TRAPS = [
    "We use {t} as the judge for {b}.",
    "{b} is a benchmark of hard questions written by experts.",
    "{s} scores {n} on {b} and {n2} on {b2}.",
    "Our inference engine is faster than vLLM on long prompts.",
    "For best results, use the chat template that ships with the tokenizer.",
    "{s} is a powerful model for everyday work.",
    "The API price is lower than last year's.",
]
FILLER = [
    "The release ships with a permissive licence and weights for research use.",
    "We trained on a refreshed data mixture with more code and multilingual text.",
    "Inference is available through the API and on several cloud platforms today.",
    "The context window grows to 128K tokens without a loss in retrieval quality.",
    "Safety evaluations were run by an internal red team before launch, and we publish them.",
    "Developers can fine-tune the model with the same tooling as before, including adapters.",
    "Latency improvements come from a new attention kernel and better request batching.",
    "We thank the community for the feedback that shaped this release over many months.",
    "Documentation, examples and a migration guide are linked from the model card.",
    "The tokenizer was extended with more code symbols and whitespace runs.",
]


def make_documents(n_docs: int, seed: int) -> list[tuple[str, str]]:
    """(title, text) pairs of announcement-sized Markdown documents."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        name = f"{rng.choice(NEW_MODELS)}-{rng.randint(2, 5)}-{rng.choice([7, 9, 14, 32, 70])}B"
        parts = [f"# Introducing {name}", f"Date: 2024-{rng.randint(1, 12):02d}-15", ""]
        for section in range(rng.randint(3, 5)):
            parts.append(f"## Section {section + 1}")
            sentences = []
            for _ in range(rng.randint(5, 9)):
                roll = rng.random()
                pool = CLAIMS if roll < 0.25 else TRAPS if roll < 0.45 else FILLER
                t, t2 = rng.sample(TARGETS, 2)
                b, b2 = rng.sample(BENCHES, 2)
                sentences.append(
                    rng.choice(pool).format(
                        s=name,
                        t=t,
                        t2=t2,
                        b=b,
                        b2=b2,
                        size=rng.choice(["7B", "72B"]),
                        n=f"{rng.uniform(40, 95):.1f}",
                        n2=f"{rng.uniform(40, 95):.1f}",
                    )  # fmt: skip
                )
            if rng.random() < 0.4:
                parts += [f"- {s}" for s in sentences]
            else:
                parts.append(" ".join(sentences))
            parts.append("")
        cols = [name, *rng.sample(TARGETS, 3)]
        parts.append("| Benchmark | " + " | ".join(cols) + " |")
        parts.append("|---" * (len(cols) + 1) + "|")
        for bench in rng.sample(BENCHES, 5):
            cells = " | ".join(f"{rng.uniform(30, 95):.1f}" for _ in cols)
            parts.append(f"| {bench} | {cells} |")
        docs.append((f"Introducing {name}", "\n".join(parts) + "\n"))
        del i
    return docs


def best_of(repeat: int, run) -> float:  # noqa: ANN001 - a zero-argument callable
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import spacy

    from claimcheck.extract import extract_many, get_nlp, parse_vendor_tables
    from claimcheck.models import Document
    from claimcheck.registry import load_registry

    raw = make_documents(args.docs, args.seed)
    documents = [
        Document(text, path=f"doc{i}.md", title=title) for i, (title, text) in enumerate(raw)
    ]
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    registry = load_registry()
    get_nlp(registry)
    startup = time.perf_counter() - t0

    blank = spacy.blank("en")
    list(blank.pipe(texts[:50]))
    list(extract_many(documents[:50], registry=registry))  # warm the caches

    claims: list[int] = []

    def tokenize() -> None:
        for _ in blank.pipe(texts, batch_size=64):
            pass

    def extract() -> None:
        claims[:] = [len(c) for c in extract_many(documents, registry=registry)]

    def extract_and_tables() -> None:
        for doc, _claims in zip(documents, extract_many(documents, registry=registry), strict=True):
            parse_vendor_tables(doc, registry=registry)

    # alternate the two runs so a busy machine slows both alike; keep the best of each
    t_tok = t_ext = float("inf")
    for _ in range(args.repeat):
        t_tok = min(t_tok, best_of(1, tokenize))
        t_ext = min(t_ext, best_of(1, extract))
    t_all = best_of(max(1, args.repeat - 1), extract_and_tables)

    print(f"documents: {len(documents)}, words: {words:,}, claims found: {sum(claims):,}")
    print(f"start-up (registry + pipeline build, once): {startup:.2f} s")
    print(f"spacy.blank('en') tokenizing:   {words / t_tok:>10,.0f} words/s ({t_tok:.2f} s)")
    print(f"claim extraction (extract_many): {words / t_ext:>10,.0f} words/s ({t_ext:.2f} s)")
    print(f"extraction + vendor tables:      {words / t_all:>10,.0f} words/s ({t_all:.2f} s)")
    print(f"ratio extraction / tokenizing: {t_tok / t_ext:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
