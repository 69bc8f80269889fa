"""Generate the model registry (data/models.csv, model_aliases.csv, family_aliases.csv).

A development tool, never used at run time: it reads the shared evaluation tables, groups the
model names that normalise to the same key, and writes one registry model per group with every
spelling as an exact alias (the store resolves ~2,000 names on build, so they should all hit
the fast path). What normalisation cannot know is curated below: spellings that name a model
another way ("GPT 4o (Aug 2024)"), release dates, families, organisations.

    python scripts/build_registry.py PATH/TO/evals [--out data]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.models import ModelInfo  # noqa: E402
from claimcheck.registry import (  # noqa: E402
    Registry,
    model_tokens,
    strip_provider,
)

# Sources whose spelling makes the best canonical id (API-style, lowercase, dated).
ID_SOURCE_ORDER = [
    "livebench",
    "epoch_ai",
    "arena_hard_auto",
    "aider",
    "alpaca_eval",
    "wildbench",
    "lmarena_via_wildbench",
    "hf_open_llm_leaderboard_v2",
    "hf_open_llm_leaderboard_v1",
    "evalplus",
    "bigcodebench",
    "livecodebench",
    "lmarena_mirror",
    "mixeval",
    "helm_via_epoch",
]

# Qualifiers that describe how a source ran a model, not which model it is.
RUN_QUALIFIERS = re.compile(
    r"\s*\((?:diff|whole|udiff|deprecated|⏩|N=1|default|bf16|default think)\)\s*", re.I
)

# Spelling -> canonical model id, where normalisation cannot see they are one model.
CURATED_ALIASES: dict[str, str] = {
    # OpenAI
    "GPT 4o (Aug 2024)": "gpt-4o-2024-08-06",
    "GPT 4o Mini (July 2024)": "gpt-4o-mini-2024-07-18",
    "GPT-4-Turbo (April 2024)": "gpt-4-turbo-2024-04-09",
    "GPT-4-Turbo (Nov 2023)": "gpt-4-1106-preview",
    "GPT-4 Turbo (1106 preview)": "gpt-4-1106-preview",
    "GPT-4 Turbo (2024-04-09)": "gpt-4-turbo-2024-04-09",
    "GPT-3.5-Turbo (Nov 2023)": "gpt-3.5-turbo-1106",
    "O1 Mini (Sept 2024)": "o1-mini-2024-09-12",
    "O1 Preview (Sept 2024)": "o1-preview-2024-09-12",
    "O1-Mini-2024-09-12 (N=1)": "o1-mini-2024-09-12",
    "O1-Preview-2024-09-12 (N=1)": "o1-preview-2024-09-12",
    "gpt4_1106_preview": "gpt-4-1106-preview",
    "gpt4_0314": "gpt-4-0314",
    "gpt4_0613": "gpt-4-0613",
    "gpt4_gamed": "",  # AlpacaEval's deliberately gamed demo entry, not a model
    # Anthropic
    "Claude Sonnet 3.5 (June 2024)": "claude-3-5-sonnet-20240620",
    "Claude 3.5 Sonnet-0620": "claude-3-5-sonnet-20240620",
    "Claude-3.5-Sonnet-1022": "claude-3-5-sonnet-20241022",
    "Claude-Sonnet-3.5-1022": "claude-3-5-sonnet-20241022",
    "claude-3-opus (Mar 2024)": "claude-3-opus-20240229",
    "claude-3-sonnet (Mar 2024)": "claude-3-sonnet-20240229",
    "claude-3-haiku (Mar 2024)": "claude-3-haiku-20240307",
    "claude-3-7-sonnet-20250219 (no thinking)": "claude-3-7-sonnet-20250219",
    "claude-opus-4-20250514 (no think)": "claude-opus-4-20250514",
    "claude-sonnet-4-20250514 (no thinking)": "claude-sonnet-4-20250514",
    # Google
    "Gemini 1.5 Pro-API-0409": "gemini-1.5-pro-preview-0409",
    "gemini-1.5-pro-api-0409-preview": "gemini-1.5-pro-preview-0409",
    "Gemini-1.5-Pro-Preview-0409": "gemini-1.5-pro-preview-0409",
    "Gemini 1.5 Pro (0409 preview)": "gemini-1.5-pro-preview-0409",
    "gemini-1.5-pro-api-preview": "gemini-1.5-pro-preview-0409",
    "Gemini 1.5 Flash (0514 preview)": "gemini-1.5-flash-api-0514",
    "gemini-1.5-flash-002 (0924)": "gemini-1.5-flash-002",
    "Gemini-Flash-1.5-002": "gemini-1.5-flash-002",
    "Gemini-Pro-1.5-002": "gemini-1.5-pro-002",
    "Gemini 2.0 Flash (Experimental)": "gemini-2.0-flash-exp",
    "Gemini-Flash-2.0-Thinking": "gemini-2.0-flash-thinking-exp-1219",
    # DeepSeek
    "DeepSeek Chat V2.5": "deepseek-v2.5",
    "deepseek-chat-v2.5": "deepseek-v2.5",
    "DeepSeek V2.5-0905": "deepseek-v2.5",
    "DeepSeek-V2.5-0905": "deepseek-v2.5",
    "DeepSeek-V2.5 (Nov 2024)": "deepseek-v2.5",
    "DeepSeek Chat V3 (prev)": "deepseek-v3",
    "DeepSeek-V3 (Nov 2024)": "deepseek-v3",
    "deepseek-chat-v3": "deepseek-v3",
    "DeepSeek V2-0506": "deepseek-v2-chat",
    "DeepSeek-V2 Chat (RL)": "deepseek-v2-chat",
    "DeepSeek-V2 Chat (SFT)": "deepseek-v2-chat-sft",
    "DeepSeek-V2 (MoE-236B)": "deepseek-v2",
    "deepseekv2-chat": "deepseek-v2-chat",
    "DeepSeek-V1 (Dense-67B)": "deepseek-llm-67b-base",
    "DeepSeek-V1 Chat (SFT)": "deepseek-llm-67b-chat",
    "DeepSeek LLM Chat (67B)": "deepseek-llm-67b-chat",
    "DeepSeek Coder V2 0724 (deprecated)": "deepseek-coder-v2-0724",
    "DeepSeek-V3-Base": "deepseek-v3-base",
    # Meta: "Llama 3 405B" was never released; the Qwen blog means the Llama 3.1 base model
    "Llama-3-405B": "llama-3.1-405b",
    "Meta-Llama-3.1-405B-Instruct-bf16": "llama-3.1-405b-instruct",
    "llama3-70b-8192": "llama-3-70b-instruct",
    # Mistral
    "Mistral-Large2 Instruct": "mistral-large-2407",
    "Mistral Large 2 (2407)": "mistral-large-2407",
    "Mistral Large 2": "mistral-large-2407",
    "Mistral-Large-2": "mistral-large-2407",
    "mistralai--Mistral-Large-Instruct-2407": "mistral-large-2407",
    "mistralai/Mistral-Large-Instruct-2407": "mistral-large-2407",
    "mistralai/Mistral-Large-Instruct-2411": "mistral-large-2411",
    "Mistral Large (Mar 2024)": "mistral-large-2402",
    "Mistral-7B": "mistral-7b-v0.1",
    # Cohere
    "Command R (08-24)": "command-r-08-2024",
    "Command R+ (08-24)": "command-r-plus-08-2024",
    "Command R (04-2024)": "command-r",
    "Command R+ (04-2024)": "command-r-plus",
    "Command R Plus": "command-r-plus",
    "Command-R+": "command-r-plus",
    "command-a-03-2025-quality": "command-a-03-2025",
    # Qwen
    "Qwen2-72B-Chat": "qwen2-72b-instruct",
    "Qwen2 Instruct (72B)": "qwen2-72b-instruct",
    "qwen2:72b-instruct-q8_0": "qwen2-72b-instruct-q8",
    "qwen-2.5-72b-instruct (bf16)": "qwen2.5-72b-instruct",
    "Qwen1.5 Chat (110B)": "qwen1.5-110b-chat",
    # Amazon: Bedrock ids and display names of one release
    "amazon.nova-pro-v1:0": "amazon-nova-pro-1.0",
    "amazon.nova-lite-v1:0": "amazon-nova-lite-1.0",
    "amazon.nova-micro-v1:0": "amazon-nova-micro-1.0",
    "Nova Pro": "amazon-nova-pro-1.0",
    # others
    "ChatGLM3-6B-Base": "chatglm3-6b-base",
    "phi-2-2.7B": "phi-2",
    "Yi Large (Preview)": "yi-large-preview",
    "Zephyr β-7B": "zephyr-7b-beta",
    "Zephyr-7B-β": "zephyr-7b-beta",
    "OpenAI o1-preview": "o1-preview-2024-09-12",
    # how announcements write them
    "Claude 3.5 Sonnet (new)": "claude-3-5-sonnet-20241022",
    "Claude 3.5 Sonnet v2": "claude-3-5-sonnet-20241022",
    "Claude 3.5 Sonnet (Oct 2024)": "claude-3-5-sonnet-20241022",
    "Claude 3.5 Sonnet (October 2024)": "claude-3-5-sonnet-20241022",
    "Claude 3.5 Sonnet (June 2024)": "claude-3-5-sonnet-20240620",
    "GPT-4o (May 2024)": "gpt-4o-2024-05-13",
    "GPT-4o (Aug 2024)": "gpt-4o-2024-08-06",
    "GPT-4o (Nov 2024)": "gpt-4o-2024-11-20",
    "DeepSeek-V3-Chat": "deepseek-v3",
    "DeepSeek-V2-Chat": "deepseek-v2-chat",
    "DeepSeek-V2.5-Chat": "deepseek-v2.5",
    "Gemini Ultra": "gemini-1.0-ultra",
    "Mistral Small 3": "mistral-small-2501",
    "Mistral Small 3.1": "mistral-small-2503",
    "Mistral Large 2.1": "mistral-large-2411",
    "Mistral Large 24.11": "mistral-large-2411",
    "Mistral NeMo": "mistral-nemo-instruct-2407",
    "Codestral": "codestral-22b-v0.1",
    "Codestral 22B": "codestral-22b-v0.1",
    "codestral-2405": "codestral-22b-v0.1",  # the API name of the same weights
    "Mixtral 8x7B": "mixtral-8x7b-v0.1",
    "Mixtral 8x7B Instruct": "mixtral-8x7b-instruct-v0.1",
    "Mixtral 8x22B Instruct": "mixtral-8x22b-instruct-v0.1",
    # released only as instruction-tuned models, so the bare name means that model
    "Llama 3.3 70B": "llama-3.3-70b-instruct",
    "Llama-3.3-70B": "llama-3.3-70b-instruct",
    "Llama 4 Scout": "llama-4-scout-17b-16e-instruct",
    "Phi-3.5-mini": "phi-3.5-mini-instruct",
    "Phi-3.5-MoE": "phi-3.5-moe-instruct",
    "Grok 3": "grok-3-beta",
    "Grok-3": "grok-3-beta",
    "Command A": "command-a-03-2025",
}

# Bare names that mean a line of snapshots, resolved through the claim date. A name that a
# model owns itself ("DeepSeek-V3", "Command R") is that model, not its family.
CURATED_FAMILY_ALIASES: dict[str, str] = {
    "GPT-4o": "gpt-4o",
    "gpt-4o": "gpt-4o",
    "GPT4o": "gpt-4o",
    "GPT 4o": "gpt-4o",
    "GPT-4o mini": "gpt-4o-mini",
    "GPT-4o-mini": "gpt-4o-mini",
    "GPT4o-mini": "gpt-4o-mini",
    "GPT-4o-mini(close source)": "gpt-4o-mini",
    "GPT-4 Turbo": "gpt-4-turbo",
    "GPT-4-Turbo": "gpt-4-turbo",
    "GPT-4": "gpt-4",
    "gpt-4": "gpt-4",
    "gpt4": "gpt-4",
    "GPT-3.5 Turbo": "gpt-3.5-turbo",
    "GPT-3.5": "gpt-3.5-turbo",
    "gpt-3.5-turbo": "gpt-3.5-turbo",
    "ChatGPT": "gpt-3.5-turbo",
    "o1": "o1",
    "OpenAI o1": "o1",
    "o1-mini": "o1-mini",
    "o1-preview": "o1-preview",
    "o3": "o3",
    "o3-mini": "o3-mini",
    "o4-mini": "o4-mini",
    "GPT-4.1": "gpt-4.1",
    "GPT-4.5": "gpt-4.5-preview",
    "Claude 3.5 Sonnet": "claude-3.5-sonnet",
    "Claude Sonnet 3.5": "claude-3.5-sonnet",
    "claude-3-5-sonnet": "claude-3.5-sonnet",
    "claude-3.5-sonnet": "claude-3.5-sonnet",
    "Claude 3.5 Haiku": "claude-3.5-haiku",
    "Claude 3.7 Sonnet": "claude-3.7-sonnet",
    "Claude 3 Opus": "claude-3-opus",
    "Claude 3 Sonnet": "claude-3-sonnet",
    "Claude 3 Haiku": "claude-3-haiku",
    "Claude-3-Haiku": "claude-3-haiku",
    "Claude Opus 4": "claude-opus-4",
    "Claude Sonnet 4": "claude-sonnet-4",
    "Gemini 1.5 Pro": "gemini-1.5-pro",
    "Gemini Pro 1.5": "gemini-1.5-pro",
    "gemini-1.5-pro": "gemini-1.5-pro",
    "gemini/gemini-1.5-pro-latest": "gemini-1.5-pro",
    "Gemini 1.5 Flash": "gemini-1.5-flash",
    "gemini-1.5-flash": "gemini-1.5-flash",
    "gemini-1.5-flash-latest": "gemini-1.5-flash",
    "Gemini 1.0 Pro": "gemini-1.0-pro",
    "Gemini Pro 1.0": "gemini-1.0-pro",
    "Gemini 2.0 Flash": "gemini-2.0-flash",
    "Gemini 2.5 Pro": "gemini-2.5-pro",
    "Gemini 2.5 Flash": "gemini-2.5-flash",
    "Mistral Large": "mistral-large",
    "Mistral-Large": "mistral-large",
    "mistral-large": "mistral-large",
    "mistral-large-latest": "mistral-large",
    "Mistral Small": "mistral-small",
    "Mistral-Small": "mistral-small",
    "ollama/mistral-small": "mistral-small",
    "Grok 2": "grok-2",
    "Grok-2": "grok-2",
    "grok-2": "grok-2",
    "Grok 2 mini": "grok-2-mini",
    "Grok-2-mini": "grok-2-mini",
    "grok-2-mini": "grok-2-mini",
    "GLM-4": "glm-4",
    "Qwen-Max": "qwen-max",
    "Gemini Pro": "gemini-1.0-pro",
    # DeepSeek's API name points at whichever V3 is current (SWE-bench tags runs with it)
    "deepseek-chat": "deepseek-v3",
}

# Undated names that are a model of their own although dated snapshots share the family.
KEEP_AS_MODELS = {"qwen-turbo"}

# Canonical id -> family, where the id's snapshot suffix is not a plain date.
CURATED_FAMILIES: dict[str, str] = {
    "gpt-4-0314": "gpt-4",
    "gpt-4-0613": "gpt-4",
    "gpt-4-1106-preview": "gpt-4-turbo",
    "gpt-4-0125-preview": "gpt-4-turbo",
    "gpt-4-turbo-2024-04-09": "gpt-4-turbo",
    "gemini-1.5-pro-preview-0409": "gemini-1.5-pro-preview",
    "gemini-1.5-pro-api-0514": "gemini-1.5-pro",
    "gemini-1.5-flash-api-0514": "gemini-1.5-flash",
    "gemini-1.5-pro-001": "gemini-1.5-pro",
    "gemini-1.5-pro-002": "gemini-1.5-pro",
    "gemini-1.5-flash-001": "gemini-1.5-flash",
    "gemini-1.5-flash-002": "gemini-1.5-flash",
    "gemini-1.5-flash-8b-001": "gemini-1.5-flash-8b",
    "gemini-1.0-pro-001": "gemini-1.0-pro",
    "gemini-2.0-flash-001": "gemini-2.0-flash",
    "gemini-pro": "gemini-1.0-pro",
    "deepseek-v2-chat-0628": "deepseek-v2-chat",
    "deepseek-v2.5-1210": "deepseek-v2.5",
    "deepseek-v3-0324": "deepseek-v3",
    "deepseek-r1-0528": "deepseek-r1",
    "deepseek-coder-v2-0724": "deepseek-coder-v2",
    "command-r-08-2024": "command-r",
    "command-r-plus-08-2024": "command-r-plus",
    "grok-2-1212": "grok-2",
    "mistral-large-2402": "mistral-large",
    "mistral-large-2407": "mistral-large",
    "mistral-large-2411": "mistral-large",
    "mistral-small-2402": "mistral-small",
    "mistral-small-2501": "mistral-small",
    "mistral-small-2503": "mistral-small",
    "mistral-medium-2505": "mistral-medium",
    "glm-4-0116": "glm-4",
    "glm-4-0520": "glm-4",
    "qwen-max-0428": "qwen-max",
    "qwen-max-2025-01-25": "qwen-max",
}

# Release dates we are confident of (the date in a snapshot name is used otherwise).
RELEASE_DATES: dict[str, str] = {
    "gpt-4-0314": "2023-03-14",
    "gpt-4-0613": "2023-06-13",
    "gpt-4-1106-preview": "2023-11-06",
    "gpt-4-0125-preview": "2024-01-25",
    "gpt-3.5-turbo-0301": "2023-03-01",
    "gpt-3.5-turbo-0613": "2023-06-13",
    "gpt-3.5-turbo-1106": "2023-11-06",
    "gpt-3.5-turbo-0125": "2024-01-25",
    "gpt-3.5-turbo-0314": "2023-03-14",
    "claude-2.0": "2023-07-11",
    "claude-2.1": "2023-11-21",
    "gemini-1.5-pro-preview-0409": "2024-04-09",
    "gemini-1.5-pro-api-0514": "2024-05-14",
    "gemini-1.5-flash-api-0514": "2024-05-14",
    "gemini-1.5-pro-001": "2024-05-24",
    "gemini-1.5-flash-001": "2024-05-24",
    "gemini-1.5-pro-002": "2024-09-24",
    "gemini-1.5-flash-002": "2024-09-24",
    "gemini-1.5-flash-8b-001": "2024-10-03",
    "gemini-1.0-pro-001": "2024-02-15",
    "gemini-pro": "2023-12-13",
    "gemini-2.0-flash-exp": "2024-12-11",
    "gemini-2.0-flash-001": "2025-02-05",
    "deepseek-v2": "2024-05-06",
    "deepseek-v2-chat": "2024-05-06",
    "deepseek-v2-chat-0628": "2024-06-28",
    "deepseek-v2.5": "2024-09-05",
    "deepseek-v2.5-1210": "2024-12-10",
    "deepseek-v3": "2024-12-26",
    "deepseek-v3-base": "2024-12-26",
    "deepseek-v3-0324": "2025-03-24",
    "deepseek-r1": "2025-01-20",
    "deepseek-r1-0528": "2025-05-28",
    "deepseek-coder-v2-0724": "2024-07-24",
    "mistral-large-2402": "2024-02-26",
    "mistral-large-2407": "2024-07-24",
    "mistral-large-2411": "2024-11-18",
    "command-r": "2024-03-11",
    "command-r-plus": "2024-04-04",
    "command-r-08-2024": "2024-08-30",
    "command-r-plus-08-2024": "2024-08-30",
    "grok-2": "2024-08-13",
    "grok-2-mini": "2024-08-13",
    "grok-2-1212": "2024-12-12",
    "glm-4-0116": "2024-01-16",
    "glm-4-0520": "2024-05-20",
    "qwen-max-0428": "2024-04-28",
    "qwen2.5-max": "2025-01-28",
    "yi-large": "2024-05-13",
    # NVIDIA's derivatives of Llama are their own releases, not the Llama generation's
    "llama-3.1-nemotron-51b-instruct": "2024-09-23",
    "llama-3.1-nemotron-70b-instruct": "2024-10-15",
    "llama-3.3-nemotron-super-49b-v1": "2025-03-18",
    "llama-3.1-nemotron-ultra-253b-v1": "2025-04-07",
}

# Family prefix -> release date of every size and variant of that generation.
GENERATION_DATES: list[tuple[str, str]] = [
    (r"^(meta-)?llama-2-", "2023-07-18"),
    (r"^(meta-)?llama-3-\d", "2024-04-18"),
    (r"^(meta-)?llama-3\.1-", "2024-07-23"),
    (r"^(meta-)?llama-3\.2-", "2024-09-25"),
    (r"^(meta-)?llama-3\.3-", "2024-12-06"),
    (r"^qwen2-\d", "2024-06-07"),
    (r"^qwen2\.5-\d", "2024-09-19"),
    (r"^qwen2\.5-coder-32b", "2024-11-12"),
    (r"^gemma-2-", "2024-06-27"),
    (r"^gemma-3-", "2025-03-12"),
    (r"^mixtral-8x7b", "2023-12-11"),
    (r"^mixtral-8x22b", "2024-04-17"),
    (r"^mistral-7b-(instruct-)?v0\.1", "2023-09-27"),
    (r"^qwq-32b-preview", "2024-11-28"),
    (r"^qwq-32b$", "2025-03-06"),
    (r"^qwen2\.5-coder-(1\.5|7)b", "2024-09-19"),
    (r"^qwen2\.5-coder-(0\.5|3|14)b", "2024-11-12"),
    (r"^qwen3-(0\.6|1\.7|4|8|14|32)b|^qwen3-(30b-a3b|235b-a22b)$", "2025-04-29"),
    (r"^llama-4-(maverick|scout)", "2025-04-05"),
    (r"^llama-13b$|^llama-(7|30|65)b$", "2023-02-24"),
    (r"^gemma-(2|7)b", "2024-02-21"),
    (r"^phi-3-mini-(4k|128k)-instruct$", "2024-04-23"),
    (r"^phi-3-(small|medium)", "2024-05-21"),
    (r"^phi-3\.5", "2024-08-20"),
    (r"^phi-4$", "2024-12-12"),
    (r"^mistral-7b-instruct-v0\.2", "2023-12-11"),
    (r"^mistral-7b-(instruct-)?v0\.3", "2024-05-22"),
    (r"^mistral-nemo", "2024-07-18"),
    (r"^codestral-22b", "2024-05-29"),
    (r"^ministral-8b-2410", "2024-10-16"),
    (r"^mistral-small-2402", "2024-02-26"),
    (r"^mistral-small-2501", "2025-01-30"),
    (r"^mistral-small-2503", "2025-03-17"),
    (r"^mistral-medium-2505", "2025-05-07"),
    (r"^deepseek-coder-v2", "2024-06-17"),
    (r"^deepseek-r1-distill", "2025-01-20"),
    (r"^gemini-2\.5-(pro|flash)$", "2025-06-17"),
    (r"^gemini-2\.0-flash-lite$", "2025-02-25"),
    (r"^claude-instant-1\.2", "2023-08-09"),
    (r"^text-davinci-003", "2022-11-28"),
    (r"^glm-4\.5(?!v)", "2025-07-28"),  # GLM-4.5V, the vision model, came out later
    (r"^glm-4-9b", "2024-06-05"),
    (r"^command-a-03-2025", "2025-03-13"),
    (r"^nemotron-4-340b", "2024-06-14"),
    (r"^dbrx-(base|instruct)$", "2024-03-27"),
    (r"^jamba-1\.5", "2024-08-22"),
    (r"^starcoder2-(3|7|15)b$", "2024-02-28"),
    (r"^amazon-nova-(micro|lite|pro)", "2024-12-03"),
]

# (id pattern, year) for snapshot suffixes that carry month and day only.
MMDD_YEARS: list[tuple[str, str]] = [
    (r"^gemini-2\.0-.*-1[0-2]\d\d$", "2024"),  # the first 2.0 previews came in December 2024
    (r"^chatgpt-4o-latest-\d{4}$", "2024"),
    (r"^(grok-4|grok-3|grok-code|glm-4-32b|glm-4-plus|hunyuan-turbo|amazon-nova-exp)", "2025"),
    (r"^(athene-70b|deepseek-v2)", "2024"),
    (r"^gpt-3\.5-turbo-16k", "2023"),
    (r"^gemini-exp-", "2024"),
    (r"^gemini-1\.5-.*exp-", "2024"),
    (r"^gemini-2\.[05]-", "2025"),
    (r"^grok-2-", "2024"),
    (r"^ernie-5", "2025"),
    (r"^gemini-advanced-", "2024"),
]

ORGS: list[tuple[str, str]] = [
    (r"^llama2-70b-steerlm", "NVIDIA"),
    (r"^ernie", "Baidu"),
    (r"^intellect-", "PrimeIntellect"),
    (r"^(ling|ring)-", "inclusionAI"),
    (r"^longcat", "Meituan"),
    (r"^mai-\d", "Microsoft"),
    (r"^mercury", "Inception Labs"),
    (r"^oasst", "OpenAssistant"),
    (
        r"^(gpt|o\d|chatgpt|text-(davinci|ada|babbage|curie)|davinci|ada-|babbage-|curie-|code-(davinci|cushman))",
        "OpenAI",
    ),
    (r"^anthropic-lm", "Anthropic"),
    (r"^(open-mixtral|mathstral)", "Mistral AI"),
    (r"^cohere", "Cohere"),
    (r"^hunyuan", "Tencent"),
    (r"^(j1-|jurassic)", "AI21 Labs"),
    (r"^luminous", "Aleph Alpha"),
    (r"^(perplexity|pplx|sonar)", "Perplexity"),
    (r"^step-", "StepFun"),
    (r"^baichuan", "Baichuan"),
    (r"^(wizardcoder|tnlg)", "Microsoft"),
    (r"^(opt-\d|incoder)", "Meta"),
    (r"^(t5-|ul2|t0pp|learnlm)", "Google"),
    (r"^bloom", "BigScience"),
    (r"^codegen", "Salesforce"),
    (r"^santacoder", "BigCode"),
    (r"^yalm", "Yandex"),
    (r"^openchat", "OpenChat"),
    (r"^xwin", "Xwin-LM"),
    (r"^solar", "Upstage"),
    (r"^claude(-|$)", "Anthropic"),
    (r"^(gemini|gemma|codegemma|recurrentgemma|palm)", "Google"),
    (r"^(nemotron|llama-3\.[1-3]-nemotron)", "NVIDIA"),  # before Llama: a derivative
    (r"^(meta-)?(llama|codellama)", "Meta"),
    (r"^(qwen|qwq|codeqwen)", "Alibaba Qwen"),
    (r"^deepseek", "DeepSeek"),
    (
        r"^(mistral|mixtral|codestral|ministral|magistral|devstral|open-mistral|pixtral)",
        "Mistral AI",
    ),
    (r"^yi-", "01.AI"),
    (r"^(glm|chatglm|codegeex)", "Zhipu AI"),
    (r"^(command|c4ai|aya)", "Cohere"),
    (r"^(phi|orca|wizardlm)", "Microsoft"),
    (r"^grok", "xAI"),
    (r"^(amazon|nova)", "Amazon"),
    (r"^internlm", "Shanghai AI Lab"),
    (r"^jamba", "AI21 Labs"),
    (r"^reka", "Reka"),
    (r"^(nemotron|llama-3\.1-nemotron)", "NVIDIA"),
    (r"^falcon", "TII"),
    (r"^(olmo|tulu|llama-3\.1-tulu)", "Allen AI"),
    (r"^granite", "IBM"),
    (r"^(kimi|moonshot)", "Moonshot AI"),
    (r"^minimax", "MiniMax"),
    (r"^(starcoder|starcoderbase)", "BigCode"),
    (r"^(vicuna)", "LMSYS"),
    (r"^(dbrx)", "Databricks"),
    (r"^(mpt)", "MosaicML"),
    (r"^(stablelm|stable-code)", "Stability AI"),
    (r"^(pythia|gpt-neo|gpt-j)", "EleutherAI"),
    (r"^(zephyr|smollm)", "Hugging Face"),
    (r"^(hermes|nous)", "Nous Research"),
    (r"^(smaug|dracarys|liberated|bigstral|bigyi)", "Abacus.AI"),
    (r"^(snowflake)", "Snowflake"),
    (r"^(athene|starling)", "Nexusflow"),
]

HF_ORGS = {
    "openai": "OpenAI",
    "google": "Google",
    "meta-llama": "Meta",
    "qwen": "Alibaba Qwen",
    "deepseek-ai": "DeepSeek",
    "mistralai": "Mistral AI",
    "01-ai": "01.AI",
    "thudm": "Zhipu AI",
    "cohereforai": "Cohere",
    "microsoft": "Microsoft",
    "internlm": "Shanghai AI Lab",
    "nvidia": "NVIDIA",
    "tiiuae": "TII",
    "allenai": "Allen AI",
    "ibm-granite": "IBM",
    "bigcode": "BigCode",
    "eleutherai": "EleutherAI",
    "huggingfaceh4": "Hugging Face",
    "huggingfacetb": "Hugging Face",
    "nousresearch": "Nous Research",
    "abacusai": "Abacus.AI",
    "stabilityai": "Stability AI",
    "databricks": "Databricks",
    "mosaicml": "MosaicML",
    "lmsys": "LMSYS",
    "upstage": "Upstage",
    "openchat": "OpenChat",
}

# Lines whose weights were published (research or commercial licences alike).
OPEN_PREFIXES = re.compile(
    r"^(deepseek|command-r|c4ai|glm-4\.[5-7]|glm-4-9b|glm-4-32b|mistral-large-24(07|11)|"
    r"mistral-small-25|llama|snowflake-arctic|wizardlm|dbrx|snorkel|qwq-32b|qwen2|qwen3-(?!max)|"
    r"gemma|phi-|mixtral|mistral-7b|mistral-nemo|codestral-22b|olmo|falcon|starcoder|yi-1\.5|yi-\d+b|yi-coder|jamba)"
)

CLOSED_PREFIXES = re.compile(
    r"^(gpt-(?!oss|j|neo)|o\d|chatgpt|claude(-|$)|gemini|grok-[1-3]|command-a|yi-large|yi-lightning|"
    r"qwen-max|qwen2\.5-max|qwq-plus|qwen-turbo|qwen-plus|mistral-(large|medium|small)-(2402|latest)|"
    r"mistral-medium|mistral-next|reka|glm-4-(0116|0520|plus|air)|nova|amazon|text-davinci|"
    r"palm|doubao|ernie|grok-(beta|[2-4])|qwen3-max|mistral-small-2402)"
)

EXTRA_MODELS = [
    # (id, name, org, family, release_date): models the data only names in vendor prose
    ("deepseek-v3-base", "DeepSeek-V3-Base", "DeepSeek", "deepseek-v3-base", "2024-12-26"),
    ("deepseek-v2-chat-sft", "DeepSeek-V2 Chat (SFT)", "DeepSeek", "deepseek-v2-chat-sft", ""),
    ("gemini-1.0-ultra", "Gemini 1.0 Ultra", "Google", "gemini-1.0-ultra", "2024-02-08"),
    ("qwen-turbo", "Qwen-Turbo", "Alibaba Qwen", "qwen-turbo", ""),
    ("llama-3.1-405b", "Llama 3.1 405B", "Meta", "llama-3.1-405b", "2024-07-23"),
    ("llama-3.1-70b", "Llama 3.1 70B", "Meta", "llama-3.1-70b", "2024-07-23"),
]

_DATE_SUFFIX = [
    re.compile(r"-20\d\d-\d\d-\d\d$"),
    re.compile(r"-20\d{6}$"),
    re.compile(r"-\d\d-\d\d$"),  # gemini preview "-05-06"
    re.compile(r"-(0[1-9]|1[0-2])\d\d$"),  # "-0613", "-1206"
]


def slug(name: str) -> str:
    ollama = name.lower().startswith("ollama/") or re.search(r":\d+b", name)
    name = strip_provider(RUN_QUALIFIERS.sub(" ", name)).lower().replace("+", "-plus")
    name = re.sub(r"(?<![\d.])(\d)_(\d)(?![\d])", r"\1.\2", name)  # internlm2_5, 1_8b
    if ollama and not name.startswith("ollama-"):
        name = "ollama-" + name
    name = re.sub(r"[^a-z0-9.]+", "-", name)
    name = re.sub(r"^meta-llama-", "llama-", name)
    name = re.sub(r"-hf$", "", name)
    return name.strip("-.")


# How the key models are usually written; other names come from the data (see display_name).
DISPLAY_NAMES = {
    "gpt-4o-2024-05-13": "GPT-4o (2024-05-13)",
    "gpt-4o-2024-08-06": "GPT-4o (2024-08-06)",
    "gpt-4o-2024-11-20": "GPT-4o (2024-11-20)",
    "gpt-4o-mini-2024-07-18": "GPT-4o mini (2024-07-18)",
    "gpt-4-turbo-2024-04-09": "GPT-4 Turbo (2024-04-09)",
    "claude-3-5-sonnet-20240620": "Claude 3.5 Sonnet (20240620)",
    "claude-3-5-sonnet-20241022": "Claude 3.5 Sonnet (20241022)",
    "claude-3-5-haiku-20241022": "Claude 3.5 Haiku (20241022)",
    "claude-3-7-sonnet-20250219": "Claude 3.7 Sonnet (20250219)",
    "claude-3-opus-20240229": "Claude 3 Opus (20240229)",
    "claude-3-sonnet-20240229": "Claude 3 Sonnet (20240229)",
    "claude-3-haiku-20240307": "Claude 3 Haiku (20240307)",
    "deepseek-v2.5": "DeepSeek-V2.5",
    "deepseek-v2.5-1210": "DeepSeek-V2.5-1210",
    "deepseek-v2-chat": "DeepSeek-V2-Chat",
    "llama-3.1-405b-instruct": "Llama-3.1-405B-Instruct",
    "llama-3.1-405b": "Llama-3.1-405B",
    "mistral-large-2402": "Mistral Large (2402)",
    "mistral-large-2407": "Mistral Large 2 (2407)",
    "mistral-large-2411": "Mistral Large (2411)",
    "gemini-1.5-pro-001": "Gemini 1.5 Pro (001)",
    "gemini-1.5-pro-002": "Gemini 1.5 Pro (002)",
    "gemini-1.5-flash-001": "Gemini 1.5 Flash (001)",
    "gemini-1.5-flash-002": "Gemini 1.5 Flash (002)",
    "o1-2024-12-17": "o1 (2024-12-17)",
    "o1-preview-2024-09-12": "o1-preview (2024-09-12)",
    "o1-mini-2024-09-12": "o1-mini (2024-09-12)",
    "yi-large": "Yi-Large",
    "command-r-plus": "Command R+",
    "command-r": "Command R",
}


def display_name(model_id: str, spellings: list[str], names: dict[str, dict[str, set[str]]]) -> str:
    """The name people read: curated for key models, else a hub repository name, else the
    cased spelling of the id, else the Arena's, else any clean one."""
    if model_id in DISPLAY_NAMES:
        return DISPLAY_NAMES[model_id]

    def rank(spelling: str) -> tuple[int, int, str]:
        sources = names.get(spelling, {})
        cased = spelling != spelling.lower()
        if "/" in spelling and any(s.startswith("hf_open_llm") for s in sources):
            kind = 0
        elif "(" in spelling or "--" in spelling or "/" in spelling or "_" in spelling:
            kind = 4
        elif cased and slug(spelling) == model_id:
            kind = 1
        elif "lmarena_mirror" in sources and cased:
            kind = 2
        elif not sources:
            kind = 5  # a curated prose spelling
        else:
            kind = 3
        return (kind, len(spelling), spelling)

    if not spellings:
        return ""
    best = sorted(spellings, key=rank)[0]
    if best.lower().startswith("ollama/"):
        return best  # "codestral" alone would claim the name of the real model
    if best.count("/") == 1 and model_id.startswith(slug(best.split("/")[0]) + "-"):
        return best  # a fine-tune is named with its publisher (upstage/Llama-2-70b-instruct)
    return strip_provider(best) if "/" in best else best


