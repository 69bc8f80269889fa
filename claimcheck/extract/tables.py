"""Vendor benchmark tables (placeholder until the parser lands)."""

from __future__ import annotations

from typing import Any

from claimcheck.models import Document, Evaluation


def parse_vendor_tables(document: Document, registry: Any = None) -> list[Evaluation]:
    return []
