"""The widgets that show an article, its claims and the evidence behind a verdict.

Everything that came from an article reaches the screen as `rich.text.Text` built from
`safe_text(...)`, never as markup, so `[bold red]` in an article is shown as those characters.
Colours come from component classes styled in app.tcss, so they follow the theme.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Label, ProgressBar, Static

from claimcheck.tui.data import (
    VERDICT_SYMBOL,
    bar,
    body_start,
    fmt_diff,
    fmt_score,
    mention_texts,
    one_line,
    safe_text,
)
from claimcheck.tui.reading import (
    Block,
    Layout,
    highlight,
    layout_article,
    line_in_block,
    locate,
    wrap_blocks,
)

VERDICT_STYLE = {
    # fixed Rich colours for table cells (DataTable cells cannot use theme variables); chosen
    # to read on both light and dark backgrounds
    "supported": "bold green4",
    "overstated": "bold dark_orange3",
    "contradicted": "bold red3",
    "unverifiable": "bold grey50",
}


def verdict_text(verdict: str | None, *, symbol: bool = True) -> Text:
    v = verdict or "unchecked"
    label = f"{VERDICT_SYMBOL.get(v, '·')} {v}" if symbol else v
    return Text(label, style=VERDICT_STYLE.get(v, ""))


def tally_text(article: dict[str, Any]) -> Text:
    """`✓2 ≈3 ✗1 ?4`: the article's verdict tally, zeros left out to keep the column short."""
    out = Text()
    for v in ("supported", "overstated", "contradicted", "unverifiable"):
        n = int(article.get(v) or 0)
        if n:
            if out:
                out.append(" ")
            out.append(f"{VERDICT_SYMBOL[v]}{n}", style=VERDICT_STYLE[v])
    if not out:
        out.append("no claims" if not article.get("claims") else "", style="dim")
    return out


@dataclass
class ClaimClicked(Message):
    index: int


class ArticleBody(Widget):
    """An article rendered as a reader shows it, each claim highlighted in its verdict's colour.

    `tui.reading` turns the Markdown into blocks whose characters remember their offsets in
    the article, so highlights and scrolling follow the claims whatever the rendering did.
    One widget for the whole text (mounting a widget per paragraph made opening a long
    article visibly slower); `line_of()` finds the screen line a claim starts on so the view
    can scroll it into sight.
    """

    COMPONENT_CLASSES = {
        "article-body--supported",
        "article-body--overstated",
        "article-body--contradicted",
        "article-body--unverifiable",
        "article-body--selected",
    }

    selected: reactive[int | None] = reactive(None)

    def __init__(self, text: str, spans: list[tuple[int, int, str, int]], **kw: Any) -> None:
        super().__init__(**kw)
        self.text = text  # what is shown: the article without its front matter
        self.spans = spans  # (start, end, verdict, claim index) into `text`
        self.skip = 0  # length of the hidden front matter
        self.blocks: list[Block] = []
        self._wrapped: tuple[int, int, Layout] | None = None

    def show(self, full_text: str, claims: list[dict[str, Any]]) -> None:
        """Lay out an article (its full stored text) and the claims found in it."""
        self.skip, self.blocks = layout_article(full_text)
        self.text = full_text[self.skip :]
        spans = []
        for index, c in enumerate(claims):
            start = int(c.get("start") or 0) - self.skip
            end = int(c.get("end") or 0) - self.skip
            if 0 <= start < end <= len(self.text):
                spans.append((start, end, c.get("verdict") or "", index))
        self.spans, self.selected, self._wrapped = spans, None, None
        self.refresh(layout=True)

    def verdict_style(self, verdict: str) -> Style:
        """The highlight of a verdict: its full style, so the colours keep their contrast.

        (A partial style drops the blending of a translucent background: `$foreground-muted
        20%` became the foreground colour itself, and unverifiable claims vanished.)
        """
        return self.get_component_rich_style(f"article-body--{verdict}", partial=False)

    def _styled(self) -> list[Text]:
        spans = []
        selected = self.get_component_rich_style("article-body--selected", partial=True)
        for start, end, verdict, index in self.spans:
            style = self.verdict_style(verdict) if verdict else Style()
            if index == self.selected:
                style += selected
            spans.append((start + self.skip, end + self.skip, style, index))
        return highlight(self.blocks, spans)

    def reading_text(self) -> Text:
        """The rendered article, highlights included, with no line wrapped."""
        return wrap_blocks(self.blocks, self._styled(), 100_000, self.app.console).text

    def _width(self) -> int:
        return max(self.content_size.width or self.size.width, 10)

    def layout_at(self, width: int) -> Layout:
        cached = self._wrapped
        if cached is not None and cached[0] == width and cached[1] == id(self.blocks):
            return cached[2]
        layout = wrap_blocks(self.blocks, [b.text for b in self.blocks], width, self.app.console)
        self._wrapped = (width, id(self.blocks), layout)
        return layout

    def render(self) -> Text:
        return wrap_blocks(self.blocks, self._styled(), self._width(), self.app.console).text

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return max(self.layout_at(max(width, 10)).lines, 1)

    def action_claim_clicked(self, index: int) -> None:
        self.post_message(ClaimClicked(index))

    def line_of(self, offset: int) -> int:
        """The screen line (from the top of this widget) that shows character `offset` of
        `text`; the widget's height in lines for an offset at or past the end."""
        width = self._width()
        layout = self.layout_at(width)
        found = locate(self.blocks, offset + self.skip) if offset < len(self.text) else None
        if found is None:
            return layout.lines
        n, pos = found
        block = self.blocks[n]
        return layout.block_line[n] + line_in_block(block, block.text, pos, width, self.app.console)


