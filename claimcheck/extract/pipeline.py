"""The spaCy pipeline: sentences, registry names, claims.

Built on `spacy.blank("en")` so nothing has to be downloaded: a Markdown-aware sentence
splitter, an EntityRuler whose patterns are the registry's model and benchmark aliases (pattern
id = canonical id), and the claim component, which runs the costly rules only on sentences
that pass a cheap keyword test. Names the registry does not know yet ("Foo-3.5-70B-Instruct")
are found by the name-shape pattern in `lexicon`, on candidate sentences only, because a token
pattern with regular expressions would cost more than tokenizing every document.

The nlp object is built once per registry and cached: building the ruler from ~3,500 aliases
takes a noticeable fraction of a second.
"""

from __future__ import annotations

import functools
import re
import weakref
from bisect import bisect_right
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from claimcheck.extract import lexicon as lx
from claimcheck.extract.rules import (
    Context,
    Found,
    RawClaim,
    claims_in_sentence,
    could_be_name,
    find_cues,
    name_like,
)
from claimcheck.extract.sentences import split_sentences
from claimcheck.models import Claim, Document, Mention

MIN_CHECKWORTHINESS = 0.35
MAX_DOCUMENT_CHARS = 50_000_000

for _name in ("claims", "document", "sentence_spans", "names", "text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# aliases that would tag ordinary words or bare sizes as models
_ALIAS_STOPLIST = frozenset({"aria", "claude", "cohere", "toa", "nullmodel", "gemini", "llama"})
_SIZE_ONLY = re.compile(r"^[\d.]+\s*[bmk]?$", re.IGNORECASE)


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined from its tokens once: `Doc.text` rebuilds it on every access."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return str(text)


class NameRuler(EntityRuler):
    """The EntityRuler with registry aliases, minus the per-document costs of the stock one.

    The stock component counts all its patterns on every call (to warn when there are none),
    builds a Span per match and reads `doc.ents` back, which builds a Token object per token;
    on announcement-sized documents those cost more than the matching. Matches are kept as
    plain tuples (start char, end char, label, text, id) in `doc._.names`, which is all the
    claim component reads; `doc.ents` is left alone.
    """

    def _require_patterns(self) -> None:
        return None  # an empty ruler (no registry) is a supported configuration

    def set_annotations(self, doc: Doc, matches: list[tuple[Any, int, int]]) -> None:
        taken: set[int] = set()
        kept: list[tuple[int, int, str, str | None]] = []
        strings = doc.vocab.strings
        for match_id, start, end in matches:  # longest first, as `match` sorts them
            if start in taken or end - 1 in taken:
                continue
            if match_id in self._ent_ids:
                label, ent_id = self._ent_ids[match_id]
            else:
                label, ent_id = strings[match_id], None
            kept.append((start, end, label, ent_id or None))
            taken.update(range(start, end))
        if not kept:
            doc._.names = []
            return
        kept.sort()
        idx = doc.to_array("IDX")
        length = doc.to_array("LENGTH")
        text = doc_text(doc)
        names = []
        for start, end, label, ent_id in kept:
            a, b = int(idx[start]), int(idx[end - 1] + length[end - 1])
            names.append((a, b, label, text[a:b], ent_id))
        doc._.names = names


@Language.factory(
    "claimcheck_entity_ruler",
    default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
)
def make_name_ruler(
    nlp: Language, name: str, phrase_matcher_attr: str, overwrite_ents: bool
) -> NameRuler:
    return NameRuler(
        nlp, name, phrase_matcher_attr=phrase_matcher_attr, overwrite_ents=overwrite_ents
    )


@Language.factory("claimcheck_sentences")
class SentenceSplitter:
    """Sets sentence starts from Markdown-aware boundaries (see `sentences`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = split_sentences(doc_text(doc))
        doc._.sentence_spans = spans
        if len(doc) == 0:
            return doc
        # one array write: setting Token.is_sent_start re-checks the whole Doc every time
        starts = doc.to_array("IDX")
        flags = numpy.full(len(doc), -1, dtype="int32")
        flags[0] = 1
        positions = numpy.searchsorted(starts, [s for s, _ in spans[1:]])
        flags[positions[(positions > 0) & (positions < len(doc))]] = 1
        doc.from_array(["SENT_START"], flags.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
        return doc


@Language.factory("claimcheck_claims", default_config={"min_checkworthiness": MIN_CHECKWORTHINESS})
class ClaimFinder:
    """Writes the sentence-level comparative claims of a Doc to `doc._.claims`.

    The document (title, date) comes from `doc._.document` when the caller sets it; the
    registry is attached after construction (`finder.registry = ...`) because spaCy configs
    hold plain values only.
    """

    def __init__(self, nlp: Language, name: str, min_checkworthiness: float) -> None:
        self.name = name
        self.nlp = nlp
        self.min_checkworthiness = min_checkworthiness
        self.registry: Any = None
        self._models: dict[tuple[str, str | None], str | None] = {}
        self._benches: dict[str, str | None] = {}
        self._titles: dict[tuple[str, str | None], Found | None] = {}
        self._organisations: frozenset[str] | None = None
        strings = nlp.vocab.strings
        self._trigger_ids = numpy.array(
            sorted({strings.add(word) for word in lx.TRIGGER_WORDS}), dtype="uint64"
        )

    @property
    def organisations(self) -> frozenset[str]:
        """Organisation names from the registry ("openai", "deepseek"): never a model name."""
        if self._organisations is None:
            models = getattr(self.registry, "models", {}) or {}
            words = {w for m in models.values() for w in re.findall(r"[\w.-]+", m.org.casefold())}
            # "DeepSeek", "Qwen", "Mistral" also open model names: those stay names
            lines = {
                re.split(r"[\s_-]", m.name.casefold().rsplit("/", 1)[-1])[0]
                for m in models.values()
            }
            self._organisations = frozenset(w for w in words - lines if len(w) > 2)
        return self._organisations

    # -- resolution (cached: the same names recur in every document) ----------------------

    def resolve_model(
        self, text: str, as_of: str | None, ruler_id: str | None = None
    ) -> str | None:
        key = (text, as_of)
        if key not in self._models:
            model_id = ruler_id
            if self.registry is not None:
                res = self.registry.resolve_model(text, as_of=as_of)
                model_id = res.id or ruler_id
            self._models[key] = model_id
        return self._models[key]

    def resolve_benchmark(self, text: str, ruler_id: str | None = None) -> str | None:
        if ruler_id:
            return ruler_id
        if text not in self._benches:
            bench_id = None
            if self.registry is not None:
                name = lx.BENCHMARK_CANONICAL.get(" ".join(text.split()).casefold(), text)
                bench_id = self.registry.resolve_benchmark(name).id
            self._benches[text] = bench_id
        return self._benches[text]

    # -- the component -----------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = []
        text = doc_text(doc)
        spans = doc._.sentence_spans
        if spans is None:
            spans = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
        if not spans:
            return doc
        candidates = self._candidates(doc, spans)
        if not candidates:
            return doc
        document: Document | None = doc._.document
        date = document.date if document else None
        ents = doc._.names
        if ents is None:  # the pipeline was assembled without our ruler
            ents = [
                (e.start_char, e.end_char, e.label_, e.text, e.ent_id_ or None) for e in doc.ents
            ]
        ent_starts = [e[0] for e in ents]
        title_model = self._title_model(document, date)
        ctx = Context(
            title_model=title_model,
            resolve_model=lambda name: self.resolve_model(name, date),
            # looked up only when a sentence needs it: resolving costs more than the rest
            release_model=lambda: self._release_model(document, date),
            short_names=_short_names(ents, title_model),
        )
        seen_mentions: dict[int, list[Found]] = {}
        claimed: dict[int, list[RawClaim]] = {}

        def mentions_of(index: int) -> list[Found]:
            if index not in seen_mentions:
                a, b = spans[index]
                lo = bisect_right(ent_starts, a - 1)
                hi = bisect_right(ent_starts, b - 1)
                seen_mentions[index] = self._mentions(text[a:b], a, ents[lo:hi], ctx, date)
            return seen_mentions[index]

        antecedents: dict[tuple[int, bool], Found | None] = {}

        def recent_model(index: int, phrase: str) -> Found | None:
            # several claims of one sentence ask the same question: answer it once
            own = _own_phrase(phrase, ctx)
            key = (index, own is None)
            if key not in antecedents:
                antecedents[key] = _recent_model(text, spans, index, mentions_of, claimed, own=own)
            return antecedents[key]

        claims: list[Claim] = []
        for index in candidates:
            start, end = spans[index]
            sentence = text[start:end]
            if sentence.lstrip().startswith("|"):
                continue
            cues = find_cues(sentence)
            if not cues:
                continue
            mentions = mentions_of(index)
            ctx.recent_model = lambda phrase, index=index: recent_model(index, phrase)
            raws = claims_in_sentence(sentence, start, mentions, ctx, cues)
            if not raws:
                continue
            claimed[index] = raws
            quoted = _quoted(sentence, start, mentions)
            # two cues can restate one comparison ("outperforms X on Y, beating it by 3
            # points"): report each distinct claim of a sentence once
            distinct: set[tuple[Any, ...]] = set()
            for raw in raws:
                key = _claim_key(raw)
                if key in distinct:
                    continue
                distinct.add(key)
                claim = self._to_claim(raw, sentence, start, end, quoted)
                if claim.checkworthiness >= self.min_checkworthiness:
                    claims.append(claim)
        doc._.claims = claims
        return doc

    def _candidates(self, doc: Doc, spans: list[tuple[int, int]]) -> list[int]:
        """Indices of the sentences holding a cue word: a vectorised test over token ids."""
        if len(doc) == 0:
            return []
        hits = numpy.isin(doc.to_array("LOWER"), self._trigger_ids)
        # "90% of", "state-of-the-art", "8x22B-level": cheap text tests for what tokens hide
        text = doc_text(doc)
        if not hits.any() and not lx.PREFILTER_TEXT.search(text):
            return []
        positions = doc.to_array("IDX")[hits].tolist()
        positions += [m.start() for m in lx.PREFILTER_TEXT.finditer(text)]
        starts = numpy.fromiter((s for s, _ in spans), dtype="int64", count=len(spans))
        found = numpy.searchsorted(starts, numpy.asarray(positions, dtype="int64"), "right") - 1
        return sorted({int(i) for i in found if i >= 0})

    def _mentions(
        self,
        sentence: str,
        offset: int,
        ents: list[tuple[int, int, str, str, str | None]],
        ctx: Context,
        date: str | None,
    ) -> list[Found]:
        found: list[Found] = []
        for start, end, label, ent_text, ent_id in ents:
            if (
                ent_text.islower()
                and " " not in ent_text
                and not any(c.isdigit() for c in ent_text)
            ):
                continue  # "math", "drop", "aria": ordinary words that share an alias
            if label in ("BENCH", "MODEL"):
                found.append(Found(start, end, label, ent_text, ent_id))
        for m in lx.BENCHMARK_NAMES.finditer(sentence):
            a, b = offset + m.start(), offset + m.end()
            found = _add_longest(found, Found(a, b, "BENCH", m.group(0)))
        for m in lx.FAMILY_MODEL.finditer(sentence):
            a, b = offset + m.start(), offset + m.end()
            found = _add_longest(found, Found(a, b, "MODEL", m.group(0)))
        for m in lx.UNKNOWN_MODEL.finditer(sentence):
            name = m.group(1)
            if not _model_like(name):
                continue
            a = offset + m.start(1)
            found = _add_longest(found, Found(a, a + len(name), "MODEL", name))
        found = _listed_benchmarks(sentence, offset, found)
        if ctx.short_names:
            for m in _SHORT_NAME.finditer(sentence):
                full = ctx.short_names.get(m.group(0))
                if full is not None:
                    a, b = offset + m.start(), offset + m.end()
                    if not any(f.start < b and a < f.end for f in found):
                        found.append(Found(a, b, "MODEL", m.group(0), full.id))
        title = ctx.title_model
        if title is not None and title.text and " " not in title.text and title.text in sentence:
            for m in _whole_word(title.text).finditer(sentence):
                a = offset + m.start()
                found = _add_longest(found, Found(a, a + len(title.text), "MODEL", title.text))
        resolved = []
        for f in sorted(found, key=lambda f: f.start):
            if f.kind == "MODEL":
                f = _without_qualifier(f)
                f = Found(f.start, f.end, f.kind, f.text, self.resolve_model(f.text, date, f.id))
            else:
                f = Found(f.start, f.end, f.kind, f.text, self.resolve_benchmark(f.text, f.id))
            resolved.append(f)
        return resolved

    def _release_model(self, document: Document | None, date: str | None) -> Found | None:
        """The release's own name when its file or URL is named after it ("qwen2.5-72b.md")."""
        if document is None or not document.path or document.path == "-":
            return None
        name = re.split(r"[/\\?#]", document.path.rstrip("/"))[-1]
        name = re.sub(r"\.(?:md|markdown|txt|html?|php|aspx?)$", "", name, flags=re.IGNORECASE)
        # "llama-3.1-405b", "mistral-large-2": dash-joined with a digit; "index", "doc0",
        # "2024-07-23-notes" are pages, not releases
        if (
            not _RELEASE_NAME.fullmatch(name)
            or "-" not in name
            or not any(c.isdigit() for c in name)
            or re.search(r"\d{4}-\d\d", name)
        ):
            return None
        return Found(-1, -1, "MODEL", name, self.resolve_model(name, date))

    def _title_model(self, document: Document | None, date: str | None) -> Found | None:
        if document is None or not document.title:
            return None
        key = (document.title, date)
        if key not in self._titles:
            if len(self._titles) > 10_000:
                self._titles.clear()
            self._titles[key] = self._find_title_model(document.title, date)
        return self._titles[key]

    def _find_title_model(self, title: str, date: str | None) -> Found | None:
        name = ""
        ruler = (
            self.nlp.get_pipe("claimcheck_names")
            if "claimcheck_names" in self.nlp.pipe_names
            else None
        )
        if ruler is not None:
            for _, _, label, ent_text, _ in ruler(self.nlp.make_doc(title[:300]))._.names or ():
                if label == "MODEL":
                    name = ent_text
                    break
        unknown = lx.UNKNOWN_MODEL.search(title)
        if unknown and _model_like(unknown.group(1)) and len(unknown.group(1)) > len(name):
            name = unknown.group(1)
        if not name:
            launched = lx.LAUNCH_VERB.search(title)
            if launched and could_be_name(launched.group(1), at_start=False):
                name = launched.group(1)  # "Startup Larkspur unveils Brindle, ..."
        if not name:
            # a name-like word ("Eurus", "DBRX") first; a plain capitalised word only if it is
            # not an ordinary word form ("Introduction to Granite Code Models" -> "Granite");
            # never an organisation ("OpenAI")
            words = [
                w.rstrip(".:-")
                for w in re.findall(r"[A-Z][\w.-]*", title)
                if w.lower() not in lx.TITLE_STOPWORDS
                and len(w) > 2
                and w.casefold() not in self.organisations
            ]
            likely = [w for w in words if could_be_name(w, at_start=True)]
            name = next((w for w in likely if name_like(w)), likely[0] if likely else "")
        if not name:
            return None
        name = _RELEASE_QUALIFIER.sub("", name)
        return Found(-1, -1, "MODEL", name, self.resolve_model(name, date))

    def _to_claim(
        self,
        raw: RawClaim,
        sentence: str,
        start: int,
        end: int,
        quoted: tuple[tuple[str, ...], tuple[str, ...], str | None],
    ) -> Claim:
        numbers, settings, sentence_quantifier = quoted
        quantifier = _claim_quantifier(sentence, start, raw, sentence_quantifier)
        score = 0.35
        if raw.targets:
            score += 0.25
        elif raw.target_group:
            score += 0.1
        if raw.benchmarks:
            score += 0.2
        if numbers:
            score += 0.1
        if raw.subject is not None and raw.subject.id:
            score += 0.05
        if quantifier and raw.relation != "best_in_group":
            # a hedge narrows a claim but never hides it: hedged claims are the ones to check
            score = max(score - 0.05, self.min_checkworthiness)
        return Claim(
            text=" ".join(sentence.split()),
            start=start,
            end=end,
            subject=_mention(raw.subject),
            relation=raw.relation,
            targets=tuple(_named(t) for t in raw.targets),
            target_group=raw.target_group,
            benchmarks=tuple(_named(b) for b in raw.benchmarks),
            scope="specific" if raw.benchmarks else "broad",
            quantifier=quantifier,
            numbers=numbers,
            settings=settings,
            checkworthiness=round(min(score, 1.0), 2),
            negated=raw.negated,
        )


def _quoted(
    sentence: str, start: int, mentions: list[Found]
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(numbers, settings, quantifier) of a sentence: shared by all of its claims."""
    settings = [m for m in lx.SETTING.finditer(sentence)]
    taken = [(m.start - start, m.end - start) for m in mentions]
    taken += [(m.start(), m.end()) for m in settings]
    numbers: list[str] = []
    for m in lx.NUMBER.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.start() == 0 and sentence[m.end() : m.end() + 1] in ".)":
            continue  # a list number
        numbers.append(m.group(1))
    quantifier = lx.QUANTIFIER.search(sentence)
    return (
        tuple(numbers),
        tuple(dict.fromkeys(m.group(0) for m in settings)),
        quantifier.group(0) if quantifier else None,
    )


# How far back (in sentences) an implicit subject looks for the model it refers to; beyond
# that the title's model is the better guess, and the search stays cheap on long documents.
ANTECEDENT_LOOKBACK = 40
# A model named as the object of a comparison, a tool or a judge is not what "it" refers to.
_NOT_ANTECEDENT_BEFORE = re.compile(
    r"\b(?:as|than|to|with|of|over|from|against|vs\.?|versus|like|including|on|by|use|uses|"
    r"using|used|via|and|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NOT_ANTECEDENT_AFTER = re.compile(
    r"^\s*(?:-as-a-judge|as\s+(?:an?|the|our)\s+(?:\w+\s+)?(?:judge|grader|evaluator|"
    r"annotator|reference|baseline|teacher))",
    re.IGNORECASE,
)
# A file or URL name that is a model name: a letter first, dash-joined parts, a digit.
_RELEASE_NAME = re.compile(r"[A-Za-z][\w.]*(?:-[\w.]+)*")


# Phrases that can only mean the release itself ("our model", "we", "the new model"), unlike
# "it" or "the model", which may point at any model just named.
_OWN_PHRASE = re.compile(r"^\W*(?:we|our|the\s+new|this|the\s+latest)\b", re.IGNORECASE)


def _own_phrase(phrase: str, ctx: Context) -> Any:
    """For "our model": a test that a named model can be the release, else None (any can)."""
    if not _OWN_PHRASE.match(phrase):
        return None
    refs = [
        ref
        for ref in (ctx.title_model, ctx.release())
        if ref is not None and (ref.id or _model_like(ref.text))
    ]
    if not refs:
        return None
    lines = {_line(ref.text) for ref in refs}

    def could_be_release(found: Found) -> bool:
        # a name the registry does not know is most likely the new release; a known one
        # must be of the release's line ("Llama 3.1 70B" in a post titled "Llama 3.1")
        return found.id is None or _line(found.text) in lines

    return could_be_release


def _line(name: str) -> str:
    """A model line's leading word: "Mixtral 8x7B" -> "mixtral", "GPT-4o mini" -> "gpt"."""
    m = re.match(r"[A-Za-z]+", name.strip())
    return m.group(0).casefold() if m else name.casefold()


def _recent_model(
    text: str,
    spans: list[tuple[int, int]],
    index: int,
    mentions_of: Any,
    claimed: dict[int, list[RawClaim]],
    own: Any = None,
) -> Found | None:
    """The model named most recently before sentence `index`, as a reader would resolve "it".

    A sentence that made claims offers its (first) claim's subject; otherwise the last model
    it names that is not the object of a comparison or preposition. Table rows are skipped:
    a table lists competitors, not the release. `own` (for "our model") rejects models that
    cannot be the release: a competitor named in passing is not what "our model" means.
    """
    for j in range(index - 1, max(-1, index - 1 - ANTECEDENT_LOOKBACK), -1):
        if j in claimed:
            subject = claimed[j][0].subject
            if subject is not None and (own is None or own(subject)):
                return subject
        a, b = spans[j]
        sentence = text[a:b]
        if sentence.lstrip().startswith("|"):
            continue
        targets = {(t.start, t.end) for raw in claimed.get(j, ()) for t in raw.targets}
        for found in reversed(mentions_of(j)):
            if found.kind != "MODEL" or (found.start, found.end) in targets:
                continue
            before = sentence[max(0, found.start - a - 16) : found.start - a]
            if _NOT_ANTECEDENT_BEFORE.search(before):
                continue
            if _NOT_ANTECEDENT_AFTER.match(sentence[found.end - a : found.end - a + 40]):
                continue
            if own is not None and not own(found):
                continue
            return found
    return None


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


def _claim_key(raw: RawClaim) -> tuple[Any, ...]:
    """What makes two claims of one sentence the same claim."""

    def name(found: Found | None) -> str | None:
        return None if found is None else (found.id or found.text.casefold())

    return (
        name(raw.subject),
        raw.relation,
        raw.negated,
        frozenset(name(t) for t in raw.targets),
        (raw.target_group or "").casefold(),
        frozenset(name(b) for b in raw.benchmarks),
    )


def _claim_quantifier(
    sentence: str, start: int, raw: RawClaim, sentence_quantifier: str | None
) -> str | None:
    """The hedge of one claim: in its own segment, else in its clause's lead.

    "Overall, X is competitive with Y on most benchmarks, and it beats Z on Arena-Hard": the
    first claim is hedged, the second is not.
    """
    if raw.seg_end <= raw.cue_start:  # offsets not set (rules called directly)
        return sentence_quantifier
    cue, lead, seg = raw.cue_start - start, raw.lead_start - start, raw.seg_end - start
    m = lx.QUANTIFIER.search(sentence, cue, seg) or lx.QUANTIFIER.search(sentence, lead, cue)
    return m.group(0) if m else None


def _mention(found: Found | None) -> Mention | None:
    return None if found is None else _named(found)


def _named(found: Found) -> Mention:
    return Mention(found.text, found.id, found.start, found.end)


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


def _patterns(registry: Any) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for label, pairs in (
        ("MODEL", registry.model_alias_pairs()),
        ("BENCH", registry.benchmark_alias_pairs()),
    ):
        for alias, canonical in pairs:
            alias = alias.strip()
            if (
                len(alias) < 2
                or (len(alias) < 3 and not any(c.isdigit() for c in alias))
                or alias.casefold() in _ALIAS_STOPLIST
                or _SIZE_ONLY.match(alias)
                or "/" in alias
            ):
                continue
            # "Gemma-2-9B" is also written "Gemma 2 9B"; tokens differ, so add both spellings
            for variant in {alias, alias.replace("-", " "), alias.replace(" ", "-")}:
                key = (label, variant.casefold())
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": label, "pattern": variant, "id": canonical})
    return patterns


_CACHE: weakref.WeakKeyDictionary[Any, Language] = weakref.WeakKeyDictionary()
_NO_REGISTRY: dict[str, Language] = {}


def build_nlp(registry: Any = None) -> Language:
    """A fresh pipeline for `registry` (None: no registry names, the shape rules only)."""
    from claimcheck.extract import ruler_cache

    nlp = spacy.blank("en")
    # no parser or NER model here, so long documents cost memory in proportion to their length
    nlp.max_length = MAX_DOCUMENT_CHARS
    # the ruler before the splitter: the two are independent, and EntityRuler.add_patterns
    # runs every pipe before the ruler on each of its ~4,600 patterns
    ruler = nlp.add_pipe("claimcheck_entity_ruler", name="claimcheck_names")
    nlp.add_pipe("claimcheck_sentences")
    if registry is not None:
        # built once per set of patterns, then loaded from the user cache
        ruler_cache.add_patterns(ruler, _patterns(registry))
    finder = nlp.add_pipe("claimcheck_claims")
    finder.registry = registry  # type: ignore[attr-defined]
    return nlp


def get_nlp(registry: Any = None) -> Language:
    """The cached pipeline for `registry`, built on first use."""
    if registry is None:
        if "" not in _NO_REGISTRY:
            _NO_REGISTRY[""] = build_nlp(None)
        return _NO_REGISTRY[""]
    try:
        return _CACHE[registry]
    except KeyError:
        nlp = build_nlp(registry)
        _CACHE[registry] = nlp
        return nlp