def grouping_key(name: str) -> str:
    """Like registry.normalise_model, but 'chat' stays apart from 'instruct' (MPT has both).

    Ollama tags are 4-bit builds of the instruct model under the base model's name
    ("ollama/qwen2.5-coder:32b"), so they never join the model they are named after.
    """
    cleaned = RUN_QUALIFIERS.sub(" ", name)
    if name.lower().startswith("ollama/") or re.search(r":\d+b", name):
        cleaned = cleaned.replace("/", " ") + " ollama"
    cleaned = re.sub(r"(?<!\d)([01]\d)-([0-3]\d)(?!\d)", r"\1\2", cleaned)
    tokens = model_tokens(re.sub(r"(?i)(?<![a-z])chat(?![a-z])", " chatvariant ", cleaned))
    return " ".join(sorted(tokens))


def derive_family(model_id: str) -> str:
    """The id without its snapshot date, with versions dotted ("claude-3.5-sonnet")."""
    if model_id in CURATED_FAMILIES:
        return CURATED_FAMILIES[model_id]
    return re.sub(r"(?<![\d.])(\d)-(\d)(?![\d.a-z])", r"\1.\2", _undated(model_id))


def _undated(model_id: str) -> str:
    for pattern in _DATE_SUFFIX:
        family = pattern.sub("", model_id)
        if family != model_id:
            return family
    family = re.sub(r"-20\d\d-\d\d-\d\d(?=-)", "", model_id)  # "o1-2024-12-17-high"
    family = re.sub(r"-20\d{6}(?=-)", "", family)
    return family


