"""Resolution against the bundled registries: real spellings, confusable pairs, no false merges.

The spellings below are copied from the bundled leaderboards (AlpacaEval, Arena-Hard, LiveBench,
EvalPlus, Aider, HELM via Epoch, LMArena, MixEval, the HF Open LLM Leaderboards), the vendor
tables (DeepSeek, Qwen, Meta, OpenAI simple-evals, GLM, InternLM) and the API price list; the
expected ids are what those names mean, decided by reading the sources, not by running the code.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimcheck.models import BenchmarkInfo, ModelInfo
from claimcheck.registry import (
    Registry,
    load_registry,
    model_identity,
    normalise_model,
    resolve_benchmark,
    resolve_model,
    strip_provider,
)
from claimcheck.registry.names import _alias_key

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(DATA)


# (spelling as a source writes it, claim/source date or None, expected canonical id)
SPELLINGS: list[tuple[str, str | None, str | None]] = [
    # GPT-4o snapshots
    ("gpt-4o-2024-05-13", None, "gpt-4o-2024-05-13"),
    ("GPT-4O-2024-05-13", None, "gpt-4o-2024-05-13"),
    ("GPT-4o (2024-05-13)", None, "gpt-4o-2024-05-13"),
    ("GPT-4o-2024-05-13", None, "gpt-4o-2024-05-13"),
    ("GPT-4o 0513", None, "gpt-4o-2024-05-13"),
    ("GPT-4o-0513", None, "gpt-4o-2024-05-13"),
    ("gpt-4o-2024-08-06", None, "gpt-4o-2024-08-06"),
    ("GPT-4o (2024-08-06)", None, "gpt-4o-2024-08-06"),
    ("GPT 4o (Aug 2024)", None, "gpt-4o-2024-08-06"),
    ("GPT-4O-2024-08-06", None, "gpt-4o-2024-08-06"),
    ("gpt-4o-2024-11-20", None, "gpt-4o-2024-11-20"),
    ("GPT-4o-1120", None, "gpt-4o-2024-11-20"),
    ("gpt-4o-mini-2024-07-18", None, "gpt-4o-mini-2024-07-18"),
    ("GPT-4o mini (2024-07-18)", None, "gpt-4o-mini-2024-07-18"),
    ("GPT 4o Mini (July 2024)", None, "gpt-4o-mini-2024-07-18"),
    ("GPT-4O-mini-2024-07-18", None, "gpt-4o-mini-2024-07-18"),
    ("GPT4o-mini", "2024-09-19", "gpt-4o-mini-2024-07-18"),
    ("GPT-4o-mini(close source)", "2025-01-15", "gpt-4o-mini-2024-07-18"),
    ("GPT-4o mini", "2024-09-19", "gpt-4o-mini-2024-07-18"),
    # bare family names through the date
    ("GPT-4o", "2024-09-15", "gpt-4o-2024-08-06"),
    ("GPT-4o", "2024-06-01", "gpt-4o-2024-05-13"),
    ("GPT-4o", "2024-12-01", "gpt-4o-2024-11-20"),
    ("gpt-4o", "2024-05-20", "gpt-4o-2024-05-13"),
    ("Claude 3.5 Sonnet", "2024-09-06", "claude-3-5-sonnet-20240620"),
    ("Claude 3.5 Sonnet", "2024-11-01", "claude-3-5-sonnet-20241022"),
    ("claude-3.5-sonnet", "2024-07-01", "claude-3-5-sonnet-20240620"),
    ("Gemini 1.5 Pro", "2024-09-15", "gemini-1.5-pro-001"),
    ("Gemini 1.5 Pro", "2024-10-15", "gemini-1.5-pro-002"),
    ("gemini-1.5-pro", "2024-08-01", "gemini-1.5-pro-001"),
    ("Mistral Large", "2024-03-15", "mistral-large-2402"),
    ("Mistral-Large", "2024-08-15", "mistral-large-2407"),
    ("mistral-large-latest", "2025-01-10", "mistral-large-2411"),
    ("GPT-4 Turbo", "2024-02-10", "gpt-4-0125-preview"),
    ("GPT-4 Turbo", "2024-05-01", "gpt-4-turbo-2024-04-09"),
    ("Claude 3 Opus", "2024-07-23", "claude-3-opus-20240229"),
    ("Claude 3 Sonnet", "2024-06-01", "claude-3-sonnet-20240229"),
    ("Claude 3 Haiku", "2024-06-01", "claude-3-haiku-20240307"),
    ("o1", "2025-01-15", "o1-2024-12-17"),
    ("o1-preview", "2024-10-01", "o1-preview-2024-09-12"),
    ("o1-mini", "2024-10-01", "o1-mini-2024-09-12"),
    ("o3-mini", "2025-02-15", "o3-mini-2025-01-31"),
    ("Gemini Pro 1.5", "2024-10-15", "gemini-1.5-pro-002"),
    ("Gemini 1.5 Flash", "2024-10-15", "gemini-1.5-flash-002"),
    # Claude snapshots
    ("claude-3-5-sonnet-20240620", None, "claude-3-5-sonnet-20240620"),
    ("claude-3.5-sonnet-20240620", None, "claude-3-5-sonnet-20240620"),
    ("Claude-3.5-Sonnet-20240620", None, "claude-3-5-sonnet-20240620"),
    ("Claude 3.5 Sonnet (20240620)", None, "claude-3-5-sonnet-20240620"),
    ("Claude 3.5 Sonnet-0620", None, "claude-3-5-sonnet-20240620"),
    ("Claude Sonnet 3.5 (June 2024)", None, "claude-3-5-sonnet-20240620"),
    ("claude-3-5-sonnet-20241022", None, "claude-3-5-sonnet-20241022"),
    ("Claude 3.5 Sonnet (20241022)", None, "claude-3-5-sonnet-20241022"),
    ("Claude-3.5-Sonnet-1022", None, "claude-3-5-sonnet-20241022"),
    ("Claude-Sonnet-3.5-1022", None, "claude-3-5-sonnet-20241022"),
    ("Claude-3.5-Sonnet-20241022", None, "claude-3-5-sonnet-20241022"),
    ("claude-3-opus-20240229", None, "claude-3-opus-20240229"),
    ("Claude 3 Opus (20240229)", None, "claude-3-opus-20240229"),
    ("claude-3-opus (Mar 2024)", None, "claude-3-opus-20240229"),
    ("claude-3-sonnet-20240229", None, "claude-3-sonnet-20240229"),
    ("Claude-3-Sonnet-20240229", None, "claude-3-sonnet-20240229"),
    ("claude-3-haiku-20240307", None, "claude-3-haiku-20240307"),
    ("Claude 3 Haiku (20240307)", None, "claude-3-haiku-20240307"),
    ("claude-3-5-haiku-20241022", None, "claude-3-5-haiku-20241022"),
    ("Claude 3.5 Haiku (20241022)", None, "claude-3-5-haiku-20241022"),
    ("claude-3-7-sonnet-20250219", None, "claude-3-7-sonnet-20250219"),
    # older OpenAI
    ("gpt-4-0613", None, "gpt-4-0613"),
    ("GPT-4 (0613)", None, "gpt-4-0613"),
    ("gpt4_0613", None, "gpt-4-0613"),
    ("gpt-4-0314", None, "gpt-4-0314"),
    ("gpt4_0314", None, "gpt-4-0314"),
    ("gpt-4-turbo-2024-04-09", None, "gpt-4-turbo-2024-04-09"),
    ("GPT-4 Turbo (2024-04-09)", None, "gpt-4-turbo-2024-04-09"),
    ("GPT-4-Turbo (April 2024)", None, "gpt-4-turbo-2024-04-09"),
    ("gpt-4-1106-preview", None, "gpt-4-1106-preview"),
    ("gpt4_1106_preview", None, "gpt-4-1106-preview"),
    ("GPT-4 Turbo (1106 preview)", None, "gpt-4-1106-preview"),
    ("gpt-4-0125-preview", None, "gpt-4-0125-preview"),
    ("gpt-3.5-turbo-0125", None, "gpt-3.5-turbo-0125"),
    ("GPT-3.5 Turbo (0125)", None, "gpt-3.5-turbo-0125"),
    ("o1-preview-2024-09-12", None, "o1-preview-2024-09-12"),
    ("O1 Preview (Sept 2024)", None, "o1-preview-2024-09-12"),
    ("o1-mini-2024-09-12", None, "o1-mini-2024-09-12"),
    ("O1 Mini (Sept 2024)", None, "o1-mini-2024-09-12"),
    ("gpt-4.1-2025-04-14", None, "gpt-4.1-2025-04-14"),
    # Llama: base and instruct are different models
    ("llama-3.1-405b-instruct", None, "llama-3.1-405b-instruct"),
    ("Llama-3.1-405B-Instruct", None, "llama-3.1-405b-instruct"),
    ("LLaMA-3.1-405B-Instruct", None, "llama-3.1-405b-instruct"),
    ("Meta-Llama-3.1-405b-Instruct", None, "llama-3.1-405b-instruct"),
    ("Llama3.1 405B-Inst.", None, "llama-3.1-405b-instruct"),
    ("Llama 3.1 405B Instruct", None, "llama-3.1-405b-instruct"),
    ("llama-3.1-405b-instruct (diff)", None, "llama-3.1-405b-instruct"),
    ("LLaMA3.1 405B", None, "llama-3.1-405b"),
    ("LLaMA-3.1 405B", None, "llama-3.1-405b"),
    ("Llama 3.1 405B", None, "llama-3.1-405b"),
    ("Llama-3-405B", None, "llama-3.1-405b"),
    ("llama-3.1-70b-instruct", None, "llama-3.1-70b-instruct"),
    ("Meta-Llama-3.1-70B-Instruct", None, "llama-3.1-70b-instruct"),
    ("meta-llama/Llama-3.1-70B-Instruct", None, "llama-3.1-70b-instruct"),
    ("meta-llama--Llama-3.1-70B-Instruct", None, "llama-3.1-70b-instruct"),
    ("Llama 3.1 70B", None, "llama-3.1-70b"),
    ("Llama3.1-8B-Instruct", None, "llama-3.1-8b-instruct"),
    ("Meta-Llama-3.1-8B-Instruct", None, "llama-3.1-8b-instruct"),
    ("Llama 3.1 8B", None, "llama-3.1-8b"),
    ("Meta-Llama-3-70B-Instruct", None, "llama-3-70b-instruct"),
    ("meta-llama-3-70b-instruct", None, "llama-3-70b-instruct"),
    ("Llama3-70B-instruct", None, "llama-3-70b-instruct"),
    ("LLaMA3 70B Instruct", None, "llama-3-70b-instruct"),
    ("LLaMA-3-70B-Instruct", None, "llama-3-70b-instruct"),
    ("LLaMA3 70B", None, "llama-3-70b"),
    ("Llama 3 (70B)", None, "llama-3-70b"),
    ("meta-llama/Meta-Llama-3-70B", None, "llama-3-70b"),
    ("Llama-3-8B-Instruct", None, "llama-3-8b-instruct"),
    ("Llama 3 8B Instruct", None, "llama-3-8b-instruct"),
    ("meta-llama/Meta-Llama-3-8B", None, "llama-3-8b"),
    ("Llama-3-8B-Base", None, "llama-3-8b"),
    # Qwen
    ("Qwen2.5-72B-Instruct", None, "qwen2.5-72b-instruct"),
    ("qwen2.5-72b-instruct", None, "qwen2.5-72b-instruct"),
    ("Qwen/Qwen2.5-72B-Instruct", None, "qwen2.5-72b-instruct"),
    ("Qwen--Qwen2.5-72B-Instruct", None, "qwen2.5-72b-instruct"),
    ("Qwen2.5 72B-Inst.", None, "qwen2.5-72b-instruct"),
    ("Qwen2.5 72B", None, "qwen2.5-72b"),
    ("Qwen2.5-72B", None, "qwen2.5-72b"),
    ("Qwen/Qwen2.5-72B", None, "qwen2.5-72b"),
    ("Qwen2-72B-Instruct", None, "qwen2-72b-instruct"),
    ("Qwen2 72B Instruct", None, "qwen2-72b-instruct"),
    ("Qwen2 Instruct (72B)", None, "qwen2-72b-instruct"),
    ("Qwen2-72B-Chat", None, "qwen2-72b-instruct"),
    ("Qwen2-72B", None, "qwen2-72b"),
    ("Qwen2.5-7B-Instruct", None, "qwen2.5-7b-instruct"),
    ("Qwen2.5-32B-Instruct", None, "qwen2.5-32b-instruct"),
    ("Qwen2.5-Coder-32B-Instruct", None, "qwen2.5-coder-32b-instruct"),
    ("QwQ-32B-Preview", None, "qwq-32b-preview"),
    ("QwQ-32B", None, "qwq-32b"),
    ("QWen1.5 72B Chat", None, "qwen1.5-72b-chat"),
    # DeepSeek
    ("DeepSeek-V3", "2025-08-04", "deepseek-v3"),
    ("DeepSeek V3", None, "deepseek-v3"),
    ("DeepSeek v3", None, "deepseek-v3"),
    ("deepseek-v3", None, "deepseek-v3"),
    ("DeepSeek Chat V3 (prev)", None, "deepseek-v3"),
    ("DeepSeek-V3 (Nov 2024)", None, "deepseek-v3"),
    ("deepseek-chat-v3", None, "deepseek-v3"),
    ("DeepSeek-V3-0324", None, "deepseek-v3-0324"),
    ("DeepSeek V3 (0324)", None, "deepseek-v3-0324"),
    ("DeepSeek-V3-Base", None, "deepseek-v3-base"),
    ("DeepSeek-V2.5", None, "deepseek-v2.5"),
    ("DeepSeek V2.5-0905", None, "deepseek-v2.5"),
    ("DeepSeek Chat V2.5", None, "deepseek-v2.5"),
    ("deepseek-chat-v2.5", None, "deepseek-v2.5"),
    ("DeepSeek-V2.5-1210", None, "deepseek-v2.5-1210"),
    ("Deepseek-v2.5-1210", None, "deepseek-v2.5-1210"),
    ("DeepSeek-R1", None, "deepseek-r1"),
    ("DeepSeek R1 (0528)", None, "deepseek-r1-0528"),
    ("DeepSeek V2-0506", None, "deepseek-v2-chat"),
    # Gemini
    ("gemini-1.5-pro-001", None, "gemini-1.5-pro-001"),
    ("Gemini 1.5 Pro (001)", None, "gemini-1.5-pro-001"),
    ("gemini-1.5-pro-002", None, "gemini-1.5-pro-002"),
    ("Gemini 1.5 Pro 002", None, "gemini-1.5-pro-002"),
    ("Gemini-Pro-1.5-002", None, "gemini-1.5-pro-002"),
    ("Gemini 1.5 Pro (0409 preview)", None, "gemini-1.5-pro-preview-0409"),
    ("gemini-1.5-pro-api-0409-preview", None, "gemini-1.5-pro-preview-0409"),
    ("Gemini-Flash-1.5-002", None, "gemini-1.5-flash-002"),
    ("gemini-2.0-flash-exp", None, "gemini-2.0-flash-exp"),
    ("Gemini 2.0 Flash (Experimental)", None, "gemini-2.0-flash-exp"),
    ("gemini-exp-1206", None, "gemini-exp-1206"),
    # Mistral
    ("mistral-large-2402", None, "mistral-large-2402"),
    ("Mistral Large (2402)", None, "mistral-large-2402"),
    ("Mistral Large (Mar 2024)", None, "mistral-large-2402"),
    ("mistral-large-2407", None, "mistral-large-2407"),
    ("Mistral Large 2 (2407)", None, "mistral-large-2407"),
    ("Mistral-Large2 Instruct", None, "mistral-large-2407"),
    ("Mistral Large 2", None, "mistral-large-2407"),
    ("mistralai--Mistral-Large-Instruct-2407", None, "mistral-large-2407"),
    ("Mistral Large (2411)", None, "mistral-large-2411"),
    ("Mixtral-8x22B-Instruct-v0.1", None, "mixtral-8x22b-instruct-v0.1"),
    ("mistralai/Mixtral-8x7B-Instruct-v0.1", None, "mixtral-8x7b-instruct-v0.1"),
    ("Mixtral 8x22B", None, "mixtral-8x22b-v0.1"),
    ("Mistral-7B-Instruct-v0.2", None, "mistral-7b-instruct-v0.2"),
    # others
    ("yi-large", None, "yi-large"),
    ("Yi-Large-preview", None, "yi-large-preview"),
    ("Yi Large (Preview)", None, "yi-large-preview"),
    ("GLM-4-9B-Chat", None, "glm-4-9b-chat"),
    ("glm-4-9b-chat", None, "glm-4-9b-chat"),
    ("GLM-4-32B-0414", None, "glm-4-32b-0414"),
    ("Gemma2-27B-IT", None, "gemma-2-27b-it"),
    ("gemma-2-27b-it", None, "gemma-2-27b-it"),
    ("google/gemma-2-9b-it", None, "gemma-2-9b-it"),
    ("Command R+", None, "command-r-plus"),
    ("Command R Plus", None, "command-r-plus"),
    ("command-r-plus-08-2024", None, "command-r-plus-08-2024"),
    ("Grok 2", "2024-09-01", "grok-2-08-13"),
    ("InternLM3-8B-Instruct", None, "internlm3-8b-instruct"),
    ("ChatGLM3-6B", None, "chatglm3-6b"),
    ("ChatGLM3-6B-Base", None, "chatglm3-6b-base"),
    ("GLM-4-9B", None, "glm-4-9b"),
    ("Qwen-Turbo", "2024-09-19", "qwen-turbo"),
    ("amazon.nova-pro-v1:0", None, "amazon-nova-pro-1.0"),
    ("Amazon Nova Pro", None, "amazon-nova-pro-1.0"),
    ("apac.amazon.nova-lite-v1:0", None, "amazon-nova-lite-1.0"),
    ("Phi-3-mini-4k-instruct", None, "phi-3-mini-4k-instruct"),
    # API price keys: provider prefixes and suffixes
    ("azure/eu/gpt-4o-2024-08-06", None, "gpt-4o-2024-08-06"),
    ("azure/gpt-4o-2024-05-13", None, "gpt-4o-2024-05-13"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0", None, "claude-3-5-sonnet-20240620"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0", None, "claude-3-5-sonnet-20241022"),
    ("us.anthropic.claude-3-7-sonnet-20250219-v1:0", None, "claude-3-7-sonnet-20250219"),
    ("bedrock/us-east-1/meta.llama3-70b-instruct-v1:0", None, "llama-3-70b-instruct"),
    ("together_ai/Qwen/Qwen2.5-72B-Instruct", None, "qwen2.5-72b-instruct"),
    ("together_ai/meta-llama/Llama-3.1-405B-Instruct", None, "llama-3.1-405b-instruct"),
    ("azure/mistral-large-2402", None, "mistral-large-2402"),
    ("bedrock/us-east-1/mistral.mistral-large-2402-v1:0", None, "mistral-large-2402"),
    ("azure_ai/deepseek-v3-0324", None, "deepseek-v3-0324"),
    ("gmi/deepseek-ai/DeepSeek-R1-0528", None, "deepseek-r1-0528"),
    # prose-like spellings
    ("Qwen 2.5 72B Instruct", None, "qwen2.5-72b-instruct"),
    ("qwen2.5 72b instruct", None, "qwen2.5-72b-instruct"),
    ("Llama 3.1 405B instruct", None, "llama-3.1-405b-instruct"),
    ("GPT-4o (May 2024)", None, "gpt-4o-2024-05-13"),
    ("Claude 3.5 Sonnet (new)", None, "claude-3-5-sonnet-20241022"),
    ("DeepSeek-V3-Chat", None, "deepseek-v3"),
    ("GPT-4o (June 2025)", None, None),
    ("Codestral", None, "codestral-22b-v0.1"),
    ("ollama/codestral", None, "ollama-codestral"),
    ("Llama 3.3 70B", None, "llama-3.3-70b-instruct"),
    ("Mistral Small 3", None, "mistral-small-2501"),
    ("Mixtral 8x7B", None, "mixtral-8x7b-v0.1"),
    ("Qwen2.5 32B", None, "qwen2.5-32b"),
    ("ollama/qwen2.5-coder:32b", None, "ollama-qwen2.5-coder-32b"),
    ("Llama 2 70B Instruct", None, "llama-2-70b-chat"),
    ("upstage/Llama-2-70b-instruct", None, "upstage-llama-2-70b-instruct"),
    ("gemini-2.5-pro-preview-05-06", None, "gemini-2.5-pro-preview-05-06"),
    ("Gemini 2.5 Pro Preview 05-06", None, "gemini-2.5-pro-preview-05-06"),
    ("gemini-2.5-pro-preview-06-05", None, "gemini-2.5-pro-preview-06-05"),
]


def test_the_table_is_big_enough() -> None:
    assert len(SPELLINGS) >= 150
    assert len({s for s, _, _ in SPELLINGS}) >= 150


@pytest.mark.parametrize(("text", "as_of", "expected"), SPELLINGS)
def test_real_spellings_resolve(
    registry: Registry, text: str, as_of: str | None, expected: str | None
) -> None:
    result = registry.resolve_model(text, as_of)
    if expected is None:
        assert result.id is None, result
    else:
        assert result.id == expected, (text, as_of, result)
        assert result.family == registry.models[expected].family


CONFUSABLE = [
    ("Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct"),
    ("Qwen2-72B", "Qwen2.5-72B"),
    ("Qwen2.5-7B-Instruct", "Qwen2.5-72B-Instruct"),
    ("Llama-3.1-8B-Instruct", "Llama-3.1-70B-Instruct"),
    ("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"),
    ("gpt-4o-2024-05-13", "gpt-4-0613"),
    ("gpt-4o-mini-2024-07-18", "gpt-4-0613"),
    ("claude-3-sonnet-20240229", "claude-3-5-sonnet-20240620"),
    ("Claude 3 Sonnet (20240229)", "Claude 3.5 Sonnet (20240620)"),
    ("Meta-Llama-3-70B-Instruct", "Meta-Llama-3.1-70B-Instruct"),
    ("Llama 3 8B", "Llama 3.1 8B"),
    ("DeepSeek-V2.5", "DeepSeek-V3"),
    ("DeepSeek-V3", "DeepSeek-V3-0324"),
    ("DeepSeek-V3", "DeepSeek-V3-Base"),
    ("gpt-4o-2024-05-13", "gpt-4o-2024-08-06"),
    ("claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20241022"),
    ("Llama 3.1 405B", "Llama 3.1 405B Instruct"),
    ("Qwen2.5 72B", "Qwen2.5-72B-Instruct"),
    ("gemini-1.5-pro-001", "gemini-1.5-pro-002"),
    ("gemini-1.5-pro-002", "gemini-1.5-flash-002"),
    ("mistral-large-2402", "mistral-large-2407"),
    ("yi-large", "yi-large-preview"),
    ("o1-mini-2024-09-12", "o1-preview-2024-09-12"),
    ("llama-3.1-405b-instruct", "llama-3.1-405b-instruct-fp8"),
    ("Mixtral-8x7B-Instruct-v0.1", "Mixtral-8x22B-Instruct-v0.1"),
    ("Phi-3-mini-4k-instruct", "Phi-3-mini-128k-instruct"),
]


@pytest.mark.parametrize(("left", "right"), CONFUSABLE)
def test_confusable_pairs_stay_apart(registry: Registry, left: str, right: str) -> None:
    a, b = registry.resolve_model(left), registry.resolve_model(right)
    assert a.id is not None and b.id is not None
    assert a.id != b.id


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("GPT-4o", "GPT-4o-mini"),
        ("GPT-4o", "GPT-4"),
        ("Claude 3 Sonnet", "Claude 3.5 Sonnet"),
        ("Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct"),
        ("Llama 3 70B", "Llama 3.1 70B"),
        ("Qwen2.5 72B", "Qwen2.5-72B-Instruct"),
    ],
)
def test_confusable_pairs_are_different_families(registry: Registry, left: str, right: str) -> None:
    a = registry.resolve_model(left, "2024-10-01")
    b = registry.resolve_model(right, "2024-10-01")
    assert a.family and b.family and a.family != b.family


@pytest.mark.parametrize(
    ("query", "must_not_be"),
    [
        ("Qwen2-72B-Instructt", "qwen2.5-72b-instruct"),
        ("Qwen2.5-73B-Instruct", "qwen2.5-72b-instruct"),
        ("Llama 3.2 405B Instruct", "llama-3.1-405b-instruct"),
        ("Claude 3.6 Sonnet", "claude-3-5-sonnet-20241022"),
        ("gpt-4o-2024-09-13", "gpt-4o-2024-08-06"),
        ("DeepSeek-V2.6", "deepseek-v2.5"),
        ("GPT-4o-mini-2024-07-19", "gpt-4o-mini-2024-07-18"),
        ("Llama-3-8B-Instruct-FooTune", "llama-3-8b-instruct"),
        ("sonar-pro", "solar-pro"),
        ("llava-7b", "llama-7b"),
    ],
)
def test_fuzzy_never_crosses_identity(registry: Registry, query: str, must_not_be: str) -> None:
    assert registry.resolve_model(query, "2025-01-01").id != must_not_be


def test_normalised_keys_are_unambiguous_except_known_twins(registry: Registry) -> None:
    """Two models may share a normalised spelling only where the sources do (MPT and
    RedPajama published both a -chat and an -instruct model); resolution then refuses."""
    owners: dict[str, set[str]] = {}
    for model in registry.models.values():
        for alias in (model.id, model.name, *model.aliases):
            key = _alias_key(alias, model.id)
            if key:
                owners.setdefault(key, set()).add(model.id)
    shared = {k: ids for k, ids in owners.items() if len(ids) > 1}
    assert all(any(word in key for word in ("mpt", "redpajama", "llama")) for key in shared), shared
    for key, ids in shared.items():
        result = registry.resolve_model(key)
        assert result.id is None or result.id in ids
    assert registry.resolve_model("MPT 30B CHAT").id == "mpt-30b-chat"
    assert registry.resolve_model("mpt 30b instruct").id == "mpt-30b-instruct"


def test_every_alias_resolves_to_its_own_model(registry: Registry) -> None:
    wrong = []
    for model in registry.models.values():
        for alias in (model.id, *model.aliases):
            result = registry.resolve_model(alias)
            if result.id != model.id:
                wrong.append((alias, model.id, result.id))
    assert not wrong, wrong[:10]


def test_no_alias_is_shared_by_two_models(registry: Registry) -> None:
    owners: dict[str, set[str]] = {}
    for model in registry.models.values():
        for alias in (model.id, *model.aliases):
            owners.setdefault(alias, set()).add(model.id)
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


def test_fuzzy_on_confusable_names_never_crosses(registry: Registry) -> None:
    """Misspell one side of each confusable pair: it may resolve to itself or to nothing."""
    for left, right in CONFUSABLE:
        target = registry.resolve_model(right).id
        for text in (left, left.upper(), left.replace("-", " ")):
            assert registry.resolve_model(text).id != target, (text, right)


def test_bare_family_without_date_is_newest_with_candidates(registry: Registry) -> None:
    result = registry.resolve_model("GPT-4o")
    assert result.id == "gpt-4o-2024-11-20"
    assert result.method == "family"
    assert set(result.candidates) == {"gpt-4o-2024-05-13", "gpt-4o-2024-08-06"}


def test_bare_family_with_date_says_so(registry: Registry) -> None:
    result = registry.resolve_model("GPT-4o", "2024-09-15")
    assert (result.id, result.family, result.method) == ("gpt-4o-2024-08-06", "gpt-4o", "as_of")


def test_family_members_are_sorted_and_current_follows_dates(registry: Registry) -> None:
    members = [m.id for m in registry.family_members("gpt-4o")]
    assert members == ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"]
    current = registry.current_in_family("gpt-4o", "2024-08-06")
    assert current is not None and current.id == "gpt-4o-2024-08-06"
    assert registry.current_in_family("no-such-family", "2024-01-01") is None


def test_a_models_own_name_is_not_its_newer_snapshot(registry: Registry) -> None:
    # DeepSeek named the December model "DeepSeek-V3"; V3-0324 is newer, but not that name
    assert registry.resolve_model("DeepSeek-V3", "2025-06-01").id == "deepseek-v3"
    assert "deepseek-v3-0324" in [m.id for m in registry.family_members("deepseek-v3")]


@pytest.mark.parametrize("text", ["FooBar-9000", "Qwen7-13B", "gpt-17", "   "])
def test_unknown_names_resolve_to_nothing_with_candidates(registry: Registry, text: str) -> None:
    result = registry.resolve_model(text)
    assert result.id is None
    if text.strip():
        assert result.candidates, text
        assert all(c in registry.models for c in result.candidates)


def test_unknown_near_miss_lists_the_right_neighbour(registry: Registry) -> None:
    result = registry.resolve_model("Qwen2.5-72B-Instruct-SuperTune")
    assert result.id is None
    assert "qwen2.5-72b-instruct" in result.candidates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPT-4o's", "gpt-4o-2024-08-06"),
        ("Qwen2.5-72B-Instruct,", "qwen2.5-72b-instruct"),
        ("DeepSeek-V3’s", "deepseek-v3"),
    ],
)
def test_prose_punctuation_is_trimmed(registry: Registry, text: str, expected: str) -> None:
    assert registry.resolve_model(text, "2024-09-15").id == expected


def test_typos_in_long_words_are_forgiven(registry: Registry) -> None:
    assert registry.resolve_model("Claude 3.5 Sonet", "2024-07-01").id == (
        "claude-3-5-sonnet-20240620"
    )
    assert registry.resolve_model("Mistrall Large 2").id == "mistral-large-2407"


@pytest.mark.parametrize(
    ("model_id", "base"),
    [
        ("deepseek-v3", "deepseek-v3-base"),
        ("qwen2.5-72b-instruct", "qwen2.5-72b"),
        ("llama-3.1-405b-instruct", "llama-3.1-405b"),
        ("gemma-2-9b-it", "gemma-2-9b"),
        ("llama-3.1-405b", "llama-3.1-405b"),
        ("gpt-4o-2024-05-13", None),
        ("no-such-model", None),
    ],
)
def test_base_of(registry: Registry, model_id: str, base: str | None) -> None:
    assert registry.base_of(model_id) == base


def test_model_attributes_of_key_models(registry: Registry) -> None:
    gpt = registry.models["gpt-4o-2024-08-06"]
    assert (gpt.org, gpt.family, gpt.release_date, gpt.open_weights) == (
        "OpenAI",
        "gpt-4o",
        "2024-08-06",
        False,
    )
    qwen = registry.models["qwen2.5-72b-instruct"]
    assert (qwen.org, qwen.size, qwen.version, qwen.variant, qwen.open_weights) == (
        "Alibaba Qwen",
        "72B",
        "2.5",
        "instruct",
        True,
    )
    assert registry.models["qwen2.5-72b"].variant == "base"
    assert (
        registry.models["llama-3.1-405b"].family
        != registry.models["llama-3.1-405b-instruct"].family
    )
    assert registry.models["claude-3-5-sonnet-20240620"].family == "claude-3.5-sonnet"
    assert registry.models["llama-3.1-405b-instruct-fp8"].variant == "quantized"
    assert registry.models["gemini-1.5-pro-exp-0827"].variant == "experimental"
    # an unsuffixed community fine-tune is a chat model, not a pretrained base
    assert registry.models["vicuna-33b-v1.3"].variant != "base"
    assert registry.models["claude2-alpaca-13b"].org != "Anthropic"


def test_derivatives_do_not_inherit_the_base_generations_date(registry: Registry) -> None:
    """NVIDIA's Nemotron builds of Llama 3.1 came out months after Llama 3.1 (2024-07-23)."""
    ultra = registry.models["llama-3.1-nemotron-ultra-253b-v1"]
    assert (ultra.org, ultra.release_date) == ("NVIDIA", "2025-04-07")
    assert ultra.variant != "base"
    assert registry.models["llama-3.1-nemotron-51b-instruct"].release_date == "2024-09-23"
    assert registry.models["llama-3.3-nemotron-super-49b-v1"].release_date == "2025-03-18"
    # a fine-tune without a curated date has none, rather than its base model's
    assert registry.models["llama-3-8b-instruct-skillmix"].release_date is None
    # the generation's own checkpoints keep the generation's date
    assert registry.models["llama-3.1-70b-instruct"].release_date == "2024-07-23"
    assert registry.models["nemotron-4-340b-instruct"].release_date == "2024-06-14"


