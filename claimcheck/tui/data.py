"""Plain helpers behind the app's views: making hostile text safe, filtering and sorting claims.

Kept free of Textual so they can be tested on their own and reused by the screenshot script;
the widgets only turn their results into renderables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from claimcheck.models import CheckedClaim, CheckedDocument, Document
from claimcheck.models import is_headline as headline_metric

VERDICT_ORDER = {"contradicted": 0, "overstated": 1, "unverifiable": 2, "supported": 3}
VERDICT_SYMBOL = {"supported": "✓", "overstated": "≈", "contradicted": "✗", "unverifiable": "?"}

# short forms of the flags for the claims table (120 columns hold them); the view prints the
# legend under the table, and the card spells each flag out
FLAG_SHORT = {
    "noise": "noise",
    "cherry_picked": "picked",
    "self_reported_only": "self",
    "contamination_risk": "leak",
    "stale_target": "stale",
    "setting_mismatch": "setting",
    "variant": "variant",
    "cost": "cost",
}
FLAG_MEANING = {
    "noise": "inside the noise",
    "cherry_picked": "cherry-picked",
    "self_reported_only": "only self-reported numbers",
    "contamination_risk": "contamination risk",
    "stale_target": "older version compared",
    "setting_mismatch": "different setting",
    "variant": "a variant was tested",
    "cost": "costs more",
}


def short_flags(flags: Iterable[str]) -> str:
    return " ".join(FLAG_SHORT.get(f, f) for f in flags or ())


def flag_legend(flags: Iterable[str]) -> str:
    """`picked = cherry-picked · self = only self-reported numbers` for the flags shown."""
    seen = dict.fromkeys(flags)
    return " · ".join(f"{FLAG_SHORT.get(f, f)} = {FLAG_MEANING.get(f, f)}" for f in seen)


# C0 and C1 controls, DEL, and the bidirectional overrides that can make text read differently
# from what it says. Each is replaced by ONE visible character so claim offsets stay valid.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch == "\r":
        return " "  # a stray carriage return from Windows text: harmless as a space
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def safe_text(text: str | None) -> str:
    """Article text made inert for a terminal, one character for one.

    Escape and control characters become visible symbols (ESC shows as ␛), so an article that
    contains `\\x1b[2J` displays those characters instead of clearing the screen, and offsets
    into the original text still point at the same characters. Newlines and tabs are kept.
    Rich markup is not touched here: callers wrap the result in `Text`, never in markup.
    """
    if not text:
        return ""
    return _CONTROL.sub(_picture, text)


# YAML front matter: `---`, `key: value` lines, `---`, at the very start (and short: a rule
# line further down an article must not hide everything above it)
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n[\w-]+[ \t]*:.{0,2000}?\r?\n---[ \t]*(?:\r?\n|\Z)(?:[ \t]*\r?\n)*",
    re.DOTALL,
)


def body_start(text: str) -> int:
    """Where an article's text starts once its YAML front matter (and blank lines) is skipped.

    The front matter is metadata the list and the header already show; claims' offsets point
    into the full text, so the view shifts them by this amount.
    """
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


def one_line(text: str | None, limit: int = 0) -> str:
    """Safe text squeezed onto one line (for table cells), optionally cut to `limit` chars."""
    flat = " ".join(safe_text(text).split())
    if limit and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


def tally_counts(article: dict[str, Any]) -> dict[str, int]:
    return {v: int(article.get(v) or 0) for v in VERDICT_ORDER}


def mention_ids(items: Iterable[Any]) -> list[str]:
    """Resolved ids of a claim's mentions (dicts from the store or Mention objects)."""
    out = []
    for m in items or ():
        mid = m.get("id") if isinstance(m, dict) else getattr(m, "id", None)
        if mid:
            out.append(mid)
    return out


def mention_texts(items: Iterable[Any]) -> list[str]:
    out = []
    for m in items or ():
        text = m.get("text") if isinstance(m, dict) else getattr(m, "text", "")
        if text:
            out.append(str(text))
    return out


def claim_models(row: dict[str, Any]) -> list[str]:
    """Every resolved model a claim names, subject first (for the model view)."""
    ids = [row["subject_id"]] if row.get("subject_id") else []
    ids += [m for m in mention_ids(row.get("targets", ())) if m not in ids]
    return ids


def rows_from_checked(checked: CheckedDocument) -> list[dict[str, Any]]:
    """A freshly checked document as rows shaped like `Store.checked_claims()` returns.

    The draft pane and the stored views then share one card and one table.
    """
    rows = []
    doc = checked.document
    for seq, cc in enumerate(checked.claims):
        rows.append(row_from_claim(cc, seq, doc))
    return rows


