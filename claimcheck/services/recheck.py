"""Re-judging what is stored: after new evaluations, say which verdicts changed and why."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from claimcheck.models import Evaluation, Verdict
from claimcheck.pipeline import Checker
from claimcheck.store import Store, claim_from_record, verdict_from_record


@dataclass(frozen=True)
class Change:
    """A stored claim whose verdict is different under the current evaluations."""

    claim_id: str
    article_title: str
    article_url: str
    text: str
    kind: str  # flipped | now_checkable | now_unverifiable | flags
    old_verdict: str
    new_verdict: str
    old_flags: tuple[str, ...] = ()
    new_flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    new_snapshots: tuple[str, ...] = ()  # evidence from snapshots the old verdict did not use


def change_kind(old: Verdict, new: Verdict) -> str | None:
    """How a verdict changed, or None when a reader would see no difference."""
    if old.verdict != new.verdict:
        if old.verdict == "unverifiable":
            return "now_checkable"
        if new.verdict == "unverifiable":
            return "now_unverifiable"
        return "flipped"
    if set(old.flags) != set(new.flags):
        return "flags"
    return None


def recheck(store: Store, checker: Checker | None = None, *, save: bool = True) -> list[Change]:
    """Re-judge every stored claim against the current evaluations; return only the changes.

    Each claim keeps the date it was made on and its document's vendor table. With `save`,
    new verdicts (changed or not: their evidence may be fresher) replace the stored ones, so
    the next recheck reports only what changes after this one.
    """
    if checker is None:
        checker = Checker(store)
        checker.use_full_index()  # every stored claim: one read of all evaluations is quicker
    vendor: dict[str, list[Evaluation]] = defaultdict(list)
    for e in store.evaluations(kind="self_reported"):
        if e.document:
            vendor[e.document].append(e)
    changes: list[Change] = []
    updates: list[tuple[str, Verdict]] = []
    for row in store.checked_claims():
        claim = claim_from_record(row)
        new = checker.judge_claim(claim, row.get("claim_date"), vendor.get(row["article_id"], ()))
        updates.append((row["id"], new))
        old = verdict_from_record(row) if row.get("verdict") else None
        kind = change_kind(old, new) if old else None
        if old is None or kind is None:
            continue
        old_snaps = {e.snapshot for e in old.evidence}
        changes.append(
            Change(
                claim_id=row["id"],
                article_title=row.get("article_title") or "",
                article_url=row.get("article_url") or "",
                text=claim.text,
                kind=kind,
                old_verdict=old.verdict,
                new_verdict=new.verdict,
                old_flags=old.flags,
                new_flags=new.flags,
                reasons=new.reasons,
                new_snapshots=tuple(
                    sorted({e.snapshot for e in new.evidence if e.snapshot} - old_snaps)
                ),
            )
        )
    if save and updates:
        with store.transaction():
            for claim_id, verdict in updates:
                store.update_verdict(claim_id, verdict)
    return changes


def recheck_all(store: Store, *, save: bool = True) -> tuple[int, list[Change]]:
    """(how many stored claims were re-judged, the changes): what `recheck` shows."""
    total = store.db["claims"].count
    return total, recheck(store, save=save)
