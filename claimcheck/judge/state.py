"""A judgement's state: the claim read once (the models it names and which checkpoints they are,
its benchmarks, domain and group) with the rows, tables and caches it is judged from.

A judgement is one object built in layers, a module each, every layer using only the ones
below it: state, vendor (the announcement's own numbers), flags, rules (how one set of
comparisons reads), field (best_in_group, trails), pairwise, and `judgement` on top, which
runs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from claimcheck.judge.compare import _Cmp
from claimcheck.judge.domain import (
    _CHAT_CATEGORIES,
    RegistryLike,
    _modality,
    _standin_re,
    domain_of,
    source_name,
)
from claimcheck.judge.groups import Group, parse_group
from claimcheck.judge.index import ClaimRows, _slice_parts
from claimcheck.judge.noise import _Noise
from claimcheck.judge.prose import _and, _model_name
from claimcheck.judge.table import _Table
from claimcheck.judge.wording import _BASE_WORDS, _CHAT_WORDS, _TUNING_WORD, _domains, _settings_of
from claimcheck.models import Claim, Evaluation, Mention, Price


def _days_apart(a: str | None, b: str | None) -> int:
    """Days between two ISO dates; unknown dates sort last."""
    if not a or not b:
        return 10**6
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10**6


class _State:
    """The claim as the judge reads it, and what it is judged from (built once per claim)."""

    def __init__(
        self,
        claim: Claim,
        evaluations: Sequence[Evaluation],
        registry: RegistryLike,
        as_of: str | None,
        vendor_rows: Sequence[Evaluation],
        prices: Sequence[Price],
    ) -> None:
        self.claim = claim
        self.registry = registry
        known = domain_of(registry)  # leaderboards, benchmark families, variant markers
        self.as_of = as_of
        self.prices = prices
        self.flags: set[str] = set()
        self.notes: list[str] = []  # reasons that explain flags, after the main ones
        self.subject = claim.subject.id if claim.subject else None
        self.targets = [t.id for t in claim.targets if t.id and t.id != self.subject]
        self.named = self._board_categories([b.id for b in claim.benchmarks if b.id])
        self.unknown_benchmarks = [b.text for b in claim.benchmarks if not b.id]
        self.checkpoint_notes: list[str] = []  # which checkpoint a bare name was read as
        self._infer_checkpoints(vendor_rows)
        resolve = getattr(registry, "resolve_model", None)
        if resolve is not None:
            for mention in (claim.subject, *claim.targets):
                mid = mention.id if mention else None
                if mention and mid and mid in (self.subject, *self.targets):
                    r = resolve(mention.text, as_of=as_of)
                    if r.id == mid and r.undated:
                        self._note_undated(mention.text, mid, r.undated)
                    elif r.id == mid and r.method == "as_of" and r.candidates and as_of:
                        self.notes.append(
                            f"'{mention.text}' on {as_of} is {_model_name(registry, mid)}, the "
                            "version current then."
                        )
                    if r.id == mid and r.method == "completed":
                        self.notes.append(
                            f"'{mention.text}' is read as {_model_name(registry, mid)}, the only "
                            "model of that name the registry knows (the text leaves out its "
                            "size or tuning)."
                        )
        bm = registry.benchmarks
        index = evaluations.evaluation_index if isinstance(evaluations, ClaimRows) else None
        self.cache: dict[Any, Any]
        self.first_seen: dict[str, str]
        # the document's own table first: where a bundled copy of the same table repeats a
        # number, the document's row is the one shown
        if index is not None:
            ids = [m for m in (self.subject, *self.targets) if m]
            ids += [v for m in ids for v in index.standins_for(known).get(m, ())]
            vendor = list(vendor_rows) + [e for m in ids for e in index.reported.get(m, ())]
        else:
            vendor = list(vendor_rows) + [e for e in evaluations if e.kind != "independent"]
        wanted = set(self.named)
        self._bare_memo: dict[str, bool] = {}
        self._group: Group | None = None
        # older releases of a leaderboard than the one compared: evidence, never counted
        self.older: list[_Cmp] = []
        self._older_seen: set[tuple[Any, ...]] = set()
        # rows shown as evidence but left out of a tally: (id of subject row, id of other row)
        self._uncounted: set[tuple[int, int]] = set()
        # "better at coding than X": a broad claim narrowed to one category of benchmarks;
        # a vision or audio model's broad claim is about its modality unless it says otherwise
        self.domain: dict[str, str] = {} if wanted else _domains(claim, registry)
        if not wanted and not self.domain:
            modality = _modality(registry.models.get(self.subject or ""))
            if modality and modality in getattr(registry, "categories", {}):
                self.domain = {modality: f"a {modality} model"}
        if index is not None:
            # the index keeps each benchmark's table built once: judging is lookups
            models = [m for m in (self.subject, *self.targets) if m]
            bench_ids = wanted or index.benchmarks_of(models[:1] or models)
            standins = index.standins_for(known)
            variants = [v for m in models for v in standins.get(m, ())]
            self.standin_of = {v: m for m in models for v in standins.get(m, ())}
            if not wanted:
                bench_ids = set(bench_ids) | index.benchmarks_of(variants)
                if self.subject and self._bare(self.subject):
                    bench_ids |= index.benchmarks_of(self._snapshots_near(self.subject))
            if self.domain:
                bench_ids = {b for b in bench_ids if self._in_domain(b)}
            elif not wanted:
                bench_ids = set(bench_ids) - index.slice_parts_for(known)
            self.table = _Table.merged(
                (index.table(b, registry) for b in sorted(bench_ids)), self.standin_of
            )
            self.first_seen = index.first_seen
            self.cache = index.cache
        else:
            indep = [e for e in evaluations if e.kind == "independent" and e.document is None]
            if wanted:
                indep = [e for e in indep if e.benchmark_id in wanted]
            elif self.domain:
                indep = [e for e in indep if self._in_domain(e.benchmark_id or "")]
            else:
                parts = _slice_parts(indep, known)
                indep = [e for e in indep if e.benchmark_id not in parts]
            self.standin_of = {
                e.model_id: m.group("base")
                for e in indep
                if e.model_id
                and (m := _standin_re(known).match(e.model_id))
                and m.group("base") in {self.subject, *self.targets}
            }
            self.table = _Table.merged([_Table(indep, bm)], self.standin_of)
            self.cache = {}
            self.first_seen = {}
            for e in evaluations:
                if e.model_id and e.as_of and e.as_of < self.first_seen.get(e.model_id, "9999"):
                    self.first_seen[e.model_id] = e.as_of
        # which models were out at the claim date: shared by every claim of that date
        self._released_memo: dict[str, bool] = self.cache.setdefault(("released", as_of), {})
        # each row's noise estimate, computed once per index (rows live as long as it does)
        self._noise: dict[int, _Noise] = self.cache.setdefault("noise", {})
        self.vendor_all = vendor
        self.vendor_rows = list(vendor_rows)
        self._claim_rows = evaluations  # the subject's and targets' own rows
        self.claim_settings = _settings_of(" ".join(claim.settings)) if claim.settings else {}
        if not self.claim_settings:
            self.claim_settings = _settings_of(claim.text)

    def _infer_checkpoints(self, vendor_rows: Sequence[Evaluation]) -> None:
        """A bare "Qwen2-72B" names a line with a base and an instruct checkpoint: the claim's
        context decides which one is meant, and a reason says which and why (`variant`).

        Instruct when the claim compares with chat or API models (closed, or instruct/chat
        checkpoints) or talks about chat, arena, instruction or agentic use (in words or in
        the benchmarks it names); base when it talks about base or pretrained models or the
        vendor's table is a base-model table. No context, or both: the registry's reading.
        """
        instruct_of = getattr(self.registry, "instruct_of", None)
        base_of = getattr(self.registry, "base_of", None)
        if instruct_of is None or base_of is None:
            return
        mentions = [m for m in (self.claim.subject, *self.claim.targets) if m and m.id]
        bare = [m for m in mentions if not _TUNING_WORD.search(m.text)]
        # only an open-weights line with both checkpoints can be read either way
        open_lines = [
            m
            for m in bare
            if (info := self.registry.models.get(m.id or "")) is not None
            and info.open_weights is not False
            and (info.variant == "base" or base_of(info.id) not in (None, info.id))
        ]
        if not open_lines:
            return
        context = self._checkpoint_context(mentions, bare, vendor_rows)
        if context is None:
            return
        want, why = context
        for m in bare:
            info = self.registry.models.get(m.id or "")
            if info is None or info.open_weights is False:
                continue
            if want == "instruct" and info.variant == "base":
                other = instruct_of(info.id)
            elif want == "base" and info.variant != "base":
                other = base_of(info.id)
            else:
                continue
            if not other or other == info.id:
                continue
            if m.id == self.subject:
                self.subject = other
            self.targets = [other if t == m.id else t for t in self.targets]
            label = "instruction-tuned" if want == "instruct" else "base (pretrained)"
            self.flags.add("variant")
            self.checkpoint_notes.append(
                f"'{m.text}' names a line with a base and an instruction-tuned checkpoint; "
                f"{why}, so the {label} checkpoint {_model_name(self.registry, other)} is "
                "the one compared."
            )

    def _checkpoint_context(
        self, mentions: list[Mention], bare: list[Mention], vendor_rows: Sequence[Evaluation]
    ) -> tuple[str, str] | None:
        reasons: dict[str, str] = {}
        bare_ids = {m.id for m in bare}
        chat_models = [
            _model_name(self.registry, m.id)
            for m in mentions
            if (info := self.registry.models.get(m.id or "")) is not None
            and (
                info.open_weights is False
                or (m.id not in bare_ids and info.variant in ("instruct", "chat"))
            )
        ]
        if chat_models:
            reasons["instruct"] = (
                f"the claim compares it with chat or API models ({_and(chat_models)})"
            )
        words = _CHAT_WORDS.search(self.claim.text)
        categories = {
            bench.category
            for b in self.named
            if (bench := self.registry.benchmarks.get(b)) is not None
        }
        chat_benches = categories & _CHAT_CATEGORIES
        if "instruct" not in reasons and words:
            reasons["instruct"] = f"the claim speaks of chat or agentic use ('{words.group(0)}')"
        elif "instruct" not in reasons and chat_benches:
            reasons["instruct"] = (
                f"the claim rests on {_and(sorted(c.replace('_', ' ') for c in chat_benches))} "
                "benchmarks, which test the instruction-tuned model"
            )
        base_words = _BASE_WORDS.search(self.claim.text)
        if base_words:
            reasons["base"] = f"the claim speaks of '{base_words.group(0)}'"
        elif any(_BASE_WORDS.search(e.setting) for e in vendor_rows):
            reasons["base"] = "the announcement's own table is a base-model table"
        if len(reasons) != 1:
            return None
        return next(iter(reasons.items()))

    def _source(self, source: str) -> str:
        """A source as a reason names it."""
        return source_name(self.registry, source)

    def _in_domain(self, benchmark_id: str) -> bool:
        info = self.registry.benchmarks.get(benchmark_id)
        return info is not None and info.category in self.domain

    @property
    def _as_themselves(self) -> set[str]:
        """Benchmarks a tally counts as themselves: named ones, and in a domain-narrowed claim
        every benchmark of the domain (LiveBench Coding for "better at coding")."""
        named = set(self.named)
        if self.domain:
            named |= {
                b for b, info in self.registry.benchmarks.items() if info.category in self.domain
            }
        return named

    def _note_categories_used(self, counted: Sequence[_Cmp]) -> None:
        """Say which category rating of a board stood in for its overall rating."""
        for c in counted:
            board = domain_of(self.registry).board_averages.get(c.s.source)
            if board and c.info.id != board and c.info.id not in self.named:
                overall = self.registry.benchmarks.get(board)
                self.notes.append(
                    f"{self._source(c.s.source)} counts here by its "
                    f"{c.info.category.replace('_', ' ')} rating ({c.info.name}), not by its "
                    f"overall {overall.name if overall else 'rating'}."
                )

    def _domain_reason(self) -> str | None:
        if not self.domain:
            return None
        cats = _and([c.replace("_", " ") for c in self.domain])
        said = _and([f"'{w}'" for w in dict.fromkeys(self.domain.values())])
        if len(self.domain) == 1 and next(iter(self.domain.values())).startswith("a "):
            return (
                f"{self._sname} is {next(iter(self.domain.values()))}: a broad claim about it "
                f"is judged on {cats} benchmarks only."
            )
        return (
            f"Read as a claim about {cats} (the claim says {said}): judged on {cats} "
            "benchmarks only."
        )

    @property
    def group(self) -> Group:
        if self._group is None:
            self._group = parse_group(
                self.claim.target_group, self.registry.models.get(self.subject or "")
            )
        return self._group

    @property
    def _sname(self) -> str:
        return _model_name(self.registry, self.subject)

    def _bare(self, mid: str) -> bool:
        """Was this model named by its bare family name ("GPT-4o"), not a dated snapshot?"""
        hit = self._bare_memo.get(mid)
        if hit is None:
            resolve = getattr(self.registry, "resolve_model", None)
            mentions = [m for m in (self.claim.subject, *self.claim.targets) if m and m.id == mid]
            hit = False
            if resolve is not None:
                for m in mentions:
                    r = resolve(m.text, as_of=self.as_of)
                    if r.id == mid and r.method in ("as_of", "family"):
                        hit = True
            self._bare_memo[mid] = hit
        return hit

    def _note_undated(self, text: str, chosen: str, undated: Sequence[str]) -> None:
        names = _and([_model_name(self.registry, u) for u in undated[:4]])
        verb = "has" if len(undated) == 1 else "have"
        self.notes.append(
            f"Which version '{text}' meant on {self.as_of} cannot be told for certain: "
            f"{names} {verb} no known release date, so "
            f"{_model_name(self.registry, chosen)}, the newest dated version then, is compared."
        )

    def _snapshots_near(self, mid: str) -> list[str]:
        """Other released snapshots of the model's own family, nearest release first.

        Never another family (GPT-4o mini is not GPT-4o), never one released after the claim
        date, never an experimental or preview build.
        """
        info = self.registry.models.get(mid)
        if info is None or not info.family:
            return []
        members_of = getattr(self.registry, "family_members", None)
        members = (
            members_of(info.family)
            if members_of is not None
            else [m for m in self.registry.models.values() if m.family == info.family]
        )
        when = info.release_date or ""
        out = [
            m
            for m in members
            if m.id != mid
            and m.family == info.family
            and m.variant.lower() not in domain_of(self.registry).unreleased_variants
            and not (self.as_of and m.release_date and m.release_date > self.as_of)
        ]
        out.sort(key=lambda m: (_days_apart(m.release_date, when), m.release_date or ""))
        return [m.id for m in out]

    def _board_categories(self, named: list[str]) -> list[str]:
        """A sliced board named with a domain word is that category's rating: "LMArena's
        coding leaderboard" is LMArena's coding rating, not its overall one."""
        known = domain_of(self.registry)
        boards = {known.board_averages.get(s) for s in known.sliced_boards} & set(named)
        domain = _domains(self.claim, self.registry) if boards else {}
        if not domain:
            return named
        out: list[str] = []
        for b in named:
            parts = sorted(
                (
                    pid
                    for pid, info in self.registry.benchmarks.items()
                    if b in boards and pid.startswith(b + "-") and info.category in domain
                ),
                # the category's own rating before an occupation's slice of it
                key=lambda pid: (pid[len(b) + 1 :] not in domain, pid),
            )
            if not parts:
                out.append(b)
                continue
            out.append(parts[0])
            board = self.registry.benchmarks.get(b)
            words = domain[self.registry.benchmarks[parts[0]].category]
            self.notes.append(
                f"Read as {self.registry.benchmarks[parts[0]].name}: the claim names "
                f"{board.name if board else b} with '{words}'."
            )
        return out

    def _named_text(self) -> str:
        if not self.named:
            return ""
        names = [
            self.registry.benchmarks[b].name if b in self.registry.benchmarks else b
            for b in self.named
        ]
        return " of " + ", ".join(names)
