"""Extraction: announcement text to comparative claims and self-reported table rows.

The public functions are `extract_claims` (one document), `extract_many` (many, batched through
`nlp.pipe`) and `parse_vendor_tables` (the vendor's own benchmark tables as evaluations). Claim
offsets point into the document's text as given (HTML markup and Markdown emphasis are masked
with spaces before spaCy reads the text, so offsets never shift); `Claim.text` is the sentence
with its whitespace collapsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from claimcheck.extract.sentences import prepare_text
from claimcheck.extract.tables import parse_vendor_tables
from claimcheck.models import Claim, Document

__all__ = ["extract_claims", "extract_many", "get_nlp", "parse_vendor_tables"]

DEFAULT_BATCH_SIZE = 64


def _registry(registry: Any) -> Any:
    if registry is not None:
        return registry
    from claimcheck.registry import load_registry

    return load_registry()


def get_nlp(registry: Any = None) -> Any:
    """The cached spaCy pipeline for `registry` (default: the bundled registry)."""
    from claimcheck.extract.pipeline import get_nlp as _get

    return _get(_registry(registry))


def extract_claims(document: Document, registry: Any = None) -> list[Claim]:
    """The comparative claims in one document, in document order."""
    return next(extract_many([document], registry=registry))


def extract_many(
    documents: Iterable[Document], registry: Any = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[list[Claim]]:
    """Claims per document, in input order, tokenizing and tagging in batches."""
    nlp = get_nlp(registry)

    def docs() -> Iterator[Any]:
        for document in documents:
            text = prepare_text(document.text or "")
            doc = nlp.make_doc(text)
            doc._.document = document
            doc._.text = text
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield list(doc._.claims or ())
