"""Dev tool: cut small excerpts of the raw leaderboard files into tests/fixtures/raw, and the
matching rows of the reference table into tests/fixtures/expected/<source>.csv.

    python scripts/make_importer_fixtures.py RAW_DIR SHARED_EVALS_DIR

Excerpts keep each file's structure (header, blocks, nesting) with only a few entries. The
expected rows are selected from the reference independent.csv by source URL and model name,
not from the importers' output, so the tests compare the importers against the reference.
`manifest.csv` records which original each excerpt was cut from, so the tests can give the
excerpt the original's pinned provenance.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def csv_lines(src: Path, keep: int, extra_models: tuple[str, ...] = (), col: int | None = None):
    """The header, the first `keep` records and the records naming `extra_models`.

    Records are re-written with the csv module (some fields span lines), so quoting may differ
    from the original; the columns and values are the same.
    """
    data = src.read_bytes()
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    head, body = records[0], records[1:]
    chosen = body[:keep]
    for rec in body[keep:]:
        if rec and rec[col if col is not None else 0] in extra_models:
            chosen.append(rec)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([head, *chosen])
    return bom + out.getvalue()


def md_blocks(src: Path, keep: int) -> str:
    out, inside, n = [], False, 0
    for line in src.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.strip().startswith("```"):
            inside, n = not inside, 0
            out.append(line)
            continue
        if inside and line.strip() and "Scores (%)" not in line:
            n += 1
            if n > keep and "s1.1-32B" not in line:  # keep the row whose CI is cut short
                continue
        out.append(line)
    return "".join(out)


def yaml_runs(src: Path, keep: int) -> str:
    text = src.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=- dirname:)", text)
    return "".join(parts[: keep + 1])


def json_keys(src: Path, keys: list[str] | int) -> str:
    data = json.loads(src.read_text(encoding="utf-8"))
    if isinstance(keys, int):
        keys = list(data)[:keys]
    return json.dumps({k: data[k] for k in keys}, indent=2, ensure_ascii=False) + "\n"


def html_rows(src: Path, keep: int) -> str:
    text = src.read_text(encoding="utf-8")
    chunks = re.split(r"(?=\n\s*<tr)", text)
    tail = text[text.rindex("</table>") :]
    body = "".join(chunks[: keep + 2])  # table start + header row + keep rows
    return body + "\n" + tail


def lcb(src: Path, models: list[str]) -> str:
    data = json.loads(src.read_text(encoding="utf-8"))
    out = {
        "performances": [p for p in data["performances"] if p["model"] in models],
        "models": [m for m in data["models"] if m["model_repr"] in models],
        "date_marks": data["date_marks"],
    }
    return json.dumps(out, separators=(",", ":")) + "\n"


def arena_catalog(src: Path, categories: list[str], models: list[str]) -> str:
    """LMArena's {category: {model: rating}} with a few categories and models, as published."""
    data = json.loads(src.read_text(encoding="utf-8"))
    out = {c: {m: data[c][m] for m in models if m in data[c]} for c in categories}
    return json.dumps(out, indent=4, ensure_ascii=False) + "\n"


