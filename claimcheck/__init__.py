"""claimcheck: fact-check the comparative claims in AI model-release announcements."""

from __future__ import annotations

__version__ = "0.1.0"