def test_every_model_has_org_and_family(registry: Registry) -> None:
    assert len(registry.models) >= 400
    for model in registry.models.values():
        assert model.id == model.id.lower(), model.id
        assert model.family, model.id
        if model.release_date:
            assert len(model.release_date) == 10 and model.release_date[4] == "-", model.id


def test_alias_pairs_cover_models_and_families(registry: Registry) -> None:
    pairs = dict(registry.model_alias_pairs())
    assert pairs["GPT-4o (2024-05-13)"] == "gpt-4o-2024-05-13"
    assert pairs["GPT-4o"] == "gpt-4o"
    assert dict(registry.benchmark_alias_pairs())["HumanEval+"] == "humaneval-plus"


# -- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("azure/eu/gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "claude-3-5-sonnet-20240620"),
        ("vertex_ai/claude-3-5-sonnet@20240620", "claude-3-5-sonnet-20240620"),
        ("Qwen/Qwen2.5-72B-Instruct", "Qwen2.5-72B-Instruct"),
        ("deepseek-ai--DeepSeek-Coder-V2-Lite-Instruct", "DeepSeek-Coder-V2-Lite-Instruct"),
        ("bedrock/us-west-2/deepseek.v3.2", "deepseek-v3.2"),
        ("anthropic.claude-v2:1", "claude-v2:1"),
    ],
)
def test_strip_provider(text: str, stripped: str) -> None:
    assert strip_provider(text) == stripped


