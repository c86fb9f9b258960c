"""A word-level diff of two texts, rendered as accessible HTML.

Built on the standard library's :class:`difflib.SequenceMatcher` over words and
the white space between them (docs/decisions.md, "Amendments: a word diff with
difflib"). Removed words are wrapped in ``<del>`` and added words in ``<ins>``,
each opened by a visually hidden label ("removed:", "added:") and closed by an
end label, so a screen reader announces them and the browser's own strike-through
and underline show them without relying on colour.
"""

from __future__ import annotations

import difflib
import re

import attrs
from markupsafe import Markup, escape

from pnyx import api

#: Words and the white space between them, kept so the text reads as written.
TOKENS = re.compile(r"\s+|[^\s]+")
#: Beyond this many words on either side, the diff is shown by lines (still readable,
#: and SequenceMatcher stays fast on a cheap server).
MAX_WORDS = 20_000


@attrs.frozen
class Diff:
    """The rendered diff and how many words were added and removed."""

    html: Markup
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def tokens(text: str) -> list[str]:
    return TOKENS.findall(text)


def _words(parts: list[str]) -> int:
    return sum(1 for part in parts if not part.isspace())


def _render(parts: list[str]) -> Markup:
    """Text with its line breaks kept (``<br>``), escaped."""
    return Markup("<br>\n").join(escape(line) for line in "".join(parts).split("\n"))


def _marked(tag: str, label: str, parts: list[str], language: str = "") -> Markup:
    """``parts`` inside ``<ins>``/``<del>`` with its labels; white space at either end stays
    outside, so the marks cover words only. ``language``: the words' own, when it is not the
    diff's (the labels stay in the page's language)."""
    start, stop = 0, len(parts)
    while start < stop and parts[start].isspace():
        start += 1
    while stop > start and parts[stop - 1].isspace():
        stop -= 1
    end = api._("end of addition") if tag == "ins" else api._("end of removal")
    text = _render(parts[start:stop])
    if language:
        text = Markup('<span lang="{}">{}</span>').format(language, text)
    marked = Markup(
        '<{tag}><span class="visually-hidden">[{label} </span>{text}'
        '<span class="visually-hidden"> {end}]</span></{tag}>'
    ).format(tag=Markup(tag), label=label, text=text, end=end)
    return _render(parts[:start]) + marked + _render(parts[stop:])


def word_diff(old: str, new: str, old_language: str = "", new_language: str = "") -> Diff:
    """The difference from ``old`` to ``new``, word by word.

    The diff reads in ``new``'s language (its container says so); when ``old`` was written in
    another, its removed words are marked with ``old_language`` (WCAG 3.1.2: a French
    version compared with a Corsican one)."""
    removed_language = old_language if old_language != new_language else ""
    before, after = tokens(old), tokens(new)
    if max(len(before), len(after)) > MAX_WORDS:
        before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    pieces: list[Markup] = []
    added = removed = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or not (_words(before[a1:a2]) or _words(after[b1:b2])):
            # Only white space moved (a space became a line break): no change to mark.
            pieces.append(_render(after[b1:b2]))
            continue
        if op in ("delete", "replace"):
            removed += _words(before[a1:a2])
            pieces.append(_marked("del", api._("removed:"), before[a1:a2], removed_language))
        if op in ("insert", "replace"):
            added += _words(after[b1:b2])
            pieces.append(_marked("ins", api._("added:"), after[b1:b2]))
    return Diff(Markup("").join(pieces), added, removed)
