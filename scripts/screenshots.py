"""Regenerate the README's screenshots (screenshots/*.svg) from the bundled data.

    python scripts/screenshots.py [--out screenshots] [--size 140x42]

Runs the real app headless, exactly as a fresh install would: a new store built from the
bundled data, the bundled sample announcements checked on first start. Then it visits each
main screen and saves an SVG of it. Nothing here is hand-edited afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.services.app import sample_files  # noqa: E402
from claimcheck.tui import make_app  # noqa: E402

DRAFT = (
    "Llama 3.1 70B outperforms GPT-4o mini on MMLU-Pro and HumanEval, and it is on par with "
    "Claude 3 Opus across most benchmarks.\n\n"
    "Llama 3.1 70B is the best open model of its size."
)


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 90) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    where = condition.__code__.co_firstlineno
    raise SystemExit(f"the app never reached the state awaited on line {where}")


async def settled(pilot: Any) -> None:
    """Every message handled and what they scheduled drawn (twice: a redraw may post more)."""
    await pilot.pause()
    await pilot.pause()


def best_claim(claims: list[dict[str, Any]]) -> tuple[str, int] | None:
    """An overstated claim with the most evidence: the most telling first screen."""
    ranked = sorted(
        claims,
        key=lambda c: (c.get("verdict") == "overstated", len(c.get("evidence") or ())),
        reverse=True,
    )
    return (ranked[0]["article_id"], ranked[0]["seq"]) if ranked else None


async def shoot(out: Path, width: int, height: int) -> list[Path]:
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(db_path=Path(tmp) / "claimcheck.db")

        def save(name: str) -> None:
            path = out / f"{name}.svg"
            path.write_text(app.export_screenshot(title="claimcheck"), encoding="utf-8")
            saved.append(path)

        async with app.run_test(size=(width, height)) as pilot:
            status = app.query_one("#status")
            samples = len(sample_files(app.settings.data_dir))
            await until(
                pilot,
                lambda: len(app.articles_view.articles) == samples and not status.display,
            )
            with app.open_store() as store:
                chosen = best_claim(store.checked_claims())
            if chosen:
                app.show_article(*chosen)
                await until(pilot, lambda: app.articles_view.claim_index is not None)
                await until(
                    pilot,
                    lambda: (app.articles_view.current_claim or {}).get("seq") == chosen[1],
                )
            await settled(pilot)
            save("articles")

            await pilot.press("2")
            await until(pilot, lambda: bool(app.claims_view.shown))
            before = len(app.claims_view.shown)
            app.query_one("#claim-search").value = "verdict:overstated"
            await until(pilot, lambda: len(app.claims_view.shown) < before)
            app.query_one("#claim-table").focus()
            await settled(pilot)
            save("claims")

            await pilot.press("escape", "1")
            await pilot.press("m")
            await until(pilot, lambda: app.screen.query("#model-evals").first().row_count > 0)
            await settled(pilot)
            save("model")
            await pilot.press("escape")

            await pilot.press("3")
            app.query_one("#draft").insert(DRAFT)
            await until(pilot, lambda: bool(app.check_view.claims), seconds=60)
            await pilot.press("escape")
            await settled(pilot)
            save("check")

            await pilot.press("question_mark")
            await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
            await settled(pilot)
            save("help")
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--size", default="140x42")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(shoot(args.out, width, height)):
        print(path)


if __name__ == "__main__":
    main()
