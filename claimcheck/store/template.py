"""The bundled data in a store: a template store built once per release, copied on first use.

A new store is a copy of the template (`create_from_template`); an existing one whose
bundled files changed gets the template's bundled tables in one transaction
(`BundledStore.ensure_bundled`). Where no template can be cached, the files are read
(`claimcheck.bundled`) and loaded directly (`load_bundled`). Either way what the user
checked, fetched or imported is kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from claimcheck import bundled
from claimcheck.store.evaluations import EvaluationStore
from claimcheck.store.schema import SCHEMA_VERSION

TEMPLATE_KIND = "store"


def load_bundled(store: EvaluationStore, data_dir: Path) -> int:
    """Load the bundled registries, evaluations and prices in one transaction; rows loaded."""
    data = bundled.read_bundled(Path(data_dir))
    with store.transaction():
        store.replace_registries(*data.registries)
        store.replace_bundled_evaluations(data.evaluations, data.snapshots)
        if data.prices:
            store.replace_prices(data.prices)
    return len(data.evaluations)


class BundledStore(EvaluationStore):
    """Keeps a store's bundled tables those of the bundled files (see `Store`)."""

    def ensure_bundled(self, data_dir: Path) -> bool:
        """Load the bundled registries and evaluations if missing or changed. True if loaded.

        "Unchanged" is first judged from the files' names, sizes and times as recorded at the
        last load, and only when those differ from their content hash. A load copies the
        bundled tables from the template store (built once per bundled data, see
        `bundled_template`) in one transaction; where no template can be cached it imports the
        files. Either way what the user checked, fetched or imported is kept.
        """
        if self.bundled_is_current(data_dir):
            return False
        fingerprint = bundled.bundled_fingerprint(data_dir)
        loaded = self.get_meta("bundled_fingerprint") != fingerprint
        if loaded:
            template = bundled_template(data_dir)
            if template is None:
                load_bundled(self, data_dir)
            else:
                self._copy_bundled(template)
            self.set_meta("bundled_fingerprint", fingerprint)
        self.set_meta("bundled_signature", bundled.bundled_signature(data_dir))
        return loaded

    def bundled_is_current(self, data_dir: Path) -> bool:
        """Whether the bundled tables come from these files (False may mean "cannot tell
        cheaply": `ensure_bundled` then compares content hashes)."""
        return self.get_meta("bundled_signature") == bundled.bundled_signature(data_dir)

    def _copy_bundled(self, template: Path) -> None:
        """Replace the bundled tables with the template's, as `load_bundled` would."""
        conn = self.conn
        conn.execute("ATTACH DATABASE ? AS template", [f"{template.resolve().as_uri()}?mode=ro"])
        try:
            with self.transaction():
                for name in ("models", "model_aliases", "benchmarks", "benchmark_aliases"):
                    conn.execute(f"DELETE FROM main.{name}")
                    self._insert_from_template(name)
                conn.execute(
                    "DELETE FROM main.evaluations WHERE document IS NULL AND snapshot IN "
                    "(SELECT sha256 FROM main.snapshots WHERE bundled = 1)"
                )
                conn.execute("DELETE FROM main.snapshots WHERE bundled = 1")
                self._insert_from_template("evaluations", "OR REPLACE")
                self._insert_from_template("snapshots", "OR IGNORE")
                if conn.execute("SELECT 1 FROM template.prices LIMIT 1").fetchone():
                    conn.execute("DELETE FROM main.prices")
                    self._insert_from_template("prices", "OR REPLACE")
        finally:
            conn.execute("DETACH DATABASE template")

    def _insert_from_template(self, table: str, conflict: str = "") -> None:
        def columns(schema: str) -> list[str]:
            return [r[1] for r in self.conn.execute(f"PRAGMA {schema}.table_info({table})")]

        shared = [c for c in columns("template") if c in set(columns("main"))]
        cols = ",".join(f'"{c}"' for c in shared)
        self.conn.execute(
            f"INSERT {conflict} INTO main.{table} ({cols}) SELECT {cols} FROM template.{table}"
        )


def template_key(data_dir: Path) -> str:
    """What a template store depends on: the bundled files, the schema and the code that loads
    them (so a changed loader or resolver in a source checkout never reuses an old build)."""
    from claimcheck import cache

    return cache.digest(
        f"store template schema {SCHEMA_VERSION}",
        bundled.bundled_fingerprint(data_dir),
        *(hashlib.sha256(p.read_bytes()).hexdigest() for p in _loading_code()),
    )


def _loading_code() -> list[Path]:
    """The source files that decide what a template holds: this package, the bundled-data
    reader, the registry (a module or a package) and the models."""
    root = Path(__file__).resolve().parent.parent
    files: list[Path] = []
    for name in ("store", "bundled", "registry", "models"):
        folder, module = root / name, root / f"{name}.py"
        files += sorted(folder.rglob("*.py")) if folder.is_dir() else [module]
    return [p for p in files if p.is_file()]


def bundled_template(data_dir: Path) -> Path | None:
    """A store holding just the bundled data, from the user cache (built there if missing).

    It is built with the normal schema code and `load_bundled`, so it is exactly the store a
    first run would build. None if the cache cannot be written.
    """
    from claimcheck import cache

    key = template_key(data_dir)
    found = cache.path_for(TEMPLATE_KIND, key, ".db")
    if found.is_file():
        return found
    return cache.publish(TEMPLATE_KIND, key, ".db", lambda tmp: _build_template(tmp, data_dir))


def _build_template(path: Path, data_dir: Path) -> None:
    store = BundledStore(path)
    try:
        # one self-contained file to copy: no write-ahead log beside it
        store.conn.execute("PRAGMA journal_mode=DELETE")
        load_bundled(store, data_dir)
        store.set_meta("bundled_fingerprint", bundled.bundled_fingerprint(data_dir))
        store.set_meta("bundled_signature", bundled.bundled_signature(data_dir))
        store.index_summary()  # kept in meta: a store copied from here starts with it
    finally:
        store.close()


def create_from_template(path: Path, data_dir: Path) -> bool:
    """Create a new store at `path` as a copy of the bundled template. True if created.

    Does nothing if `path` exists (or the template cannot be had): the caller opens what is
    there. The copy is linked into place, which fails rather than replace a store another
    process created meanwhile.
    """
    import os
    import shutil
    import tempfile

    path = Path(path)
    if path.exists() or path.is_symlink():
        return False
    try:  # first make sure the store can go there at all, before building anything
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return False  # not our place to report: opening the store will say what is wrong
    tmp = Path(name)
    try:
        template = bundled_template(data_dir)
        if template is None:
            return False
        shutil.copyfile(template, tmp)
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
