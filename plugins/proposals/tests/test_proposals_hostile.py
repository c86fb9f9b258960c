"""Hostile Markdown and HTML, posted through the form, on every page that shows proposals.

Each page is parsed as a browser would and checked for anything that runs:
script-like elements, event-handler attributes, ``javascript:``/``data:`` URLs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.markdown import render
from pnyx_proposals.models import Proposal

TITLE = '"><script>alert("title")</script><img src=x onerror=alert(1)>'
BODY = """# Hello <script>alert("body")</script>

<img src=x onerror=alert(2)> <iframe src="https://evil.example"></iframe>
<svg onload=alert(3)></svg> <a href="javascript:alert(4)">click</a>
[link](javascript:alert(5)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org)
![pixel](https://tracker.example/p.png) <style>body{display:none}</style>
<div style="background:url(javascript:alert(6))">styled</div>
`<b>code</b>` **bold**
[spaced](  jAvAsCrIpT:alert(7)) <a href="&#106;avascript:alert(8)">entity</a>
"""
ADDRESS = '<script>alert("address")</script>'
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "img", "base"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class Checker(HTMLParser):
    """Collects everything in a page that a browser would run or load from the content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            text = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction") and text.startswith(
                DANGEROUS_SCHEMES
            ):
                self.problems.append(f"{tag}[{name}={value}]")
            if name == "style" and ("url(" in text or "expression" in text):
                self.problems.append(f"{tag}[style={value}]")


def problems(page: str) -> list[str]:
    checker = Checker()
    checker.feed(page)
    checker.close()
    return checker.problems


def test_the_renderer_alone() -> None:
    html = str(render(BODY))
    assert problems(html) == []
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer ugc">ok</a>' in html
    assert "<h3>Hello" in html  # headings shifted under the page's own
    assert "<strong>bold</strong>" in html and "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html


@pytest.fixture
def hostile(
    client: PnyxClient,
    session: Session,
    url: str,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
    component: api.Component,
) -> Proposal:
    """A hostile proposal posted through the form, answered, reported, and a hostile draft."""
    set_settings(global_={"address_enabled": True, "reports_to_hide": 0})
    author = make_user(name='<script>alert("name")</script>')
    client.sign_in(author)
    form = {"title": TITLE, "body": BODY, "address": ADDRESS, "intent": "publish"}
    assert client.post_form(f"{url}new", form).status_code == 302
    client.post_form(f"{url}new", form | {"intent": "draft"})
    proposal = session.scalars(select(Proposal).where(Proposal.published_at.is_not(None))).one()
    proposal.answer_state = proposal.state = "accepted"
    proposal.answer_text = {"en": BODY, "fr": BODY}
    proposal.answer_published_at = api.utcnow()
    session.commit()
    client.sign_in(make_user())
    report = {"reason": "spam", "details": '<script>alert("details")</script>'}
    client.post_form(f"{url}{proposal.id}/report", report)
    return proposal


def test_hostile_content_never_runs_on_any_page(
    client: PnyxClient,
    url: str,
    admin_url: str,
    hostile: Proposal,
    make_user: Callable[..., api.User],
) -> None:
    author_pages = [
        url,
        f"{url}{hostile.id}/",
        f"{url}{hostile.id + 1}/",
        f"{url}{hostile.id + 1}/edit",
    ]
    public_pages = [url, f"{url}{hostile.id}/", f"{url}?q=script", f"{url}{hostile.id}/report", "/"]
    admin_pages = [
        admin_url,
        f"{admin_url}{hostile.id}/answer",
        f"{admin_url}moderation",
        "/admin/proposals/moderation",
        f"{admin_url}statistics",
    ]
    checked = 0
    for who, pages in (
        (hostile.author_id, author_pages),
        (make_user().id, public_pages),
        (make_user(roles=["admin"]).id, admin_pages),
    ):
        client.sign_in(who)  # type: ignore[arg-type]
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            assert problems(response.text) == [], page
            checked += 1
    assert checked == 14


def test_hostile_text_is_shown_as_text(
    client: PnyxClient, url: str, hostile: Proposal, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    page = client.get(f"{url}{hostile.id}/").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#34;address&#34;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in page
    listing = client.get(url).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in listing


def test_exports_are_data_not_pages(client: PnyxClient, url: str, hostile: Proposal) -> None:
    response = client.get(f"{url}open-data.json")
    assert response.mimetype == "application/json"
    [row] = json.loads(response.text)
    assert row["title"] == TITLE  # kept exactly, for whoever reuses the data
    csv = client.get(f"{url}open-data.csv")
    assert csv.mimetype == "text/csv" and "attachment" in csv.headers["Content-Disposition"]
