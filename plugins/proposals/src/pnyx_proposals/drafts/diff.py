"""A word-level comparison of two texts, rendered on the server.

Insertions and deletions are ``<ins>`` and ``<del>`` elements that also carry
their meaning in words (a visually hidden "added:" / "removed:" label), so the
difference is not told by colour alone (WCAG 1.4.1) and screen readers announce
it. Words and the spaces between them are the units, so a changed word shows
as one word removed and one added, not as scattered letters.
"""

from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

from pnyx import api

#: Words, runs of spaces (line breaks kept) and single punctuation marks.
TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return TOKENS.findall(text or "")


def _mark(tag: str, label: str, words: list[str]) -> str:
    text = escape("".join(words))
    hidden = f'<span class="visually-hidden">{escape(label)} </span>'
    return f"<{tag}>{hidden}{text}</{tag}>"


def word_diff(before: str, after: str) -> Markup:
    """``after`` compared with ``before``: unchanged words as text, the others marked."""
    old, new = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    added, removed = api._("added:"), api._("removed:")
    parts: list[str] = []
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append(str(escape("".join(old[a1:a2]))))
            continue
        if operation in ("delete", "replace"):
            parts.append(_mark("del", removed, old[a1:a2]))
        if operation in ("insert", "replace"):
            parts.append(_mark("ins", added, new[b1:b2]))
    return Markup("".join(parts))


def changed(before: str, after: str) -> bool:
    return (before or "") != (after or "")