class ArticleText(VerticalScroll):
    """An article: where it came from, then its text with the claims highlighted."""

    can_focus = True
    ALLOW_MAXIMIZE = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claims: list[dict[str, Any]] = []
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an article."), classes="article-meta", id="article-meta")
        yield Static(Text(""), classes="article-title", id="article-title")
        yield ArticleBody("", [], id="article-body")

    def show(self, article: dict[str, Any] | None, claims: list[dict[str, Any]]) -> None:
        self.claims = claims
        self.selected = None
        meta = self.query_one("#article-meta", Static)
        title = self.query_one("#article-title", Static)
        body = self.query_one("#article-body", ArticleBody)
        if article is None:
            meta.update(Text("Select an article."))
            title.display = False
            body.show("", [])
            return
        full = safe_text(article.get("text") or "")
        text = full[body_start(full) :]  # front matter is not shown (the header says it all)
        url = article.get("url") or ""
        where = url if "://" in url else Path(url).name
        meta.update(
            Text(
                " · ".join(
                    one_line(x)
                    for x in (article.get("source"), article.get("published"), where)
                    if x
                )
            )
        )
        head = one_line(article.get("title")) or "(untitled)"
        title.update(Text(head))
        # most articles open with their own title; print it only when they do not
        title.display = not text.lstrip("# \n").startswith(head)
        body.show(full, claims)
        # immediate: a deferred scroll home would land after the scroll to the first claim
        self.scroll_home(animate=False, immediate=True)

    def select(self, index: int | None) -> None:
        self.selected = index
        body = self.query_one("#article-body", ArticleBody)
        body.selected = index
        span = next((s for s in body.spans if s[3] == index), None)
        if span is not None:
            self.call_after_refresh(self._scroll_to_offset, span[0])

    def _scroll_to_offset(self, offset: int, attempt: int = 0) -> None:
        body = self.query_one("#article-body", ArticleBody)
        if body.size.height < body.line_of(len(body.text)) and attempt < 10:
            # the new article's layout is not done yet: scrolling now would be clamped to
            # the previous article's height
            self.set_timer(0.02, lambda: self._scroll_to_offset(offset, attempt + 1))
            return
        line = body.region.y - self.content_region.y + self.scroll_y + body.line_of(offset)
        top, height = self.scroll_y, self.scrollable_content_region.height
        if not top + 1 <= line < top + height - 2:
            self.scroll_to(y=max(line - 2, 0), animate=False, immediate=True)


