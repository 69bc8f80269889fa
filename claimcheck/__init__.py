"""claimcheck: fact-check the comparative claims in AI model-release announcements."""

from __future__ import annotations

from claimcheck._startup import defer_spacy_cli

__version__ = "0.1.0"

defer_spacy_cli()
