"""The spaCy components around the claim finder: the registry-name ruler and the
Markdown-aware sentence splitter, plus the Doc extensions they share."""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from claimcheck.extract.sentences import split_sentences

for _name in ("claims", "document", "sentence_spans", "names", "text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


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
