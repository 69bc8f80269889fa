"""Every claim and verdict on the bundled documents is the pinned one (`tests/golden/`).

A refactoring must leave these files as they are. A change meant to alter verdicts re-pins
them with `python scripts/pin_golden.py` and says in its commit what changed and why.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from _built_store import built_store_path
from _golden import GOLDEN, check_all, documents, golden_name

from claimcheck.store import Store


@pytest.fixture(scope="module")
def fresh(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("golden") / "claimcheck.db"
    shutil.copy(built_store_path(pytestconfig), path)
    with Store(path) as store:
        return check_all(store)


def test_every_document_is_pinned(fresh: dict[str, str]) -> None:
    pinned = {p.name for p in GOLDEN.glob("*.json")}
    assert pinned == set(fresh), "run scripts/pin_golden.py after adding or removing a document"
    assert len(pinned) == len(documents()) >= 20


def _claims(text: str) -> Iterator[tuple[int, dict]]:
    yield from enumerate(json.loads(text)["claims"])


@pytest.mark.parametrize("name", [golden_name(p) for p in documents()])
def test_claims_and_verdicts_are_the_pinned_ones(fresh: dict[str, str], name: str) -> None:
    pinned = (GOLDEN / name).read_text(encoding="utf-8")
    if fresh[name] == pinned:
        return
    old, new = json.loads(pinned), json.loads(fresh[name])
    assert len(new["claims"]) == len(old["claims"]), f"{name}: number of claims changed"
    for (i, a), (_, b) in zip(_claims(pinned), _claims(fresh[name]), strict=True):
        assert b["claim"] == a["claim"], f"{name}: claim {i} changed"
        assert b["verdict"] == a["verdict"], f"{name}: verdict of claim {i} changed"
    assert new == old, f"{name}: the document's record changed"


def test_the_pins_hold_real_verdicts() -> None:
    """The pinned files are a real run, not an empty one: every kind of verdict is there."""
    claims = [c for p in GOLDEN.glob("*.json") for _, c in _claims(p.read_text("utf-8"))]
    assert len(claims) > 90
    verdicts = {c["verdict"]["verdict"] for c in claims}
    assert verdicts == {"supported", "overstated", "contradicted", "unverifiable"}
    assert sum(bool(c["verdict"]["evidence"]) for c in claims) > 30
    assert any(c["verdict"]["flags"] for c in claims)


def test_golden_files_name_no_machine_paths() -> None:
    root = str(Path(__file__).resolve().parent.parent)
    for p in GOLDEN.glob("*.json"):
        assert root not in p.read_text("utf-8"), p.name
