"""The app's three views: articles, claims across articles, and the paste-and-check pane.

Each view reads the store in its own thread workers (a connection per thread, as SQLite needs)
and updates itself when the result message arrives on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Select, TextArea

from claimcheck.models import FLAGS, VERDICTS
from claimcheck.services import reader
from claimcheck.tui.data import (
    ClaimFilter,
    filter_claims,
    flag_legend,
    mention_texts,
    one_line,
    short_flags,
    sort_claims,
)
from claimcheck.tui.messages import (
    ArticleLoaded,
    ArticlesLoaded,
    ClaimsLoaded,
    DraftChecked,
    WorkFailed,
)
from claimcheck.tui.widgets import (
    ArticleText,
    ClaimCard,
    ClaimClicked,
    tally_text,
    verdict_text,
)

if TYPE_CHECKING:
    from claimcheck.tui.app import ClaimcheckApp


class ArticlesView(Horizontal):
    """Article list | the selected article with its claims highlighted | the claim card."""

    BINDINGS = [
        Binding("n,right_square_bracket", "next_claim", "Next", tooltip="Next claim"),
        Binding("p,left_square_bracket", "previous_claim", "Prev", tooltip="Previous claim"),
        Binding("backslash", "toggle_list", "Toggle list", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.articles: list[dict[str, Any]] = []
        self.article: dict[str, Any] | None = None
        self.claims: list[dict[str, Any]] = []
        self.claim_index: int | None = None
        self._pending_select: str | None = None
        self._pending_claim: int | None = None
        self._loading: str | None = None
        self._generation = 0

    @property
    def capp(self) -> ClaimcheckApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        table: DataTable[Any] = DataTable(id="article-list", cursor_type="row", zebra_stripes=True)
        table.add_column("article", key="article")
        table.show_header = False
        table.border_title = "Articles"
        yield table
        with Vertical(id="reader"):
            text = ArticleText(id="article-text")
            text.border_title = "Article"
            yield text
            card = ClaimCard(id="article-card")
            card.border_title = "Claim"
            yield card

    # -- loading ---------------------------------------------------------------------------

    def load_articles(self, select: str | None = None) -> None:
        """Re-read the list; only the answer to the latest request is shown.

        Reads run in threads that can finish out of order, so each carries a generation
        number and an older list never replaces a newer one.
        """
        self._generation += 1
        if select:
            self._pending_select = select
        self._read_articles(self._generation)

    @work(thread=True, group="articles", exit_on_error=False)
    def _read_articles(self, generation: int) -> None:
        articles = reader.articles(self.capp.settings.db_path)
        if articles is None:
            with self.capp.open_store() as store:
                articles = store.articles()
        self.post_message(ArticlesLoaded(articles, generation=generation))

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        if message.generation != self._generation:
            return
        table = self.query_one("#article-list", DataTable)
        current = self.article["id"] if self.article else None
        selecting = message.select or self._pending_select
        wanted = selecting or self._loading or current
        self.articles = message.articles
        table.clear()
        for a in message.articles:
            # two lines per article keep the list readable in a narrow column
            cell = Text(one_line(a.get("title"), 44) or "(untitled)", style="bold")
            cell.append("\n")
            cell.append(one_line(a.get("published")) or "undated", style="dim")
            cell.append(" · ", style="dim")
            origin = a.get("source") or ("web" if "://" in (a.get("url") or "") else "file")
            cell.append(one_line(origin, 16), style="dim")
            cell.append("  ")
            cell.append_text(tally_text(a))
            table.add_row(cell, key=a["id"], height=2)
        table.border_subtitle = f"{len(message.articles)}"
        if not message.articles:
            self.call_after_refresh(self.capp.first_screen_shown)
            return
        ids = [a["id"] for a in message.articles]
        row = ids.index(wanted) if wanted in ids else 0
        self._pending_select = None
        table.move_cursor(row=row)
        if self.article is None or self.article["id"] != ids[row] or selecting:
            self.request_article(ids[row], force=bool(selecting))

    @on(DataTable.RowHighlighted, "#article-list")
    def _article_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self.request_article(event.row_key.value)

    @on(DataTable.RowSelected, "#article-list")
    def _article_selected(self, event: DataTable.RowSelected) -> None:
        self.query_one("#article-text", ArticleText).focus()

    def request_article(self, article_id: str, *, force: bool = False) -> None:
        """Load an article unless it is already shown or on its way."""
        if not force and article_id == self._loading:
            return
        self._loading = article_id
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        read = reader.article_with_claims(self.capp.settings.db_path, article_id)
        if read is None:
            with self.capp.open_store() as store:
                article = store.article(article_id)
                read = article, store.checked_claims(article_id) if article else []
        article, claims = read
        if article is None:
            self.post_message(WorkFailed("open article", f"article {article_id} is not stored"))
            return
        self.post_message(ArticleLoaded(article, claims))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.article["id"] != self._loading:
            return  # the user moved on while this one was read
        self.article = message.article
        self.claims = message.claims
        text = self.query_one("#article-text", ArticleText)
        text.show(message.article, message.claims)
        text.border_subtitle = f"{len(message.claims)} claims"
        wanted = self._pending_claim
        self._pending_claim = None
        seqs = [c.get("seq") for c in message.claims]
        index = seqs.index(wanted) if wanted is not None and wanted in seqs else 0
        self.select_claim(index if message.claims else None)
        self.call_after_refresh(self.capp.first_screen_shown)

    def open_article(self, article_id: str, seq: int | None = None) -> None:
        """Show an article (from the claims view), selecting the claim with sequence `seq`."""
        self._pending_claim = seq
        table = self.query_one("#article-list", DataTable)
        ids = [a["id"] for a in self.articles]
        if article_id in ids:
            table.move_cursor(row=ids.index(article_id))
        self.request_article(article_id, force=True)

    # -- claims ----------------------------------------------------------------------------

    def select_claim(self, index: int | None) -> None:
        if index is not None and not (0 <= index < len(self.claims)):
            return
        self.claim_index = index
        self.query_one("#article-text", ArticleText).select(index)
        card = self.query_one("#article-card", ClaimCard)
        card.show(self.claims[index] if index is not None else None)
        card.border_title = (
            f"Claim {index + 1} of {len(self.claims)}" if index is not None else "Claim"
        )

    @property
    def current_claim(self) -> dict[str, Any] | None:
        if self.claim_index is None or self.claim_index >= len(self.claims):
            return None
        return self.claims[self.claim_index]

    def on_claim_clicked(self, message: ClaimClicked) -> None:
        self.select_claim(message.index)

    def action_next_claim(self) -> None:
        if self.claims:
            i = -1 if self.claim_index is None else self.claim_index
            self.select_claim(min(i + 1, len(self.claims) - 1))

    def action_previous_claim(self) -> None:
        if self.claims:
            i = len(self.claims) if self.claim_index is None else self.claim_index
            self.select_claim(max(i - 1, 0))

    def action_toggle_list(self) -> None:
        table = self.query_one("#article-list", DataTable)
        table.display = not table.display


SORTS = ("date", "verdict", "subject", "article", "flags")


class ClaimsView(Vertical):
    """Every stored claim: sortable, filterable by field, with incremental search."""

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse", show=False),
        Binding("v", "cycle_verdict", "Verdict filter", show=False),
        Binding("escape", "clear_search", "Clear filter", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.all_claims: list[dict[str, Any]] = []
        self.orgs: dict[str, str] = {}
        self.shown: list[dict[str, Any]] = []
        self.sort_key = "date"
        self.sort_reverse = True
        self.filter = ClaimFilter()
        self._generation = 0

    @property
    def capp(self) -> ClaimcheckApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="claim-filters"):
            yield Input(
                placeholder="Search… (verdict: flag: org: model: bench: since: until:)",
                id="claim-search",
            )
            yield Select(
                [(v, v) for v in VERDICTS], prompt="any verdict", id="claim-verdict", compact=True
            )
            yield Select([(f, f) for f in FLAGS], prompt="any flag", id="claim-flag", compact=True)
        yield Label(Text(""), id="claim-count")
        with Horizontal(id="claims-body"):
            table: DataTable[Any] = DataTable(
                id="claim-table", cursor_type="row", zebra_stripes=True
            )
            # who, against whom (one phrase), on what first: that is what fits in 80 columns;
            # flags in short forms (legend below) so the date and the article fit in 120
            for key in ("verdict", "claim", "benchmarks", "flags", "date", "article", "org"):
                table.add_column(key, key=key)
            yield table
            card = ClaimCard(id="claims-card")
            card.border_title = "Claim"
            yield card
        yield Label(Text(""), id="claim-legend")

    def load_claims(self) -> None:
        """Re-read every claim (the newest request wins, as for the article list)."""
        self._generation += 1
        self._read_claims(self._generation)

    @work(thread=True, group="claims", exit_on_error=False)
    def _read_claims(self, generation: int) -> None:
        with self.capp.open_store() as store:
            claims = store.checked_claims()
        self.post_message(ClaimsLoaded(claims, self.capp.model_orgs(), generation))

    def on_claims_loaded(self, message: ClaimsLoaded) -> None:
        if message.generation != self._generation:
            return
        self.all_claims = message.claims
        self.orgs = message.orgs
        self.refresh_table()

    @on(Input.Changed, "#claim-search")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#claim-search")
    def _search_submitted(self) -> None:
        self.query_one("#claim-table", DataTable).focus()

    def _select_value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else ""

    def refresh_table(self) -> None:
        query = self.query_one("#claim-search", Input).value
        self.filter = ClaimFilter.parse(
            query,
            verdict=self._select_value("#claim-verdict"),
            flag=self._select_value("#claim-flag"),
        )
        shown = filter_claims(self.all_claims, self.filter, self.orgs)
        self.shown = sort_claims(shown, self.sort_key, self.sort_reverse)
        table = self.query_one("#claim-table", DataTable)
        current = self.current_claim
        table.clear()
        for row in self.shown:
            whom = ", ".join(mention_texts(row.get("targets", ()))) or row.get("target_group")
            relation = ("not " if row.get("negated") else "") + (row.get("relation") or "")
            who = Text(one_line(row.get("subject"), 20) or "?", style="bold")
            who.append(f" {relation.replace('_', ' ')} ")
            who.append(one_line(whom))
            table.add_row(
                verdict_text(row.get("verdict")),
                Text(one_line(who.plain, 38), spans=who.spans),
                Text(one_line(", ".join(mention_texts(row.get("benchmarks", ()))), 12)),
                Text(one_line(short_flags(row.get("flags") or ()), 18), style="dim"),
                Text(one_line(row.get("article_date")) or "–"),
                Text(one_line(row.get("article_title"), 14)),
                Text(one_line(self.orgs.get(row.get("subject_id") or "", ""), 20)),
                key=row["id"],
            )
        flags = [f for row in self.shown for f in row.get("flags") or ()]
        self.query_one("#claim-legend", Label).update(
            Text("flags: " + flag_legend(sorted(set(flags))), style="dim") if flags else Text("")
        )
        direction = "↓" if self.sort_reverse else "↑"
        described = self.filter.describe()
        count = Text(f"{len(self.shown)} of {len(self.all_claims)} claims · sort: ")
        count.append(f"{self.sort_key} {direction}")
        if described:
            count.append(" · filter: ")
            count.append(one_line(described, 60), style="bold")
        for error in self.filter.errors:
            count.append(" · ")
            count.append(one_line(error, 80), style="bold red")
        self.query_one("#claim-count", Label).update(count)
        ids = [r["id"] for r in self.shown]
        if current and current["id"] in ids:
            table.move_cursor(row=ids.index(current["id"]))
        self._show_card()

    @property
    def current_claim(self) -> dict[str, Any] | None:
        table = self.query_one("#claim-table", DataTable)
        if not self.shown or table.cursor_row is None or table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[row]

    def _show_card(self) -> None:
        self.query_one("#claims-card", ClaimCard).show(self.current_claim)

    @on(DataTable.RowHighlighted, "#claim-table")
    def _claim_highlighted(self) -> None:
        self._show_card()

    @on(DataTable.RowSelected, "#claim-table")
    def _claim_selected(self) -> None:
        claim = self.current_claim
        if claim:
            self.capp.show_article(claim["article_id"], claim.get("seq"))

    @on(DataTable.HeaderSelected, "#claim-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        key = {"claim": "subject", "org": "subject", "benchmarks": "subject"}.get(key, key)
        key = key if key in SORTS else "date"
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key = key
        self.refresh_table()

    def action_cycle_sort(self) -> None:
        self.sort_key = SORTS[(SORTS.index(self.sort_key) + 1) % len(SORTS)]
        # newest first for dates; worst verdict, then A to Z, for the rest
        self.sort_reverse = self.sort_key == "date"
        self.refresh_table()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_table()

    def action_cycle_verdict(self) -> None:
        select = self.query_one("#claim-verdict", Select)
        options = [Select.BLANK, *VERDICTS]
        value = select.value if select.value in options else Select.BLANK
        select.value = options[(options.index(value) + 1) % len(options)]

    def action_clear_search(self) -> None:
        self.query_one("#claim-search", Input).value = ""
        self.query_one("#claim-verdict", Select).clear()
        self.query_one("#claim-flag", Select).clear()

    def focus_search(self) -> None:
        self.query_one("#claim-search", Input).focus()


class CheckView(Horizontal):
    """Paste or type text and see its claims judged as you type (debounced, off the UI thread)."""

    BINDINGS = [Binding("escape", "leave_editor", "Leave editor")]
    DEBOUNCE = 0.6

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seq = 0
        self.claims: list[dict[str, Any]] = []
        self._timer: Timer | None = None

    @property
    def capp(self) -> ClaimcheckApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        editor = TextArea(id="draft", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        editor.border_title = "Paste or type an announcement"
        yield editor
        with Vertical(id="draft-results"):
            yield Label(Text("Claims appear here as you type."), id="draft-status")
            table: DataTable[Any] = DataTable(id="draft-claims", cursor_type="row")
            table.add_columns("verdict", "claim")
            yield table
            card = ClaimCard(id="draft-card")
            card.border_title = "Claim"
            yield card

    @on(TextArea.Changed, "#draft")
    def _draft_changed(self) -> None:
        self.seq += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self.submit)
        self.query_one("#draft-status", Label).update(Text("Checking…", style="dim"))

    def submit(self) -> None:
        text = self.query_one("#draft", TextArea).text
        self.capp.check_draft(self.seq, text, self)

    def on_draft_checked(self, message: DraftChecked) -> None:
        if message.seq != self.seq:
            return  # an older edit's answer arrived after a newer edit: ignore it
        status = self.query_one("#draft-status", Label)
        if message.error:
            status.update(Text(f"Could not check: {one_line(message.error, 120)}", style="red"))
            return
        self.claims = message.claims
        table = self.query_one("#draft-claims", DataTable)
        table.clear()
        for row in message.claims:
            table.add_row(verdict_text(row.get("verdict")), Text(one_line(row.get("text"), 80)))
        n = len(message.claims)
        status.update(Text(f"{n} claim{'' if n == 1 else 's'} found"))
        self.query_one("#draft-card", ClaimCard).show(message.claims[0] if message.claims else None)

    @on(DataTable.RowHighlighted, "#draft-claims")
    def _draft_claim(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.claims):
            self.query_one("#draft-card", ClaimCard).show(self.claims[event.cursor_row])

    @property
    def current_claim(self) -> dict[str, Any] | None:
        table = self.query_one("#draft-claims", DataTable)
        if not self.claims:
            return None
        return self.claims[min(max(table.cursor_row, 0), len(self.claims) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "leave editor" (in the footer too) only while the editor has focus."""
        if action == "leave_editor":
            return self.app.focused is self.query_one("#draft", TextArea)
        return True

    def action_leave_editor(self) -> None:
        self.query_one("#draft-claims", DataTable).focus()