class EvidenceChart(Widget):
    """Subject vs compared model per benchmark and source, as pairs of horizontal bars.

    A bar is a score from 0 to 100. Elo-style ratings have no zero worth drawing, so their
    bars start at a baseline below the lower score, named in the row's label; a legend under
    the chart says what the bars are.
    """

    COMPONENT_CLASSES = {
        "evidence-chart--subject",
        "evidence-chart--target",
        "evidence-chart--label",
    }

    evidence: reactive[list[dict[str, Any]]] = reactive(list, layout=True)

    def render(self) -> Text:
        return self.chart(max(self.size.width, 24))

    def chart(self, width: int) -> Text:
        """The chart at `width` columns. Names that fit in half the width sit beside their
        bars; longer ones get a line of their own above the bar, so none is cut short."""
        rows = self.evidence
        if not rows:
            return Text("No evidence to chart.", style="dim")
        subject_style = self.get_component_rich_style("evidence-chart--subject", partial=True)
        target_style = self.get_component_rich_style("evidence-chart--target", partial=True)
        label_style = self.get_component_rich_style("evidence-chart--label", partial=True)
        names = [
            one_line(e.get(key) or fallback)
            for e in rows
            for key, fallback in (("subject_model", "subject"), ("target_model", "target"))
        ]
        longest = max(len(n) for n in names)
        beside = longest + 1 <= width // 2
        name_w = longest + 1 if beside else 2
        number_w = 7
        bar_w = max(width - name_w - number_w - 1, 4)
        out = Text(no_wrap=True, overflow="ellipsis")
        elo = False
        for i, e in enumerate(rows):
            s, t = _num(e.get("subject_score")), _num(e.get("target_score"))
            top, base, scale = _scale(s, t)
            if i:
                out.append("\n")
            label = f"{one_line(e.get('benchmark'))} · {one_line(e.get('source'))}"
            if (e.get("kind") or "independent") != "independent":
                label += " (self-reported)"
            if e.get("setting"):
                label += f" · {one_line(e.get('setting'))}"
            out.append(label[:width] + "\n", style=label_style)
            pair = (
                (names[2 * i], s, subject_style),
                (names[2 * i + 1], t, target_style),
            )
            for j, (name, value, style) in enumerate(pair):
                if j:
                    out.append("\n")
                if beside:
                    out.append(f"{name:<{name_w}}", style="dim")
                else:
                    out.append(f"  {name[: width - 2]}\n", style="dim")
                    out.append(" " * name_w)
                out.append(bar(value - base, top - base, bar_w).ljust(bar_w), style=style)
                out.append(f" {fmt_score(value):>{number_w - 1}}")
            if scale != "0–100":  # the baseline of a zoomed Elo window, on a line of its own
                out.append(f"\n{' ' * name_w}└ {scale}"[: width + 1], style="dim")
                elo = True
        out.append("\n")
        out.append("▇", style=subject_style)
        out.append(" the claim's model  ", style="dim")
        out.append("▇", style=target_style)
        out.append(" compared model", style="dim")
        legend = "bar length: the score, 0–100" + (
            "; an Elo row's bars start at its baseline (└)" if elo else ""
        )
        for line in textwrap.wrap(legend, max(width, 20)):
            out.append("\n" + line, style="dim")
        return out

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return self.chart(max(width, 24)).plain.count("\n") + 1


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _scale(*values: float) -> tuple[float, float, str]:
    """(top, base, label) for a pair of bars.

    Scores up to 100 are drawn from 0 to 100. Larger ones are Elo-style
    ratings: a window from a baseline below the lower score, so a 20-point gap is visible,
    and the label names the baseline (the bar's length is not the score).
    """
    hi = max(values)
    lo = min(values)
    if hi <= 100 and lo >= 0:
        return 100.0, 0.0, "0–100"
    spread = max(hi - lo, 1.0)
    base = max(lo - spread * 2, 0.0)
    return hi + spread * 0.25, base, f"Elo scale, bars from {base:,.0f}"