def derive_date(model_id: str) -> str:
    if model_id in RELEASE_DATES:
        return RELEASE_DATES[model_id]
    m = re.search(r"(20[12]\d)-?([01]\d)-?([0-3]\d)(?!\d)", model_id)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    for pattern, year in MMDD_YEARS:
        if re.search(pattern, model_id):
            m = re.search(r"-([01]\d)-?([0-3]\d)$", model_id)
            if m:
                return f"{year}-{m.group(1)}-{m.group(2)}"
    if DERIVATIVE_WORDS.search(model_id):
        return ""  # a fine-tune of Llama 3.1 came out after Llama 3.1: its date is unknown
    for pattern, date in GENERATION_DATES:
        if re.search(pattern, model_id):
            return date
    return ""


# Words that mark a model derived from a base generation (fine-tunes, prunes, distillations)
# rather than the generation's own checkpoints: the generation's release date is not theirs.
DERIVATIVE_WORDS = re.compile(
    r"-(nemotron|minitron|tulu|hermes|skillmix|magpie|[a-z]*po|abliterated|lorablated|smaug|"
    r"dracarys|dolphin|wizard|orca|vicuna|zephyr|openchat|starling)(-|$)"
)


def is_mirror(spelling: str) -> bool:
    """NousResearch re-uploaded Meta's CodeLlama and Llama 2 weights unchanged."""
    org, _, name = spelling.partition("/")
    return org.lower() == "nousresearch" and bool(
        re.match(r"(?i)(codellama|llama-2|meta-llama-3)-\d", name)
    )