def test_normalisation_merges_spellings_but_not_versions() -> None:
    assert normalise_model("claude-3-5-sonnet") == normalise_model("Claude 3.5 Sonnet")
    assert normalise_model("Claude Sonnet 3.5") == normalise_model("Claude 3.5 Sonnet")
    assert normalise_model("gemma-2-9b-it") == normalise_model("Gemma 2 9B Instruct")
    assert normalise_model("Qwen2-72B") != normalise_model("Qwen2.5-72B")
    assert normalise_model("llama-3-8b") != normalise_model("llama-3.8b")
    assert model_identity("GPT-4o 0513") == model_identity("gpt-4o-2024-05-13")
    assert model_identity("GPT-4o") != model_identity("GPT-4o-mini")


# -- benchmarks --------------------------------------------------------------------------------

BENCHMARK_SPELLINGS = [
    ("MMLU", None, "mmlu"),
    ("MMLU (CoT)", None, "mmlu"),
    ("MMLU 5-shot", None, "mmlu"),
    ("MMLU-Pro", None, "mmlu-pro"),
    ("MMLU-Pro (CoT)", None, "mmlu-pro"),
    ("MMLU-Redux", None, "mmlu-redux"),
    ("MMLU-redux", None, "mmlu-redux"),
    ("MixEval subset: MMLU", None, "mixeval-mmlu"),
    ("MixEval subset: MMLU-Hard", None, "mixeval-mmlu-hard"),
    ("HumanEval", None, "humaneval"),
    ("HumanEval+", None, "humaneval-plus"),
    ("HumanEval Plus", None, "humaneval-plus"),
    ("HumanEval-Mul", None, "humaneval-mul"),
    ("MBPP", None, "mbpp"),
    ("MBPP+", None, "mbpp-plus"),
    ("MATH", None, "math"),
    ("Math", None, "math"),
    ("MATH-500", None, "math-500"),
    ("MATH level 5", None, "math-level-5"),
    ("MATH Lvl 5", None, "math-level-5"),
    ("GPQA", None, "gpqa"),
    ("GPQA-Diamond", None, "gpqa-diamond"),
    ("GPQA diamond", None, "gpqa-diamond"),
    ("GSM8K", None, "gsm8k"),
    ("GSM-8K (CoT)", None, "gsm8k"),
    ("AIME 2024", None, "aime-2024"),
    ("AIME2024", None, "aime-2024"),
    ("LiveCodeBench", None, "livecodebench"),
    ("LiveCodeBench (code generation)", None, "livecodebench"),
    ("SWE Verified", None, "swe-bench-verified"),
    ("SWE-Bench verified", None, "swe-bench-verified"),
    ("Arena-Hard", None, "arena-hard-auto-v0.1"),
    ("Arena-Hard-Auto v0.1", None, "arena-hard-auto-v0.1"),
    ("Arena-Hard-Auto v2.0 (hard prompts)", None, "arena-hard-auto-v2.0"),
    ("AlpacaEval 2.0", None, "alpacaeval-2.0"),
    ("AlpacaEval 1.0", None, "alpacaeval-1.0"),
    ("Chatbot Arena (text, overall)", None, "lmarena"),
    ("LMArena Elo", None, "lmarena"),
    ("IFEval", None, "ifeval"),
    ("IF-Eval", None, "ifeval"),
    ("BBH", None, "bbh"),
    ("BIG-Bench Hard (CoT)", None, "bbh"),
    ("MuSR", None, "musr"),
    ("ARC-C", None, "arc-challenge"),
    ("HellaSwag", None, "hellaswag"),
    ("TruthfulQA", None, "truthfulqa"),
    ("WindoGrande", None, "winogrande"),
    ("DROP", None, "drop"),
    ("MGSM", None, "mgsm"),
    ("SimpleQA", None, "simpleqa"),
    ("C-Eval", None, "c-eval"),
    ("CMMLU", None, "cmmlu"),
    ("WildBench v2", None, "wildbench"),
    ("MixEval-Hard", None, "mixeval-hard"),
    ("BigCodeBench-Complete (full)", None, "bigcodebench-complete"),
    ("Aider Polyglot", None, "aider-polyglot"),
    ("Aider-Polyglot", None, "aider-polyglot"),
    ("FrontierMath-2025-02-28-Private", None, "frontiermath"),
    ("LiveBench", "global_average", "livebench"),
    ("LiveBench", "category_average:Coding", "livebench-coding"),
    ("LiveBench", "task:LCB_generation", "livebench-coding"),
    ("LiveBench", "task:zebra_puzzle", "livebench-reasoning"),
    ("MT-Bench", None, "mt-bench"),
    ("AIME 2025", None, "aime-2025"),
    ("SWE-bench Lite", None, "swe-bench-lite"),
    ("SWE-bench", None, "swe-bench"),
]


