"""Where announcements come from: the source list (`sources.toml`) and its `Source` rows.

The bundled `data/sources.toml` names the default feeds, pages and READMEs, and the public URLs
of each leaderboard's files. A user's own sources live in the store; `Source.coerce` reads
either.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.sources.http import FetchError
from claimcheck.sources.urls import is_http_url
from claimcheck.text import one_line

SOURCE_KINDS: tuple[str, ...] = ("feed", "page", "readme")


@dataclass(frozen=True)
class Source:
    """Where announcements come from: a feed, a page, or a README / model card."""

    name: str
    url: str
    kind: str = "feed"

    @classmethod
    def coerce(cls, value: Source | Mapping[str, object]) -> Source:
        """A `Source` from itself or from a row of `Store.sources()`."""
        if isinstance(value, Source):
            return value
        return cls(name=str(value["name"]), url=str(value["url"]), kind=str(value["kind"]))


@dataclass(frozen=True)
class SourceList:
    """`sources.toml`: the default sources and the public URLs of each leaderboard's files."""

    sources: tuple[Source, ...] = ()
    leaderboards: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def load_source_list(path: Path | None = None) -> SourceList:
    """Read a sources.toml (default: the bundled one). Raises FetchError naming the problem."""
    if path is None:
        from claimcheck.config import bundled_data_dir

        path = bundled_data_dir() / "sources.toml"
    if not path.is_file():
        return SourceList()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FetchError(f"{path}: {one_line(str(exc))}") from exc
    sources: list[Source] = []
    for i, row in enumerate(data.get("source", []), 1):
        try:
            src = Source(
                name=str(row["name"]), url=str(row["url"]), kind=str(row.get("kind", "feed"))
            )
        except (KeyError, TypeError) as exc:
            raise FetchError(f"{path}: [[source]] #{i} needs a name and a url") from exc
        if src.kind not in SOURCE_KINDS or not is_http_url(src.url):
            raise FetchError(f"{path}: [[source]] {src.name!r}: bad kind or URL")
        sources.append(src)
    boards: dict[str, tuple[str, ...]] = {}
    for name, urls in data.get("leaderboards", {}).items():
        boards[name] = (urls,) if isinstance(urls, str) else tuple(str(u) for u in urls)
    return SourceList(sources=tuple(sources), leaderboards=boards)
