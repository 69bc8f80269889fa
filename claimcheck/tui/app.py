"""The Textual app: the shell, its bindings and what it shows; a thin shell over the services.

What runs off the UI thread lives beside it: the start-up path and the store and registry
access in `startup.py`, checking, fetching, exporting and gathering links in `work.py`. The UI
thread only draws and handles the messages those workers post.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, TabbedContent, TabPane

from claimcheck.config import Settings
from claimcheck.services.app import RegistryInfo
from claimcheck.tui.commands import ModelCommands
from claimcheck.tui.data import claim_models, one_line
from claimcheck.tui.messages import (
    ArticleChecked,
    ArticlesLoaded,
    ExportFinished,
    FetchFinished,
    LinksFound,
    Progress,
    StoreOpened,
    StoreReady,
    WorkFailed,
)
from claimcheck.tui.screens import (
    ExportRequest,
    ExportScreen,
    HelpScreen,
    LinksScreen,
    ModelScreen,
    OpenFileScreen,
)
from claimcheck.tui.views import ArticlesView, CheckView, ClaimsView
from claimcheck.tui.widgets import ClaimCard, WorkStatus
from claimcheck.tui.work import CheckerThread, WorkMixin

if TYPE_CHECKING:
    import httpx

    from claimcheck.services.stores import Store


class ClaimcheckApp(WorkMixin):
    """Read announcements, see each comparative claim's verdict and the evidence behind it."""

    CSS_PATH = "app.tcss"
    # three columns when there is room; list + (text over card) otherwise (see app.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    TITLE = "claimcheck"
    COMMANDS = App.COMMANDS | {ModelCommands}
    BINDINGS = [
        Binding("1", "show_tab('articles')", "Articles", show=False),
        Binding("2", "show_tab('claims')", "Claims", show=False),
        Binding("3", "show_tab('check')", "Check text", show=False),
        Binding("slash", "search", "Search"),
        Binding("m", "model", "Model"),
        Binding("f", "fetch", "Fetch"),
        Binding("o", "open_file", "Open", show=False),  # in help and the palette: 80 columns
        Binding("e", "export", "Export"),
        Binding("u", "links", "URLs"),
        Binding("z", "zoom", "Zoom"),
        Binding("t", "toggle_theme", "Light/dark", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding("question_mark,f1", "help", "Help"),
        Binding("q", "quit", "Quit", show=False),
    ]

    # what each action is called in the help screen and the command palette
    ACTIONS: tuple[tuple[str, str, str], ...] = (
        ("Show articles", "show_tab('articles')", "The article list with highlighted claims"),
        ("Show claims", "show_tab('claims')", "Every claim: sort, filter, search"),
        ("Check text", "show_tab('check')", "Paste text and see its claims judged as you type"),
        ("Search claims", "search", "Filter the claims view as you type"),
        ("Model view", "model", "Everything stored about the selected claim's models"),
        ("Fetch announcements", "fetch", "Fetch new articles from the sources and check them"),
        ("Open a file", "open_file", "Check a txt, md or html file"),
        ("Export a report", "export", "Current article, filtered claims or everything"),
        (
            "Open or copy a link",
            "links",
            "The article's URL and the source file of each evidence row",
        ),
        ("Zoom pane", "zoom", "Fill the screen with the focused pane (again to restore)"),
        ("Toggle light/dark", "toggle_theme", "Switch between the light and dark theme"),
        ("Reload from the store", "reload", "Re-read articles and claims"),
        ("Next claim", "next_claim", "Select the next claim in the article"),
        ("Previous claim", "previous_claim", "Select the previous claim in the article"),
        ("Help", "help", "Every key binding"),
    )

    def __init__(
        self,
        settings: Settings,
        *,
        build: bool = True,
        first_run: bool = True,
        fetch_transport: httpx.AsyncBaseTransport | None = None,
        checker_factory: Callable[[Store], Any] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.build = build
        self.first_run = first_run
        self.fetch_transport = fetch_transport
        self.checker_factory = checker_factory
        self.theme = settings.preferences.theme
        self.store_ready = threading.Event()
        self.first_screen = threading.Event()
        self.warm_checker = threading.Event()
        self.registry_info = RegistryInfo(settings.data_dir)

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="articles"):
            with TabPane("Articles [1]", id="articles"):
                yield ArticlesView(id="articles-view")
            with TabPane("Claims [2]", id="claims"):
                yield ClaimsView(id="claims-view")
            with TabPane("Check text [3]", id="check"):
                yield CheckView(id="check-view")
        yield WorkStatus(id="status")
        yield Footer(compact=True)

    # the main screen is the bottom of the stack; dialogs and the model view sit above it
    @property
    def main(self) -> Screen[Any]:
        return self.screen_stack[0]

    @property
    def articles_view(self) -> ArticlesView:
        return self.main.query_one("#articles-view", ArticlesView)

    @property
    def claims_view(self) -> ClaimsView:
        return self.main.query_one("#claims-view", ClaimsView)

    @property
    def check_view(self) -> CheckView:
        return self.main.query_one("#check-view", CheckView)

    @property
    def tabs(self) -> TabbedContent:
        return self.main.query_one("#tabs", TabbedContent)

    MAIN_ACTIONS = frozenset(
        {
            "show_tab",
            "search",
            "model",
            "fetch",
            "open_file",
            "export",
            "links",
            "reload",
            "next_claim",
            "previous_claim",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Main-view actions wait while a dialog or the model view is open."""
        return not (len(self.screen_stack) > 1 and action in self.MAIN_ACTIONS)

    def on_mount(self) -> None:
        self.main.query_one("#article-list").focus()
        self.checker = CheckerThread(self)
        self.start_up()

    def on_unmount(self) -> None:
        self.checker.close()

    # -- messages from workers ---------------------------------------------------------------

    def on_progress(self, message: Progress) -> None:
        self.main.query_one(WorkStatus).update_progress(
            message.label, message.done, message.total, message.finished
        )

    def on_article_checked(self, message: ArticleChecked) -> None:
        self.articles_view.load_articles(select=message.article_id if message.select else None)
        if self.claims_view.all_claims or self.tabs.active == "claims":
            self.claims_view.load_claims()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.notify(
            f"Could not {message.action}: {one_line(message.error, 300)}",
            severity="error",
            markup=False,
            timeout=8,
        )

    def on_export_finished(self, message: ExportFinished) -> None:
        claims = _count(message.claims, "claim")
        articles = _count(message.documents, "article")
        self.notify(f"Exported {claims} from {articles} to {message.path}", markup=False)
        if message.fmt and message.fmt != self.settings.preferences.export_format:
            self.remember(export_format=message.fmt)

    def on_fetch_finished(self, message: FetchFinished) -> None:
        self.post_message(Progress("", finished=True))
        text = message.summary or f"Fetched {message.new} new articles"
        if message.failed:
            text += f"; {message.failed} failed"
        self.notify(text, markup=False, severity="warning" if message.failed else "information")
        self.articles_view.load_articles()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "claims" and not self.claims_view.all_claims:
            self.claims_view.load_claims()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.articles_view.post_message(ArticlesLoaded(message.articles))

    def on_store_ready(self, message: StoreReady) -> None:
        if message.check_samples:
            self.check_samples()

    # -- actions ---------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab
        focus = {"articles": "#article-list", "claims": "#claim-table", "check": "#draft"}[tab]
        self.main.query_one(focus).focus()

    def action_search(self) -> None:
        self.action_show_tab("claims")
        self.claims_view.focus_search()

    def current_claim(self) -> dict[str, Any] | None:
        active = self.tabs.active
        if active == "articles":
            return self.articles_view.current_claim
        if active == "claims":
            return self.claims_view.current_claim
        return self.check_view.current_claim

    def action_model(self) -> None:
        claim = self.current_claim()
        ids = claim_models(claim) if claim else []
        if not ids:
            self.notify("Select a claim that names a known model first.", severity="warning")
            return
        self.open_models(ids)

    def open_models(self, model_ids: list[str]) -> None:
        self.push_screen(ModelScreen(model_ids))

    def action_next_claim(self) -> None:
        self.action_show_tab("articles")
        self.articles_view.action_next_claim()

    def action_previous_claim(self) -> None:
        self.action_show_tab("articles")
        self.articles_view.action_previous_claim()

    def show_article(self, article_id: str, seq: int | None = None) -> None:
        self.action_show_tab("articles")
        self.articles_view.open_article(article_id, seq)

    def action_zoom(self) -> None:
        """Give the focused pane the whole screen (small terminals), or restore the layout."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        elif self.focused is not None:
            screen.maximize(self.focused, container=False)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
        self.remember(theme=self.theme)

    def remember(self, **changes: str) -> None:
        """Save changed preferences; a config file that cannot be written is a notification."""
        try:
            self.settings = self.settings.save_preferences(**changes)
        except (OSError, ValueError) as exc:
            self.notify(f"Could not save the preferences: {exc}", severity="warning", markup=False)

    def action_reload(self) -> None:
        self.articles_view.load_articles()
        self.claims_view.load_claims()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every binding, grouped by where it works, read from the bindings themselves."""
        sections = []
        for where, bindings in (
            ("everywhere", self.BINDINGS),
            ("articles", ArticlesView.BINDINGS),
            ("claims", ClaimsView.BINDINGS),
            ("check text", CheckView.BINDINGS),
            ("model view", ModelScreen.BINDINGS),
        ):
            rows = []
            for b in bindings:
                assert isinstance(b, Binding)
                keys = " ".join(self.get_key_display(Binding(k, "")) for k in b.key.split(","))
                rows.append((keys, b.description))
            sections.append((where, rows))
        sections.append(("everywhere", [("ctrl+p", "Command palette")]))
        return sections

    def action_open_file(self) -> None:
        def opened(path: Path | None) -> None:
            if path is not None:
                self.check_file(path)

        self.push_screen(OpenFileScreen(Path.cwd()), opened)

    def action_export(self) -> None:
        active = self.tabs.active
        scope = "filtered" if active == "claims" else "article"

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            article = self.articles_view.article
            shown = list(self.claims_view.shown) if self.claims_view.all_claims else None
            self.export(request, article["id"] if article else None, shown)

        fmt = self.settings.preferences.export_format
        self.push_screen(ExportScreen(scope=scope, fmt=fmt), chosen)

    def action_links(self) -> None:
        """Open or copy the article's URL or an evidence row's source (the pinned file)."""
        claim = self.current_claim()
        article_id = claim.get("article_id") if claim else None
        if self.tabs.active == "articles" and self.articles_view.article:
            article_id = self.articles_view.article["id"]
        selected = 0
        card = self._visible_card()
        if card is not None:
            table = card.query_one("#card-evidence", DataTable)
            if table.has_focus and table.row_count:
                selected = table.cursor_row + 1  # the article's link comes first
        self.gather_links(article_id, claim, selected)

    def _visible_card(self) -> ClaimCard | None:
        tab = self.tabs.active
        wanted = {"articles": "#article-card", "claims": "#claims-card", "check": "#draft-card"}
        return self.main.query_one(wanted[tab], ClaimCard) if tab in wanted else None

    def on_links_found(self, message: LinksFound) -> None:
        if not message.links:
            self.notify(
                "No links here: this article has no web address (add 'url:' to its front "
                "matter) and the claim has no evidence rows.",
                severity="warning",
            )
            return
        self.push_screen(LinksScreen(message.links, message.selected))

    def action_fetch(self) -> None:
        self.fetch()

    # -- command palette ---------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, action, help_text in self.ACTIONS:
            yield SystemCommand(title, help_text, partial(self.run_action, action))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def make_app(
    settings: Settings | None = None,
    *,
    db_path: str | Path | None = None,
    data_dir: Path | None = None,
    build: bool = True,
    first_run: bool = True,
    fetch_transport: httpx.AsyncBaseTransport | None = None,
    checker_factory: Callable[[Store], Any] | None = None,
) -> ClaimcheckApp:
    """Build the app for the CLI, the tests and the screenshot script alike.

    `build=False` opens the store as it is (no bundled-data load); `first_run=False` skips
    checking the bundled samples when the store has no articles.
    """
    if settings is None:
        settings = Settings.load(db_path)
    elif db_path is not None:
        settings = Settings(db_path=Path(db_path), data_dir=settings.data_dir)
    if data_dir is not None:
        settings = Settings(db_path=settings.db_path, data_dir=Path(data_dir))
    return ClaimcheckApp(
        settings,
        build=build,
        first_run=first_run,
        fetch_transport=fetch_transport,
        checker_factory=checker_factory,
    )


__all__ = ["ClaimcheckApp", "make_app"]