def row_from_claim(cc: CheckedClaim, seq: int, doc: Document) -> dict[str, Any]:
    c, v = cc.claim, cc.verdict
    return {
        "id": f"draft:{seq}",
        "article_id": "draft",
        "seq": seq,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "subject": c.subject.text if c.subject else None,
        "subject_id": c.subject.id if c.subject else None,
        "relation": c.relation,
        "targets": [{"text": m.text, "id": m.id} for m in c.targets],
        "target_group": c.target_group,
        "benchmarks": [{"text": m.text, "id": m.id} for m in c.benchmarks],
        "scope": c.scope,
        "quantifier": c.quantifier,
        "numbers": list(c.numbers),
        "settings": list(c.settings),
        "checkworthiness": c.checkworthiness,
        "negated": int(c.negated),
        "claim_date": doc.date,
        "verdict": v.verdict,
        "flags": list(v.flags),
        "reasons": list(v.reasons),
        "evidence": [asdict(e) for e in v.evidence],
        "tally": v.tally,
        "article_title": doc.title,
        "article_url": doc.path,
        "article_date": doc.date,
    }


# -- the claims view's filter ------------------------------------------------------------------

_KEYS = {
    "verdict": "verdict",
    "v": "verdict",
    "flag": "flag",
    "f": "flag",
    "org": "org",
    "o": "org",
    "model": "model",
    "m": "model",
    "bench": "benchmark",
    "benchmark": "benchmark",
    "b": "benchmark",
    "since": "since",
    "after": "since",
    "until": "until",
    "before": "until",
}


