"""What the app needs from the program that the other services do not offer.

The app reads the registry for its model view and palette, warms the checker up while a new
store is built, loads the files it is asked to check, and exports what the store holds (an
article, the claims view as filtered, everything) as a report. Every stage is imported inside
the function that needs it: the app imports this module before its first screen is drawn, and
that screen must not wait for spaCy or sqlite-utils.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.models import CheckedClaim, CheckedDocument, Document

if TYPE_CHECKING:
    from claimcheck.store import Store

__all__ = [
    "EXPORT_SCOPES",
    "SAMPLE_SUFFIXES",
    "RegistryInfo",
    "article_origin",
    "documents_from_rows",
    "export_documents",
    "load_document",
    "sample_files",
    "warm_up",
    "write_export",
]

SAMPLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


class RegistryInfo:
    """The model/benchmark registry, loaded once on first use by whichever thread asks first.

    The app works without it (with less detail): a registry that cannot be loaded answers
    every question with nothing.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._registry: Any = None
        self._lock = threading.Lock()

    def registry(self) -> Any:
        """The loaded registry, or None if it cannot be loaded."""
        with self._lock:
            if self._registry is None:
                try:
                    from claimcheck.registry import load_registry

                    self._registry = load_registry(self.data_dir)
                except Exception:  # noqa: BLE001 - the app works without it, with less detail
                    self._registry = False
            return self._registry or None

    def model_orgs(self) -> dict[str, str]:
        """Each model id's organisation."""
        registry = self.registry()
        return {} if registry is None else {mid: m.org for mid, m in registry.models.items()}

    def model_info(self, model_id: str) -> dict[str, Any] | None:
        """One model's registry entry as a dict, or None if the registry does not know it."""
        registry = self.registry()
        model = registry.models.get(model_id) if registry is not None else None
        return asdict(model) if model is not None else None

    def benchmark_infos(self) -> dict[str, Any]:
        """The registry's benchmarks by id (display names, headline metrics)."""
        registry = self.registry()
        return dict(registry.benchmarks) if registry is not None else {}

    def models(self) -> list[tuple[str, str]]:
        """(id, name) of every model, by name."""
        registry = self.registry()
        if registry is None:
            return []
        return sorted(((mid, m.name) for mid, m in registry.models.items()), key=lambda x: x[1])


def warm_up() -> None:
    """Load spaCy and the name ruler for the default registry (what a Checker builds without
    the store), so a checker built later starts sooner. A failure is left for that build
    to report."""
    try:
        from claimcheck.extract import get_nlp

        get_nlp()
    except Exception:  # noqa: BLE001 - building the checker later reports the problem
        return


def sample_files(data_dir: Path) -> list[Path]:
    """The bundled sample announcements, by name."""
    folder = data_dir / "samples"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)


def load_document(path: Path) -> Document:
    """A txt, md or html file as a Document (front matter read, HTML turned into text)."""
    from claimcheck.documents import load_document as load

    return load(str(path))


# -- exporting what the store holds ----------------------------------------------------------

EXPORT_SCOPES = ("article", "filtered", "all")


def article_origin(article: dict[str, Any]) -> tuple[str, str]:
    """(public URL, publisher) of a stored article: its front matter, else its web address."""
    from claimcheck.documents import document_origin
    from claimcheck.services.export import web_url

    url, author = document_origin(article.get("text") or "")
    return url or web_url(article.get("url")) or "", author


def documents_from_rows(
    articles: Sequence[dict[str, Any]],
    claims: Sequence[dict[str, Any]],
    *,
    keep_empty: bool = False,
) -> list[CheckedDocument]:
    """Stored rows back into `CheckedDocument`s for a report, articles in the given order.

    Only claims in `claims` are kept, so a filtered claims view exports exactly what it shows;
    `keep_empty` keeps the articles none of them belong to (an export of everything).
    """
    from claimcheck.store import claim_from_record, verdict_from_record

    by_article: dict[str, list[CheckedClaim]] = {}
    for row in claims:
        by_article.setdefault(row["article_id"], []).append(
            CheckedClaim(claim=claim_from_record(row), verdict=verdict_from_record(row))
        )
    docs = []
    for a in articles:
        cl = by_article.get(a["id"])
        if cl is None and not keep_empty:
            continue
        url, author = article_origin(a)
        doc = Document(
            text=a.get("text") or "",
            path=a.get("url") or "",
            title=a.get("title") or "",
            date=a.get("published"),
            source=a.get("source") or "",
            url=url,
            author=author,
        )
        docs.append(CheckedDocument(document=doc, claims=tuple(cl or ())))
    return docs


def export_documents(
    store: Store,
    scope: str,
    article_id: str | None = None,
    shown: list[dict[str, Any]] | None = None,
) -> list[CheckedDocument]:
    """What an export of `scope` holds: the article `article_id` ("article"), the claims
    `shown` in the claims view ("filtered"; every claim if it was never opened) with their
    articles, or every stored article ("all")."""
    if scope not in EXPORT_SCOPES:
        raise ValueError(f"unknown export scope {scope!r}")
    if scope == "article":
        if article_id is None:
            raise ValueError("no article is selected")
        claims = store.checked_claims(article_id)
        articles = [a for a in [store.article(article_id)] if a]
    else:
        claims = shown if scope == "filtered" and shown is not None else store.checked_claims()
        ids = list(dict.fromkeys(c["article_id"] for c in claims))
        if scope == "all":
            ids = [a["id"] for a in store.articles()]
        articles = [a for a in (store.article(i) for i in ids) if a]
    # an article without claims is still part of "everything" and of "this article"
    return documents_from_rows(articles, claims, keep_empty=scope != "filtered")


def write_export(
    path: Path,
    docs: Sequence[CheckedDocument],
    fmt: str,
    *,
    orgs: dict[str, str] | None = None,
    overwrite: bool = False,
) -> None:
    """Render `docs` as `fmt` and write the report whole or not at all; never replace a file
    the user did not confirm."""
    from claimcheck.services.export import render, write_report

    output = render(list(docs), fmt, orgs=orgs)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists (it appeared after the dialog closed)")
    write_report(path, output)
