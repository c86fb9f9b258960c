"""A comment's text: plain text in, escaped HTML out, where links become links.

Nothing else is markup: every character a person typed is escaped first, then
``http(s)://`` addresses (which the pattern stops at spaces, quotes and angle
brackets, so no attribute can be broken out of) become ``<a rel="nofollow ugc">``
links, blank lines separate paragraphs and single line breaks become ``<br>``.
Mentions (``@name``) are read from the same text.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from pnyx_comments.models import MAX_LENGTH

URL = re.compile(r"https?://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]")
MENTION = re.compile(r"(?<![\w@])@([\w][\w.-]{1,62}[\w])", re.UNICODE)


def clean(body: str) -> str:
    """What is stored: line breaks normalized, control characters and outer spaces removed."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ord(ch) >= 32)
    return text.replace("\x7f", "").strip()


def problem(body: str) -> str | None:
    """Why ``body`` cannot be posted (a message key), or ``None``."""
    if not body:
        return "empty"
    if len(body) > MAX_LENGTH:
        return "too_long"
    return None


def _linked(escaped: str) -> str:
    def link(match: re.Match[str]) -> str:
        # The match is escaped text: ``&amp;`` stays as is inside the attribute.
        url = match.group(0)
        return f'<a href="{url}" rel="nofollow ugc noopener">{url}</a>'

    return URL.sub(link, escaped)


def render(body: str) -> Markup:
    """The comment's HTML: paragraphs, line breaks, links; everything else escaped."""
    paragraphs = [part for part in re.split(r"\n\s*\n", body) if part.strip()]
    html = []
    for paragraph in paragraphs:
        lines = [_linked(str(escape(line))) for line in paragraph.split("\n")]
        html.append("<p>" + "<br>".join(lines) + "</p>")
    return Markup("".join(html))


def mentions(body: str) -> list[str]:
    """The names after ``@`` in ``body``, in order, without repeats."""
    return list(dict.fromkeys(MENTION.findall(body)))
