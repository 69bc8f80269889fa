"""The app's start-up path, and the store and registry it reads from worker threads.

The first screen never waits for the heavy part: the article list comes from a plain
read-only sqlite3 query (`reader`), and only once the first article is on screen does the
start-up thread import the Store (sqlite-utils) and bring the bundled data up to date, which
would otherwise compete with drawing for the one Python thread that runs at a time.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App

from claimcheck.services import reader
from claimcheck.services.app import RegistryInfo
from claimcheck.tui.messages import Progress, StoreOpened, StoreReady, WorkFailed

if TYPE_CHECKING:
    from claimcheck.config import Settings
    from claimcheck.services.stores import Store


class StartupMixin(App[None]):
    """Opens the store at start (building it from the bundled data if new) and gives worker
    threads their own store connections and the shared registry."""

    settings: Settings
    build: bool
    first_run: bool

    # set by the app's __init__
    store_ready: threading.Event  # the store exists and its bundled data is current
    first_screen: threading.Event  # the first article (or the empty list) is drawn
    warm_checker: threading.Event  # a first run: the samples will be checked
    registry_info: RegistryInfo

    def open_store(self) -> Store:
        """A fresh connection for the calling thread (SQLite connections stay in their thread)."""
        # imported here, in the worker thread, so the first screen does not wait for
        # sqlite-utils (and the numpy it pulls in) to load
        from claimcheck.services.stores import Store

        return Store(self.settings.db_path)

    # the app's view of the registry; tests replace these with fixed answers
    def model_orgs(self) -> dict[str, str]:
        return self.registry_info.model_orgs()

    def model_info(self, model_id: str) -> dict[str, Any] | None:
        return self.registry_info.model_info(model_id)

    def benchmark_infos(self) -> dict[str, Any]:
        """The registry's benchmarks by id (display names, headline metrics); {} without one."""
        return self.registry_info.benchmark_infos()

    def registry_models(self) -> list[tuple[str, str]]:
        return self.registry_info.models()

    def first_screen_shown(self) -> None:
        """The first article (or the empty list) is drawn: background work may start."""
        self.first_screen.set()

    @work(thread=True, exit_on_error=False, group="startup")
    def start_up(self) -> None:
        """Show what the store holds at once, then bring the bundled data up to date.

        A new store is drawn as the empty list with a notice while it is copied from the
        template store (built once per bundled data, and the first time on a machine built
        here); then the samples are checked into it, the checker having loaded spaCy
        meanwhile. An update of the bundled data shows a notice too.
        """
        path = self.settings.db_path
        if self.build and not path.exists() and not path.is_symlink():
            self._new_store()
        articles = reader.articles(path)
        if articles is not None:
            self.post_message(StoreOpened(articles))
            # a stalled first screen (a test that never shows one) must not stop the build
            self.first_screen.wait(timeout=3)
        try:
            articles = self._open(articles)
        except Exception as exc:  # noqa: BLE001 - shown to the user; each check says it again
            self.post_message(WorkFailed("open the store", str(exc)))
            return
        finally:
            self.store_ready.set()  # checks asked for meanwhile run now (or fail visibly)
        self.post_message(StoreReady(check_samples=not articles and self.first_run))

    def _open(self, articles: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        """Open the store (drawing its articles if the quick read could not) and bring its
        bundled data up to date; the articles it holds."""
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
        return articles

    def _new_store(self) -> None:
        """A first run: draw the empty list with a notice, and copy the store from the
        template built once per bundled data (building the template if this machine has
        none). The samples will be checked into the store, so the checker may start
        loading what does not need the store in the meantime."""
        from claimcheck.services.stores import create_from_template

        self.post_message(StoreOpened([]))
        self.post_message(Progress("Building the store from the bundled data…"))
        if self.first_run:
            self.warm_checker.set()
        try:
            create_from_template(self.settings.db_path, self.settings.data_dir)
        except Exception as exc:  # noqa: BLE001 - the Store below builds it the slow way
            self.post_message(WorkFailed("copy the bundled store", str(exc)))
