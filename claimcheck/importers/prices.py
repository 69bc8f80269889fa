"""API list prices: the price table shipped in the litellm package, or the normalised prices.csv.

litellm's `model_prices_and_context_window_backup.json` maps a model key to costs per token
and a provider; chat models with both an input and an output price become `Price` rows in USD
per million tokens. Model ids are resolved later, like leaderboard names.
"""

from __future__ import annotations

import csv
import io

from claimcheck.importers.base import FileContext, FileMeta, Importer, to_float
from claimcheck.importers.evalplus import load_json
from claimcheck.models import Price

LITELLM_SOURCE = "litellm 1.110.2 (PyPI), litellm/model_prices_and_context_window_backup.json"
MANIFEST = {
    "8943af58bf9f979c6a4bef815687117ffa341e462a41faed9be17b5c33d3dcc2": FileMeta(
        LITELLM_SOURCE, "2026-11"
    ),
}


def _per_mtok(value: object) -> float | None:
    f = to_float(value)
    return None if f is None else round(f * 1_000_000, 6)


def parse(ctx: FileContext) -> list[Price]:
    if ctx.path.suffix.lower() == ".csv":
        return _csv(ctx)
    data = load_json(ctx)
    if not isinstance(data, dict) or not any(
        isinstance(v, dict) and "input_cost_per_token" in v for v in data.values()
    ):
        raise ctx.error("not a litellm model price table (no input_cost_per_token)")
    source = ctx.source_url or f"litellm, {ctx.path.name}"
    out = []
    for key, rec in data.items():
        if not isinstance(rec, dict) or rec.get("mode") != "chat":
            continue
        inp = _per_mtok(rec.get("input_cost_per_token"))
        outp = _per_mtok(rec.get("output_cost_per_token"))
        if inp is None or outp is None:
            continue
        out.append(
            Price(
                model_key=key,
                provider=str(rec.get("litellm_provider") or ""),
                input_usd_per_mtok=inp,
                output_usd_per_mtok=outp,
                as_of=ctx.as_of,
                source=source,
            )
        )
    return out


def _csv(ctx: FileContext) -> list[Price]:
    reader = csv.DictReader(io.StringIO(ctx.text()))
    need = {"model_key", "provider", "input_usd_per_mtok", "output_usd_per_mtok"}
    if not need <= set(reader.fieldnames or ()):
        raise ctx.error(f"not a prices CSV (needs columns {sorted(need)})", "line 1")
    out = []
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        out.append(
            Price(
                model_key=rec["model_key"],
                provider=rec["provider"],
                input_usd_per_mtok=to_float(rec["input_usd_per_mtok"]),
                output_usd_per_mtok=to_float(rec["output_usd_per_mtok"]),
                as_of=rec.get("as_of") or ctx.as_of,
                source=rec.get("source") or ctx.source_url,
            )
        )
    return out


IMPORTER = Importer(
    name="prices",
    description="API prices: litellm model_prices_and_context_window JSON or prices.csv",
    parser=parse,
    manifest=MANIFEST,
    sources=("prices",),
    kind="prices",
    patterns=("model_prices_and_context_window*.json", "prices.csv"),
)
