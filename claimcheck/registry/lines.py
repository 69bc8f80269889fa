"""Model lines: the snapshots a bare name holds, which one was current on a date, and a
model's neighbours along its line (predecessor, another size, its base or instruct build).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from claimcheck.models import ModelInfo, Resolution
from claimcheck.registry.display import _FAMILY_SUFFIX, _tidy_slug, display_name
from claimcheck.registry.names import _DATE_TOKEN, _NOT_RELEASED, model_tokens


class _Lines:
    """The line and family half of `Registry` (which builds these tables)."""

    models: dict[str, ModelInfo]
    _families: dict[str, list[ModelInfo]]
    _lines: dict[str, tuple[str, ...]]
    _orgs: dict[str, list[ModelInfo]] | None
    _display: dict[str, str]

    def families(self) -> list[str]:
        return sorted(self._families)

    def display_name(self, model_id: str | None) -> str:
        """A model's name as a reason should print it (see `display_name`)."""
        if not model_id:
            return "an unknown model"
        shown = self._display.get(model_id)
        if shown is None:
            shown = self._display[model_id] = display_name(self.models.get(model_id), model_id)
        return shown

    def family_name(self, family: str) -> str:
        """A family as a reader names it: its newest member's name without the snapshot."""
        members = self._families.get(family)
        if not members:
            return _tidy_slug(family)
        name = display_name(members[-1])
        bare = _FAMILY_SUFFIX.sub("", name).strip()
        return bare or name

    def family_members(self, family: str) -> list[ModelInfo]:
        """The snapshots of a model line, oldest first (undated ones first)."""
        return list(self._families.get(family, ()))

    def current_in_family(self, family: str, as_of: str | None) -> ModelInfo | None:
        """The member released last on or before `as_of` (the newest without a date).

        Released builds come first: a preview, experimental, serving or quantized build is
        what a bare name means only while no released member exists yet. Before the first
        release we return the earliest member: a claim cannot name a model that does not
        exist yet, so the date is more likely wrong than the name.
        """
        return self._current(self._families.get(family, ()), as_of)

    def line_members(self, line: str) -> list[ModelInfo]:
        """Every version and snapshot a bare name's line holds, oldest first."""
        ids = self._lines.get(line) or tuple(m.id for m in self._families.get(line, ()))
        members = [self.models[i] for i in ids]
        return sorted(members, key=lambda m: (m.release_date or "", m.id))

    @staticmethod
    def _current(members: Iterable[ModelInfo], as_of: str | None) -> ModelInfo | None:
        members = list(members)
        if not members:
            return None
        released = [m for m in members if m.variant not in _NOT_RELEASED]
        for pool in (released, members):
            if not pool:
                continue
            dated = [m for m in pool if m.release_date]
            if not as_of:
                return (dated or pool)[-1]
            current = [m for m in dated if m.release_date and m.release_date <= as_of[:10]]
            if current:
                return current[-1]
        dated = [m for m in members if m.release_date]
        return dated[0] if dated else members[-1]

    def _line_key(self, model: ModelInfo) -> tuple[str, frozenset[str], frozenset[str]]:
        """(organisation, words, size tokens): what stays the same along a model line."""
        tokens = [t for t in model_tokens(model.id) if not _DATE_TOKEN.match(t)]
        words = frozenset(t for t in tokens if not any(c.isdigit() for c in t))
        sizes = frozenset(t for t in tokens if re.fullmatch(r"\d+(?:\.\d+)?[bm]", t))
        return model.org, words, sizes

    def _line_members(self, model: ModelInfo) -> list[ModelInfo]:
        if self._orgs is None:
            self._orgs = defaultdict(list)
            for m in self.models.values():
                self._orgs[m.org].append(m)
        return [m for m in self._orgs.get(model.org, ()) if m.id != model.id]

    def predecessor(self, model_id: str | None) -> ModelInfo | None:
        """The latest earlier release of a model's line: same organisation, words (tuning,
        line name), size; another version; released before it. None when unknown."""
        model = self.models.get(model_id or "")
        if model is None or not model.release_date or not model.org:
            return None
        org, words, sizes = self._line_key(model)
        found = [
            m
            for m in self._line_members(model)
            if m.release_date
            and m.release_date < model.release_date
            and m.variant not in _NOT_RELEASED
            and self._line_key(m) == (org, words, sizes)
        ]
        return max(found, key=lambda m: m.release_date or "") if found else None

    def sibling(self, model_id: str | None, size_b: float) -> ModelInfo | None:
        """The model of the same line and version in another size ("the 72B model")."""
        model = self.models.get(model_id or "")
        if model is None or not model.org or size_b <= 0:
            return None
        org, words, _sizes = self._line_key(model)
        want = f"{size_b:g}b"
        versions = {t for t in model_tokens(model.id) if re.fullmatch(r"\d+(?:\.\d+)*", t)}
        found = [
            m
            for m in self._line_members(model)
            if self._line_key(m)[:2] == (org, words)
            and self._line_key(m)[2] == {want}
            and versions <= set(model_tokens(m.id))
            and m.variant not in _NOT_RELEASED
        ]
        found.sort(key=lambda m: (m.release_date or "", m.id))
        return found[-1] if found else None

    def base_of(self, model_id: str) -> str | None:
        """The pretrained base model of an instruct/chat model, if the registry has it.

        Vendor tables name both columns alike ("DeepSeek-V3" in DeepSeek's base-model table
        is DeepSeek-V3-Base); importers that know a row is from a base table map it here.
        """
        model = self.models.get(model_id)
        if model is None:
            return None
        if model.variant == "base":
            return model.id
        stem = re.sub(r"-(instruct|chat|it|inst)(?=-|$)", "", model.id)
        for candidate in (stem, f"{stem}-base", f"{model.id}-base"):
            found = self.models.get(candidate)
            if found is not None and found.id != model.id and found.variant == "base":
                return found.id
        return None

    def instruct_of(self, model_id: str) -> str | None:
        """The instruction-tuned checkpoint released with a base model, if the registry has it
        ("Qwen2-72B" -> Qwen2-72B-Instruct, "Gemma 2 27B" -> gemma-2-27b-it)."""
        model = self.models.get(model_id)
        if model is None:
            return None
        if model.variant in ("instruct", "chat"):
            return model.id
        stem = re.sub(r"-base(?=-|$)", "", model.id)
        candidates = [f"{stem}-{tuning}" for tuning in ("instruct", "chat", "it")]
        versioned = re.match(r"^(?P<head>.+?)(?P<version>-v\d[\w.]*)$", stem)
        if versioned:  # "mistral-7b-v0.3" -> "mistral-7b-instruct-v0.3"
            candidates += [f"{versioned['head']}-{t}{versioned['version']}" for t in ("instruct",)]
        if stem != model.id:
            candidates.append(stem)
        for candidate in candidates:
            found = self.models.get(candidate)
            if found is not None and found.variant in ("instruct", "chat", ""):
                return found.id
        return None

    def _family_resolution(
        self, text: str, line: str, as_of: str | None, method: str, score: float = 100.0
    ) -> Resolution:
        members = self.line_members(line)
        chosen = self._current(members, as_of)
        assert chosen is not None
        if len(members) == 1:
            return Resolution(text, chosen.id, chosen.family, method, score, ())
        others = tuple(m.id for m in reversed(members) if m.id != chosen.id)
        # which version was current cannot be told where a released version has no date
        undated = (
            tuple(
                m.id
                for m in members
                if not m.release_date and m.variant not in _NOT_RELEASED and m.id != chosen.id
            )
            if as_of
            else ()
        )
        return Resolution(
            text,
            chosen.id,
            chosen.family,
            "as_of" if as_of else "family",
            score,
            others,
            undated,
        )

    def _model_resolution(self, text: str, model_id: str, method: str, score: float) -> Resolution:
        return Resolution(text, model_id, self.models[model_id].family, method, score, ())
