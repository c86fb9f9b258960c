"""What a page says in its own language, and the catalogue strings that betray a missing
translation: used by the tests that read pages in French, English and Corsican.

    texts = page_texts(html)            # text nodes and read attributes, in the page's language
    leaks = Leaks.for_locale(packages, "co")
    leaks.found_in(texts)               # strings shown in the fallback language (French, English)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import attrs
from babel.messages.catalog import Catalog

from pnyx.i18n import FALLBACK_LOCALES
from pnyx.testing.translations import is_translated, read_catalogue

#: Attributes a person reads or hears (screen readers).
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
#: Words that are English and never French nor Corsican: one of them in such a page is a
#: string that escaped translation (not wrapped in ``_()``, or translated too early).
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
ENGLISH_WORDS = re.compile(r"\b(the|your|you|with|this|is|are|and|of|for|not)\b", re.IGNORECASE)


class PageText(HTMLParser):
    """The text of a page a person reads (and hears), in the page's language: parts
    marked as another language (a language's own name, content in English) are left out."""

    def __init__(self) -> None:
        super().__init__()
        self.languages: list[str] = [""]
        self.hidden = 0  # inside <script> or <style>
        self.texts: list[str] = []

    @property
    def page_language(self) -> str:
        return self.languages[1] if len(self.languages) > 1 else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        language = values.get("lang") or self.languages[-1]
        if language == self.page_language or tag == "html":
            self.texts += [values[a] or "" for a in READ_ATTRIBUTES if values.get(a)]
        if tag not in VOID:
            self.languages.append(language)
            self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.languages) > 1:
            self.languages.pop()
            self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self.languages[-1] == self.page_language and not self.hidden and data.strip():
            # Collapse the source's white space only: no-break spaces are part of the text.
            self.texts.append(HTML_SPACE.sub(" ", data).strip(" \t\n\r\f"))


def page_texts(html: str) -> list[str]:
    reader = PageText()
    reader.feed(html)
    return reader.texts


def _catalogue(package: Path, locale: str) -> Catalog | None:
    if not (package / "translations" / locale).is_dir():
        return None
    return read_catalogue(package, locale)


@attrs.frozen
class Leaks:
    """Strings that show on a page in ``locale`` only when its translation is missing: the
    English msgids and the fallback language's translations that ``locale`` words otherwise
    (not those that are also a translation in ``locale``: French "Vote" is English "Vote").
    ``wholes`` are matched against whole texts, ``phrases`` (three words or more) inside them."""

    wholes: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def for_locale(cls, packages: Iterable[Path], locale: str) -> Leaks:
        found: set[str] = set()
        ours_anywhere: set[str] = set()  # a word of the reader's language is never a leak
        for package in packages:
            own = _catalogue(package, locale)
            fallback_locale = FALLBACK_LOCALES.get(locale)
            fallback = _catalogue(package, fallback_locale) if fallback_locale else None
            # A package without a catalogue for ``locale`` shows every string in its fallback.
            for message in own if own is not None else fallback or ():
                if not isinstance(message.id, str) or not message.id or "%" in message.id:
                    continue
                translated = own is not None and is_translated(message)
                ours = message.string if translated else message.id
                ours_anywhere.add(ours)
                found |= {message.id} if message.id != ours else set()
                other = fallback.get(message.id) if fallback else None
                if other is not None and other.string and other.string != ours:
                    found.add(other.string)
        found -= ours_anywhere
        phrases = tuple(sorted(text for text in found if len(text.split()) >= 3))
        return cls(frozenset(found), phrases)

    def found_in(self, texts: list[str]) -> list[str]:
        leaked = [text for text in texts if text in self.wholes or ENGLISH_WORDS.search(text)]
        return leaked + [p for p in self.phrases if any(p in text for text in texts)]
