"""Finding claims without judging them: what `claimcheck extract` shows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from claimcheck.documents import DocumentError, load_document, read_stdin
from claimcheck.extract import extract_many, parse_vendor_tables
from claimcheck.models import Claim, Document

__all__ = ["DocumentError", "extract_claims", "read_document"]


def read_document(path: str, stdin: BinaryIO | None = None) -> Document:
    """One input: a file, or `stdin` for "-". Raises DocumentError, naming it."""
    if path == "-":
        assert stdin is not None
        return read_stdin(stdin)
    return load_document(path)


def extract_claims(documents: Sequence[Document]) -> Iterator[tuple[Document, list[Claim], int]]:
    """(document, its claims, how many vendor-table rows it has), in input order."""
    for doc, claims in zip(documents, extract_many(documents), strict=True):
        yield doc, list(claims), len(parse_vendor_tables(doc))