def derive_org(model_id: str, spellings: list[str]) -> str:
    """The publisher: known model-name prefixes first (hubs hold mirrors), then the hub org."""
    for pattern, org in ORGS:
        if re.search(pattern, re.sub(r"^ollama-", "", model_id)):
            return org
    for spelling in spellings:
        if "/" in spelling and not is_mirror(spelling):
            hub = spelling.split("/")[0].lower()
            if hub in HF_ORGS:
                return HF_ORGS[hub]
    for spelling in spellings:
        if spelling.count("/") == 1:
            return spelling.split("/")[0]
    return ""


def derive_size(model_id: str) -> str:
    m = re.search(r"(?<![a-z0-9.])(\d+x)?\d+(\.\d+)?[bm](?![a-z])", model_id)
    return m.group(0).upper() if m else ""


def derive_version(model_id: str) -> str:
    for token in model_tokens(_undated(model_id)):
        if re.fullmatch(r"([1-9]\d?|0)(\.\d+)*o?", token):
            return token
    return ""


# Publishers whose unsuffixed open checkpoint is the pretrained base model. A community
# fine-tune without a suffix (Vicuna, Nous-Hermes) is a chat model, not a base.
FOUNDATION_ORGS = {
    "Meta", "Alibaba Qwen", "Mistral AI", "Google", "DeepSeek", "01.AI", "TII", "EleutherAI",
    "BigCode", "Zhipu AI", "Shanghai AI Lab", "Allen AI", "IBM", "Salesforce", "BigScience",
    "MosaicML", "Stability AI", "Upstage", "Microsoft",
}  # fmt: skip
FINE_TUNE_WORDS = re.compile(
    r"wizard|orca|vicuna|hermes|zephyr|tulu|chatqa|smaug|dolphin|openchat|starling|simpo|dpo"
)


