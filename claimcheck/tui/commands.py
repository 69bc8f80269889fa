"""Command palette entries for the models in the registry ("Model: GPT-4o")."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from claimcheck.tui.app import ClaimcheckApp


class ModelCommands(Provider):
    """Command palette entries for every model in the registry ("Model: GPT-4o")."""

    @property
    def capp(self) -> ClaimcheckApp:
        return self.app  # type: ignore[return-value]

    async def startup(self) -> None:
        self.models = await asyncio.to_thread(self.capp.registry_models)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for model_id, name in self.models:
            label = f"Model: {name} ({model_id})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self.capp.open_models, [model_id]),
                    help="Everything the store knows about this model",
                )

    async def discover(self) -> Hits:
        for model_id, name in self.models[:20]:
            yield DiscoveryHit(f"Model: {name}", partial(self.capp.open_models, [model_id]))