def swebench_boards(src: Path, picks: dict[str, list[int]]) -> str:
    """SWE-bench's leaderboards.json with chosen entries (by position) of chosen boards."""
    data = json.loads(src.read_text(encoding="utf-8"))
    boards = [
        {**b, "results": [b["results"][i] for i in picks[b["name"]]]}
        for b in data["leaderboards"]
        if b["name"] in picks
    ]
    return json.dumps({"leaderboards": boards}, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    raw, shared = Path(sys.argv[1]), Path(sys.argv[2])
    jobs: list[tuple[str, str, str]] = []  # (importer, original relative path, excerpt text)

    def add(importer: str, rel: str, text: str, name: str | None = None) -> None:
        dest = HERE / "raw" / importer / (name or Path(rel).name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        jobs.append((importer, rel, str(dest.relative_to(HERE / "raw"))))

    add(
        "alpaca_eval",
        "alpaca_eval/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv",
        csv_lines(
            raw / "alpaca_eval/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv",
            3,
            ("gpt4_1106_preview", "gpt4"),
        ),
    )
    add(
        "alpaca_eval",
        "alpaca_eval/alpaca_eval_gpt4_leaderboard.csv",
        csv_lines(raw / "alpaca_eval/alpaca_eval_gpt4_leaderboard.csv", 5),
    )
    add(
        "arena_hard_auto",
        "arena_hard_auto/arena_hard_leaderboard_20240731.csv",
        csv_lines(raw / "arena_hard_auto/arena_hard_leaderboard_20240731.csv", 4),
    )
    add(
        "arena_hard_auto",
        "arena_hard_auto/past_leaderboards.md",
        md_blocks(raw / "arena_hard_auto/past_leaderboards.md", 3),
    )
    add(
        "arena_hard_auto",
        "arena_hard_auto/README_leaderboard_section_v2.0.md",
        md_blocks(raw / "arena_hard_auto/README_leaderboard_section_v2.0.md", 3),
    )
    for rel in (
        "livebench/table_2024_06_24.csv",
        "livebench/table_2026_01_08.csv",
        "livebench/table_2024_11_25.csv",
    ):
        add("livebench", rel, csv_lines(raw / rel, 2, ("phi-3-small-8k-instruct",)))
        cat = rel.replace("table_", "categories_").replace(".csv", ".json")
        (HERE / "raw" / "livebench" / Path(cat).name).write_bytes((raw / cat).read_bytes())
    add("evalplus", "evalplus/results.json", json_keys(raw / "evalplus/results.json", 4))
    add(
        "evalplus",
        "evalplus/evalperf_COMBINED-RESULTS.json",
        json_keys(raw / "evalplus/evalperf_COMBINED-RESULTS.json", 3),
    )
    for rel in (
        "aider/polyglot_leaderboard.yml",
        "aider/edit_leaderboard.yml",
        "aider/refactor_leaderboard.yml",
    ):
        add("aider", rel, yaml_runs(raw / rel, 2))
    add(
        "wildbench",
        "wildbench/all_stat_wildbench.1500.json",
        json_keys(
            raw / "wildbench/all_stat_wildbench.1500.json",
            ["gpt-4o-2024-05-13", "Athene-70B", "dbrx-instruct@together"],
        ),
    )
    add(
        "livecodebench",
        "livecodebench/performances_generation_2025-01-15.json",
        lcb(raw / "livecodebench/performances_generation_2025-01-15.json", ["DeepSeek-V3"]),
    )
    add(
        "bigcodebench", "bigcodebench/results.json", json_keys(raw / "bigcodebench/results.json", 3)
    )
    for rel in ("lmarena_mirror/lmsys_2024-09-06.csv", "lmarena_mirror/lmsys_2025-01-24.csv"):
        add("lmarena_mirror", rel, csv_lines(raw / rel, 3))
    add(
        "lmarena_mirror",
        "lmarena_mirror/lmarena_text_2025-08-04.csv",
        csv_lines(raw / "lmarena_mirror/lmarena_text_2025-08-04.csv", 2, ("Yi-34B-Chat",), 2),
    )
    add(
        "hf_open_llm_leaderboard",
        "hf_open_llm_leaderboard/huggingface_v1_2024-07-07.csv",
        csv_lines(
            raw / "hf_open_llm_leaderboard/huggingface_v1_2024-07-07.csv",
            2,
            ("Qwen/Qwen1.5-72B-Chat", "meta-llama/Meta-Llama-3-70B-Instruct"),
            1,
        ),
    )
    add(
        "hf_open_llm_leaderboard",
        "hf_open_llm_leaderboard/huggingface_v2_2025-03-21.csv",
        csv_lines(
            raw / "hf_open_llm_leaderboard/huggingface_v2_2025-03-21.csv",
            2,
            ("Qwen/Qwen2.5-72B-Instruct", "01-ai/Yi-1.5-34B"),
            1,
        ),
    )
    add(
        "mixeval",
        "mixeval/output_html_tab_chat.html",
        html_rows(raw / "mixeval/output_html_tab_chat.html", 3),
    )
    add(
        "epoch_ai",
        "epoch_ai/benchmarks_runs.csv",
        csv_lines(raw / "epoch_ai/benchmarks_runs.csv", 3, ("grok-4-0709",), 2),
    )
    add(
        "epoch_ai",
        "epoch_ai/external_benchmark_mmlu.csv",
        csv_lines(raw / "epoch_ai/external_benchmark_mmlu.csv", 4, ("Yi 34B",), 1),
    )
    add(
        "epoch_ai",
        "epoch_ai/external_benchmark_gsm8k.csv",
        csv_lines(raw / "epoch_ai/external_benchmark_gsm8k.csv", 3, ("Qwen-72B",), 1),
    )
    arena = ["full", "coding", "math", "hard_english_6"]
    arena_models = ["gemini-3-pro", "claude-opus-4-5-20251101", "gpt-5.1-high", "glm-4.6"]
    for rel in (
        "lmarena_catalog/leaderboard-text_2025-12-11.json",
        "lmarena_catalog/leaderboard-text-style-control_2025-12-17.json",
    ):
        add("lmarena", rel, arena_catalog(raw / rel, arena, arena_models))
    # bash-only: two models; Verified: one model, several models, no model, mini-SWE-agent;
    # Test: a tag dated after the run; Lite and Multimodal: one each
    add(
        "swebench",
        "swebench/leaderboards_2025-11-18.json",
        swebench_boards(
            raw / "swebench/leaderboards_2025-11-18.json",
            {
                "bash-only": [0, 2],
                "Verified": [0, 2, 21, 22],
                "Test": [10],
                "Lite": [3],
                "Multimodal": [0],
            },
        ),
    )

    manifest_rows = []
    for importer, rel, excerpt in jobs:
        original = raw / rel
        manifest_rows.append(
            {
                "importer": importer,
                "excerpt": excerpt,
                "original_sha256": hashlib.sha256(original.read_bytes()).hexdigest(),
            }
        )
    with open(HERE / "raw" / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(
            fh, fieldnames=["importer", "excerpt", "original_sha256"], lineterminator="\n"
        )
        w.writeheader()
        w.writerows(manifest_rows)
    # self-reported and prices: small excerpts of the normalised tables
    sr = (shared / "self_reported.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    dest = HERE / "raw" / "self_reported" / "self_reported.csv"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(
        "".join(sr[:4] + [line for line in sr if ",openai_simple_evals," in line][:3]),
        encoding="utf-8",
    )
    prices = json.loads((raw / "prices/litellm_model_prices.json").read_text(encoding="utf-8"))
    keys = [
        "sample_spec",
        "gpt-4o-2024-08-06",
        "azure/eu/gpt-4o-2024-08-06",
        "claude-3-5-sonnet-20240620",
        "text-embedding-3-small",
    ]
    dest = HERE / "raw" / "prices" / "litellm_model_prices.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(
        json.dumps({k: prices[k] for k in keys if k in prices}, indent=4) + "\n", encoding="utf-8"
    )
    write_expected(shared)
    print(f"{len(jobs)} excerpts and their expected rows written")


def write_expected(shared: Path) -> None:
    """Reference rows for each excerpt: same pinned file (source URL), same model names."""
    from claimcheck.importers import IMPORTERS

    with open(HERE / "raw" / "manifest.csv", newline="", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    wanted: set[tuple[str, str, str]] = set()
    for m in manifest:
        importer = IMPORTERS[m["importer"]]
        meta = importer.manifest[m["original_sha256"]]
        rows = importer.parse(
            HERE / "raw" / m["excerpt"], source_url=meta.source_url, as_of=meta.as_of
        )
        wanted |= {(meta.source_url, e.model, e.setting) for e in rows}
    out: dict[str, list[dict[str, str]]] = {}
    with open(shared / "independent.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames or []
        for r in reader:
            if (r["source_url"], r["model"], r["setting"]) in wanted:
                out.setdefault(r["source"], []).append(r)
    out.update(golden_rows(manifest))
    (HERE / "expected").mkdir(exist_ok=True)
    for source, rows in out.items():
        with open(HERE / "expected" / f"{source}.csv", "w", newline="", encoding="utf-8") as fh:
            names = [*fields, "system"] if any(r.get("system") for r in rows) else fields
            w = csv.DictWriter(fh, fieldnames=names, lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)


# Sources with no reference table (imported straight from their published files): their
# expected rows are the importer's output for the excerpt, written once and reviewed by hand
# against the JSON, so a later change to the importer shows up as a diff to review again.
GOLDEN_SOURCES = ("lmarena", "swebench")


def golden_rows(manifest: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    from claimcheck.importers import IMPORTERS
    from claimcheck.importers.build import num

    out: dict[str, list[dict[str, str]]] = {}
    for m in manifest:
        if m["importer"] not in GOLDEN_SOURCES:
            continue
        importer = IMPORTERS[m["importer"]]
        meta = importer.manifest[m["original_sha256"]]
        rows = importer.parse(
            HERE / "raw" / m["excerpt"], source_url=meta.source_url, as_of=meta.as_of
        )
        for e in rows:
            out.setdefault(e.source, []).append(
                {
                    "model": e.model,
                    "benchmark": e.benchmark,
                    "metric": e.metric,
                    "score": num(e.score),
                    "ci_low": num(e.ci_low),
                    "ci_high": num(e.ci_high),
                    "setting": e.setting,
                    "source": e.source,
                    "source_url": e.source_url,
                    "as_of": e.as_of,
                    "notes": e.notes,
                    "system": e.system,
                }
            )
    return out


if __name__ == "__main__":
    main()
