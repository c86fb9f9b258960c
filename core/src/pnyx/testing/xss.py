"""An XSS corpus for rich-text fields, and a check that a page built from it is inert.

Plugins that store rich text (docs/rich-text.md) write ``RICH_TEXT_XSS_CORPUS`` into
their fields, render their pages and assert ``active_content(html) == []``.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: Attacks written as Markdown by someone: each must come out inert once rendered.
RICH_TEXT_XSS_ATTACKS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert(1)\" onclick='alert(1)'>x</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1) )",
    "[click](&#106;avascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![tracker](https://evil.example/pixel.png)",
    "![svg](data:image/svg+xml,<svg onload=alert(1)>)",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '[t](https://ok.example "x\\" onmouseover=\\"alert(1)")',
    "<details open ontoggle=alert(1)>",
    "[v](vbscript:msgbox(1))",
)
#: The whole corpus as one text, an attack per paragraph and per list item.
RICH_TEXT_XSS_CORPUS = (
    "\n\n".join(RICH_TEXT_XSS_ATTACKS)
    + "\n\n"
    + "\n".join(f"- {attack}" for attack in RICH_TEXT_XSS_ATTACKS)
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "srcdoc")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
#: Elements no rich text may produce; a whole page has its own forms and disclosures.
ACTIVE_TAGS = ("iframe", "object", "embed", "svg", "math", "details", "base", "form")
PAGE_TAGS = ("iframe", "object", "embed", "math", "base")


class _Inspector(HTMLParser):
    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.tags = tags
        self._script = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in self.tags:
            self.found.append(f"<{tag}> element")
        for name, value in attributes:
            text = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}> event handler")
            if name in URL_ATTRIBUTES and text.startswith(DANGEROUS_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}> dangerous URL")
            if tag == "img" and name == "src" and "evil.example" in text:
                self.found.append("remote image written by someone")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(1)" in data:
            self.found.append("<script> with the payload")
        if "display:none" in data and self.lasttag == "style":
            self.found.append("<style> injected")


def active_content(html: str, *, page: bool = False) -> list[str]:
    """What in ``html`` a browser would run or load that the corpus could have put there.

    ``html`` is one rendered rich text, or a whole page with ``page=True`` (its own forms,
    disclosures and icons are then allowed; handlers and dangerous URLs never are)."""
    inspector = _Inspector(PAGE_TAGS if page else ACTIVE_TAGS)
    inspector.feed(html)
    inspector.close()
    return inspector.found
