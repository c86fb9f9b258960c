"""Signing in and out, blocked accounts, session cookies, and CSRF on every account form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx import create_app
from pnyx.accounts.backoff import FREE_FAILURES
from pnyx.models import ActionLog
from pnyx.testing import DEFAULT_PASSWORD


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def form(email: str, password: str = DEFAULT_PASSWORD) -> dict[str, str]:
    return {"email": email, "password": password}


def test_sign_in_follows_next_and_logs_privately(client, session, make_user) -> None:
    user = make_user(email="camille@example.org", name="Camille")
    client.get("/sign-in")
    token_before = client.csrf_token()

    response = client.post_form("/sign-in?next=/account", form(" Camille@Example.org "))

    assert response.status_code == 302 and response.location == "/account"
    assert "Camille" in client.get("/account").text
    with client.session_transaction() as cookie_session:
        # A new session: whatever was in the cookie before (a planted id) is gone.
        assert cookie_session.get("csrf_token") != token_before
        assert cookie_session["session_version"] == user.session_version
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.account.signed_in"))
    assert entry.actor_id == user.id and entry.visibility == "private"


def test_a_wrong_password_keeps_the_address_and_says_nothing_more(client, make_user) -> None:
    make_user(email="camille@example.org")
    wrong = client.post_form("/sign-in", form("camille@example.org", "not the password"))
    unknown = client.post_form("/sign-in", form("nobody@example.org"))
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "The e-mail address or the password is not right." in response.text
    assert 'value="camille@example.org"' in wrong.text
    assert "not the password" not in wrong.text


@pytest.mark.parametrize(
    ("sent", "messages"),
    [
        (form("", ""), ["Enter your e-mail address.", "Enter your password."]),
        (form("  ", "secret"), ["Enter your e-mail address."]),
        (form("camille@example.org", ""), ["Enter your password."]),
    ],
)
def test_an_empty_field_says_what_it_needs(client, make_user, sent, messages) -> None:
    """Left empty, a field is named: "not right" would send the person looking for a typo.
    Nothing was tried, so nothing counts towards the account's wait."""
    make_user(email="camille@example.org")
    response = client.post_form("/sign-in", sent)
    assert response.status_code == 400
    assert "is not right" not in response.text
    for message in messages:
        field = "email" if "e-mail" in message else "password"
        assert f'<p class="error" id="{field}-error">{message}</p>' in response.text
        assert f'aria-invalid="true" aria-describedby="{field}-error"' in response.text
        assert f'<a href="#{field}">' in response.text  # the error summary links to it
    assert len(messages) == response.text.count('class="error" id=')
    for _ in range(FREE_FAILURES + 1):  # more than the wrong passwords that start a wait
        client.post_form("/sign-in", sent)
    right = client.post_form("/sign-in", form("camille@example.org"))
    assert right.status_code == 302


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_to_another_site(client, make_user, target) -> None:
    make_user(email="camille@example.org")
    response = client.post_form(
        "/sign-in", form("camille@example.org"), query_string={"next": target}
    )
    assert response.status_code == 302 and response.location == "/"


def test_a_blocked_account_cannot_sign_in(client, make_user) -> None:
    make_user(email="blocked@example.org", blocked=True)

    response = client.post_form("/sign-in", form("blocked@example.org"))

    assert response.status_code == 403
    assert "This account is blocked." in response.text
    assert client.get("/account").status_code == 302  # still signed out
    # Without the right password, nothing tells that the account exists or is blocked.
    guess = client.post_form("/sign-in", form("blocked@example.org", "a wrong guess"))
    assert "This account is blocked." not in guess.text
    assert "The e-mail address or the password is not right." in guess.text


def test_a_session_ends_when_the_account_is_blocked(client, session, make_user) -> None:
    user = make_user()
    client.sign_in(user)
    assert client.get("/account").status_code == 200
    user.blocked = True
    session.commit()
    assert client.get("/account").status_code == 302


def test_sign_out_ends_the_session(client, session, make_user) -> None:
    user = make_user()
    client.sign_in(user)
    response = client.post_form("/sign-out")
    assert response.status_code == 302
    assert client.get("/account").status_code == 302
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.account.signed_out"))
    assert entry.actor_id == user.id and entry.visibility == "private"


def test_the_sign_in_page_links_to_sign_up_and_reset(client) -> None:
    page = client.get("/sign-in").text
    assert 'href="/sign-up"' in page and 'href="/reset-password"' in page


def test_the_user_menu_links_to_the_account_page(client, make_user) -> None:
    assert 'href="/sign-up?next=/"' in client.get("/").text  # back here after sign-up
    client.sign_in(make_user())
    assert 'href="/account"' in client.get("/").text


def session_cookie(client, make_user) -> str:
    make_user(email="camille@example.org")
    response = client.post_form("/sign-in", form("camille@example.org"))
    assert response.status_code == 302
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_is_http_only_and_same_site_lax(client, make_user) -> None:
    cookie = session_cookie(client, make_user)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development serves plain http://localhost


def test_session_cookie_is_secure_in_production(tmp_path) -> None:
    app = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": "7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a",
            "PUBLIC_URL": "https://participez.example.org",
            "DATABASE_URL": "sqlite://",
            "ALLOW_SQLITE_IN_PRODUCTION": True,
            "INSTANCE_PATH": str(tmp_path),
        }
    )
    response = app.test_client().get("/sign-in")  # its form puts a CSRF token in the session
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["SESSION_COOKIE_SECURE"] is True


FORM_ROUTES = [
    "/sign-in",
    "/sign-up",
    "/confirm-email",
    "/confirm-email/any-token",
    "/reset-password",
    "/reset-password/any-token",
    "/account",
    "/account/email",
    "/account/email/any-token",
    "/account/password",
    "/sign-out",
]


@pytest.mark.parametrize("url", FORM_ROUTES)
def test_every_account_form_refuses_a_post_without_csrf_token(client, make_user, url) -> None:
    client.sign_in(make_user())
    client.csrf_token()  # the session has a token; the POST does not carry it

    response = client.post(url, data={"email": "new@example.org", "name": "X"})

    assert response.status_code == 400
    assert "The form expired." in response.text
    forged = client.post_form(url, {"csrf_token": "forged", "email": "new@example.org"})
    assert forged.status_code == 400
    assert client.get("/account").status_code == 200  # still signed in: nothing happened
