"""The Textual app: a thin shell over the store and the checking pipeline.

The UI thread only draws. Reading the store happens in short thread workers (each opens its
own SQLite connection); checking text happens in one long-lived checker worker that owns the
expensive pipeline objects (registry, spaCy, evaluation index) and takes jobs from a queue, so
they are built once and never shared across threads.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import DataTable, Footer, TabbedContent, TabPane
from textual.worker import get_current_worker

from claimcheck.config import Settings
from claimcheck.tui import reader
from claimcheck.tui.data import (
    article_links,
    claim_models,
    documents_from_rows,
    one_line,
    rows_from_checked,
)
from claimcheck.tui.messages import (
    ArticleChecked,
    ArticlesLoaded,
    DraftChecked,
    ExportFinished,
    FetchFinished,
    LinksFound,
    Progress,
    StoreOpened,
    WorkFailed,
)
from claimcheck.tui.screens import (
    ExportRequest,
    ExportScreen,
    HelpScreen,
    Link,
    LinksScreen,
    ModelScreen,
    OpenFileScreen,
)
from claimcheck.tui.views import ArticlesView, CheckView, ClaimsView
from claimcheck.tui.widgets import ClaimCard, WorkStatus

if TYPE_CHECKING:
    import httpx

    from claimcheck.store import Store

SAMPLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


class ModelCommands(Provider):
    """Command palette entries for every model in the registry ("Model: GPT-4o")."""

    async def startup(self) -> None:
        import asyncio

        app = self.app
        assert isinstance(app, ClaimcheckApp)
        self.models = await asyncio.to_thread(app.registry_models)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.app
        assert isinstance(app, ClaimcheckApp)
        for model_id, name in self.models:
            label = f"Model: {name} ({model_id})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(app.open_models, [model_id]),
                    help="Everything the store knows about this model",
                )

    async def discover(self) -> Hits:
        app = self.app
        assert isinstance(app, ClaimcheckApp)
        for model_id, name in self.models[:20]:
            yield DiscoveryHit(f"Model: {name}", partial(app.open_models, [model_id]))


class ClaimcheckApp(App[None]):
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
        self.fetch_transport = fetch_transport  # tests fetch through a mock transport
        self.checker_factory = checker_factory  # tests may judge with a stand-in checker
        self.theme = settings.preferences.theme
        self._jobs: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        self._store_ready = threading.Event()
        self._first_screen = threading.Event()
        self._warm_checker = threading.Event()  # a first run: the samples will be checked
        self._model_registry: Any = None
        self._model_registry_lock = threading.Lock()

    # -- store and registry access (called from worker threads) -----------------------------

    def open_store(self) -> Store:
        """A fresh connection for the calling thread (SQLite connections stay in their thread)."""
        # imported here, in the worker thread, so the first screen does not wait for
        # sqlite-utils (and the numpy it pulls in) to load
        from claimcheck.store import Store

        return Store(self.settings.db_path)

    def registry(self) -> Any:
        """The model/benchmark registry, loaded once; None if it cannot be loaded."""
        with self._model_registry_lock:
            if self._model_registry is None:
                try:
                    from claimcheck.registry import load_registry

                    self._model_registry = load_registry(self.settings.data_dir)
                except Exception:  # noqa: BLE001 - the app works without it, with less detail
                    self._model_registry = False
            return self._model_registry or None

    def model_orgs(self) -> dict[str, str]:
        registry = self.registry()
        if registry is None:
            return {}
        return {mid: m.org for mid, m in registry.models.items()}

    def model_info(self, model_id: str) -> dict[str, Any] | None:
        registry = self.registry()
        model = registry.models.get(model_id) if registry is not None else None
        return asdict(model) if model is not None else None

    def benchmark_infos(self) -> dict[str, Any]:
        """The registry's benchmarks by id (display names, headline metrics); {} without one."""
        registry = self.registry()
        return dict(registry.benchmarks) if registry is not None else {}

    def registry_models(self) -> list[tuple[str, str]]:
        registry = self.registry()
        if registry is None:
            return []
        return sorted(((mid, m.name) for mid, m in registry.models.items()), key=lambda x: x[1])

    # -- layout ----------------------------------------------------------------------------

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
        self._startup()
        self._checker_service()

    # -- startup and the checker service ------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="startup")
    def _startup(self) -> None:
        """Show what the store holds at once, then bring the bundled data up to date.

        The first screen never waits for the heavy part: the article list comes from a plain
        read-only sqlite3 query, and only once the first article is on screen does this
        thread import the Store (sqlite-utils) and check the bundled data, which would
        otherwise compete with drawing for the one Python thread that runs at a time. A new
        store is drawn as the empty list with a notice while it is copied from the template
        store (built once per bundled data, and the first time on a machine built here);
        then the samples are checked into it, the checker having loaded spaCy meanwhile. An
        update of the bundled data shows a notice too.
        """
        path = self.settings.db_path
        if self.build and not path.exists() and not path.is_symlink():
            self._new_store()
        articles = reader.articles(path)
        if articles is not None:
            self.post_message(StoreOpened(articles))
            # a stalled first screen (a test that never shows one) must not stop the build
            self._first_screen.wait(timeout=3)
        with self.open_store() as store:
            if articles is None:
                articles = store.articles()
                self.post_message(StoreOpened(articles))
            if self.build:
                notice = not articles or not store.bundled_is_current(self.settings.data_dir)
                if notice:
                    label = "Building the store" if not articles else "Updating the store"
                    self.post_message(Progress(f"{label} from the bundled data…"))
                try:
                    store.ensure_bundled(self.settings.data_dir)
                except Exception as exc:  # noqa: BLE001 - shown to the user, the app goes on
                    self.post_message(WorkFailed("load the bundled data", str(exc)))
                if notice:
                    self.post_message(Progress("", finished=True))
        self._store_ready.set()
        if not articles and self.first_run:
            self._jobs.put(("samples",))

    def _new_store(self) -> None:
        """A first run: draw the empty list with a notice, and copy the store from the
        template built once per bundled data (building the template if this machine has
        none). The samples will be checked into the store, so the checker may start
        loading what does not need the store in the meantime (see `_warm_up`)."""
        from claimcheck.store import create_from_template

        self.post_message(StoreOpened([]))
        self.post_message(Progress("Building the store from the bundled data…"))
        if self.first_run:
            self._warm_checker.set()
        try:
            create_from_template(self.settings.db_path, self.settings.data_dir)
        except Exception as exc:  # noqa: BLE001 - the Store below builds it the slow way
            self.post_message(WorkFailed("copy the bundled store", str(exc)))

    def first_screen_shown(self) -> None:
        """The first article (or the empty list) is drawn: background work may start."""
        self._first_screen.set()

    def _warm_up(self) -> None:
        """Load spaCy, the registry and the name ruler (what a Checker builds without the
        store) while the store is being built, so the first sample's verdicts come sooner."""
        if self.checker_factory is not None:
            return
        try:
            from claimcheck.extract import get_nlp

            get_nlp()  # cached for the default registry, the one Checker uses
        except Exception:  # noqa: BLE001 - building the checker later reports the problem
            return

    def make_checker(self, store: Store) -> Any:
        """The pipeline's Checker (built once per thread that checks), or the test's stand-in."""
        if self.checker_factory is not None:
            return self.checker_factory(store)
        from claimcheck.pipeline import Checker

        return Checker(store)

    def samples(self) -> list[Path]:
        folder = self.settings.data_dir / "samples"
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)

    @work(thread=True, exit_on_error=False, group="checker")
    def _checker_service(self) -> None:
        """Run check jobs one at a time; the store and the checker live in this thread."""
        worker = get_current_worker()
        warmed = False
        while not self._store_ready.wait(0.05):
            if worker.is_cancelled:
                return
            if not warmed and self._warm_checker.is_set() and self._first_screen.is_set():
                warmed = True
                self._warm_up()
        store: Store | None = None
        checker: Any = None
        try:
            while not worker.is_cancelled:
                try:
                    job = self._jobs.get(timeout=0.1)
                except queue.Empty:
                    continue
                if job is None:
                    break
                job = self._latest_draft(job)
                try:
                    if store is None:
                        store = self.open_store()
                    if checker is None:
                        self.post_message(Progress("Loading the checker…"))
                        checker = self.make_checker(store)
                        self.post_message(Progress("", finished=True))
                    self._run_job(job, store, checker)
                except Exception as exc:  # noqa: BLE001 - one failed job never stops the app
                    self.post_message(Progress("", finished=True))
                    if job[0] == "draft":
                        job[3].post_message(DraftChecked(job[1], [], error=str(exc)))
                    else:
                        self.post_message(WorkFailed(_JOB_NAMES.get(job[0], job[0]), str(exc)))
        finally:
            if store is not None:
                store.close()

    def _latest_draft(self, job: tuple[Any, ...]) -> tuple[Any, ...]:
        """Skip draft checks that a newer edit has already replaced."""
        if job[0] != "draft":
            return job
        pending: list[tuple[Any, ...] | None] = []
        while True:
            try:
                nxt = self._jobs.get_nowait()
            except queue.Empty:
                break
            if nxt is not None and nxt[0] == "draft":
                job = nxt
            else:
                pending.append(nxt)
        for other in pending:
            self._jobs.put(other)
        return job

    def _run_job(self, job: tuple[Any, ...], store: Store, checker: Any) -> None:
        kind = job[0]
        if kind == "samples":
            paths = self.samples()
            for i, path in enumerate(paths):
                self.post_message(Progress(f"Checking sample {path.name}", i, len(paths)))
                self._check_and_save(store, checker, path, select=i == 0)
            self.post_message(Progress("Samples checked", len(paths), len(paths), finished=True))
        elif kind == "file":
            path = job[1]
            self.post_message(Progress(f"Checking {path.name}"))
            self._check_and_save(store, checker, path, select=True)
            self.post_message(Progress("", finished=True))
        elif kind == "draft":
            _, seq, text, view = job
            checked = checker.check_text(text)
            view.post_message(DraftChecked(seq, rows_from_checked(checked)))
        elif kind == "documents":
            docs = job[1]
            for i, doc in enumerate(docs):
                self.post_message(Progress(f"Checking {one_line(doc.title, 40)}", i, len(docs)))
                checked = checker.check_document(doc)
                aid = store.save(checked)
                self.post_message(ArticleChecked(aid, doc.title))
            self.post_message(Progress("", finished=True))

    def _check_and_save(self, store: Store, checker: Any, path: Path, *, select: bool) -> None:
        document = _load_document(path)
        checked = checker.check_document(document)
        aid = store.save(checked)
        self.post_message(ArticleChecked(aid, document.title, select=select))

    def check_draft(self, seq: int, text: str, view: CheckView) -> None:
        if not text.strip():
            view.post_message(DraftChecked(seq, []))
            return
        self._jobs.put(("draft", seq, text, view))

    def on_unmount(self) -> None:
        self._jobs.put(None)

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
                self._jobs.put(("file", path))

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

    @work(thread=True, exit_on_error=False, group="export")
    def export(
        self,
        request: ExportRequest,
        article_id: str | None = None,
        shown: list[dict[str, Any]] | None = None,
    ) -> None:
        """Write a report: the article shown, the claims view as filtered, or everything."""
        try:
            from claimcheck.report import render

            with self.open_store() as store:
                if request.scope == "article":
                    if article_id is None:
                        raise ValueError("no article is selected")
                    claims = store.checked_claims(article_id)
                    articles = [a for a in [store.article(article_id)] if a]
                else:
                    if request.scope == "filtered" and shown is not None:
                        claims = shown
                    else:
                        claims = store.checked_claims()
                    ids = list(dict.fromkeys(c["article_id"] for c in claims))
                    if request.scope == "all":
                        ids = [a["id"] for a in store.articles()]
                    articles = [a for a in (store.article(i) for i in ids) if a]
            # an article without claims is still part of "everything" and of "this article"
            docs = documents_from_rows(articles, claims, keep_empty=request.scope != "filtered")
            output = render(docs, request.fmt, orgs=self.model_orgs())
            _write_new(request.path, output, overwrite=request.overwrite)
        except Exception as exc:  # noqa: BLE001 - a failed export is a notification
            self.post_message(WorkFailed(f"export to {request.path}", str(exc)))
            return
        self.post_message(
            ExportFinished(
                request.path, len(docs), sum(len(d.claims) for d in docs), fmt=request.fmt
            )
        )

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
        self._gather_links(article_id, claim, selected)

    def _visible_card(self) -> ClaimCard | None:
        tab = self.tabs.active
        wanted = {"articles": "#article-card", "claims": "#claims-card", "check": "#draft-card"}
        return self.main.query_one(wanted[tab], ClaimCard) if tab in wanted else None

    @work(thread=True, exclusive=True, exit_on_error=False, group="links")
    def _gather_links(
        self, article_id: str | None, claim: dict[str, Any] | None, selected: int
    ) -> None:
        links: list[Link] = []
        article = None
        if article_id and article_id != "draft":
            read = reader.article_with_claims(self.settings.db_path, article_id)
            article = read[0] if read else None
        if article is not None:
            url, _ = article_links(article)
            if url:
                title = one_line(article.get("title"), 60) or "the article"
                links.append(Link(f"Article: {title}", url))
            else:
                selected -= 1  # no article link heads the list
        evidence = list((claim or {}).get("evidence") or ())
        missing = [e.get("snapshot") for e in evidence if not e.get("source_url")]
        pinned = reader.snapshot_urls(self.settings.db_path, [m for m in missing if m])
        from claimcheck.report import web_url

        for e in evidence:
            source = web_url(e.get("source_url") or pinned.get(e.get("snapshot") or ""))
            if source:
                bench, where = one_line(e.get("benchmark"), 30), one_line(e.get("source"))
                links.append(Link(f"Evidence: {bench} · {where}", source))
        self.post_message(LinksFound(links, max(selected, 0)))

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
        self._fetch()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch")
    def _fetch(self) -> None:
        """Fetch every stored source; fetch_sources stores and checks each new article itself."""
        from claimcheck.services.ingest import ensure_bundled_sources, fetch_sources

        self.post_message(Progress("Fetching sources…"))
        seen = 0
        expected = 0

        def progress(event: Any) -> None:
            nonlocal seen, expected
            if event.total:
                expected += event.total
            if event.outcome in {"new", "changed", "unchanged", "failed"}:
                seen += 1
            label = f"{event.source}: {event.outcome} {event.detail}"
            self.post_message(Progress(label, seen, max(expected, seen)))
            if event.outcome in {"new", "changed"}:
                # new articles appear in the list as soon as they are stored
                self.post_message(ArticleChecked("", event.detail))

        try:
            with self.open_store() as store:
                if not store.sources():
                    ensure_bundled_sources(store)
                summary = fetch_sources(
                    store,
                    store.sources(),
                    progress=progress,
                    transport=self.fetch_transport,
                    checker=self.make_checker(store) if self.checker_factory else None,
                )
        except Exception as exc:  # noqa: BLE001 - network trouble is a notification
            self.post_message(Progress("", finished=True))
            self.post_message(WorkFailed("fetch", str(exc)))
            return
        for error in summary.errors[:3]:
            self.post_message(WorkFailed("fetch", error))
        text = (
            f"Fetched {summary.new} new and {summary.changed} changed articles "
            f"({summary.unchanged} unchanged)"
        )
        failed = summary.failed + summary.failed_sources
        self.post_message(FetchFinished(summary.new + summary.changed, failed, text))

    # -- command palette ---------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, action, help_text in self.ACTIONS:
            yield SystemCommand(title, help_text, partial(self.run_action, action))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _write_new(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a report whole or not at all; never replace a file the user did not confirm."""
    from claimcheck.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists (it appeared after the dialog closed)")
    write_atomic(path, text)


_JOB_NAMES = {
    "samples": "check the bundled samples",
    "file": "check the file",
    "documents": "check",
}


def _load_document(path: Path) -> Any:
    from claimcheck.documents import load_document

    return load_document(str(path))


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