@pytest.mark.parametrize(("text", "metric", "expected"), BENCHMARK_SPELLINGS)
def test_benchmark_spellings(
    registry: Registry, text: str, metric: str | None, expected: str
) -> None:
    assert registry.resolve_benchmark(text, metric).id == expected


def test_benchmark_pairs_are_distinct(registry: Registry) -> None:
    groups = [
        ["MMLU", "MMLU-Pro", "MMLU-Redux", "MixEval subset: MMLU", "CMMLU"],
        ["HumanEval", "HumanEval+"],
        ["MBPP", "MBPP+"],
        ["MATH", "MATH-500", "MATH Level 5"],
        ["GPQA", "GPQA Diamond"],
        ["AlpacaEval 2.0", "AlpacaEval 1.0"],
        ["MixEval", "MixEval-Hard"],
        ["AIME 2024", "AIME 2025"],
        ["SWE-bench", "SWE-bench Verified", "SWE-bench Lite"],
        ["ARC-Challenge", "ARC-Easy", "ARC-AGI"],
    ]
    for group in groups:
        ids = [registry.resolve_benchmark(name).id for name in group]
        assert None not in ids and len(set(ids)) == len(ids), group
    for left, right in itertools.combinations(["MMLU", "MMLU-Pro", "MMLU-Redux"], 2):
        assert (
            registry.resolve_benchmark(left.upper()).id
            != registry.resolve_benchmark(right.lower()).id
        )


