"""User-supplied text is escaped everywhere (DESIGN.md §6, issue 4 point 7).

A generic walker: it crawls the demo (every plugin enabled) anonymously and as an admin, finds
every form with an HTML parser, fills every free-text field with XSS payloads (a script tag, an
attribute break-out with an ``onerror`` handler, a ``javascript:`` URL, a template expression)
and sends it with its CSRF token, as a browser would. Then it reads the answer to each form and
every page of the site again, and fails on any payload that came back unescaped. Forms are
sent twice: once with payloads everywhere (the error page shows them back), once with
plausible values elsewhere (an e-mail field gets an address) so that the payloads are stored
and shown on other pages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import User
from pnyx.testing.crawl import Control, Form, Page, crawl, endpoint_of

pytestmark = pytest.mark.pnyx_plugins("*")

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>ssti:{{7*7}}:end'
URL_PAYLOAD = "javascript:alert(1)"
#: What the payload looks like once escaped by Jinja: the proof that it was shown at all.
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
#: Forms the walker leaves alone: signing out would end the walk.
SKIPPED_ENDPOINTS = ("pnyx_auth.sign_out", "pnyx_accounts.sign_out")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster")


class UnescapedFinder(HTMLParser):
    """Reads a page as a browser would and lists what a payload made executable."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        for name, value in attributes:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and value.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}> javascript: URL")
        if tag == "img" and ("src", "x") in attributes:
            self.found.append("<img src=x> injected")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(1)" in data:
            self.found.append("<script>alert(1)</script> injected")


def unescaped(html: str) -> list[str]:
    finder = UnescapedFinder()
    finder.feed(html)
    finder.close()
    if "ssti:49:end" in html:
        finder.found.append("{{7*7}} was evaluated by a template")
    return finder.found


def payload_for(control: Control, plausible: bool, serial: int) -> str:
    """The value typed into a free-text field."""
    if not plausible:
        return PAYLOAD
    name = control.name.lower()
    if control.type == "email" or name.endswith("email"):
        return f"xss{serial}@example.org"
    if control.type == "url" or name.endswith("url"):
        return URL_PAYLOAD
    if "slug" in name or control.attributes.get("pattern"):
        return f"xss-{serial}"
    if control.type == "password":
        return f"{PAYLOAD} long enough password {serial}"
    value = f"{PAYLOAD} {serial}"
    limit = control.attributes.get("maxlength", "")
    return value[: int(limit)] if limit.isdigit() else value


def filled(form: Form, plausible: bool, serial: int) -> MultiDict[str, str]:
    typed = {control.name: control for control in form.text_controls}
    data: MultiDict[str, str] = MultiDict()
    for name, value in form.default_data():
        control = typed.get(name)
        data.add(name, payload_for(control, plausible, serial) if control else value)
    return data


def forms_to_fill(pages: list[Page], app) -> Iterator[Form]:  # type: ignore[no-untyped-def]
    """Each distinct form with free text once: by method, endpoint and field names."""
    seen = set()
    for page in pages:
        for form in page.forms:
            path = urlsplit(form.action).path
            endpoint = endpoint_of(app, path, form.method.upper())
            names = tuple(sorted(c.name for c in form.controls if c.name))
            key = (form.method, endpoint, names)
            if not form.text_controls or endpoint in SKIPPED_ENDPOINTS or key in seen:
                continue
            seen.add(key)
            yield form


def submit(client, form: Form, data: MultiDict[str, str]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    parts = urlsplit(form.action)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if form.method == "post":
        response = client.post(path, data=data, follow_redirects=True)
    else:
        response = client.get(parts.path, query_string=data, follow_redirects=True)
    return response.status_code, response.get_data(as_text=True)


def sign_in_as(client, session, email: str) -> None:  # type: ignore[no-untyped-def]
    client.sign_in(session.scalar(select(User).where(User.email == email)))


def walk_forms(client, pages: list[Page], serials: Iterator[int]) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    """Send every form twice; the problems found in the answers, and how many showed a payload."""
    problems, shown = [], 0
    for form in forms_to_fill(pages, client.application):
        for plausible in (False, True):
            status, html = submit(client, form, filled(form, plausible, next(serials)))
            where = f"{form.method.upper()} {form.action}"
            if status >= 500:
                problems.append(f"{where}: answered {status}")
            problems += [f"{where}: {problem}" for problem in unescaped(html)]
            shown += ESCAPED in html
    return problems, shown


def test_payloads_in_every_form_field_come_back_escaped(client, session) -> None:
    seed_demo(session)
    admin, resident = (account.email for account in DEMO_ACCOUNTS)
    serials = itertools.count(1)

    anonymous_pages = crawl(client, ["/", "/sign-in", "/sign-up"], limit=100)
    problems, reflected = walk_forms(client, anonymous_pages, serials)
    for email in (resident, admin):
        sign_in_as(client, session, email)
        pages = crawl(client, ["/", "/admin/"], limit=200)
        found, shown = walk_forms(client, pages, serials)
        problems += found
        reflected += shown

    stored = []
    client.sign_out()
    visitors = [None, admin]
    for visitor in visitors:
        if visitor:
            sign_in_as(client, session, visitor)
        for page in crawl(client, ["/", "/admin/"], limit=400, per_endpoint=20):
            problems += [f"GET {page.url}: {problem}" for problem in unescaped(page.text)]
            if page.status >= 500:
                problems.append(f"GET {page.url}: answered {page.status}")
            if ESCAPED in page.text:
                stored.append(page.url)

    assert not problems, "unescaped payloads:\n" + "\n".join(problems)
    # The walk proves something only if the payloads were shown back, and stored somewhere.
    assert reflected >= 3, "too few forms showed the payloads back"
    assert stored, "no page showed a stored payload"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p><script>alert(1)</script></p>", "<script>alert(1)</script> injected"),
        ('<input value=""><img src=x onerror=alert(1)>">', "event handler"),
        ('<a href=" JavaScript:alert(1)">x</a>', "javascript: URL"),
        ("<p>ssti:49:end</p>", "evaluated by a template"),
    ],
)
def test_the_finder_sees_each_unescaped_payload(html: str, problem: str) -> None:
    assert any(problem in found for found in unescaped(html))


def test_escaped_payloads_are_not_reported() -> None:
    escaped = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
        'ssti:{{7*7}}:end</p><input value="&lt;script&gt;&#34;&gt;&lt;img src=x onerror=x&gt;">'
    )
    assert unescaped(escaped) == []
    assert re.search(re.escape(ESCAPED), escaped)
