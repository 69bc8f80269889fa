"""Screens pushed over the main view: help, export and open-file dialogs, and the model view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    DataTable,
    DirectoryTree,
    Footer,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from claimcheck.tui.data import fmt_diff, fmt_score, model_rows, one_line
from claimcheck.tui.messages import ModelLoaded

if TYPE_CHECKING:
    from claimcheck.tui.app import ClaimcheckApp

SCOPES = (
    ("article", "Current article"),
    ("filtered", "Filtered claims view"),
    ("all", "Everything"),
)


class HelpScreen(ModalScreen[None]):
    """Every binding in the app, built from the bindings themselves so it cannot go stale."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label(Text("claimcheck — keys", style="bold"), id="help-title")
            table: DataTable[Any] = DataTable(
                id="help-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("where", "key", "does")
            for where, bindings in self.sections:
                for key, description in bindings:
                    table.add_row(
                        Text(where, style="dim"), Text(key, style="bold"), Text(description)
                    )
            yield table
            yield Static(
                Text(
                    "ctrl+p opens the command palette: every action is there too. "
                    "Claims search understands verdict: flag: org: model: bench: since: until:."
                ),
                id="help-note",
            )

    def on_mount(self) -> None:
        self.query_one("#help-table").focus()


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    scope: str
    path: Path
    overwrite: bool = False  # the user saw that the file exists and chose to replace it


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Choose what to export, the report format and where to write it.

    An existing file is never replaced silently: the dialog says so, and only a second
    Export of the same path replaces it.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, scope: str = "article", default_dir: Path | None = None, fmt: str = "md"
    ) -> None:
        super().__init__()
        self.scope = scope
        # every report format, with its suffix: the table `check --format` reads (imported
        # when the dialog opens, not at the app's start)
        from claimcheck.services.export import REPORT_FORMATS

        self.formats = REPORT_FORMATS
        self.default_dir = default_dir or Path.cwd()
        self.fmt = fmt if fmt in self.formats else "md"
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Label(Text("Export a report", style="bold"))
            with RadioSet(id="export-scope"):
                for key, label in SCOPES:
                    yield RadioButton(label, value=key == self.scope, name=key)
            yield Select(
                [(f"{f.name}: {f.description}", f.name) for f in self.formats.values()],
                value=self.fmt,
                allow_blank=False,
                id="export-format",
            )
            yield Label(Text("Write to:"), classes="field-label")
            yield Input(value=str(self._default_path(self.fmt)), id="export-path")
            yield Label(Text(""), id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def _default_path(self, fmt: str) -> Path:
        return self.default_dir / f"claimcheck-report.{self.formats[fmt].suffix}"

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value or str(self._default_path(self.fmt)))
        if isinstance(event.value, str):
            path_input.value = str(path.with_suffix("." + self.formats[event.value].suffix))

    @on(Button.Pressed, "#export-ok")
    @on(Input.Submitted, "#export-path")
    def _ok(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        error = self.query_one("#export-error", Label)
        if not raw:
            error.update(Text("Give a file path.", style="red"))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            error.update(Text("That is a directory; give a file name.", style="red"))
            return
        overwrite = False
        if path.exists():
            if self._confirmed != path:
                self._confirmed = path
                error.update(
                    Text(
                        f"{one_line(path.name, 50)} exists. Export again to replace it, "
                        "or change the path.",
                        style="bold yellow",
                    )
                )
                return
            overwrite = True
        pressed = self.query_one("#export-scope", RadioSet).pressed_button
        scope = pressed.name if pressed is not None and pressed.name else self.scope
        fmt = self.query_one("#export-format", Select).value
        self.dismiss(ExportRequest(fmt=str(fmt), scope=scope, path=path, overwrite=overwrite))

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        typed = Path(event.value.strip()).expanduser()
        if self._confirmed is not None and typed != self._confirmed:
            self._confirmed = None  # another path must be confirmed afresh
            self.query_one("#export-error", Label).update(Text(""))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


class LinksScreen(ModalScreen[None]):
    """The article's URL and each evidence row's source (the pinned leaderboard file)."""

    BINDINGS = [
        Binding("enter,o", "open_link", "Open"),
        Binding("c,y", "copy_link", "Copy"),
        Binding("escape,q", "dismiss", "Close"),
    ]

    def __init__(self, links: list[Link], selected: int = 0) -> None:
        super().__init__()
        self.links = links
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="links-box", classes="dialog"):
            yield Label(Text("Links: enter opens in the browser, c copies", style="bold"))
            options = []
            for i, link in enumerate(self.links):
                prompt = Text(one_line(link.label, 70), style="bold")
                prompt.append("\n" + one_line(link.url, 200), style="dim")
                options.append(Option(prompt, id=str(i)))
            yield OptionList(*options, id="links-list")
            yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#links-list", OptionList)
        options.highlighted = min(self.selected, len(self.links) - 1)
        options.focus()

    @property
    def current(self) -> Link | None:
        index = self.query_one("#links-list", OptionList).highlighted
        return self.links[index] if index is not None and index < len(self.links) else None

    @on(OptionList.OptionSelected, "#links-list")
    def _selected(self) -> None:
        self.action_open_link()

    def action_open_link(self) -> None:
        link = self.current
        if link is not None:
            self.app.open_url(link.url)
            self.app.notify(f"Opening {one_line(link.url, 80)}", markup=False)

    def action_copy_link(self) -> None:
        link = self.current
        if link is not None:
            self.app.copy_to_clipboard(link.url)
            self.app.notify(f"Copied {one_line(link.url, 80)}", markup=False)


