"""The account page, and changing one's e-mail address and password."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx import navigation
from pnyx.models import ActionLog
from pnyx.testing import DEFAULT_PASSWORD

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def camille(client, make_user):
    """Camille, signed in on ``client``."""
    user = make_user(email="camille@example.org", name="Camille Martin")
    client.sign_in(user)
    return user


def logged(session, action):
    return session.scalars(select(ActionLog).where(ActionLog.action == action)).all()


# --- The account page ---------------------------------------------------------------


def test_the_account_page_shows_the_account_and_the_other_account_pages(
    client, camille, monkeypatch
) -> None:
    monkeypatch.setattr(
        navigation, "ACCOUNT_LINKS", [(lambda: "Download my data", "pnyx_auth.account")]
    )
    page = client.get("/account").text
    assert "Camille Martin" in page and "camille@example.org" in page and "(confirmed)" in page
    assert 'href="/account/email"' in page and 'href="/account/password"' in page
    assert "Download my data" in page
    assert '<option value="" selected>' in page  # the browser's language, until chosen


def test_the_account_page_needs_a_signed_in_person(client) -> None:
    response = client.get("/account")
    assert response.status_code == 302 and response.location.startswith("/sign-in?next=")


def test_name_and_language_are_editable(client, session, camille) -> None:
    response = client.post_form("/account", {"name": "  Camille   M. ", "locale": "en"})

    assert response.status_code == 302 and response.location == "/account"
    session.refresh(camille)
    assert (camille.name, camille.locale) == ("Camille M.", "en")
    [entry] = logged(session, "pnyx.account.profile_updated")
    assert entry.extra == {"fields": ["name", "locale"]} and entry.visibility == "private"
    assert '<option value="en" lang="en" selected>' in client.get("/account").text


def test_profile_errors_keep_what_was_typed(client, session, camille) -> None:
    response = client.post_form("/account", {"name": "", "locale": "xx"})
    assert response.status_code == 400
    assert "Enter your name." in response.text and "Choose a language." in response.text
    session.refresh(camille)
    assert camille.name == "Camille Martin" and camille.locale is None


# --- Password ---------------------------------------------------------------------


def test_changing_the_password_signs_out_every_other_session(
    app, client, session, outbox, camille
) -> None:
    other_browser = app.test_client()
    other_browser.sign_in(camille)
    assert other_browser.get("/account").status_code == 200
    form = {"current_password": DEFAULT_PASSWORD, "password": NEW_PASSWORD}

    response = client.post_form("/account/password", form)

    assert response.status_code == 302 and response.location == "/account"
    assert client.get("/account").status_code == 200  # this session stays
    assert other_browser.get("/account").status_code == 302  # the other one ended
    assert outbox.last["Subject"] == "Your password changed"
    [entry] = logged(session, "pnyx.account.password_changed")
    assert entry.actor_id == camille.id and NEW_PASSWORD not in str(entry.extra)
    sign_in = {"email": "camille@example.org", "password": NEW_PASSWORD}
    assert app.test_client().post_form("/sign-in", sign_in).status_code == 302


def test_changing_the_password_asks_the_current_one_and_follows_the_policy(
    client, session, camille
) -> None:
    form = {"current_password": "not it", "password": "1234567890"}

    response = client.post_form("/account/password", form)

    assert response.status_code == 400
    assert "This is not your current password." in response.text
    assert "This password is too common: choose another one." in response.text
    session.refresh(camille)
    assert camille.session_version == 1 and not logged(session, "pnyx.account.password_changed")


# --- E-mail address ---------------------------------------------------------------


def test_a_new_address_takes_effect_once_confirmed_and_the_old_one_is_told(
    app, client, session, outbox, camille
) -> None:
    form = {"email": "Camille.New@Example.org", "current_password": DEFAULT_PASSWORD}

    response = client.post_form("/account/email", form)

    assert response.status_code == 302
    assert "We sent a link to camille.new@example.org" in client.get("/account").text
    session.refresh(camille)
    assert camille.email == "camille@example.org"  # not before the confirmation
    assert outbox.last["To"] == "camille.new@example.org"
    link = outbox.link("/account/email/")
    assert "camille.new@example.org" in client.get(link).text  # a button, no change yet

    confirmed = app.test_client().post_form(link, {})  # opened in another browser

    assert confirmed.status_code == 302
    session.refresh(camille)
    assert camille.email == "camille.new@example.org"
    assert outbox.last["To"] == "camille@example.org"
    assert outbox.last["Subject"] == "The e-mail address of your account changed"
    [entry] = logged(session, "pnyx.account.email_changed")
    assert entry.actor_id == camille.id and entry.visibility == "private"
    assert "example.org" not in str(entry.extra)  # no address in the log
    assert client.post_form(link, {}).status_code == 400  # single use


def test_changing_the_address_asks_the_current_password(client, session, outbox, camille) -> None:
    form = {"email": "camille@example.org", "current_password": "wrong"}

    response = client.post_form("/account/email", form)

    assert response.status_code == 400
    assert "This is already your address." in response.text
    assert "This is not your current password." in response.text
    assert not outbox


def test_a_taken_address_gets_the_same_answer(client, session, outbox, camille, make_user) -> None:
    make_user(email="taken@example.org")
    form = {"email": "taken@example.org", "current_password": DEFAULT_PASSWORD}

    response = client.post_form("/account/email", form)

    assert response.status_code == 302
    assert "We sent a link to taken@example.org" in client.get("/account").text
    assert outbox.last["Subject"] == "You already have an account"
    session.refresh(camille)
    assert camille.email == "camille@example.org"


def test_a_new_password_cancels_a_pending_address_change(client, session, outbox, camille) -> None:
    client.post_form(
        "/account/email", {"email": "new@example.org", "current_password": DEFAULT_PASSWORD}
    )
    link = outbox.link("/account/email/")
    client.post_form(
        "/account/password", {"current_password": DEFAULT_PASSWORD, "password": NEW_PASSWORD}
    )

    response = client.post_form(link, {})

    assert response.status_code == 400
    session.refresh(camille)
    assert camille.email == "camille@example.org"


def test_an_address_taken_meanwhile_is_not_stolen(
    client, session, outbox, camille, make_user
) -> None:
    client.post_form(
        "/account/email", {"email": "new@example.org", "current_password": DEFAULT_PASSWORD}
    )
    link = outbox.link("/account/email/")
    make_user(email="New@example.org")

    response = client.post_form(link, {}, follow_redirects=True)

    assert "Another account started using this address meanwhile." in response.text
    session.refresh(camille)
    assert camille.email == "camille@example.org"
