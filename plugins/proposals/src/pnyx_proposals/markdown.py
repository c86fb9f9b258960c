"""Proposal bodies: Markdown rendered, then sanitised, never trusted.

Two independent layers, so a bug in one is not a hole: markdown-it-py renders
CommonMark with raw HTML *disabled* (``<script>`` in the source comes out as
text) and refuses ``javascript:`` and ``data:`` links; nh3 (ammonia) then
keeps only an allow-list of tags, attributes and URL schemes on its output.
Headings are renumbered under the page's own: the first level a body uses
becomes ``top`` (``<h3>`` under the page's ``<h2>``), and no level is skipped
whatever the author wrote, so the page's outline stays sound.
"""

from __future__ import annotations

import functools
import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Headings start at <h3>: pages show a body under a heading of level 2.
TOP = 3


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")  # no remote images: they would track readers
    parser.core.ruler.push("proposals_nest_headings", _nest_headings)
    return parser


def _nest_headings(state: object) -> None:
    """Renumber headings from ``env["top"]``, each at most one level under its parent."""
    top = state.env.get("top", TOP)  # type: ignore[attr-defined]
    open_levels: list[tuple[int, int]] = []  # (written level, shown level)
    for token in state.tokens:  # type: ignore[attr-defined]
        if token.type == "heading_open":
            written = int(token.tag[1])
            while open_levels and open_levels[-1][0] >= written:
                open_levels.pop()
            shown = min(open_levels[-1][1] + 1 if open_levels else top, 6)
            open_levels.append((written, shown))
            token.tag = f"h{shown}"
        elif token.type == "heading_close" and open_levels:
            token.tag = f"h{open_levels[-1][1]}"


def render(source: str, top: int = TOP) -> Markup:
    """Safe HTML for ``source`` (Markdown written by anyone); headings start at ``top``."""
    rendered = _parser().render(source or "", {"top": max(2, min(top, 6))})
    cleaned = nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )
    return Markup(cleaned)


def plain_text(source: str, length: int = 280) -> str:
    """The body as plain text (for lists, search and exports), cut at ``length``."""
    text = nh3.clean(_parser().render(source or ""), tags=set())
    words = " ".join(html.unescape(text).split())
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"
