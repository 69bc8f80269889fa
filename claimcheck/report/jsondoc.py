"""The JSON machine contract of DESIGN.md (`--format json`), and JSON Lines (`jsonl`): one
document per line with the same keys. JSON keeps the text exactly as found: its encoding is
already safe."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, TextIO

from claimcheck import __version__
from claimcheck.models import CheckedClaim, CheckedDocument, Evidence, Mention
from claimcheck.report.common import FormatWriter, Options, article_url, count_verdicts
from claimcheck.text import dumps_json


class JsonWriter(FormatWriter):
    """`dumps_json(report_dict(docs), indent=2)`, written document by document."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        stamp = {"generated_at": options.generated_at, "claimcheck_version": __version__}
        head = dumps_json(stamp, indent=2)
        out.write(head[: -len("\n}")] + ',\n  "documents": [')

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        sep = "\n" if n == 1 else ",\n"
        self.out.write(sep + _indent(dumps_json(document_dict(d), indent=2), "    "))

    def close(self, documents: int, totals: Counter[str]) -> None:
        self.out.write("\n  ]\n}\n" if documents else "]\n}\n")


class JsonLinesWriter(FormatWriter):
    """One document's `document_dict` per line."""

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        self.out.write(dumps_json(document_dict(d)) + "\n")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _mention(m: Mention | None) -> dict[str, Any] | None:
    return None if m is None else {"text": m.text, "id": m.id}


def evidence_dict(e: Evidence) -> dict[str, Any]:
    """The contract's six evidence keys first, then everything else Evidence knows."""
    out: dict[str, Any] = {
        "benchmark": e.benchmark,
        "source": e.source,
        "subject_score": e.subject_score,
        "target_score": e.target_score,
        "margin": e.margin,
        "as_of": e.as_of,
    }
    for f in fields(e):  # plain values only, so no deep copy (asdict's) is needed
        out.setdefault(f.name, getattr(e, f.name))
    return out


def claim_dict(cc: CheckedClaim) -> dict[str, Any]:
    """One claim as DESIGN.md's contract spells it; extra keys come after the contract's."""
    c, v = cc.claim, cc.verdict
    return {
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "subject": _mention(c.subject),
        "relation": c.relation,
        "targets": [_mention(m) for m in c.targets],
        "target_group": c.target_group,
        "benchmarks": [_mention(m) for m in c.benchmarks],
        "scope": c.scope,
        "quantifier": c.quantifier,
        "numbers": list(c.numbers),
        "checkworthiness": c.checkworthiness,
        "verdict": v.verdict,
        "flags": list(v.flags),
        "reasons": list(v.reasons),
        "evidence": [evidence_dict(e) for e in v.evidence],
        "tally": v.tally,
        "settings": list(c.settings),
        "negated": c.negated,
    }


def document_dict(d: CheckedDocument) -> dict[str, Any]:
    doc = d.document
    out: dict[str, Any] = {
        "path": doc.path,
        "title": doc.title,
        "claims": [claim_dict(cc) for cc in d.claims],
        "date": doc.date,
        "source": doc.source,
        "sha256": doc.sha256,
        "url": article_url(doc),
        "author": doc.author or None,
        "summary": dict(count_verdicts(d)),
        "vendor_rows": len(d.vendor_rows),
    }
    if d.error:
        out["error"] = d.error
    return out


def report_dict(docs: Sequence[CheckedDocument], generated_at: str) -> dict[str, Any]:
    return {
        "generated_at": generated_at,
        "claimcheck_version": __version__,
        "documents": [document_dict(d) for d in docs],
    }
