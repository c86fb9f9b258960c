"""Walk an app's pages like a visitor: follow same-site links, read the forms.

Cross-cutting tests use it to check every page without listing them: valid
HTML, escaped user text, accessibility in a browser (``tests/``)::

    pages = crawl(client, ["/", "/admin/"], limit=200, per_endpoint=1)
    for page in pages:
        for form in page.forms: ...

Pages are deduplicated by endpoint (``per_endpoint`` pages per view function),
so a list with a thousand items costs a few requests, not a thousand.
"""

from __future__ import annotations

import contextvars
from collections import Counter, deque
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import attrs
from flask import Flask
from werkzeug.exceptions import HTTPException

#: Paths never followed: static files (not pages) and downloads.
SKIPPED_PREFIXES = ("/static/", "/theme/")


@attrs.define
class Control:
    """One form control: ``input`` (with its ``type``), ``textarea``, ``select`` or ``button``."""

    tag: str
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    #: A select's ``(value, selected)`` options.
    options: list[tuple[str, bool]] = attrs.field(factory=list)
    #: Every attribute of the element (``maxlength``, ``pattern``, ``required``...).
    attributes: dict[str, str] = attrs.field(factory=dict)


@attrs.define
class Form:
    """A form as the browser would submit it (``action`` resolved against the page's URL)."""

    action: str
    method: str
    controls: list[Control] = attrs.field(factory=list)

    @property
    def text_controls(self) -> list[Control]:
        """The controls where a person types free text."""
        typed = ("text", "search", "email", "url", "tel", "password")
        return [
            c
            for c in self.controls
            if c.name and (c.tag == "textarea" or (c.tag == "input" and c.type in typed))
        ]

    def default_data(self) -> list[tuple[str, str]]:
        """What submitting the form untouched sends (first submit button included)."""
        data: list[tuple[str, str]] = []
        submitted = False
        for control in self.controls:
            is_button = control.type in ("submit", "button", "image", "reset")
            if is_button or control.tag == "button":
                # An unnamed first submit button still is the one pressed: a "preview"
                # button after an unnamed "Save" must not be sent (docs/rich-text.md).
                if control.type == "submit" and not submitted:
                    if control.name:
                        data.append((control.name, control.value))
                    submitted = True
                continue
            if not control.name:
                continue
            if control.tag == "select":
                chosen = [v for v, selected in control.options if selected] or [
                    v for v, _ in control.options[:1]
                ]
                data += [(control.name, value) for value in chosen]
            elif control.type in ("checkbox", "radio"):
                if control.checked:
                    data.append((control.name, control.value or "on"))
            elif control.type != "file":
                data.append((control.name, control.value))
        return data


@attrs.define
class Page:
    """A crawled page: where it is, its answer, and what it links to."""

    url: str
    status: int
    content_type: str
    text: str
    #: The page that linked here (``None`` for a start URL).
    found_on: str | None = None
    links: list[str] = attrs.field(factory=list)
    forms: list[Form] = attrs.field(factory=list)
    #: Where a redirect points.
    location: str | None = None
    headers: dict[str, str] = attrs.field(factory=dict)

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


class _PageParser(HTMLParser):
    """Collects links and forms; forgiving, as a browser is (validity is checked elsewhere)."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs_}
        if tag == "a" and "href" in attributes:
            self.links.append(urljoin(self.url, attributes["href"]))
        elif tag == "form":
            action = urljoin(self.url, attributes.get("action") or self.url)
            self._form = Form(action, (attributes.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None:
            self._control(tag, attributes)

    def _control(self, tag: str, attributes: dict[str, str]) -> None:
        assert self._form is not None
        name = attributes.get("name", "")
        if tag == "input":
            kind = attributes.get("type", "text").lower()
            checked = "checked" in attributes
            value = attributes.get("value", "")
            self._form.controls.append(Control(tag, name, kind, value, checked, [], attributes))
        elif tag == "button":
            kind = attributes.get("type", "submit").lower()
            value = attributes.get("value", "")
            self._form.controls.append(Control(tag, name, kind, value, attributes=attributes))
        elif tag == "textarea":
            self._textarea = Control(tag, name, "textarea", attributes=attributes)
            self._form.controls.append(self._textarea)
        elif tag == "select":
            self._select = Control(tag, name, "select", attributes=attributes)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()  # </option> is optional
            self._option = [attributes.get("value"), "selected" in attributes, ""]
            self._select.options.append(("", False))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "option":
            self._close_option()

    def _close_option(self) -> None:
        if self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select.options[-1] = (text.strip() if value is None else value, selected)
        self._option = None


def parse_page(url: str, html: str) -> tuple[list[str], list[Form]]:
    """The links (absolute, fragments included) and forms of an HTML page."""
    parser = _PageParser(url)
    parser.feed(html)
    parser.close()
    return parser.links, parser.forms


def local_path(url: str, base: str = "http://localhost") -> str | None:
    """The path and query of a same-site URL, without its fragment; ``None`` for another site."""
    parts = urlsplit(urljoin(base + "/", url))
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def endpoint_of(app: Flask, path: str, method: str = "GET") -> str | None:
    """The endpoint that serves ``path``, or ``None`` when no rule matches."""
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(urlsplit(path).path, method=method)
    except HTTPException:
        return None
    return str(endpoint)


def crawl(
    client: Any,
    start: Iterable[str],
    *,
    limit: int = 200,
    per_endpoint: int = 1,
    skip: Iterable[str] = (),
    base: str = "http://localhost",
) -> list[Page]:
    """GET ``start`` and every same-site page linked from them, breadth first.

    At most ``per_endpoint`` pages per view function and ``limit`` pages in all;
    paths starting with one of ``skip`` (or a static prefix) are not followed.
    ``client`` is a Flask test client (or anything whose ``get`` returns a
    response with ``status_code``, ``content_type`` and ``get_data``).
    """
    app: Flask = client.application
    skipped = (*SKIPPED_PREFIXES, *skip)
    queue: deque[tuple[str, str | None]] = deque((path, None) for path in start)
    seen: set[str] = set()
    per: Counter[str] = Counter()
    pages: list[Page] = []
    while queue and len(pages) < limit:
        path, found_on = queue.popleft()
        if path in seen or path.startswith(skipped):
            continue
        seen.add(path)
        endpoint = endpoint_of(app, path) or f"unrouted:{path}"
        if per[endpoint] >= per_endpoint:
            continue
        per[endpoint] += 1
        page = fetch(client, path, found_on, base)
        pages.append(page)
        for link in [*page.links, *([page.location] if page.location else [])]:
            linked = local_path(link, base)
            if linked is not None and linked not in seen:
                queue.append((linked, path))
    return pages


def fetch(
    client: Any, path: str, found_on: str | None = None, base: str = "http://localhost"
) -> Page:
    """GET one page (a redirect is recorded, not followed) and parse it when it is HTML.

    The request runs and is read in a fresh context: a streamed download (a CSV
    export) is read where its request context was pushed, even while a test
    holds an app context of its own (the ``session`` fixture).
    """
    return contextvars.Context().run(_fetch, client, path, found_on, base)


def _fetch(client: Any, path: str, found_on: str | None, base: str) -> Page:
    response = client.get(path)
    content_type = response.content_type or ""
    text = response.get_data(as_text=True) if content_type.startswith("text/html") else ""
    response.close()
    page = Page(path, response.status_code, content_type, text, found_on)
    page.headers = dict(response.headers)
    if 300 <= response.status_code < 400:
        page.location = response.headers.get("Location")
    if page.is_html:
        page.links, page.forms = parse_page(f"{base}{path}", text)
    return page
