"""Security headers on every answer, and pages that the CSP does not have to break.

Every page the demo shows (anonymously and to an admin, every plugin enabled) carries a
Content-Security-Policy that allows only the site itself and no framing, and holds nothing the
policy would refuse: no inline script, no inline style, no resource from another site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx import create_app
from pnyx.demo import DEMO_ACCOUNTS, seed_demo
from pnyx.models import User
from pnyx.testing.crawl import Page, crawl
from pnyx.web.security import CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY

pytestmark = pytest.mark.pnyx_plugins("*")

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
#: What the browser would load or send elsewhere: a link to another site is fine, a resource is not.
EXTERNAL = re.compile(
    r"""<(?:(?:img|script|iframe|audio|video|source|embed|track)\b[^>]*\ssrc"""
    r"""|link\b[^>]*\shref|form\b[^>]*\saction)=["']?(?:https?:)?//""",
    re.I,
)


def policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def demo_pages(client, session) -> list[Page]:
    seed_demo(session)
    pages = crawl(client, ["/"], limit=100)
    admin = session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0].email))
    client.sign_in(admin)
    return pages + crawl(client, ["/", "/admin/"], limit=200)


@pytest.mark.parametrize(
    ("html", "external"),
    [
        ('<img alt="" src="https://cdn.example.org/x.png">', True),
        ('<link rel="stylesheet" href="//fonts.example.org/css">', True),
        ('<form method="post" action="https://elsewhere.example.org/">', True),
        ('<a href="https://visio.example.org/meeting">Join</a>', False),
        ('<img alt="" src="/static/angers/logo.svg">', False),
    ],
)
def test_external_resources_are_recognised(html: str, external: bool) -> None:
    assert bool(EXTERNAL.search(html)) is external


def test_policy_allows_only_the_site_itself() -> None:
    directives = policy(CONTENT_SECURITY_POLICY)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for name, values in directives.items():
        assert set(values) <= {"'self'", "'none'"}, f"{name} allows {values}"


def test_every_page_has_the_security_headers(demo_pages: list[Page]) -> None:
    assert len(demo_pages) >= 5
    for page in demo_pages:
        headers = page.headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, page.url
        assert headers["Referrer-Policy"] == "same-origin", page.url
        assert "camera=()" in headers["Permissions-Policy"], page.url
        assert headers["X-Content-Type-Options"] == "nosniff", page.url
        assert headers["X-Frame-Options"] == "DENY", page.url
        assert "Strict-Transport-Security" not in headers, "HSTS only in production"


def test_pages_hold_nothing_the_policy_refuses(demo_pages: list[Page]) -> None:
    problems = []
    for page in (p for p in demo_pages if p.is_html):
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("event handler attribute", EVENT_HANDLER),
            ("resource from another site", EXTERNAL),
        ):
            found = pattern.search(page.text)
            if found:
                problems.append(f"{page.url}: {name}: {found.group(0)!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nowhere", 404), ("POST", "/locale", 400), ("GET", "/static/pnyx.css", 200)],
)
def test_error_pages_and_static_files_have_the_headers(client, method, path, status) -> None:
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "Permissions-Policy" in response.headers


def test_production_adds_strict_transport_security(tmp_path: Path) -> None:
    app = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": "7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a",
            "PUBLIC_URL": "https://participez.example.org",
            "ALLOW_SQLITE_IN_PRODUCTION": True,
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    response = app.test_client().get("/static/pnyx.css")
    assert response.headers["Strict-Transport-Security"] == STRICT_TRANSPORT_SECURITY
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_a_view_may_set_a_stricter_policy(app) -> None:
    @app.get("/stricter")
    def stricter():  # type: ignore[no-untyped-def]
        return "", 200, {"Content-Security-Policy": "default-src 'none'"}

    response = app.test_client().get("/stricter")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
