"""URLs as the sources stage sees them: which ones it requests and what an article is keyed by.

`normalize_url` stays hand-written rather than courlan's: courlan sorts query parameters and
(in strict mode) drops every parameter not on its list, so stored articles would change their
keys and two pages differing only by `?p=2` would become one. Ours drops fragments and
tracking parameters only.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$", re.I)


def normalize_url(url: str) -> str:
    """The URL an article is stored under: no fragment, no tracking parameters."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": left as written, and is_http_url refuses it
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not _TRACKING_PARAMS.match(k)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def is_http_url(url: str) -> bool:
    """An http(s) URL with a host that the HTTP client can request (never raises)."""
    try:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return False
    return True


def readme_raw_url(url: str) -> str:
    """Map a GitHub / Hugging Face repository or README page to its raw Markdown URL.

    `github.com/O/R` → `raw.githubusercontent.com/O/R/HEAD/README.md`; a `blob/REF/PATH` page →
    its raw file; `huggingface.co/O/M` (a model card) → `huggingface.co/O/M/raw/main/README.md`.
    Anything else (already raw, or another host) is returned unchanged.
    """
    parts = urlsplit(url)
    host = parts.netloc.lower()
    segs = [s for s in parts.path.split("/") if s]
    if host in ("github.com", "www.github.com") and len(segs) >= 2:
        owner, repo = segs[0], segs[1].removesuffix(".git")
        if len(segs) >= 5 and segs[2] == "blob":
            rest = "/".join(segs[3:])
            return f"https://raw.githubusercontent.com/{owner}/{repo}/{rest}"
        if len(segs) == 2:
            return f"https://raw.githubusercontent.com/{owner}/{repo}/HEAD/README.md"
    if host in ("huggingface.co", "www.huggingface.co") and segs:
        if segs[0] in ("datasets", "spaces"):
            prefix, segs = segs[0] + "/", segs[1:]
        else:
            prefix = ""
        if len(segs) >= 5 and segs[2] == "blob":
            rest = "/".join(segs[3:])
            return f"https://huggingface.co/{prefix}{segs[0]}/{segs[1]}/raw/{rest}"
        if len(segs) == 2:
            return f"https://huggingface.co/{prefix}{segs[0]}/{segs[1]}/raw/main/README.md"
    return url


def guess_kind(url: str) -> str:
    """A sensible default kind for a URL the user adds without saying."""
    parts = urlsplit(url)
    host, path = parts.netloc.lower(), parts.path.lower()
    if path.endswith((".atom", ".rss", ".xml", "/feed", "/feed/", "/rss", "/rss/")):
        return "feed"
    if host.endswith(("github.com", "huggingface.co", "raw.githubusercontent.com")):
        return "readme"
    if path.endswith((".md", ".markdown")):
        return "readme"
    return "page"


def host_of(url: str) -> str:
    """The lower-cased host (and port) of a URL, or "" for one that cannot be split."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""