class _DocumentTree(DirectoryTree):
    """Directories and the file types claimcheck can read."""

    def filter_paths(self, paths: Any) -> list[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".")
            and (p.is_dir() or p.suffix.lower() in {".txt", ".md", ".markdown", ".html", ".htm"})
        ]


class OpenFileScreen(ModalScreen[Path | None]):
    """Pick a txt/md/html file to check: type a path or browse."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="open-box", classes="dialog"):
            yield Label(Text("Open a file to check (txt, md, html)", style="bold"))
            yield Input(placeholder="path/to/announcement.md", id="open-path")
            yield _DocumentTree(self.start, id="open-tree")
            yield Label(Text(""), id="open-error")

    def on_mount(self) -> None:
        self.query_one("#open-path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self.query_one("#open-error", Label).update(
                Text(f"No such file: {one_line(str(path), 60)}", style="red")
            )
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ModelScreen(Screen[None]):
    """Everything the store knows about a model: independent vs self-reported, per benchmark."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("tab", "focus_next", "Next pane", show=False),
    ]

    def __init__(self, model_ids: list[str], current: str | None = None) -> None:
        super().__init__()
        self.model_ids = model_ids
        self.current = current or (model_ids[0] if model_ids else None)

    @property
    def capp(self) -> ClaimcheckApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="model-body"):
            models = OptionList(
                *[Option(Text(one_line(m)), id=m) for m in self.model_ids], id="model-list"
            )
            models.border_title = "Models in this claim"
            yield models
            with VerticalScroll(id="model-detail"):
                yield Static(Text(""), id="model-info")
                table: DataTable[Any] = DataTable(
                    id="model-evals", cursor_type="row", zebra_stripes=True
                )
                # the numbers come right after the name so they show in 80 columns
                table.add_columns(
                    "benchmark", "indep.", "self", "gap", "metric", "source", "date", "setting"
                )
                yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.current:
            self.load_model(self.current)
            options = self.query_one("#model-list", OptionList)
            if self.current in self.model_ids:
                options.highlighted = self.model_ids.index(self.current)
        self.query_one("#model-evals").focus()

    @on(OptionList.OptionHighlighted, "#model-list")
    def _model_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.current:
            self.current = event.option.id
            self.load_model(event.option.id)

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self, model_id: str) -> None:
        info = self.capp.model_info(model_id)
        with self.capp.open_store() as store:
            evaluations = store.evaluations(model_ids=[model_id])
        rows = model_rows(evaluations, self.capp.benchmark_infos())
        self.post_message(ModelLoaded(model_id, info, evaluations, rows))

    def on_model_loaded(self, message: ModelLoaded) -> None:
        info = message.info or {}
        head = Text(one_line(info.get("name") or message.model_id), style="bold")
        head.append(f"  {one_line(message.model_id)}", style="dim")
        # one line of facts and one of aliases, so the table keeps the room in 80×24
        details = [
            one_line(str(value))
            for value in (
                info.get("org"),
                info.get("family") and f"family {info['family']}",
                info.get("release_date") and f"released {info['release_date']}",
                info.get("variant"),
                _weights(info.get("open_weights")),
            )
            if value
        ]
        if details:
            head.append("\n" + " · ".join(details))
        if info.get("aliases"):
            head.append("\nalso called: ", style="dim")
            head.append(one_line(", ".join(info["aliases"]), 60))
        independent = [e for e in message.evaluations if e.kind == "independent"]
        reported = [e for e in message.evaluations if e.kind != "independent"]
        head.append(
            f"\n{len(independent)} independent and {len(reported)} self-reported numbers",
            style="italic",
        )
        head.append(
            "\ngap: indep. − self, same benchmark, headline metric · dim: other metrics",
            style="dim",
        )
        self.query_one("#model-info", Static).update(head)
        self.query_one("#model-detail").border_title = one_line(
            info.get("name") or message.model_id
        )
        table = self.query_one("#model-evals", DataTable)
        table.clear()
        for r in message.rows:
            # other metrics (edit-format rates, raw vs length-controlled) are shown but dimmed
            # and never compared; unresolved benchmark names are marked, and never compared
            style = "" if r.headline else "dim"
            bench = Text(one_line(r.benchmark, 26), style=style)
            if not r.resolved:
                bench.append(" (unresolved)", style="italic yellow")
            score = Text(fmt_score(r.score), justify="right", style=style)
            blank = Text("")
            table.add_row(
                bench,
                score if r.independent else blank,
                blank if r.independent else score,
                Text(fmt_diff(r.gap) if r.gap is not None else "", justify="right"),
                Text(one_line(r.metric, 34), style=style or "italic"),
                Text(one_line(r.source, 24), style=style),
                Text(one_line(r.as_of), style=style),
                Text(one_line(r.setting, 40) or "–", style=style),
            )


def _weights(value: Any) -> str | None:
    return None if value is None else ("open weights" if value else "closed weights")
