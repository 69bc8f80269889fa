"""The claim component: candidate sentences, their name mentions, the rules, scored claims.

It runs the costly rules only on sentences that pass a cheap keyword test and resolves each
distinct name once per pipeline."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.extract import lexicon as lx
from claimcheck.extract.components import doc_text
from claimcheck.extract.context import (
    _claim_key,
    _claim_quantifier,
    _mention,
    _named,
    _own_phrase,
    _quoted,
    _recent_model,
)
from claimcheck.extract.cue_scan import find_cues
from claimcheck.extract.found import Context, Found, RawClaim
from claimcheck.extract.mentions import (
    _RELEASE_QUALIFIER,
    _SHORT_NAME,
    _add_longest,
    _listed_benchmarks,
    _model_like,
    _short_names,
    _whole_word,
    _without_qualifier,
)
from claimcheck.extract.rules import claims_in_sentence
from claimcheck.extract.subjects import could_be_name, name_like
from claimcheck.models import Claim, Document

MIN_CHECKWORTHINESS = 0.35


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

        may_name: dict[int, bool] = {}

        def model_mentions_of(index: int) -> list[Found]:
            # most sentences an antecedent search walks past name no model at all: a cheap
            # test of what `_mentions` could find spares looking for all their names
            if index not in may_name:
                a, b = spans[index]
                lo = bisect_right(ent_starts, a - 1)
                hi = bisect_right(ent_starts, b - 1)
                may_name[index] = _may_name_a_model(text[a:b], ents[lo:hi], ctx)
            return mentions_of(index) if may_name[index] else []

        antecedents: dict[tuple[int, bool], Found | None] = {}

        def recent_model(index: int, phrase: str) -> Found | None:
            # several claims of one sentence ask the same question: answer it once
            own = _own_phrase(phrase, ctx)
            key = (index, own is None)
            if key not in antecedents:
                antecedents[key] = _recent_model(
                    text, spans, index, model_mentions_of, claimed, own=own
                )
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
        # membership by binary search in the sorted ids: `numpy.isin` sorts the whole Doc
        lower = doc.to_array("LOWER")
        ids = self._trigger_ids
        at = numpy.searchsorted(ids, lower)
        at[at == len(ids)] = 0
        hits = ids[at] == lower
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
        if lx.FAMILY_WORD.search(sentence):
            for m in lx.FAMILY_MODEL.finditer(sentence):
                a, b = offset + m.start(), offset + m.end()
                found = _add_longest(found, Found(a, b, "MODEL", m.group(0)))
        if "-" in sentence:  # every name shape UNKNOWN_MODEL knows is hyphen-joined
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


# A file or URL name that is a model name: a letter first, dash-joined parts, a digit.
_RELEASE_NAME = re.compile(r"[A-Za-z][\w.]*(?:-[\w.]+)*")


_DIGIT = re.compile(r"\d")


def _may_name_a_model(
    sentence: str, ents: list[tuple[int, int, str, str, str | None]], ctx: Context
) -> bool:
    """Whether `ClaimFinder._mentions` can find a model in `sentence` (a necessary condition).

    Its models come from the ruler's MODEL names, FAMILY_MODEL (a family word), UNKNOWN_MODEL
    (a hyphen), a short name (a digit) or the title's one-word name; without any of those
    the sentence names no model.
    """
    if any(label == "MODEL" for _, _, label, _, _ in ents):
        return True
    if "-" in sentence or lx.FAMILY_WORD.search(sentence):
        return True
    if ctx.short_names and _DIGIT.search(sentence):
        return True
    title = ctx.title_model
    return bool(
        title is not None and title.text and " " not in title.text and title.text in sentence
    )
