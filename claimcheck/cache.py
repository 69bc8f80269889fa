"""Files claimcheck can rebuild at any time, kept in the user cache directory.

Some things cost a noticeable part of a second to build and come out the same in every
process of one installation: the spaCy name ruler (about 4,600 registry aliases) and the
store built from the bundled data. Each is built once, written here under a name that carries
a hash of everything it was built from (the registry or bundled data, the claimcheck version,
spaCy's version, the schema), and read by every later process. So a changed registry or an
upgrade never reads a stale file: it simply looks for another name.

Writes go to a temporary file in the same directory and are renamed into place, so a reader
never sees half a file and two processes building at once both end with a complete one. A
cache directory that cannot be created or written (a read-only home, a full disk) only means
building again next time; nothing here raises for it. The cache lives in the user's cache
directory (`CLAIMCHECK_CACHE` overrides it), never inside the installation, so a read-only
install works the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimcheck import __version__

# Files of one kind kept side by side (two installations sharing a home directory each keep
# theirs); older ones are removed when a new one is written.
KEEP = 3


def cache_dir() -> Path:
    from claimcheck.config import default_cache_dir

    return default_cache_dir()


def digest(*parts: str | bytes) -> str:
    """A short hex key over `parts` and the claimcheck version."""
    h = hashlib.sha256(f"claimcheck {__version__}\n".encode())
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:24]


def path_for(kind: str, key: str, suffix: str) -> Path:
    """Where the `kind` file for `key` lives (it may not exist)."""
    return cache_dir() / f"{kind}-{key}{suffix}"


def read_json(kind: str, key: str) -> Any | None:
    """The cached JSON for (kind, key), or None if missing or unreadable."""
    try:
        data = json.loads(path_for(kind, key, ".json").read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data.get("data")


def write_json(kind: str, key: str, data: Any) -> bool:
    """Cache `data` for (kind, key). True if written; False if the cache is not writable."""
    payload = json.dumps({"key": key, "data": data}, separators=(",", ":")).encode()
    return publish(kind, key, ".json", lambda tmp: tmp.write_bytes(payload)) is not None


def read_pickle(kind: str, key: str) -> Any | None:
    """A cached object for (kind, key), or None. Only for objects claimcheck itself wrote to
    the user's own cache directory (created private to the user)."""
    import pickle

    try:
        data = path_for(kind, key, ".pickle").read_bytes()
        found = pickle.loads(data)
    except Exception:  # noqa: BLE001 - missing, truncated or from another version: rebuild
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != key:
        return None
    return found[1]


def write_pickle(kind: str, key: str, obj: Any) -> bool:
    """Cache `obj` for (kind, key). True if written."""
    import pickle

    payload = pickle.dumps((key, obj), protocol=pickle.HIGHEST_PROTOCOL)
    return publish(kind, key, ".pickle", lambda tmp: tmp.write_bytes(payload)) is not None


def publish(kind: str, key: str, suffix: str, build: Callable[[Path], object]) -> Path | None:
    """Build a cache file with `build(tmp_path)` and rename it into place; its final path.

    None when the cache directory cannot be written. An exception from `build` propagates
    (after the temporary file is removed): a failed build is a bug, not a cache problem.
    """
    folder = cache_dir()
    target = path_for(kind, key, suffix)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{kind}-", suffix=suffix, dir=folder)
        os.close(fd)
    except OSError:
        return None
    tmp = Path(name)
    try:
        build(tmp)
        os.replace(tmp, target)
    except OSError:
        _remove(tmp)
        return None
    except BaseException:
        _remove(tmp)
        raise
    prune(kind, suffix, keep=target)
    return target


def prune(kind: str, suffix: str, keep: Path) -> None:
    """Remove all but the newest KEEP files of this kind (always keeping `keep`)."""
    try:
        files = sorted(
            cache_dir().glob(f"{kind}-*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True
        )
    except OSError:
        return
    for old in [f for f in files if f != keep][KEEP - 1 :]:
        _remove(old)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