@pytest.mark.parametrize(
    ("query", "must_not_be"),
    [("MMLU Pro Max", "mmlu-pro"), ("HumanEval++", "humaneval"), ("MATH-600", "math-500")],
)
def test_benchmark_fuzzy_never_crosses(registry: Registry, query: str, must_not_be: str) -> None:
    assert registry.resolve_benchmark(query).id != must_not_be


def test_benchmark_facts(registry: Registry) -> None:
    b = registry.benchmarks
    assert (b["mmlu"].items, b["humaneval"].items, b["gpqa-diamond"].items) == (14042, 164, 198)
    assert (b["math-500"].items, b["gsm8k"].items, b["mbpp-plus"].items) == (500, 1319, 378)
    assert b["lmarena"].scale == 0 and b["lmarena"].items is None
    assert "gameable" in b["lmarena"].caveats
    assert {"saturated", "contamination_risk"} <= set(b["mmlu"].caveats)
    assert "llm_judged" in b["alpacaeval-2.0"].caveats
    assert b["alpacaeval-2.0"].primary_metrics[0] == "length-controlled win rate (%)"
    assert b["aider-polyglot"].primary_metrics[0] == "percent correct (2nd try)"
    assert b["pile-test"].higher_is_better is False


def test_unknown_benchmark_has_candidates(registry: Registry) -> None:
    result = registry.resolve_benchmark("MMLU-Ultra-Extreme")
    assert result.id is None
    assert result.candidates


