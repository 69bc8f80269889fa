"""One importer per published leaderboard format, registered by source name.

`IMPORTERS["livebench"].parse(path)` reads one file as published into `Evaluation` rows (ids
unresolved, `snapshot` = SHA-256 of the file). `claimcheck.evaldata.import_file` resolves the
ids and stores the rows; `python -m claimcheck.importers.build` rebuilds the bundled data.
"""

from __future__ import annotations

from claimcheck.importers import (
    aider,
    alpaca_eval,
    arena_hard_auto,
    bigcodebench,
    epoch_ai,
    evalplus,
    hf_open_llm_leaderboard,
    livebench,
    livecodebench,
    lmarena,
    lmarena_mirror,
    mixeval,
    prices,
    self_reported,
    swebench,
    wildbench,
)
from claimcheck.importers.base import FileContext, FileMeta, Importer, ImportFormatError

_MODULES = (
    alpaca_eval,
    arena_hard_auto,
    livebench,
    evalplus,
    aider,
    wildbench,
    livecodebench,
    bigcodebench,
    lmarena_mirror,
    hf_open_llm_leaderboard,
    mixeval,
    epoch_ai,
    lmarena,
    swebench,
    self_reported,
    prices,
)

IMPORTERS: dict[str, Importer] = {m.IMPORTER.name: m.IMPORTER for m in _MODULES}
# source ids that are produced by an importer of another name are accepted as aliases, so
# `claimcheck evals import helm_via_epoch FILE` works as a user would expect
ALIASES: dict[str, str] = {
    "hf_open_llm_leaderboard_v1": "hf_open_llm_leaderboard",
    "hf_open_llm_leaderboard_v2": "hf_open_llm_leaderboard",
    "helm_via_epoch": "epoch_ai",
    "lmarena_via_wildbench": "wildbench",
    "litellm": "prices",
}


def get_importer(name: str) -> Importer | None:
    """The importer for a source name or alias, or None if unknown."""
    return IMPORTERS.get(name) or IMPORTERS.get(ALIASES.get(name, ""))


__all__ = [
    "ALIASES",
    "IMPORTERS",
    "FileContext",
    "FileMeta",
    "ImportFormatError",
    "Importer",
    "get_importer",
]
