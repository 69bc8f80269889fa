"""The sources stage: announcement sources in, Documents out.

Sources are feeds (RSS/Atom, including GitHub release feeds), single pages, and READMEs / model
cards (read as Markdown from their raw URLs), listed in `sources.toml` or added by the user.
The stage knows HTTP (`http`), URLs (`urls`), turning bodies into Documents (`parse`), the
source list (`lists`) and downloading leaderboard files (`leaderboards`). It keeps nothing and
checks nothing: storing, checking and importing happen in `claimcheck.services.ingest` and
`claimcheck.services.leaderboards`, which are the only callers of this package's network code.
"""

from __future__ import annotations

from claimcheck.sources.http import (
    DEFAULT_USER_AGENT,
    FetchConfig,
    Fetched,
    Fetcher,
    FetchError,
    Sleep,
    Validators,
)
from claimcheck.sources.lists import SOURCE_KINDS, Source, SourceList, load_source_list
from claimcheck.sources.parse import (
    FeedEntry,
    ParsedFeed,
    document_from_fetched,
    entry_document,
    html_document,
    markdown_document,
    parse_feed,
)
from claimcheck.sources.urls import guess_kind, host_of, is_http_url, normalize_url, readme_raw_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "SOURCE_KINDS",
    "FeedEntry",
    "FetchConfig",
    "FetchError",
    "Fetched",
    "Fetcher",
    "ParsedFeed",
    "Sleep",
    "Source",
    "SourceList",
    "Validators",
    "document_from_fetched",
    "entry_document",
    "guess_kind",
    "host_of",
    "html_document",
    "is_http_url",
    "load_source_list",
    "markdown_document",
    "normalize_url",
    "parse_feed",
    "readme_raw_url",
]
