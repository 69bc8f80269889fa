"""Re-pin the golden output (tests/golden/*.json) from a fresh run over the bundled documents.

    python scripts/pin_golden.py

Only after a change that is meant to alter claims or verdicts: the commit says what changed
and why. A store is built from the bundled data in a temporary folder (not the user's store).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _golden import GOLDEN, check_all  # noqa: E402

from claimcheck.store import Store  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "claimcheck.db")
        try:
            fresh = check_all(store)
        finally:
            store.close()
    GOLDEN.mkdir(exist_ok=True)
    changed = 0
    for old in GOLDEN.glob("*.json"):
        if old.name not in fresh:
            old.unlink()
            changed += 1
    for name, text in fresh.items():
        path = GOLDEN / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
    print(f"{len(fresh)} documents pinned, {changed} files written or removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
