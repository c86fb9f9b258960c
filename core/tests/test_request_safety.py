"""Signed-in pages are never cached, the locale cookie follows production's rules, an
outage of Redis or the database is told plainly (issue 11, item 13)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import g
from sqlalchemy.exc import IntegrityError

from pnyx import api, create_app
from pnyx.db import get_session
from pnyx.models import User

PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": "7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a",
    "PUBLIC_URL": "https://participez.example.org",
    "ALLOW_SQLITE_IN_PRODUCTION": True,
    "DATABASE_URL": "sqlite://",
}


def test_signed_in_pages_are_private_and_never_stored(client, sign_in, make_user) -> None:
    sign_in(client, make_user())
    for path in ("/", "/account", "/nowhere"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "private, no-store", path
        assert "Cookie" in response.headers["Vary"]


def test_anonymous_pages_and_static_files_are_not_marked_private(client, sign_in, make_user):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    sign_in(client, make_user())
    assert "no-store" not in client.get("/static/pnyx.css").headers.get("Cache-Control", "")


def locale_cookie(app) -> str:
    response = app.test_client().post_form("/locale", data={"locale": "en", "next": "/"})
    assert response.status_code == 302
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("pnyx_locale="))


def test_locale_cookie_is_secure_in_production_only(app, tmp_path: Path) -> None:
    from pnyx.testing.client import PnyxClient

    assert "Secure" not in locale_cookie(app)
    production = create_app({**PRODUCTION, "INSTANCE_PATH": str(tmp_path)})
    production.test_client_class = PnyxClient
    cookie = locale_cookie(production)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


class TestRedisOutage:
    @pytest.fixture
    def pnyx_config(self) -> dict[str, str]:
        return {"REDIS_URL": "redis://:hunter2@127.0.0.1:9/3"}  # nothing listens on port 9

    def test_a_redis_outage_is_logged_by_pnyx(self, client, caplog) -> None:
        caplog.set_level(logging.INFO)
        data = {"email": "a@example.org", "password": "x"}
        response = client.post_form("/sign-in", data=data)
        assert response.status_code == 400  # people are still answered
        errors = [r for r in caplog.records if r.name == "pnyx.ratelimit" and r.levelno >= 40]
        assert errors and "is unreachable" in errors[0].getMessage()
        assert "hunter2" not in errors[0].getMessage() and "***" in errors[0].getMessage()


@pytest.mark.parametrize(
    "url", ["sqlite:////nonexistent-folder/pnyx.sqlite3", "postgresql+psycopg://pnyx@127.0.0.1:9/x"]
)
def test_an_unreachable_database_answers_a_styled_503(tmp_path: Path, url: str) -> None:
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "t"})
    for path in ("/", "/spaces/anything"):
        response = app.test_client().get(path, headers={"Accept-Language": "en"})
        page = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert 'class="site-header"' in page and "/static/pnyx.css" in page
        assert "Traceback" not in page and "nonexistent" not in page and "127.0.0.1" not in page


def test_error_page_is_styled_after_a_failed_database_request(
    app, client, sign_in, make_user
) -> None:
    """A view whose flush failed (and which expired the signed-in person) still gets the
    full styled page: the session is rolled back before the page's own queries."""
    make_user(email="taken@example.org")
    sign_in(client, make_user(email="me@example.org", name="Camille"))

    @app.get("/test-fails-in-database")
    @api.requires(api.actions.PUBLIC)
    def fails() -> str:
        session = get_session()
        session.expire(g.user)
        try:
            session.add(User(email="taken@example.org", name="Copy"))
            session.flush()
        except IntegrityError:
            pass  # careless plugin code: swallowed, the session is left failed
        raise RuntimeError("after a failed flush")

    response = client.get("/test-fails-in-database", headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert 'class="site-header"' in page and "Error code: 500" in page and "Camille" in page
