"""What every report format shares: the verdict palette, safe text and links, tallies, numbers,
and the shape of a format's writer (`FormatWriter`, built from `Options`).

Everything a document says is hostile: an announcement can hold terminal escape sequences,
Rich markup, HTML, Markdown table syntax or spreadsheet formulas. Each format escapes for its
own medium; JSON keeps the text exactly as found, since JSON encoding is already safe.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from claimcheck.models import CheckedDocument, Claim, Document, Evidence
from claimcheck.text import strip_controls


@dataclass(frozen=True)
class Options:
    """What a report is rendered with. `width` and `color` only affect the terminal table;
    `orgs` and `report_url` only ClaimReview."""

    generated_at: str
    width: int | None = None
    color: bool = False
    orgs: Mapping[str, str] | None = None
    report_url: str | None = None


class FormatWriter:
    """One format, written one document at a time to `out` (see `ReportWriter`).

    A format writes its opening in `__init__`, each document in `write` (`n` counts from 1,
    `tally` is that document's verdict counts) and its end in `close`, given every
    document's totals. `discard` frees what it holds when the report is abandoned.
    """

    def __init__(self, out: TextIO, options: Options) -> None:
        self.out = out
        self.options = options

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        raise NotImplementedError

    def close(self, documents: int, totals: Counter[str]) -> None:
        """Nothing comes after the last document unless a format says so."""

    def discard(self) -> None:
        """Nothing to free unless a format holds something."""


VERDICT_COLOURS: dict[str, str] = {
    "supported": "#1a7f37",
    "overstated": "#b35900",
    "contradicted": "#c62828",
    "unverifiable": "#6b7280",
}


def claim_gist(c: Claim) -> str:
    """The claim as parsed, in one line: who, relation, whom, on what, with which hedge.

    One sentence can hold several claims; the gist tells them apart where the sentence can't.
    """
    subject = c.subject.text if c.subject else "(unknown subject)"
    relation = ("does not " if c.negated else "") + c.relation.replace("_", " ")
    whom = ", ".join(m.text for m in c.targets) or (c.target_group or "")
    parts = [subject, relation, whom] if whom else [subject, relation]
    if c.benchmarks:
        parts.append("on " + ", ".join(m.text for m in c.benchmarks))
    elif c.scope == "broad":
        parts.append("(broad)")
    if c.quantifier:
        parts.append(f"[{c.quantifier}]")
    return clean_text(" ".join(parts))


def clean_text(text: str | None) -> str:
    """Drop terminal escape sequences and control characters (XML and terminals reject them)."""
    return strip_controls(text)


_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) URL that is safe to link; otherwise None.

    Reports link only to the web: never to `javascript:`, `data:` or `file:` URLs, and never
    to anything with spaces, quotes or control characters that could break out of a link.
    """
    url = (url or "").strip()
    return url if _WEB_URL.match(url) and clean_text(url) == url else None


def article_url(doc: Document) -> str | None:
    """Where the article is published: its front-matter / canonical URL, or the URL it was
    fetched from. A file on disk with neither has none (a local path is no public address)."""
    return web_url(doc.url) or web_url(doc.path)


def now() -> str:
    """The report's timestamp: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def count_verdicts(d: CheckedDocument) -> Counter[str]:
    """How many of the document's claims got each verdict."""
    return Counter(cc.verdict.verdict for cc in d.claims)


def tally_text(counts: Counter[str]) -> str:
    """ "2 supported, 1 contradicted", in the palette's order; "no claims" for none."""
    return ", ".join(f"{counts[v]} {v}" for v in VERDICT_COLOURS if counts[v]) or "no claims"


def margin_text(e: Evidence) -> str:
    """ "±2.8", or "no estimate" where the judge had none: a bare ±0 would read as certainty."""
    if not e.margin and (e.kind == "self_reported" or e.margin_method.startswith("no noise")):
        return "no estimate"
    return f"±{num(e.margin)}"


def score_text(score: float | None, model: str) -> str:
    """A score and, when known, the model it belongs to: "69.8 (gpt-4o)"."""
    return f"{num(score)} ({model})" if model else num(score)


def num(x: float | None) -> str:
    """A score as a reader wants it: "?" unknown, whole numbers from 100 up, else <= 2 decimals."""
    if x is None:
        return "?"
    if abs(x) >= 100:
        return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x else "0"


def signed(x: float | None) -> str:
    """`num` with a "+" on a lead."""
    if x is None:
        return "?"
    return ("+" if x > 0 else "") + num(x)