def derive_variant(model_id: str, open_weights: bool | None, org: str = "") -> str:
    tokens = set(re.split(r"[-_.]", model_id))
    if tokens & {"fp8", "awq", "gguf", "gptq", "int4", "int8", "q8", "q4", "ollama"} or (
        "turbo" in tokens and "instruct" in tokens
    ):
        return "quantized"
    if tokens & {"exp", "experimental"}:
        return "experimental"
    if "preview" in tokens:
        return "preview"
    if "base" in tokens:
        return "base"
    if tokens & {"instruct", "it", "inst"}:
        return "instruct"
    if "chat" in tokens:
        return "chat"
    if re.match(r"qwen3|qwq|deepseek-r1|glm-4-32b-0414", model_id):
        return "instruct"  # from Qwen3 on, the unsuffixed name is the post-trained model
    if (
        open_weights
        and derive_size(model_id)
        and org in FOUNDATION_ORGS
        and not FINE_TUNE_WORDS.search(model_id)
    ):
        return "base"
    return ""


def read_names(evals: Path) -> dict[str, dict[str, set[str]]]:
    """spelling -> {source: set of settings}."""
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for filename in ("independent.csv", "self_reported.csv"):
        with (evals / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names[row["model"]][row["source"]].add(row.get("setting", ""))
    return names


# Sources imported straight from their published files, not from the shared reference table:
# their names come from the bundled data the importers wrote (`data/evaluations/<source>.csv`).
BUNDLED_ONLY_SOURCES = ("lmarena", "swebench")


def read_bundled_names(data_dir: Path) -> dict[str, dict[str, set[str]]]:
    """spelling -> {source: set of settings}, for the sources in BUNDLED_ONLY_SOURCES.

    A row that scores an agent system names a model only when its `model` is not the system's
    own name (the board tagged it with one model); a system is never a registry model.
    """
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source in BUNDLED_ONLY_SOURCES:
        path = data_dir / "evaluations" / f"{source}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("system") and row["system"] == row["model"]:
                    continue
                names[row["model"]][source].add(row.get("setting", ""))
    return names


# Spelling -> canonical id for names of the bundled-only sources that normalisation cannot
# see are one model ("" = not a model). Never a vision model onto its text sibling.
BUNDLED_ALIASES: dict[str, str] = {
    # SWE-bench writes display names with the snapshot in brackets, or a run date
    "GPT-5 (2025-08-07) (medium reasoning)": "gpt-5-2025-08-07-medium",
    "GPT-5 mini (2025-08-07) (medium reasoning)": "gpt-5-mini-2025-08-07-medium",
    "GPT-5 nano (2025-08-07) (medium reasoning)": "gpt-5-nano-2025-08-07-medium",
    "gpt-5-2025-08-07": "gpt-5",  # GPT-5 has one snapshot
    "gpt-5-mini-2025-08-07": "gpt-5-mini",
    "gpt-5-nano-2025-08-07": "gpt-5-nano",
    "Gemini 2.5 Pro (2025-05-06)": "gemini-2.5-pro-preview-05-06",
    "Gemini 2.5 Flash (2025-04-17)": "gemini-2.5-flash-preview-04-17",
    "GLM-4.5 (2025-08-22)": "glm-4.5",  # the date is the run's, GLM-4.5 came out in July
    "Qwen3-Coder 480B/A35B Instruct": "qwen3-coder-480b-a35b-instruct",
    "Llama 4 Maverick Instruct": "llama-4-maverick-17b-128e-instruct",
    "llama-4-maverick-instruct": "llama-4-maverick-17b-128e-instruct",
    "Llama 4 Scout Instruct": "llama-4-scout-17b-16e-instruct",
    "llama-4-scout-instruct": "llama-4-scout-17b-16e-instruct",
    "Qwen 2.5": "",  # a family of sizes (SWE-Fixer runs two of them), not one model
    "amazon.nova-premier-v1:0": "amazon-nova-premier-1.0",
    # LMArena writes the year of a snapshot the mirror wrote without it
    "grok-2-2024-08-13": "grok-2-08-13",
    "grok-2-mini-2024-08-13": "grok-2-mini-08-13",
    "reka-flash-21b-20240226": "reka-flash-20240226",
    "reka-flash-21b-20240226-online": "reka-flash-21b-online",
}

# Fields a new model's id cannot tell (derive_* would guess them wrong).
NEW_MODEL_FIELDS: dict[str, dict[str, str]] = {
    "llama3-swe-rl-70b": {"variant": ""},  # RL-trained for SWE tasks, not a base checkpoint
    "olmo-3-32b-think": {"variant": ""},  # the reasoning model of OLMo 3
    "llama2-70b-steerlm-chat": {"org": "NVIDIA"},  # NVIDIA's SteerLM tune of Llama 2
    "mistral-large-3": {"open_weights": "true"},
    "swe-llama": {"org": "Princeton NLP", "open_weights": "true"},
    "deepswe-preview": {"org": "Agentica", "open_weights": "true"},
}

# Suffixes that name a configuration of a released model (a reasoning effort, a thinking budget),
# not another model: such an id shares its release date with the model it configures. A bare
# "-thinking" is not one: a thinking model can be a release of its own (Kimi K2 Thinking).
_CONFIG_SUFFIX = re.compile(
    r"(?:-(?:thinking-(?:\d+k|auto)|no-thinking|nothinking|non-reasoning|highthinking|\d+k|"
    r"high|low|medium|minimal|xhigh|max|effort|auto))+$"
)


def configured_base(model_id: str, known: set[str] | dict[str, Any]) -> str | None:
    """The released model a configuration id runs ("gpt-5.4-xhigh" -> "gpt-5.4")."""
    base = _CONFIG_SUFFIX.sub("", model_id)
    return base if base != model_id and base in known else None


def read_release_dates(path: Path) -> dict[str, tuple[str, str]]:
    """model id -> (release date, where it came from), from the curated dates file."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            r["model_id"]: (r["release_date"], r["source"])
            for r in csv.DictReader(handle)
            if r.get("model_id") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("release_date", ""))
        }


def add_bundled_models(
    new_names: dict[str, dict[str, set[str]]],
    out_models: list[dict[str, Any]],
    aliases: dict[str, str],
    family_rows: list[tuple[str, str]],
) -> int:
    """Registry rows for names only the bundled-only sources use; returns models added.

    The models built from the reference table stay exactly as they are: a new spelling that
    the registry already resolves exactly or by its normalised form becomes an alias of that
    model, a curated one goes where BUNDLED_ALIASES says, and the rest become new models
    (spellings that normalise alike share one), their fields derived as for every other model.
    A fuzzy match is never taken: it could change a version, a size or a date.
    """
    by_id: dict[str, list[str]] = defaultdict(list)
    for alias, model_id in aliases.items():
        by_id[model_id].append(alias)
    registry = Registry(
        [
            ModelInfo(
                id=str(m["id"]),
                name=str(m["name"]),
                org=str(m["org"]),
                family=str(m["family"]),
                release_date=str(m["release_date"]) or None,
                aliases=tuple(by_id.get(str(m["id"]), ())),
            )
            for m in out_models
        ],
        [],
        family_rows,
    )
    known = {str(m["id"]) for m in out_models}
    family_names = {alias for alias, _family in family_rows}
    pending: dict[str, list[str]] = defaultdict(list)
    for name in sorted(new_names):
        if name in aliases or name in known or not name.strip():
            continue
        curated = next((n for n in (name, strip_provider(name)) if n in BUNDLED_ALIASES), None)
        if curated is not None:
            if BUNDLED_ALIASES[curated]:
                pending_target = BUNDLED_ALIASES[curated]
                if pending_target in known:
                    aliases[name] = pending_target
                else:
                    pending[f"id:{pending_target}"].append(name)
            continue
        if name in family_names:  # a rolling name: the row's date picks the snapshot
            continue
        res = registry.resolve_model(name)
        if res.id and res.method in ("exact", "normalised"):
            aliases[name] = res.id
            continue
        pending[grouping_key(name)].append(name)
    added = 0
    for key, spellings in sorted(pending.items()):
        model_id = key[3:] if key.startswith("id:") else slug(sorted(spellings, key=_id_rank)[0])
        if model_id in known:  # the slug is an existing id: the spelling is another alias of it
            for spelling in spellings:
                aliases.setdefault(spelling, model_id)
            continue
        known.add(model_id)
        added += 1
        open_weights: bool | None
        if CLOSED_PREFIXES.search(model_id):
            open_weights = False
        elif OPEN_PREFIXES.search(model_id) or re.search(r"(^|-)(\d+(\.\d+)?b)(-|$)", model_id):
            open_weights = True
        else:
            open_weights = None
        org = derive_org(model_id, spellings)
        out_models.append(
            {
                "id": model_id,
                "name": display_name(model_id, spellings, new_names) or model_id,
                "org": org,
                "family": derive_family(model_id),
                "version": derive_version(model_id),
                "size": derive_size(model_id),
                "variant": derive_variant(model_id, open_weights, org),
                "release_date": derive_date(model_id),
                "open_weights": "" if open_weights is None else str(open_weights).lower(),
                **NEW_MODEL_FIELDS.get(model_id, {}),
            }
        )
        for spelling in spellings:
            if spelling != model_id:
                aliases[spelling] = model_id
    return added


def _id_rank(spelling: str) -> tuple[int, int, str]:
    """API-style spellings ("gpt-5-2025-08-07") make better ids than display names."""
    clean = 0 if re.fullmatch(r"[a-z0-9.\-/_]+", spelling) else 1
    return (clean, len(spelling), spelling)


def apply_release_dates(out_models: list[dict[str, Any]], dates: dict[str, tuple[str, str]]) -> int:
    """Fill release dates from the curated file; a configuration takes its model's date.

    A date a row already has (from its snapshot id or the curated tables above) is kept.
    Returns the rows that got a date.
    """
    by_id = {str(m["id"]): m for m in out_models}
    filled = 0
    for m in out_models:
        if m["release_date"]:
            continue
        model_id = str(m["id"])
        date = dates.get(model_id, ("", ""))[0]
        base = configured_base(model_id, {**dates, **by_id})
        if not date and base:
            date = dates.get(base, ("", ""))[0] or str(by_id.get(base, {}).get("release_date", ""))
        if date:
            m["release_date"] = date
            filled += 1
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("evals", type=Path, help="the shared evals directory")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    args = parser.parse_args(argv)

    names = read_names(args.evals)
    hf_names = {n for n, s in names.items() if any(src.startswith("hf_open_llm") for src in s)}
    groups: dict[str, list[str]] = defaultdict(list)
    curated: dict[str, list[str]] = defaultdict(list)
    family_spellings: dict[str, str] = dict(CURATED_FAMILY_ALIASES)
    for name in names:
        if " + " in name or name.strip() == "":
            continue  # an ensemble of two models is not a model
        if name in CURATED_FAMILY_ALIASES:
            continue
        if name in CURATED_ALIASES:
            continue
        groups[grouping_key(name)].append(name)
    # curated spellings are aliases whether or not a source uses them (prose does)
    for name, target in CURATED_ALIASES.items():
        if target:
            curated[target].append(name)

    # an open model's bare name is its base model: "Llama-3-70B-Base" is "Meta-Llama-3-70B"
    for key in list(groups):
        tokens = key.split()
        if "base" in tokens and "chatglm" not in tokens:  # ChatGLM3-6B is the chat model
            plain = " ".join(t for t in tokens if t != "base")
            if plain in groups and any(re.fullmatch(r"[\d.x]+b", t) for t in tokens):
                groups[plain].extend(groups.pop(key))

    # a first release is often written without its version: "Mixtral-8x22B" is v0.1
    for key in list(groups):
        tokens = key.split()
        versioned = [
            other
            for other in groups
            if other != key
            and len(other.split()) == len(tokens) + 1
            and set(tokens) < set(other.split())
            and re.fullmatch(r"\d+\.\d+", (set(other.split()) - set(tokens)).pop())
        ]
        first = [v for v in versioned if {"0.1", "1.0"} & set(v.split())]
        if len(first) == 1:
            groups[first[0]].extend(groups.pop(key))

    # "GPT-4o-0513" is "gpt-4o-2024-05-13": fold month-day spellings into the one dated group
    dated: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        tokens = key.split()
        if any(re.fullmatch(r"20[12]\d[01]\d[0-3]\d", t) for t in tokens):
            short = " ".join(
                sorted(t[4:] if re.fullmatch(r"20[12]\d{5}", t) else t for t in tokens)
            )
            dated[short].append(key)
    for key in list(groups):
        tokens = key.split()
        if (
            any(re.fullmatch(r"(0[1-9]|1[0-2])[0-3]\d", t) for t in tokens)
            and len(dated.get(key, [])) == 1
        ):
            groups[dated[key][0]].extend(groups.pop(key))

    models: dict[str, dict[str, Any]] = {}
    aliases: dict[str, str] = {}

    def choose_id(spellings: list[str]) -> str:
        def rank(spelling: str) -> tuple[int, int, int, str]:
            # an open model is named by its publisher's repository, an API model by its API id
            sources = names.get(spelling, {})
            hub = spelling.split("/")[0].lower() if spelling.count("/") == 1 else ""
            publisher = 0 if hub in HF_ORGS else 1
            best = min(
                (ID_SOURCE_ORDER.index(s) for s in sources if s in ID_SOURCE_ORDER), default=99
            )
            clean = 0 if re.fullmatch(r"[a-z0-9.\-/_]+", spelling) else 1
            return (publisher, clean, best, spelling)

        best = sorted(spellings, key=rank)[0]
        model_id = slug(best)
        if best.count("/") == 1 and not is_mirror(best):
            # a fine-tune keeps its publisher in the id: upstage/Llama-2-70b-instruct is not Meta's
            hub_org = best.split("/")[0]
            owner = HF_ORGS.get(hub_org.lower(), hub_org)
            name_org = next((o for p, o in ORGS if re.search(p, model_id)), owner)
            if name_org != owner:
                model_id = f"{slug(hub_org)}-{model_id}"
        return model_id

    for spellings in groups.values():
        model_id = choose_id(spellings)
        # a group may be the same model as a curated id (e.g. "deepseek-v2.5")
        models.setdefault(model_id, {"spellings": []})["spellings"].extend(spellings)
    for model_id, spellings in curated.items():
        models.setdefault(model_id, {"spellings": []})["spellings"].extend(spellings)
    for model_id, name, org, family, date in EXTRA_MODELS:
        entry = models.setdefault(model_id, {"spellings": []})
        entry.update(name=name, org=org, family=family, date=date)

    # Bare family names found in the data become family aliases, not models, when the family
    # has dated snapshots: the claim date decides which snapshot they mean.
    rows = []
    for model_id, entry in sorted(models.items()):
        spellings = sorted(set(entry["spellings"]))
        family = str(entry.get("family") or derive_family(model_id))
        rows.append((model_id, spellings, family, entry))
    families: dict[str, list[str]] = defaultdict(list)
    for model_id, _s, family, _e in rows:
        families[family].append(model_id)
    family_by_key = {grouping_key(f): f for f in families}

    out_models = []
    for model_id, spellings, family, entry in rows:
        bare = family_by_key.get(grouping_key(model_id))
        if (
            bare
            and model_id not in RELEASE_DATES
            and model_id not in KEEP_AS_MODELS
            and not entry.get("date")
            and [m for m in families[bare] if m != model_id]
            and family == bare
            and not derive_date(model_id)
        ):
            for spelling in [*spellings, model_id]:
                family_spellings.setdefault(spelling, bare)
            continue
        open_weights: bool | None
        if any(s in hf_names for s in spellings) or re.search(
            r"(^|-)(\d+(\.\d+)?b)(-|$)", model_id
        ):
            open_weights = not CLOSED_PREFIXES.search(model_id)
        elif CLOSED_PREFIXES.search(model_id):
            open_weights = False
        elif OPEN_PREFIXES.search(model_id):
            open_weights = True
        else:
            open_weights = None
        name = str(entry.get("name") or display_name(model_id, spellings, names) or model_id)
        org = str(entry.get("org") or derive_org(model_id, spellings))
        out_models.append(
            {
                "id": model_id,
                "name": name,
                "org": org,
                "family": family,
                "version": derive_version(model_id),
                "size": derive_size(model_id),
                "variant": derive_variant(model_id, open_weights, org),
                "release_date": entry.get("date") or derive_date(model_id),
                "open_weights": "" if open_weights is None else str(open_weights).lower(),
            }
        )
        for spelling in spellings:
            if spelling != model_id:
                aliases[spelling] = model_id

    known_families = {m["family"] for m in out_models}
    family_rows = sorted(
        (alias, family)
        for alias, family in family_spellings.items()
        if family in known_families and alias != family
    )
    new_names = {n: v for n, v in read_bundled_names(args.out).items() if n not in names}
    added = add_bundled_models(new_names, out_models, aliases, family_rows)
    dated = apply_release_dates(out_models, read_release_dates(args.out / "release_dates.csv"))
    alias_rows = sorted(
        (alias, model_id) for alias, model_id in aliases.items() if alias not in family_spellings
    )

    args.out.mkdir(parents=True, exist_ok=True)
    fields = [
        "id",
        "name",
        "org",
        "family",
        "version",
        "size",
        "variant",
        "release_date",
        "open_weights",
    ]
    with (args.out / "models.csv").open("w", encoding="utf-8", newline="") as handle:
        model_writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        model_writer.writeheader()
        model_writer.writerows(sorted(out_models, key=lambda m: str(m["id"])))
    with (args.out / "model_aliases.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["alias", "model_id"])
        writer.writerows(alias_rows)
    with (args.out / "family_aliases.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["alias", "family"])
        writer.writerows(family_rows)
    missing = sorted({f for f in family_spellings.values()} - known_families)
    print(
        f"{added} models for names only the bundled-only sources use; {dated} dates filled "
        "from release_dates.csv or the configured model"
    )
    print(
        f"{len(out_models)} models, {len(alias_rows)} aliases, {len(family_rows)} family aliases,"
        f" {len(known_families)} families; curated families without members: {missing}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
