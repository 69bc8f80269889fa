"""What the app's workers report back to the UI thread.

Workers run SQLite, spaCy and HTTP off the UI thread and never touch widgets; they post one of
these messages and the handler on the UI thread updates the screen. Plain dataclasses, so a
test can construct and post them too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from textual.message import Message

from claimcheck.models import Evaluation
from claimcheck.tui.data import ModelRow


@dataclass
class ArticlesLoaded(Message):
    """The article list (with tallies) was read from the store."""

    bubble: ClassVar[bool] = False  # meant for the widget that asked; never re-handled above

    articles: list[dict[str, Any]]
    select: str | None = None  # an article id to select once shown
    generation: int = 0  # which request this answers (older answers are dropped)


@dataclass
class ArticleLoaded(Message):
    """One article's text and its checked claims were read from the store."""

    bubble: ClassVar[bool] = False  # meant for the widget that asked; never re-handled above

    article: dict[str, Any]
    claims: list[dict[str, Any]]


@dataclass
class ClaimsLoaded(Message):
    """Every stored claim with its verdict, and the organisation of each subject model."""

    bubble: ClassVar[bool] = False  # meant for the widget that asked; never re-handled above

    claims: list[dict[str, Any]]
    orgs: dict[str, str]
    generation: int = 0


@dataclass
class StoreOpened(Message):
    """The store is built and open; the articles it holds so far."""

    articles: list[dict[str, Any]]


@dataclass
class StoreReady(Message):
    """The store's bundled data is current; `check_samples`: it holds no articles yet, so
    the bundled samples are to be checked into it (a first run)."""

    check_samples: bool = False


@dataclass
class Progress(Message):
    """Background work advanced: shown in the status line (total 0 = indeterminate)."""

    label: str
    done: int = 0
    total: int = 0
    finished: bool = False


@dataclass
class ArticleChecked(Message):
    """A document was checked and stored (first-run samples, an opened file, a fetched page)."""

    article_id: str
    title: str
    select: bool = False


@dataclass
class DraftChecked(Message):
    """The paste-and-check pane's text was checked (seq says which edit it answers)."""

    bubble: ClassVar[bool] = False  # meant for the widget that asked; never re-handled above

    seq: int
    claims: list[dict[str, Any]]
    error: str | None = None


@dataclass
class ModelLoaded(Message):
    """Everything the store knows about one model."""

    bubble: ClassVar[bool] = False  # meant for the widget that asked; never re-handled above

    model_id: str
    info: dict[str, Any] | None
    evaluations: list[Evaluation] = field(default_factory=list)
    rows: list[ModelRow] = field(default_factory=list)  # the evaluations as the table lists them


@dataclass
class ExportFinished(Message):
    path: Path
    documents: int
    claims: int
    fmt: str = ""


@dataclass
class LinksFound(Message):
    """The links of the article and claim on screen, for the links dialog."""

    links: list[Any]  # screens.Link
    selected: int = 0


@dataclass
class FetchFinished(Message):
    new: int
    failed: int
    summary: str = ""


@dataclass
class WorkFailed(Message):
    """Background work failed; shown as a notification (the message is plain text)."""

    action: str
    error: str
