"""Name mentions in a sentence beyond the ruler's: benchmark lists and leaderboards, model
name shapes, short names ("R1" for DeepSeek-R1), and the longest-match rule between them."""

from __future__ import annotations

import functools
import re

from claimcheck.extract import lexicon as lx
from claimcheck.extract.found import Found

# "Claude 3.5 Sonnet (new)": the qualifier says "the snapshot current at the document's
# date", which resolving the bare name at that date already means; kept in the name, it would
# pin whichever snapshot an alias list once called "new".
_RELEASE_QUALIFIER = re.compile(
    r"\s*\((?:new|newer|upgraded|updated|latest|refreshed)\)$", re.IGNORECASE
)


def _without_qualifier(found: Found) -> Found:
    m = _RELEASE_QUALIFIER.search(found.text)
    if m is None or m.start() == 0:
        return found
    # the ruler's id came from the qualified alias: resolve the bare name again
    return Found(
        found.start,
        found.end - (len(found.text) - m.start()),
        found.kind,
        found.text[: m.start()],
        None,
    )


@functools.lru_cache(maxsize=4096)
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


_SHORT_NAME = re.compile(r"(?<![\w.-])[A-Za-z]{1,3}-?\d+(?:\.\d+)?(?![\w.-]|\.\d)")


def _short_names(
    ents: list[tuple[int, int, str, str, str | None]], title: Found | None
) -> dict[str, Found]:
    """ "R1" for DeepSeek-R1, "V3" for DeepSeek-V3, "M1" for MiniMax-M1: the last part of a
    dash-joined name the document gives in full, when that part is a short letter-number."""
    out: dict[str, Found] = {}
    names = [
        Found(a, b, label, text, ent_id) for a, b, label, text, ent_id in ents if label == "MODEL"
    ]
    if title is not None:
        names.append(title)
    for found in names:
        parts = found.text.split("-")
        if len(parts) < 2:
            continue
        short = parts[-1]
        if _SHORT_NAME.fullmatch(short) and short not in out:
            out[short] = found
    return out


def _listed_benchmarks(sentence: str, offset: int, found: list[Found]) -> list[Found]:
    """Benchmarks the registry does not know, from the lists and names that announce them."""
    spans: list[tuple[int, int]] = []
    listed: list[tuple[int, int]] = []  # named as benchmarks outright: they win over shapes
    lower = sentence.lower()
    if "board" in lower or "arena" in lower or "benchmark" in lower:
        for m in lx.LEADERBOARD_NAME.finditer(sentence):
            spans.append((m.start("name"), m.end("name")))
    for pattern, name_like_only in ((lx.BENCH_LIST, False), (lx.PREP_BENCH_LIST, True)):
        if not (_PREP_NAME if name_like_only else _LIST_LEAD).search(
            sentence if name_like_only else lower
        ):
            continue
        for m in pattern.finditer(sentence):
            for item in lx.BENCH_ITEM.finditer(sentence, m.start("items"), m.end("items")):
                text = item.group(0)
                lead = len(text) - len(text.lstrip("".join(c for c in text if not c.isalnum())[:4]))
                a, b = item.start() + lead, item.end()
                name = sentence[a:b].strip().rstrip(".'’")
                if not name or (name_like_only and not _bench_like(name)):
                    continue
                spans.append((a, a + len(name)))
                if not name_like_only:
                    listed.append((offset + a, offset + a + len(name)))
    if listed:
        # "datasets such as DocBench-X": a name-shaped word the registry does not know
        found = [
            f
            for f in found
            if f.kind != "MODEL" or f.id or not any(a < f.end and f.start < b for a, b in listed)
        ]
    for a, b in spans:
        new = Found(offset + a, offset + b, "BENCH", sentence[a:b])
        if not any(f.start < new.end and new.start < f.end for f in found):
            found.append(new)
    return found


_PREP_NAME = re.compile(r"\b(?:on|in|across|atop)\s+(?:both\s+|the\s+)?\S{0,4}[A-Z]")
_LIST_LEAD = re.compile(
    r"benchmark|dataset|task|test|suite|evaluation|leaderboard|exam|metric|board"
)


def _bench_like(name: str) -> bool:
    """A benchmark written without context must look like one: "AITW", "Mind2Web", "Q-Bench"."""
    words = name.split()
    if words[0].lower() in _NOT_BENCH or _ADJECTIVE_FORM.search(words[-1]):
        return False  # "GPU", "OCR-heavy", "code-related": modifiers, not benchmarks
    return words[-1].lower() in ("bench", "eval", "leaderboard") or any(
        any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:]) or "-" in w for w in words
    )


_ADJECTIVE_FORM = re.compile(
    r"-(?:heavy|based|style|like|related|oriented|intensive|level|specific|centric|focused|driven"
    r"|aware|free|only|rich|native|ready|grade|scale|sized)$",
    re.IGNORECASE,
)
_NOT_BENCH = frozenset({"gpu", "gpus", "api", "apis", "ai", "llm", "llms", "gui", "ui", "faq"})


def _model_like(name: str) -> bool:
    if lx.NOT_A_MODEL.match(name) or lx.BENCHMARK_NAMES.fullmatch(name):
        return False
    return any(ch.isdigit() for ch in name) or bool(lx.VARIANT_SUFFIX.search(name))


def _add_longest(found: list[Found], new: Found) -> list[Found]:
    """Add `new` unless a mention at least as long overlaps it; drop shorter overlaps."""
    overlapping = [f for f in found if f.start < new.end and new.start < f.end]
    if any(f.end - f.start >= new.end - new.start for f in overlapping):
        return found
    return [f for f in found if f not in overlapping] + [new]
