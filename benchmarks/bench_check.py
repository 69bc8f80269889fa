"""How fast claimcheck judges claims and checks documents. Prints figures; never fails on time.

    python benchmarks/bench_check.py [--docs 200] [--db PATH] [--claims 2000] [--skip-cli]

1. claims judged per second against the full store (judge only: extraction excluded);
2. end-to-end words per second of `claimcheck check DIR` on a generated corpus of
   announcement-like documents, with --jobs 1 and --jobs 2 (process start-up included, since
   that is what a user waits for), and in-process `Checker.check_many` for the pure pipeline;
3. beside them, in the same run, the spaCy tokenizer alone (`spacy.blank("en")`) on the same
   text: the ceiling any spaCy-based extractor is measured against.

Without --db a temporary store is built from the bundled data (that build is not timed).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# runnable from a source checkout without installing (python benchmarks/bench_check.py)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MODELS = [
    "GPT-4o",
    "GPT-4o mini",
    "Claude 3.5 Sonnet",
    "Llama 3.1 405B",
    "Llama 3.1 70B",
    "Qwen2.5-72B-Instruct",
    "DeepSeek-V3",
    "Gemini 1.5 Pro",
    "Mistral Large 2",
    "Yi-Large",
]
BENCHMARKS = ["MMLU", "MMLU-Pro", "HumanEval", "GPQA", "MATH", "Arena-Hard", "LiveBench", "IFEval"]
CLAIMS = [
    "{s} outperforms {t} on {b}.",
    "On {b}, {s} is on par with {t}.",
    "{s} comes close to {t} on {b} and {b2}.",
    "{s} surpasses {t} on most benchmarks.",
    "{s} is the best open-weights model on {b}.",
    "{s} trails only {t} on {b}, scoring {n}.",
]
FILLER = [
    "The release ships with a permissive licence and weights for research use.",
    "We trained on a refreshed data mixture with more code and multilingual text.",
    "Inference is available through the API and on several cloud platforms today.",
    "The context window grows to 128K tokens without a loss in retrieval quality.",
    "Safety evaluations were run by an internal red team before launch.",
    "Developers can fine-tune the model with the same tooling as before.",
    "Latency improvements come from a new attention kernel and better batching.",
    "We thank the community for the feedback that shaped this release.",
]


def make_corpus(root: Path, n_docs: int, seed: int = 7) -> tuple[list[Path], int]:
    """Write n_docs announcement-sized Markdown files; return their paths and total words."""
    rng = random.Random(seed)
    paths, words = [], 0
    for i in range(n_docs):
        subject = rng.choice(MODELS)
        others = [m for m in MODELS if m != subject]
        lines = [f"date: 2024-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}", ""]
        lines += [f"# Introducing {subject} (build {i})", ""]
        for _ in range(6):
            sentences = rng.sample(FILLER, 3)
            b, b2 = rng.sample(BENCHMARKS, 2)
            claim = rng.choice(CLAIMS).format(
                s=subject, t=rng.choice(others), b=b, b2=b2, n=f"{rng.uniform(40, 95):.1f}"
            )
            sentences.insert(rng.randint(0, 3), claim)
            lines += [" ".join(sentences), ""]
        cols = rng.sample(others, 3)
        lines.append("| Benchmark | " + subject + " | " + " | ".join(cols) + " |")
        lines.append("|---" * 4 + "|---|")
        for b in rng.sample(BENCHMARKS, 5):
            cells = " | ".join(f"{rng.uniform(40, 95):.1f}" for _ in range(4))
            lines.append(f"| {b} | {cells} |")
        text = "\n".join(lines) + "\n"
        path = root / f"doc{i:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="generated documents")
    parser.add_argument("--db", type=Path, help="an existing store (default: a fresh temp one)")
    parser.add_argument("--claims", type=int, default=2000, help="claims to judge in step 1")
    parser.add_argument("--skip-cli", action="store_true", help="skip the subprocess runs")
    args = parser.parse_args()

    import spacy

    from claimcheck.documents import load_document
    from claimcheck.pipeline import Checker
    from claimcheck.store import Store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = args.db or tmp / "bench.db"
        t0 = time.perf_counter()
        store = Store.open(db)
        print(f"store: {db} ({time.perf_counter() - t0:.1f}s to open/build)")
        n_eval = store.db["evaluations"].count
        print(f"evaluations in store: {n_eval:,}")

        corpus = tmp / "corpus"
        corpus.mkdir()
        paths, words = make_corpus(corpus, args.docs)
        docs = [load_document(str(p)) for p in paths]
        print(f"corpus: {len(docs)} documents, {words:,} words")

        t0 = time.perf_counter()
        checker = Checker(store)
        checker.index, checker.prices  # noqa: B018 - built lazily; time the build here
        print(f"Checker built in {time.perf_counter() - t0:.2f}s (registry, index, prices)")

        # spaCy tokenizer baseline, same text, same process
        nlp = spacy.blank("en")
        texts = [d.text for d in docs]
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        tok_s = time.perf_counter() - t0
        print(f"spaCy tokenizer alone:       {rate(words, tok_s):>12} words")

        # 1. claims judged per second
        from claimcheck.extract import extract_claims

        claims = [(c, d.date) for d in docs for c in extract_claims(d, registry=checker.registry)]
        if claims:
            pool = (claims * (args.claims // len(claims) + 1))[: args.claims]
            checker.judge_claim(*pool[0])  # warm caches
            t0 = time.perf_counter()
            for claim, date in pool:
                checker.judge_claim(claim, date)
            judge_s = time.perf_counter() - t0
            print(
                f"judge:                       {rate(len(pool), judge_s):>12} claims "
                f"({len(pool)} claims, {len({c.text for c, _ in pool})} distinct sentences)"
            )
        else:
            print("judge: the extractor found no claims in the corpus")

        # 2a. in-process pipeline
        t0 = time.perf_counter()
        out = list(checker.check_many(docs, jobs=1))
        seq_s = time.perf_counter() - t0
        n_claims = sum(len(d.claims) for d in out)
        print(
            f"check_many jobs=1 (in-proc): {rate(words, seq_s):>12} words "
            f"({n_claims} claims, {seq_s:.2f}s)"
        )
        store.close()

        # 2b. the command as a user runs it
        if not args.skip_cli:
            env = {**os.environ, "CLAIMCHECK_DB": str(db)}
            for jobs in (1, 2):
                cmd = [sys.executable, "-c", "from claimcheck.cli import main; main()"]
                cmd += ["check", str(corpus)]
                cmd += ["--format", "json", "--no-store", "--jobs", str(jobs)]
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, env=env, capture_output=True)
                wall = time.perf_counter() - t0
                status = "" if proc.returncode == 0 else f" exit {proc.returncode}"
                print(
                    f"claimcheck check --jobs {jobs}:   {rate(words, wall):>12} words "
                    f"({wall:.2f}s wall incl. start-up{status})"
                )
        print(f"cpu cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