# -- loading -----------------------------------------------------------------------------------


def test_module_level_helpers_use_the_bundled_data() -> None:
    assert resolve_model("GPT-4o", "2024-09-15").id == "gpt-4o-2024-08-06"
    assert resolve_benchmark("HumanEval+").id == "humaneval-plus"


def test_load_registry_is_cached_per_directory() -> None:
    assert load_registry(DATA) is load_registry(DATA)


def test_registry_from_a_small_directory(tmp_path: Path) -> None:
    (tmp_path / "models.csv").write_text(
        "id,name,org,family,version,size,variant,release_date,open_weights\n"
        "x-1-2024-01-01,X 1,Lab,x-1,1,,,2024-01-01,false\n"
        "x-1-2024-06-01,X 1,Lab,x-1,1,,,2024-06-01,false\n",
        encoding="utf-8",
    )
    (tmp_path / "family_aliases.csv").write_text("alias,family\nX One,x-1\n", encoding="utf-8")
    registry = load_registry(tmp_path)
    assert registry.resolve_model("X One", "2024-03-01").id == "x-1-2024-01-01"
    assert registry.resolve_model("x-1", "2024-07-01").id == "x-1-2024-06-01"
    assert registry.benchmarks == {}


def test_an_empty_data_directory_resolves_nothing(tmp_path: Path) -> None:
    registry = load_registry(tmp_path)
    assert registry.resolve_model("GPT-4o", "2024-09-15").id is None
    assert registry.resolve_benchmark("MMLU").id is None
    assert registry.current_in_family("gpt-4o", "2024-09-15") is None


