"""Hugging Face Open LLM Leaderboard v1 and v2, as mirrored by fboulnois/llm-leaderboard-csv.

v1 (`csv/huggingface.csv`, archived mid-2024) and v2 (`csv/huggingface_v2.csv`) are told
apart by their columns. Both hold thousands of community fine-tunes; only models published by
their original organisations are kept: for v1 a list of publisher orgs (the mirror's boolean
flag columns look unreliable), for v2 the leaderboard's own `official_provider` flag.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from claimcheck.importers.base import FileContext, FileMeta, Importer, r4, to_float
from claimcheck.models import Evaluation

_BASE = "https://github.com/fboulnois/llm-leaderboard-csv/blob/"
MANIFEST = {
    "d8f1d5480ea3086a4b640e45eae5837464ee8d61815c202ad0dc1a616c5e5b40": FileMeta(
        _BASE + "65554a1d12eec090e7c448288fca54eedb46b428/csv/huggingface.csv", "2024-07-07"
    ),
    "47b36fd5731d66e431b8c5bc2f099d46c849e790a4ad380bb6618889d07a43de": FileMeta(
        _BASE + "0f4e5c69c6fb6515afa31ae61f4d699649bc9503/csv/huggingface_v2.csv", "2025-03-21"
    ),
}
# v1: organisations that publish their own models (the filter behind the bundled rows)
ORIGINAL_PUBLISHERS = frozenset(
    [
        "01-ai",
        "CohereForAI",
        "Deci",
        "EleutherAI",
        "HuggingFaceH4",
        "HuggingFaceTB",
        "Nexusflow",
        "NousResearch",
        "Qwen",
        "abacusai",
        "allenai",
        "bigcode",
        "databricks",
        "deepseek-ai",
        "google",
        "ibm",
        "internlm",
        "lmsys",
        "meta-llama",
        "microsoft",
        "mistralai",
        "mosaicml",
        "nvidia",
        "openbmb",
        "openchat",
        "stabilityai",
        "tiiuae",
        "upstage",
    ]
)
_V1 = (
    ("arc", "ARC-Challenge", "25-shot, acc_norm"),
    ("hellaswag", "HellaSwag", "10-shot, acc_norm"),
    ("mmlu", "MMLU", "5-shot, acc"),
    ("truthfulqa", "TruthfulQA", "0-shot, mc2"),
    ("winogrande", "Winogrande", "5-shot, acc"),
    ("gsm8k", "GSM8K", "5-shot, strict match"),
    ("average", "Open LLM Leaderboard v1 average", "mean of the 6 v1 benchmarks"),
)
_V2 = (
    ("ifeval", "IFEval", "0-shot; inst+prompt strict acc"),
    ("bbh", "BBH", "3-shot; acc_norm"),
    ("math", "MATH Level 5", "4-shot; exact match"),
    ("gpqa", "GPQA", "0-shot; acc_norm"),
    ("musr", "MuSR", "0-shot; acc_norm"),
    ("mmlu_pro", "MMLU-Pro", "5-shot; acc"),
)
_V1_NOTE = (
    "filtered to original-publisher orgs (boolean flag columns in the mirror look unreliable "
    "and were ignored)"
)


def parse(ctx: FileContext) -> list[Evaluation]:
    reader = csv.DictReader(io.StringIO(ctx.text()))
    header = set(reader.fieldnames or ())
    if {"model", "arc", "mmlu", "average"} <= header:
        return _v1(ctx, reader)
    if {"model_name", "evaluations_ifeval_value", "features_is_official_provider"} <= header:
        return _v2(ctx, reader)
    raise ctx.error("not an Open LLM Leaderboard v1 or v2 CSV (unknown columns)", "line 1")


def _records(ctx: FileContext, reader: csv.DictReader) -> Iterable[tuple[int, dict[str, str]]]:
    for rec in reader:
        line = reader.line_num  # physical line: quoted fields may span lines
        ctx.check_record(rec, line)
        yield line, rec


def _v1(ctx: FileContext, reader: csv.DictReader) -> list[Evaluation]:
    out = []
    for _line, rec in _records(ctx, reader):
        model = rec["model"].strip()
        if model.split("/", 1)[0] not in ORIGINAL_PUBLISHERS:
            continue
        notes = (
            f"precision={rec.get('precision', '')}; type={rec.get('type', '')}; "
            f"model_sha={rec.get('model_sha', '')}; {_V1_NOTE}"
        )
        for col, benchmark, how in _V1:
            score = to_float(rec.get(col))
            if score is None:
                continue
            out.append(
                ctx.row(
                    model=model,
                    benchmark=benchmark,
                    metric="score (%)",
                    score=r4(score),
                    source="hf_open_llm_leaderboard_v1",
                    setting=f"HF Open LLM Leaderboard v1 (lm-eval-harness); {how}",
                    notes=notes,
                )
            )
    return out


def _v2(ctx: FileContext, reader: csv.DictReader) -> list[Evaluation]:
    out = []
    source = "hf_open_llm_leaderboard_v2"
    for _line, rec in _records(ctx, reader):
        if rec["features_is_official_provider"].strip().upper() != "TRUE":
            continue
        model = rec["model_name"].strip()
        precision = rec.get("model_precision", "")
        chat = rec.get("model_has_chat_template", "")
        raw_notes = (
            f"precision={precision}; type={rec.get('model_type', '')}; chat_template={chat}; "
            f"sha={rec.get('model_sha', '')}; official_provider=True"
        )
        norm_notes = f"precision={precision}; chat_template={chat}; official_provider=True"
        for key, benchmark, how in _V2:
            setting = f"HF Open LLM Leaderboard v2 (lm-eval-harness); {how}"
            raw = to_float(rec.get(f"evaluations_{key}_value"))
            norm = to_float(rec.get(f"evaluations_{key}_normalized_score"))
            if raw is not None:
                out.append(
                    ctx.row(
                        model=model,
                        benchmark=benchmark,
                        metric="raw score (%)",
                        score=r4(raw * 100),
                        source=source,
                        setting=setting,
                        notes=raw_notes,
                    )
                )
            if norm is not None:
                out.append(
                    ctx.row(
                        model=model,
                        benchmark=benchmark,
                        metric="normalized score (leaderboard display; random baseline=0)",
                        score=r4(norm),
                        source=source,
                        setting=setting,
                        notes=norm_notes,
                    )
                )
        average = to_float(rec.get("model_average_score"))
        if average is not None:
            out.append(
                ctx.row(
                    model=model,
                    benchmark="Open LLM Leaderboard v2 average",
                    metric="mean normalized score",
                    score=r4(average),
                    source=source,
                    setting="HF Open LLM Leaderboard v2; mean of 6 normalized scores",
                    notes=f"precision={precision}; official_provider=True",
                )
            )
    return out


IMPORTER = Importer(
    name="hf_open_llm_leaderboard",
    description="HF Open LLM Leaderboard v1/v2 CSV (fboulnois mirror); original publishers only",
    parser=parse,
    manifest=MANIFEST,
    sources=("hf_open_llm_leaderboard_v1", "hf_open_llm_leaderboard_v2"),
    patterns=("huggingface.csv", "huggingface_v2.csv"),
)
