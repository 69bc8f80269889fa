"""One store built from the bundled data, shared by the test files that need a real one.

Building it imports ~34k evaluation rows (tens of seconds on a busy machine), so it is built
once per bundled-data fingerprint and kept in pytest's cache directory; each test copies the
file and works on its own copy. The build goes to a temporary name first and is renamed into
place, so parallel workers never read a half-written database.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from claimcheck.config import bundled_data_dir
from claimcheck.store import Store


def built_store_path(config: pytest.Config) -> Path:
    """The path of a complete store for the current bundled data (built if missing)."""
    import hashlib

    from claimcheck.evaldata import bundled_fingerprint
    from claimcheck.store import template_key
    from claimcheck.store.schema import SCHEMA_VERSION, TABLES

    # a store of an older schema (or one missing a column added since) would be upgraded by
    # every test that copies it
    schema = hashlib.sha1(repr(sorted(TABLES.items())).encode()).hexdigest()[:8]
    # and the code that fills it (a store built by older code may lack what it records now)
    code = template_key(bundled_data_dir())[:8]
    fingerprint = (
        f"{bundled_fingerprint(bundled_data_dir())[:16]}-v{SCHEMA_VERSION}-{schema}-{code}"
    )
    cache = getattr(config, "cache", None)
    if cache is not None:
        folder = Path(cache.mkdir("claimcheck-store"))
    else:  # -p no:cacheprovider
        folder = Path(tempfile.gettempdir()) / "claimcheck-test-store"
        folder.mkdir(exist_ok=True)
    path = folder / f"bundled-{fingerprint}.db"
    if not path.exists():
        tmp = folder / f"building-{os.getpid()}.db"
        for stale in folder.glob(f"building-{os.getpid()}.db*"):
            stale.unlink()
        store = Store.open(tmp)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA journal_mode=DELETE")
        store.close()
        os.replace(tmp, path)
        for old in folder.glob("bundled-*.db"):  # stores for data that has since changed
            if old != path:
                old.unlink(missing_ok=True)
    return path


def copy_store(config: pytest.Config, dest: Path) -> Path:
    shutil.copy(built_store_path(config), dest)
    return dest