def test_registry_can_be_built_in_memory() -> None:
    registry = Registry(
        [ModelInfo(id="m-7b", name="M 7B", org="Lab", family="m-7b", aliases=("M-7B-v1",))],
        [BenchmarkInfo(id="b", name="Bench")],
    )
    assert registry.resolve_model("M-7B-v1").id == "m-7b"
    assert registry.resolve_benchmark("bench").id == "b"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("MMLU (EM)", "mmlu"),
        ("MMLU-Redux (EM)", "mmlu-redux"),
        ("MATH-500 (EM)", "math-500"),
        ("Aider-Polyglot (Acc.)", "aider-polyglot"),
        ("SWE Verified (Resolved)", "swe-bench-verified"),
        ("LiveCodeBench (Pass@1-COT)", "livecodebench"),
        ("GPQA-Diamond (Pass@1)", "gpqa-diamond"),
        # a parenthesis that names a subset is part of the benchmark, never stripped
        ("GPQA (Diamond)", "gpqa-diamond"),
        ("MixEval (Hard)", "mixeval-hard"),
    ],
)
def test_vendor_table_labels_with_a_metric_suffix_resolve(label, expected):
    # DeepSeek-style tables write "Benchmark (Metric)" in their first column
    assert load_registry().resolve_benchmark(label).id == expected


def test_every_benchmark_category_is_in_the_shared_vocabulary(registry: Registry) -> None:
    vocabulary = {
        *("general", "chat", "coding", "math", "reasoning", "knowledge", "writing"),
        *("instruction_following", "agentic", "tool_use", "long_context", "multilingual"),
        *("safety", "vision", "audio"),
    }
    assert {b.category for b in registry.benchmarks.values()} <= vocabulary
    assert set(registry.categories) <= vocabulary
    assert registry.benchmarks["livebench-coding"].category == "coding"
    assert "function calling" in registry.categories["tool_use"][0]


# -- issue 10: lines, versions and variants ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "as_of", "expected"),
    [
        # Mistral reuses "Large" and "Small" across versions: the version current that day
        ("Mistral Large", "2024-04-01", "mistral-large-2402"),
        ("Mistral Large", "2024-08-01", "mistral-large-2407"),
        ("Mistral Large", "2025-01-10", "mistral-large-2411"),
        ("mistral-large-latest", "2024-08-01", "mistral-large-2407"),
        ("Mistral Small", "2024-06-01", "mistral-small-2402"),
        ("Mistral Small", "2024-10-01", "mistral-small-instruct-2409"),
        ("Mistral Small", "2025-04-01", "mistral-small-3.1-24b-instruct-2503"),
        ("Mistral Medium", "2025-06-01", "mistral-medium-3"),  # = mistral-medium-2505
        # Gemini's -001/-002 builds; a preview only until a released build exists
        ("Gemini 1.5 Pro", "2024-04-20", "gemini-1.5-pro-preview-0409"),
        ("Gemini 1.5 Pro", "2024-09-01", "gemini-1.5-pro-001"),
        ("Gemini 1.5 Pro", "2024-10-01", "gemini-1.5-pro-002"),
        ("o1", "2024-10-01", "o1-preview-2024-09-12"),
        ("o1", "2025-01-10", "o1-2024-12-17"),
        # an experimental series by its id without the date
        ("gemini-1.5-pro-exp", "2024-08-15", "gemini-1.5-pro-exp-0801"),
        ("gemini-1.5-pro-exp", "2024-09-15", "gemini-1.5-pro-exp-0827"),
        # a "T" after a GPT version is Turbo
        ("GPT-3.5T", "2024-03-01", "gpt-3.5-turbo-0125"),
        ("GPT-4-T", "2024-05-01", "gpt-4-turbo-2024-04-09"),
    ],
)
def test_a_bare_name_on_a_date_is_the_version_current_then(
    registry: Registry, text: str, as_of: str, expected: str
) -> None:
    assert registry.resolve_model(text, as_of).id == expected