class ClaimCard(VerticalScroll):
    """The selected claim: verdict, flags, reasons in plain words, an evidence table and chart."""

    can_focus = True
    ALLOW_MAXIMIZE = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Label(Text("No claim selected"), id="card-verdict", classes="verdict")
        yield Static(id="card-claim")
        yield Static(id="card-reasons")
        # a row can be selected (tab to the table) so `u` offers its source first
        table: DataTable[Any] = DataTable(id="card-evidence", cursor_type="row", zebra_stripes=True)
        # the numbers right after the benchmark, so they show in a card 80 columns wide
        table.add_columns(
            "benchmark", "subject", "target", "diff", "margin", "source", "date", "setting"
        )
        yield table
        yield EvidenceChart(id="card-chart")

    def show(self, claim: dict[str, Any] | None) -> None:
        self.claim = claim
        verdict_label = self.query_one("#card-verdict", Label)
        for v in VERDICT_SYMBOL:
            verdict_label.remove_class(f"-{v}")
        table = self.query_one("#card-evidence", DataTable)
        table.clear()
        chart = self.query_one("#card-chart", EvidenceChart)
        if claim is None:
            verdict_label.update(Text("No claim selected"))
            self.query_one("#card-claim", Static).update(Text(""))
            self.query_one("#card-reasons", Static).update(Text(""))
            chart.evidence = []
            table.display = False
            return
        verdict = claim.get("verdict") or "unchecked"
        verdict_label.add_class(f"-{verdict}")
        head = Text(f" {VERDICT_SYMBOL.get(verdict, '·')} {verdict.upper()} ")
        if claim.get("tally"):
            head.append(f" {one_line(claim['tally'])}")
        verdict_label.update(head)
        summary = Text()
        if claim.get("flags"):
            summary.append("⚑ " + " · ".join(one_line(f) for f in claim["flags"]), style="bold")
            summary.append("\n")
        summary.append_text(claim_summary(claim))
        self.query_one("#card-claim", Static).update(summary)
        reasons = Text()
        for r in claim.get("reasons") or ():
            if reasons:
                reasons.append("\n")
            reasons.append("• ")
            reasons.append(one_line(r))
        if not reasons:
            reasons.append("No reasons recorded.", style="dim")
        self.query_one("#card-reasons", Static).update(reasons)
        evidence = list(claim.get("evidence") or ())
        table.display = bool(evidence)
        for e in evidence:
            kind = e.get("kind") or "independent"
            source = one_line(e.get("source"), 24)
            if kind != "independent":
                source += " (self)"
            table.add_row(
                Text(one_line(e.get("benchmark"), 20)),
                Text(fmt_score(e.get("subject_score")), justify="right"),
                Text(fmt_score(e.get("target_score")), justify="right"),
                Text(fmt_diff(e.get("difference")), justify="right", style=_diff_style(e)),
                Text("±" + fmt_score(e.get("margin")), justify="right"),
                Text(source),
                Text(one_line(e.get("as_of"))),
                Text(one_line(e.get("setting"), 60) or "–"),
            )
        chart.evidence = evidence
        self.scroll_home(animate=False)


def _diff_style(e: dict[str, Any]) -> str:
    return {"win": "green4", "loss": "red3", "tie": "grey50"}.get(e.get("outcome") or "", "")


def claim_summary(claim: dict[str, Any]) -> Text:
    """The claim sentence, then who is compared with whom on what (all as plain text)."""
    out = Text(one_line(claim.get("text")), style="italic")
    subject = one_line(claim.get("subject")) or "?"
    targets = ", ".join(one_line(t) for t in mention_texts(claim.get("targets", ())))
    if not targets and claim.get("target_group"):
        targets = one_line(claim.get("target_group"))
    benches = ", ".join(one_line(b) for b in mention_texts(claim.get("benchmarks", ())))
    out.append("\n")
    out.append(subject, style="bold")
    out.append(f" {one_line(claim.get('relation'))} ")
    out.append(targets or "?", style="bold")
    out.append(" on " + benches if benches else f" ({one_line(claim.get('scope')) or 'broad'})")
    if claim.get("quantifier"):
        out.append(f" — hedged: “{one_line(claim['quantifier'])}”", style="dim")
    return out


class WorkStatus(Horizontal):
    """A one-line progress display for background work; hidden when nothing is running."""

    def compose(self) -> ComposeResult:
        yield Label(Text(""), id="status-label")
        yield ProgressBar(id="status-bar", show_eta=False)

    def on_mount(self) -> None:
        self.display = False

    def update_progress(self, label: str, done: int, total: int, finished: bool) -> None:
        self.display = not finished
        self.query_one("#status-label", Label).update(Text(one_line(label, 60)))
        bar_widget = self.query_one("#status-bar", ProgressBar)
        bar_widget.update(total=total or None, progress=done)
