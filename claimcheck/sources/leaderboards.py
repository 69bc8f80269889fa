"""Downloading the published leaderboard files (the import and recheck are a service's).

`sources.toml` lists each leaderboard's public file URLs. They are all downloaded at once,
conditionally: a file unchanged since the last run is a 304 and is not imported again.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from claimcheck.sources.http import FetchConfig, Fetched, Fetcher, Validators


@dataclass(frozen=True)
class UpdateEvent:
    """Reported to `update_leaderboards`' progress callback (for a progress display)."""

    stage: str  # download | import | recheck | done
    source: str = ""
    done: int = 0
    total: int = 0
    detail: str = ""


UpdateProgress = Callable[[UpdateEvent], None]


def http_date(fetched: Fetched) -> str | None:
    """The file's date from its Last-Modified header (YYYY-MM-DD), when the server sends one."""
    if not fetched.last_modified:
        return None
    try:
        return email.utils.parsedate_to_datetime(fetched.last_modified).date().isoformat()
    except (TypeError, ValueError):
        return None


def file_name(url: str, index: int) -> str:
    """A safe local file name for a downloaded URL (its last path segment, or a counter)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return name or f"download-{index}"


async def download_leaderboards(
    boards: Mapping[str, Sequence[str]],
    validators: Callable[[str], Validators],
    config: FetchConfig | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    progress: UpdateProgress | None = None,
) -> dict[str, list[Fetched]]:
    """Every file of every leaderboard at once (the Fetcher's limits keep it polite).

    `validators(url)` gives what the last download of `url` left (its ETag, Last-Modified), so
    an unchanged file comes back as a 304. Results keep the order of `boards` and their URLs.
    """
    total = sum(len(urls) for urls in boards.values())
    done = 0
    async with Fetcher(config, transport=transport) as fetcher:

        async def one(name: str, url: str) -> Fetched:
            nonlocal done
            known = validators(url)
            fetched = await fetcher.get(url, etag=known.etag, last_modified=known.last_modified)
            done += 1
            if progress is not None:
                outcome = fetched.error or ("not modified" if fetched.not_modified else "ok")
                progress(UpdateEvent("download", name, done, total, outcome))
            return fetched

        names = list(boards)
        results = await asyncio.gather(
            *(asyncio.gather(*(one(n, u) for u in boards[n])) for n in names)
        )
        return {n: list(r) for n, r in zip(names, results, strict=True)}