def test_different_versions_never_share_a_family(registry: Registry) -> None:
    families = {registry.models[m].family for m in ("mistral-large-2402", "mistral-large-2407")}
    assert len(families) == 2
    assert registry.models["mistral-large-2411"].family not in families
    # the exact name of a version stays that version on any date
    assert registry.resolve_model("Mistral Large 2", "2025-03-01").id == "mistral-large-2407"


@pytest.mark.parametrize(
    ("variant_id", "family"),
    [
        ("llama-3.1-405b-instruct-turbo", "llama-3.1-405b-instruct"),
        ("llama-3.1-405b-instruct-fp8", "llama-3.1-405b-instruct"),
        ("qwen2.5-72b-instruct-turbo", "qwen2.5-72b-instruct"),
        ("gemini-1.5-pro-exp-0827", "gemini-1.5-pro"),
        ("gemini-1.5-pro-preview-0409", "gemini-1.5-pro"),
        ("o1-preview-2024-09-12", "o1"),
        ("qwq-32b-preview", "qwq-32b"),
        ("yi-large-preview", "yi-large"),
        ("gpt-4-may-2023", "gpt-4"),
    ],
)
def test_serving_preview_and_label_builds_resolve_to_their_family(
    registry: Registry, variant_id: str, family: str
) -> None:
    result = registry.resolve_model(registry.models[variant_id].name)
    assert (result.id, result.family) == (variant_id, family)  # the same family, its own id
    released = registry.current_in_family(family, "2025-06-01")
    assert released is not None and released.variant not in ("preview", "serving", "quantized")


def test_every_version_of_a_line_has_a_release_date(registry: Registry) -> None:
    """Where a bare name picks among versions by date, every released version is dated."""
    undated = []
    for line, ids in registry._lines.items():
        members = [registry.models[i] for i in ids]
        released = [m for m in members if m.variant not in ("preview", "experimental", "latest")]
        if len(members) > 1:
            undated += [(line, m.id) for m in released if not m.release_date]
    assert undated == []


def test_an_unknown_release_date_is_said_not_guessed() -> None:
    registry = Registry(
        [
            ModelInfo("x-0301", "X (0301)", "Lab", "x", release_date="2024-03-01"),
            ModelInfo("x-0601", "X (0601)", "Lab", "x", release_date="2024-06-01"),
            ModelInfo("x-0815", "X (0815)", "Lab", "x"),
        ],
        [],
    )
    result = registry.resolve_model("x", "2024-09-01")
    assert result.id == "x-0601"
    assert result.undated == ("x-0815",)
    assert registry.resolve_model("x", None).undated == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NexusRaven-V2", "nexusraven-v2-13b"),  # the only size there is
        ("Qwen2-VL-72B", "qwen2-vl-72b-instruct"),  # a vision model stays a vision model
        ("Nemotron-4 340B", "nemotron-4-340b-instruct"),
        ("Granite-8B-Code", "granite-code-8b-base"),  # base and instruct: the bare name's base
        ("Granite Code", None),  # four sizes: the name alone cannot tell
        ("Llama 3", None),
        ("Phi-3 Mini", None),  # 4k and 128k context versions
        ("Qwen2.5-VL-7B", None),  # never the text model Qwen2.5-7B
        ("GPT-4V", None),  # never the text model GPT-4
    ],
)
def test_a_name_that_leaves_out_only_its_size_or_tuning(
    registry: Registry, text: str, expected: str | None
) -> None:
    result = registry.resolve_model(text, "2024-10-01")
    assert result.id == expected, result
    if expected:
        assert result.method == "completed"


def test_instruct_and_base_checkpoints_of_a_line(registry: Registry) -> None:
    assert registry.instruct_of("qwen2-72b") == "qwen2-72b-instruct"
    assert registry.instruct_of("gemma-2-27b") == "gemma-2-27b-it"
    assert registry.instruct_of("yi-34b") == "yi-34b-chat"
    assert registry.instruct_of("mistral-7b-v0.3") == "mistral-7b-instruct-v0.3"
    assert registry.base_of("qwen2-72b-instruct") == "qwen2-72b"
    assert registry.instruct_of("internlm2-7b") is None


def test_predecessor_and_sibling_of_a_model(registry: Registry) -> None:
    prev = registry.predecessor("qwen2.5-72b-instruct")
    assert prev is not None and prev.id == "qwen2-72b-instruct"
    prev = registry.predecessor("claude-3-5-sonnet-20241022")
    assert prev is not None and prev.id == "claude-3-5-sonnet-20240620"
    sib = registry.sibling("qwen2.5-7b-instruct", 72)
    assert sib is not None and sib.id == "qwen2.5-72b-instruct"
    assert registry.sibling("qwen2.5-7b-instruct", 13) is None


@pytest.mark.parametrize(
    ("model_id", "shown"),
    [
        ("o1-mini-2024-09-12-high", "o1 mini (2024-09-12, high)"),
        ("qwen2.5-72b-instruct-turbo", "Qwen2.5 72B Instruct Turbo"),
        ("gpt-oss-120b-high", "GPT-OSS 120B (high)"),
        ("mistral-medium-2505", "Mistral Medium 2505"),
        ("gpt-4o-2024-08-06", "GPT-4o (2024-08-06)"),  # a registry name is kept as it is
    ],
)
def test_display_names_never_show_a_raw_slug(registry: Registry, model_id: str, shown: str) -> None:
    assert registry.display_name(model_id) == shown


def test_the_registry_carries_every_curated_family_fact(registry: Registry) -> None:
    """models.csv is generated; curated_families.csv is what generation must keep true."""
    import csv

    path = DATA / "curated_families.csv"
    rows = csv.DictReader(line for line in path.open(encoding="utf-8") if line[:1] != "#")
    for row in rows:
        model = registry.models[row["id"]]
        for key in ("family", "variant", "release_date"):
            if row[key]:
                assert getattr(model, key) == row[key], (row["id"], key)


def test_a_bare_name_beside_its_own_newer_entry_means_an_earlier_version(
    registry: Registry,
) -> None:
    """MixEval lists "Mistral Large 2" and a bare "Mistral-Large" in one table (Sept. 2024):
    the bare one is the first Mistral Large, not Large 2 twice."""
    taken = registry.exact_ids(["Mistral Large 2", "Mistral-Large", "GPT-4o"])
    assert "mistral-large-2407" in taken
    assert registry.resolve_model("Mistral-Large", "2024-09-19").id == "mistral-large-2407"
    among = registry.resolve_model_among("Mistral-Large", "2024-09-19", taken)
    assert among.id == "mistral-large-2402"
    # alone in its table, the bare name keeps the version current on the date
    alone = registry.resolve_model_among("Mistral-Large", "2024-09-19", frozenset())
    assert alone.id == "mistral-large-2407"
