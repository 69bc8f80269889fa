"""Score the claim extractor against the labelled corpus in `tests/corpus/`.

    python -m claimcheck.evaluate tests/corpus [--errors train]

Prints, for each split, precision / recall / F1 of claim detection and the accuracy of the
subject, relation (with negation), targets and benchmarks over the correctly detected claims.
The corpus format is described in `tests/corpus/README.md`. The `test` split is held aside:
tune rules with `--errors train` only, and read the test figures as the honest estimate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.models import Claim, Document, Mention

ATTRIBUTES = ("subject", "relation", "targets", "benchmarks")


@dataclass
class Scores:
    """Detection counts and attribute agreement for one split (and one part of the corpus)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    attr_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float:
        return self.attr_right[attribute] / self.tp if self.tp else 0.0

    def add(self, other: Scores) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        for key in ATTRIBUTES:
            self.attr_right[key] += other.attr_right[key]
        self.errors += other.errors


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z+]", "", text.casefold())


class _Names:
    """Compares a gold name with a predicted mention: same registry id, or same spelling."""

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self._ids: dict[tuple[str, str], str | None] = {}

    def gold_id(self, kind: str, text: str) -> str | None:
        key = (kind, text)
        if key not in self._ids:
            res = (
                self.registry.resolve_model(text)
                if kind == "model"
                else self.registry.resolve_benchmark(text)
            )
            self._ids[key] = res.id if res.method in ("exact", "normalised", "as_of") else None
        return self._ids[key]

    def same(self, kind: str, gold: str, pred: Mention | None) -> bool:
        if pred is None:
            return False
        if _norm(gold) == _norm(pred.text):
            return True
        gid = self.gold_id(kind, gold)
        if gid and pred.id:
            if gid == pred.id:
                return True
            if kind == "model":
                models = self.registry.models
                a, b = models.get(gid), models.get(pred.id)
                return bool(a and b and a.family == b.family)
        return False

    def same_set(self, kind: str, gold: Sequence[str], pred: Sequence[Mention]) -> bool:
        if len(gold) != len(pred):
            return False
        left = list(pred)
        for name in gold:
            match = next((p for p in left if self.same(kind, name, p)), None)
            if match is None:
                return False
            left.remove(match)
        return True


def _compare(gold: dict[str, Any], pred: Claim, names: _Names) -> dict[str, bool]:
    return {
        "subject": names.same("model", gold.get("subject", ""), pred.subject),
        "relation": (gold.get("relation"), bool(gold.get("negated")))
        == (pred.relation, pred.negated),
        "targets": names.same_set("model", gold.get("targets", []), pred.targets),
        "benchmarks": names.same_set("bench", gold.get("benchmarks", []), pred.benchmarks),
    }


def _describe(pred: Claim) -> str:
    subject = pred.subject.text if pred.subject else None
    return (
        f"{subject} {'NOT ' if pred.negated else ''}{pred.relation} "
        f"{[t.text for t in pred.targets]} group={pred.target_group!r} "
        f"on {[b.text for b in pred.benchmarks]}"
    )


def _score_claim(
    scores: Scores, gold: dict[str, Any], pred: Claim, names: _Names, label: str
) -> None:
    scores.tp += 1
    result = _compare(gold, pred, names)
    for key, ok in result.items():
        scores.attr_right[key] += ok
    wrong = [k for k, ok in result.items() if not ok]
    if wrong:
        scores.errors.append(f"ATTR {wrong} {label}\n    got:  {_describe(pred)}\n    want: {gold}")


def score_sentences(records: Sequence[dict[str, Any]], registry: Any) -> dict[str, Scores]:
    """Detection and attribute scores per split over labelled sentences."""
    from claimcheck.extract import extract_many

    names = _Names(registry)
    docs = [Document(r["text"], title=r.get("title", ""), path=r["id"]) for r in records]
    out: dict[str, Scores] = {}
    for record, claims in zip(records, extract_many(docs, registry=registry), strict=True):
        scores = out.setdefault(record["split"], Scores())
        label = f"{record['id']}: {record['text']}"
        if record["is_claim"] and claims:
            _score_claim(scores, record, claims[0], names, label)
        elif record["is_claim"]:
            scores.fn += 1
            scores.errors.append(f"MISSED {label}")
        elif claims:
            scores.fp += 1
            scores.errors.append(f"FALSE  {label}\n    got:  {_describe(claims[0])}")
        else:
            scores.tn += 1
    return out


def score_documents(
    entries: Sequence[dict[str, Any]], doc_dir: Path, registry: Any
) -> dict[str, Scores]:
    """Claim-level scores per split over whole documents with their expected claims."""
    from claimcheck.documents import load_document
    from claimcheck.extract import extract_many

    names = _Names(registry)
    docs = [load_document(str(doc_dir / e["file"])) for e in entries]
    out: dict[str, Scores] = {}
    for entry, claims in zip(entries, extract_many(docs, registry=registry), strict=True):
        scores = out.setdefault(entry["split"], Scores())
        left = list(claims)
        for gold in entry["claims"]:
            quote = " ".join(gold["quote"].split())
            match = next((c for c in left if quote in c.text), None)
            label = f"{entry['file']}: {quote}"
            if match is None:
                scores.fn += 1
                scores.errors.append(f"MISSED {label}")
                continue
            left.remove(match)
            _score_claim(scores, gold, match, names, label)
        for extra in left:
            scores.fp += 1
            scores.errors.append(
                f"FALSE  {entry['file']}: {extra.text}\n    got:  {_describe(extra)}"
            )
    return out


def evaluate(corpus: Path, registry: Any = None) -> dict[str, dict[str, Scores]]:
    """{split: {"sentences": ..., "documents": ..., "all": ...}} for the corpus directory."""
    if registry is None:
        from claimcheck.registry import load_registry

        registry = load_registry()
    records = [
        json.loads(line)
        for line in (corpus / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    entries = [
        json.loads(line)
        for line in (corpus / "documents.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    by_sentence = score_sentences(records, registry)
    by_document = score_documents(entries, corpus / "documents", registry)
    result: dict[str, dict[str, Scores]] = {}
    for split in sorted(set(by_sentence) | set(by_document)):
        parts = {
            "sentences": by_sentence.get(split, Scores()),
            "documents": by_document.get(split, Scores()),
        }
        total = Scores()
        for part in parts.values():
            total.add(part)
        result[split] = {**parts, "all": total}
    return result


def format_report(result: dict[str, dict[str, Scores]]) -> str:
    lines = [
        f"{'split':<6} {'part':<10} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} "
        + " ".join(f"{a:>10}" for a in ATTRIBUTES)
    ]
    for split, parts in result.items():
        for part, s in parts.items():
            n = s.tp + s.fp + s.fn + s.tn
            lines.append(
                f"{split:<6} {part:<10} {n:>4} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
                + " ".join(f"{s.accuracy(a):>10.3f}" for a in ATTRIBUTES)
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the corpus directory (tests/corpus)")
    parser.add_argument("--errors", metavar="SPLIT", help="also list the mistakes on SPLIT")
    args = parser.parse_args(argv)
    if not (args.corpus / "sentences.jsonl").is_file():
        print(f"claimcheck.evaluate: no sentences.jsonl in {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus)
    print(format_report(result))
    if args.errors:
        for error in result.get(args.errors, {}).get("all", Scores()).errors:
            print(error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
