"""Rich text: a small, safe Markdown subset rendered on the server.

Long texts (space and phase descriptions, official answers, minutes, project
descriptions) are stored as written, one text per language, and rendered when
shown. Two independent layers, so a bug in one is not a hole: markdown-it-py
renders CommonMark with raw HTML *disabled* (``<script>`` in the source comes
out as text), images disabled and only ``http``, ``https`` and ``mailto``
links; nh3 (ammonia) then keeps an allow-list of tags, attributes and URL
schemes on its output, and sets every link's ``rel``.

Plain text written before rich text existed renders the same: ``breaks`` keeps
single line breaks, blank lines still separate paragraphs, and bare web
addresses (``https://…``) become links (linkify-it-py).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from pnyx.i18n import translated

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
    | {"h2", "h3", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: ``rel`` of links written by residents: no ranking credit, no access to the opener.
RESIDENT_REL = "nofollow ugc noopener"
#: ``rel`` of links written by staff of the organization.
STAFF_REL = "noopener"
#: Headings start at <h3> by default: most pages show a text under a heading of level 2.
TOP = 3


@functools.cache
def _parser() -> MarkdownIt:
    options = {"html": False, "linkify": True, "typographer": False, "breaks": True}
    parser = MarkdownIt("commonmark", options).enable("linkify")
    # Only addresses written with their scheme become links: "fichier.py" stays text.
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    parser.disable("image")  # no remote images: they would track readers
    parser.core.ruler.push("pnyx_nest_headings", _nest_headings)
    return parser


def _nest_headings(state: Any) -> None:
    """Renumber headings from ``env["top"]``, each at most one level under its parent,
    so the page's outline stays sound whatever level the author wrote."""
    top = state.env.get("top", TOP)
    open_levels: list[tuple[int, int]] = []  # (written level, shown level)
    for token in state.tokens:
        if token.type == "heading_open":
            written = int(token.tag[1])
            while open_levels and open_levels[-1][0] >= written:
                open_levels.pop()
            shown = min(open_levels[-1][1] + 1 if open_levels else top, 6)
            open_levels.append((written, shown))
            token.tag = f"h{shown}"
        elif token.type == "heading_close" and open_levels:
            token.tag = f"h{open_levels[-1][1]}"


#: Rendered texts remembered per process (rendering is a pure function of the text): a
#: description, a page or the latest minutes are shown on every view and rendered once.
#: Bounded: at most this many texts (and their HTML) per cache, least recently used out.
RENDERED_TEXTS = 512


def render_rich_text(source: str | None, *, top: int = TOP, ugc: bool = True) -> Markup:
    """Safe HTML for ``source`` (the Markdown subset); headings start at ``top``.

    ``ugc=True`` (the default, the safe choice) marks links as written by
    residents (``rel="nofollow ugc noopener"``); pass ``False`` for texts only
    staff can write.
    """
    if not source or not source.strip():
        return Markup("")
    return Markup(_rendered(source, max(2, min(top, 6)), ugc))


@functools.lru_cache(maxsize=RENDERED_TEXTS)
def _rendered(source: str, top: int, ugc: bool) -> str:
    rendered = _parser().render(source.replace("\r\n", "\n"), {"top": top})
    return nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=RESIDENT_REL if ugc else STAFF_REL,
        strip_comments=True,
    )


def rich_translated(
    value: Mapping[str, Any] | str | None,
    locale: str | None = None,
    *,
    top: int = TOP,
    ugc: bool = True,
) -> Markup:
    """A translated field (``{"fr": …, "en": …}``) in the reader's language, as rich text."""
    return render_rich_text(translated(value, locale), top=top, ugc=ugc)


def rich_text_excerpt(value: Mapping[str, Any] | str | None, length: int = 240) -> str:
    """A translated rich text as plain words (for cards, lists, search), cut at ``length``."""
    source = translated(value)
    if not source.strip():
        return ""
    words = _plain_words(source)
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"


@functools.lru_cache(maxsize=RENDERED_TEXTS)
def _plain_words(source: str) -> str:
    text = nh3.clean(_parser().render(source), tags=set())
    return " ".join(html.unescape(text).split())
