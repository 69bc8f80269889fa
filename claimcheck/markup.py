"""HTML and Markdown to text, for the two stages that read them: files and the web.

`documents` reads announcements from disk and `sources` fetches them; both turn HTML into
Markdown through trafilatura (tables kept as pipe tables, which the vendor-table parser reads),
both refuse to build a tree for a page of millions of tags, and both know a Markdown file's
YAML front matter. One copy of each rule lives here, below both stages, so a page read from a
file and the same page fetched become the same text.
"""

from __future__ import annotations

import re

# trafilatura's time grows faster than the number of elements (4 s at 55,000 tags, 19 s at
# 110,000, 113 s at 274,000), and a tree walk in Python costs seconds per million: an
# announcement has a few thousand, so a page with more is read without building a tree
MAX_TREE_TAGS = 50_000


def too_many_tags(html: str) -> bool:
    """More tags (or stray "<") than a page should be built into a tree for."""
    return html.count("<") > MAX_TREE_TAGS


_SKIPPED = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template)\b[^<>]{0,2000}>.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAGS = re.compile(
    r"</?(?:p|div|li|h[1-6]|br|hr|tr|table|thead|tbody|section|article|ul|ol|blockquote|pre)"
    r"\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
_CELL_TAGS = re.compile(r"</?t[dh]\b[^<>]{0,2000}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")


def strip_tags(html: str) -> str:
    """A page's text by regular expressions alone, each linear: scripts, styles and comments
    dropped, block tags made paragraph breaks, table cells kept apart, entities decoded."""
    import html as html_lib

    text = _SKIPPED.sub(" ", html)
    text = _CELL_TAGS.sub(" | ", text)
    text = _BLOCK_TAGS.sub("\n\n", text)
    text = html_lib.unescape(_ANY_TAG.sub(" ", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def extract_markdown(html: str, url: str | None = None) -> str | None:
    """trafilatura's main text of a page as Markdown, tables kept; None when it finds none.

    Recall over precision: a benchmark table or a footnote with the evaluation setting is
    worth more here than a clean page. Links, images and comments are left out, and nothing
    is deduplicated (a repeated row of a results table is still a row). May raise on hostile
    HTML; the callers decide what a crash costs.
    """
    import trafilatura

    return trafilatura.extract(
        html,
        url=url,
        output_format="markdown",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def front_matter(text: str) -> str | None:
    """The YAML front matter block of a Markdown text (between the `---` lines), or None.

    Callers read its few fields by pattern rather than as YAML (python-frontmatter): front
    matter written by hand is often not valid YAML (`title: Qwen2.5: faster` is a YAML error)
    and its title and date are still wanted.
    """
    match = FRONT_MATTER.match(text)
    return match.group(1) if match else None


def strip_front_matter(text: str) -> str:
    """A Markdown text without its front matter (a model card's metadata is not prose)."""
    match = FRONT_MATTER.match(text)
    return text[match.end() :].lstrip("\r\n") if match else text