@dataclass(frozen=True)
class ClaimFilter:
    """What the claims view shows: field filters plus free words (all must match)."""

    verdict: str = ""
    flag: str = ""
    org: str = ""
    model: str = ""
    benchmark: str = ""
    since: str = ""
    until: str = ""
    words: tuple[str, ...] = field(default=())
    errors: tuple[str, ...] = field(default=())  # what was typed wrong, for the user to read

    @classmethod
    def parse(cls, query: str, **fixed: str) -> ClaimFilter:
        """Read `verdict:overstated org:meta bench:mmlu since:2024-06 gpt-4o` style queries.

        `fixed` values (from the view's dropdowns) win over the same key typed in the query.
        A date that is not one (`since:2024-13-45`) is not applied: it becomes an error to
        show, never a filter that silently matches by string order.
        """
        values: dict[str, str] = {}
        words: list[str] = []
        errors: list[str] = []
        for token in query.split():
            key, sep, value = token.partition(":")
            name = _KEYS.get(key.lower()) if sep else None
            if name and value:
                if name in ("since", "until") and not valid_partial_date(value):
                    errors.append(f"{key}:{value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
                    continue
                values[name] = value.lower()
            else:
                words.append(token.lower())
        values.update({k: v.lower() for k, v in fixed.items() if v})
        return replace(cls(words=tuple(words), errors=tuple(errors)), **values)  # type: ignore[arg-type]

    def describe(self) -> str:
        parts = [
            f"{name}:{value}"
            for name in ("verdict", "flag", "org", "model", "benchmark", "since", "until")
            if (value := getattr(self, name))
        ]
        return " ".join(parts + list(self.words))


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def valid_partial_date(value: str) -> bool:
    """True for a real year, year-month or calendar date: 2024, 2024-07, 2024-02-29."""
    import calendar

    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        assert month is not None and year is not None
        return 1 <= day <= calendar.monthrange(year, month)[1]
    return True


def claim_org(row: dict[str, Any], orgs: dict[str, str]) -> str:
    return orgs.get(row.get("subject_id") or "", "")


def _haystack(row: dict[str, Any], org: str) -> str:
    parts = [
        row.get("text") or "",
        row.get("subject") or "",
        row.get("subject_id") or "",
        row.get("relation") or "",
        row.get("verdict") or "",
        row.get("article_title") or "",
        row.get("target_group") or "",
        org,
        " ".join(row.get("flags") or ()),
        " ".join(mention_texts(row.get("targets", ())) + mention_ids(row.get("targets", ()))),
        " ".join(mention_texts(row.get("benchmarks", ())) + mention_ids(row.get("benchmarks", ()))),
    ]
    return " ".join(parts).lower()


def matches(row: dict[str, Any], f: ClaimFilter, orgs: dict[str, str]) -> bool:
    """True if a claim row passes the filter. Field filters are substring matches on ids/names."""
    if f.verdict and not (row.get("verdict") or "").startswith(f.verdict):
        return False
    if f.flag and not any(f.flag in flag for flag in row.get("flags") or ()):
        return False
    org = claim_org(row, orgs)
    if f.org and f.org not in org.lower():
        return False
    if f.model:
        names = [row.get("subject") or "", row.get("subject_id") or ""]
        names += mention_texts(row.get("targets", ())) + mention_ids(row.get("targets", ()))
        if not any(f.model in n.lower() for n in names):
            return False
    if f.benchmark:
        names = mention_texts(row.get("benchmarks", ())) + mention_ids(row.get("benchmarks", ()))
        names += [e.get("benchmark", "") for e in row.get("evidence") or ()]
        if not any(f.benchmark in n.lower() for n in names):
            return False
    date = row.get("article_date") or row.get("claim_date") or ""
    if f.since and (not date or date < f.since):
        return False
    if f.until and (not date or date[: len(f.until)] > f.until):
        return False
    if f.words:
        hay = _haystack(row, org)
        if not all(w in hay for w in f.words):
            return False
    return True


def filter_claims(
    rows: Sequence[dict[str, Any]], f: ClaimFilter, orgs: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    orgs = orgs or {}
    return [r for r in rows if matches(r, f, orgs)]


SORT_KEYS: dict[str, Any] = {
    "verdict": lambda r: (VERDICT_ORDER.get(r.get("verdict") or "", 9), r.get("id", "")),
    "date": lambda r: (r.get("article_date") or "", r.get("id", "")),
    "subject": lambda r: ((r.get("subject") or "").lower(), r.get("id", "")),
    "article": lambda r: ((r.get("article_title") or "").lower(), r.get("seq", 0)),
    "flags": lambda r: (-len(r.get("flags") or ()), r.get("id", "")),
}


def sort_claims(rows: Sequence[dict[str, Any]], key: str, reverse: bool = False) -> list[dict]:
    return sorted(rows, key=SORT_KEYS.get(key, SORT_KEYS["date"]), reverse=reverse)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the text's paragraphs (blank-line separated), covering all text.

    The article view renders one widget per paragraph so it can scroll a claim into view.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n(?:[ \t]*\n)+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of eighth blocks, `value` of `top` across `width` cells."""
    if top <= 0 or width <= 0:
        return ""
    eighths = round(max(0.0, min(value / top, 1.0)) * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])


def fmt_score(value: Any) -> str:
    if value is None or value == "":
        return "–"
    try:
        return f"{float(value):.1f}"
    except (TypeError, ValueError):
        return str(value)


def fmt_diff(value: Any) -> str:
    try:
        return f"{float(value):+.1f}"
    except (TypeError, ValueError):
        return "–"


# -- the model view's table --------------------------------------------------------------------


@dataclass(frozen=True)
class ModelRow:
    """One stored number about a model, as the model view lists it.

    `headline` says the row is on one of its benchmark's headline metrics (the registry's
    `primary_metrics`); only headline rows of the same benchmark are compared, so an edit-format
    rate is never set against a vendor's accuracy. `gap` is independent minus self-reported.
    """

    benchmark: str  # the registry's display name, or the source's own label if unresolved
    resolved: bool
    independent: bool
    source: str
    metric: str
    score: float
    headline: bool
    gap: float | None
    setting: str
    as_of: str


def is_headline(e: Any, info: Any) -> bool:
    """True if `e` is on a headline metric of its benchmark (`info` from the registry)."""
    return headline_metric(info, e.metric)


def model_rows(evaluations: Sequence[Any], benchmarks: dict[str, Any]) -> list[ModelRow]:
    """The model view's rows: independent numbers first, then self-reported ones.

    Each independent headline row gets a gap against the vendor's own headline figure for the
    same benchmark id (same metric if the vendor gives one; otherwise its newest, then highest,
    figure). Rows whose benchmark is unresolved or not in `benchmarks` are never compared.
    """
    vendor: dict[str, list[Any]] = {}
    for e in evaluations:
        own = e.kind != "independent" and e.benchmark_id
        if own and is_headline(e, benchmarks.get(e.benchmark_id)):
            vendor.setdefault(e.benchmark_id, []).append(e)

    def own_figure(e: Any) -> Any:
        candidates = vendor.get(e.benchmark_id or "", [])
        same = [v for v in candidates if v.metric == e.metric]
        pool = same or candidates
        return max(pool, key=lambda v: (v.as_of or "", v.score)) if pool else None

    rows = []
    for e in evaluations:
        info = benchmarks.get(e.benchmark_id or "")
        independent = e.kind == "independent"
        headline = is_headline(e, info)
        gap = None
        if independent and headline and not e.derived:
            own = own_figure(e)
            if own is not None:
                gap = round(e.score - own.score, 2)
        rows.append(
            ModelRow(
                benchmark=info.name if info is not None else (e.benchmark or e.benchmark_id or ""),
                resolved=e.benchmark_id is not None,
                independent=independent,
                source=e.source if independent else (e.reported_by or e.source),
                metric=e.metric or "",
                score=e.score,
                headline=headline,
                gap=gap,
                setting=e.setting or "",
                as_of=e.as_of or "",
            )
        )
    # independent before self-reported; within each, by benchmark, headline metrics first
    return sorted(
        rows,
        key=lambda r: (
            not r.independent,
            not r.resolved,
            r.benchmark.lower(),
            not r.headline,
            r.metric,
            r.source,
            r.as_of,
        ),
    )
