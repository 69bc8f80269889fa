"""schema.org ClaimReview JSON-LD (`--format claimreview`): one review per distinct claim,
ready to publish beside the HTML report. Repeated claims merge across documents, so the
writer keeps one review per distinct claim (never the documents) until the end."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from claimcheck.models import CheckedDocument, Claim, Document
from claimcheck.report.common import (
    FormatWriter,
    Options,
    article_url,
    claim_gist,
    clean_text,
    web_url,
)
from claimcheck.text import dumps_json


class ClaimReviewWriter(FormatWriter):
    """Reviews gathered document by document; the JSON array written at the end."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out, options)
        self.reviews = _ClaimReviews(
            options.generated_at, orgs=options.orgs, report_url=options.report_url
        )

    def write(self, n: int, d: CheckedDocument, tally: Counter[str]) -> None:
        self.reviews.add(n, d)

    def close(self, documents: int, totals: Counter[str]) -> None:
        self.out.write(_claimreview_json(self.reviews.items()))


# The ClaimReview rating scale (1 = worst, 4 = best). It is a truth scale, so it rates only
# what was checked: a claim nobody can check is not "somewhat true", and `unverifiable`
# carries no ratingValue at all (alternateName still says "unverifiable"). A supported claim
# that carries a caution flag (noise, self-reported only, a stale target...) scores 3, so a
# reader sorting by rating sees clean support first.
CLAIMREVIEW_SCALE: dict[str, int] = {
    "contradicted": 1,
    "overstated": 2,
    "supported_with_flags": 3,
    "supported": 4,
}


def rating_value(verdict: str, flags: Sequence[str] = ()) -> int | None:
    """The 1–4 ClaimReview rating of a verdict (CLAIMREVIEW_SCALE); None for unverifiable."""
    if verdict == "supported" and flags:
        return CLAIMREVIEW_SCALE["supported_with_flags"]
    return CLAIMREVIEW_SCALE.get(verdict)


def _review_rating(v: Any) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": 4,
        "worstRating": 1,
        "alternateName": v.verdict,
    }
    value = rating_value(v.verdict, v.flags)
    if value is not None:
        rating["ratingValue"] = value
    # one or two sentences, as ratingExplanation asks; every reason goes in reviewBody
    explanation = " ".join(clean_text(r) for r in v.reasons[:2]).strip()
    if v.flags:
        explanation += f" Flags: {', '.join(v.flags)}."
    rating["ratingExplanation"] = explanation.strip() or RATING_MEANING[v.verdict]
    return rating


RATING_MEANING: dict[str, str] = {
    "supported": "Independent evaluations agree with the claim at the scope it states.",
    "overstated": "The evidence backs only a weaker claim than the one made.",
    "contradicted": "Independent evaluations show the opposite, beyond the noise.",
    "unverifiable": "No independent evaluation covers the models and benchmarks compared.",
}


def _appearance(doc: Document, author: dict[str, Any] | None) -> dict[str, Any]:
    """The article the claim appears in. Only a public URL is given: never a local path."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    url = article_url(doc)
    if url:
        work["url"] = url
    if doc.title:
        work["headline"] = clean_text(doc.title)
    if doc.date:
        work["datePublished"] = doc.date
    if author:
        work["author"] = author
    return work


def _claim_author(doc: Document, c: Claim, orgs: Mapping[str, str]) -> dict[str, Any] | None:
    """Who made the claim: the organisation the document names, else the subject model's."""
    name = clean_text(doc.author) or (orgs.get(c.subject.id or "", "") if c.subject else "")
    return {"@type": "Organization", "name": name} if name else None


def claimreview_items(
    docs: Sequence[CheckedDocument],
    generated_at: str,
    *,
    orgs: Mapping[str, str] | None = None,
    report_url: str | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview per distinct claim, ready to publish beside the HTML report.

    `claimReviewed` is the claim as parsed (`claim_gist`), not its sentence: one sentence can
    hold two claims with different verdicts. The same claim met again with the same rating
    (the same article checked twice, a claim repeated) is one review with several
    appearances; the same words rated differently in different places are told apart by
    where and when they were made, so no two reviews share a `claimReviewed`. Each review's
    `url` points at the claim's section of the HTML report (`#doc-N-claim-M`): relative, or
    absolute under `report_url`.
    """
    reviews = _ClaimReviews(generated_at, orgs=orgs, report_url=report_url)
    for n, d in enumerate(docs, 1):
        reviews.add(n, d)
    return reviews.items()


class _ClaimReviews:
    """`claimreview_items`, built one document at a time (what `ReportWriter` keeps)."""

    def __init__(
        self,
        generated_at: str,
        *,
        orgs: Mapping[str, str] | None = None,
        report_url: str | None = None,
    ) -> None:
        self.generated_at = generated_at
        self.orgs = orgs or {}
        self.base = web_url(report_url) or ""
        self.reviews: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, n: int, d: CheckedDocument) -> None:
        """The `n`th document's claims: new reviews, or appearances of ones already made."""
        orgs, base, generated_at, reviews = self.orgs, self.base, self.generated_at, self.reviews
        doc = d.document
        for i, cc in enumerate(d.claims, 1):
            c, v = cc.claim, cc.verdict
            author = _claim_author(doc, c, orgs)
            gist = claim_gist(c)
            key = (gist, v.verdict + str(rating_value(v.verdict, v.flags)))
            if key in reviews:
                item = reviews[key]["itemReviewed"]
                appearance = _appearance(doc, author)
                if appearance not in item["appearance"]:
                    item["appearance"].append(appearance)
                continue
            claim: dict[str, Any] = {
                "@type": "Claim",
                "text": clean_text(c.text),
                "appearance": [_appearance(doc, author)],
            }
            claim["firstAppearance"] = claim["appearance"][0]
            if author:
                claim["author"] = author
            if doc.date:
                claim["datePublished"] = doc.date
            reviews[key] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{base.split('#')[0]}#doc-{n}-claim-{i}",
                "claimReviewed": gist,
                "itemReviewed": claim,
                "reviewRating": _review_rating(v),
                "reviewBody": " ".join(clean_text(r) for r in v.reasons),
                "author": {"@type": "Organization", "name": "claimcheck"},
                "datePublished": generated_at[:10],
            }

    def items(self) -> list[dict[str, Any]]:
        items = list(self.reviews.values())
        _disambiguate(items)
        return items


def _disambiguate(items: list[dict[str, Any]]) -> None:
    """Give reviews that share `claimReviewed` (but not a rating) distinct summaries."""
    by_summary: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_summary.setdefault(item["claimReviewed"], []).append(item)
    for summary, group in by_summary.items():
        if len(group) < 2:
            continue
        for item in group:
            first = item["itemReviewed"]["firstAppearance"]
            where = first.get("headline") or first.get("url") or ""
            when = first.get("datePublished") or ""
            context = ", ".join(x for x in (f"in “{where}”" if where else "", when) if x)
            item["claimReviewed"] = f"{summary} ({context})" if context else summary
        seen: Counter[str] = Counter(item["claimReviewed"] for item in group)
        for item in group:
            if seen[item["claimReviewed"]] > 1:  # same place and day: name the claim's section
                item["claimReviewed"] += f" [{item['url'].rsplit('#', 1)[-1]}]"


def _claimreview_json(items: list[dict[str, Any]]) -> str:
    """`<`, `>` and `&` are written as \\u escapes (still the same JSON) so a claim quoting
    `</script>` cannot end the tag it is embedded in."""
    text = dumps_json(items, indent=2)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text + "\n"
