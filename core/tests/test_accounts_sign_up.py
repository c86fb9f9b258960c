"""Sign-up, e-mail confirmation and the resend page, through the client and the outbox."""

from __future__ import annotations

import html
import re
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from pnyx.models import ActionLog, User
from pnyx.web.components import component_url

GOOD_PASSWORD = "correct horse battery staple"
SIGN_UP = {
    "email": "  Ada.Lovelace@Example.org ",
    "name": "Ada Lovelace",
    "password": GOOD_PASSWORD,
    "terms": "yes",
}


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def board(app, make_component):
    """The URL of a message board (the tutorial's plugin) where signed-in people may post."""
    component = make_component("hello", settings={"default_step": {"posting_enabled": True}})
    with app.test_request_context():
        return component_url(component)


def next_of(url: str) -> str:
    """The ``next`` parameter of a link (HTML-escaped or not)."""
    return parse_qs(urlsplit(html.unescape(url)).query)["next"][0]


def find(session, email):
    return session.scalar(select(User).where(User.email == email))


@pytest.mark.pnyx_plugins("hello")
def test_sign_up_then_confirm_then_take_part(client, session, outbox, board) -> None:
    response = client.post_form("/sign-up", SIGN_UP)

    assert response.status_code == 302 and response.location == "/check-your-mailbox"
    user = find(session, "ada.lovelace@example.org")  # stored trimmed and lowercased
    assert user.name == "Ada Lovelace" and user.confirmed_at is None
    assert user.password_hash.startswith("$argon2id$")
    page = client.get(response.location).text
    assert "We sent a message to ada.lovelace@example.org" in page
    assert [m["To"] for m in outbox] == ["ada.lovelace@example.org"]
    assert outbox.last["Subject"] == "Confirm your e-mail address"
    log = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.account.signed_up"))
    assert log.actor_id == user.id and log.visibility == "private"
    assert log.extra == {"terms_accepted": True}

    # Signed in but unconfirmed: reading works, taking part is refused with the reason.
    sign_in = {"email": "ada.lovelace@example.org", "password": GOOD_PASSWORD}
    assert client.post_form("/sign-in", sign_in).status_code == 302
    board_page = client.get(board).text
    assert 'name="body"' not in board_page and 'href="/confirm-email"' in board_page
    refused = client.post_form(board, {"body": "Hello"})
    assert refused.status_code == 403
    assert "Confirm your e-mail address to do this" in refused.text
    assert 'href="/confirm-email"' in refused.text  # where to ask for a new link

    link = outbox.link("/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my e-mail address" in page.text
    session.refresh(user)
    assert user.confirmed_at is None  # opening the link (a mail scanner) confirms nothing
    confirmed = client.post_form(link, {})
    assert confirmed.status_code == 302
    session.refresh(user)
    assert user.confirmed_at is not None
    assert client.post_form(board, {"body": "Hello"}).status_code == 302

    again = client.get(link)  # single use
    assert again.status_code == 400
    assert "This link was already used" in again.text
    assert client.post_form(link, {}).status_code == 400


def test_a_link_confirms_in_any_browser_but_signs_nobody_in(client, session, outbox) -> None:
    client.post_form("/sign-up", SIGN_UP)
    other_browser = client.application.test_client()

    response = other_browser.post_form(outbox.link("/confirm-email/"), {})

    assert response.status_code == 302 and response.location == "/sign-in"
    assert "Your e-mail address is confirmed." in other_browser.get("/sign-in").text
    assert other_browser.get("/account").status_code == 302
    assert find(session, "ada.lovelace@example.org").confirmed_at is not None


def test_the_sign_up_form_starts_empty_and_without_errors(client) -> None:
    page = client.get("/sign-up").text
    assert 'name="terms"' in page and 'autocomplete="new-password"' in page
    assert 'aria-invalid="true"' not in page and "error-summary" not in page


def test_sign_up_errors_are_shown_next_to_each_field(client, session) -> None:
    form = {"email": "not an address", "name": "  Jean   Dupont ", "password": "short"}

    response = client.post_form("/sign-up", form)

    assert response.status_code == 400
    page = response.text
    assert "Enter an e-mail address like name@example.org." in page
    assert "Use at least 10 characters." in page
    assert "Accept the terms of use to create an account." in page
    assert 'id="email-error"' in page and 'aria-describedby="email-hint email-error"' in page
    assert page.count('aria-invalid="true"') == 3  # e-mail, password, terms; the name is fine
    assert 'value="not an address"' in page and 'value="Jean Dupont"' in page
    assert "short" not in page  # a password is never sent back
    assert session.scalar(select(User)) is None


def test_sign_up_requires_a_name_and_an_address(client) -> None:
    page = client.post_form("/sign-up", {"terms": "yes"}).text
    assert "Enter your e-mail address." in page
    assert "Enter your name." in page
    assert "Choose a password." in page


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_message(
    client, session, outbox, make_user
) -> None:
    make_user(email="ada.lovelace@example.org", name="The Real Ada")

    response = client.post_form("/sign-up", SIGN_UP)

    assert response.status_code == 302 and response.location == "/check-your-mailbox"
    assert "We sent a message to ada.lovelace@example.org" in client.get("/check-your-mailbox").text
    assert len(session.scalars(select(User)).all()) == 1
    assert outbox.last["Subject"] == "You already have an account"
    assert "The Real Ada" in outbox.body(outbox.last)


def expired_token_link(monkeypatch, client, outbox, days: int) -> str:
    """Sign up while the clock says ``days`` ago, and return the confirmation link."""
    issued = int(time.time()) - days * 24 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued)
    client.post_form("/sign-up", SIGN_UP)
    monkeypatch.undo()
    return outbox.link("/confirm-email/")


def test_a_confirmation_link_expires_after_three_days(client, monkeypatch, outbox) -> None:
    link = expired_token_link(monkeypatch, client, outbox, days=4)
    response = client.post_form(link, {})
    assert response.status_code == 400
    assert "This link expired." in response.text
    assert 'href="/confirm-email"' in response.text  # where to ask for a new one


def test_a_mangled_link_is_refused(client, outbox) -> None:
    client.post_form("/sign-up", SIGN_UP)
    link = outbox.link("/confirm-email/")
    response = client.get(link[:-3] + "xyz")
    assert response.status_code == 400
    assert "This link is not complete or not valid." in response.text


def test_an_unconfirmed_person_manages_their_account(client, session, make_user) -> None:
    user = make_user(confirmed_at=None)
    client.sign_in(user)

    page = client.get("/account")

    assert page.status_code == 200
    assert "Your e-mail address is not confirmed yet" in page.text
    assert client.post_form("/sign-out").status_code == 302


def test_resend_sends_a_new_link_to_unconfirmed_accounts_only(
    client, session, outbox, make_user
) -> None:
    waiting = make_user(email="waiting@example.org", confirmed_at=None)
    make_user(email="done@example.org")
    client.sign_in(waiting)
    assert 'value="waiting@example.org"' in client.get("/confirm-email").text

    answers = [
        client.post_form("/confirm-email", {"email": email})
        for email in ("waiting@example.org", "done@example.org", "nobody@example.org")
    ]

    mailbox = "/check-your-mailbox?sent=confirmation"
    assert {(a.status_code, a.location) for a in answers} == {(302, mailbox)}
    assert "Send the confirmation link again" in client.get(mailbox).text
    assert [m["To"] for m in outbox] == ["waiting@example.org"]
    assert client.post_form(outbox.link("/confirm-email/"), {}).status_code == 302
    session.refresh(waiting)
    assert waiting.confirmed_at is not None


def test_resend_checks_the_address(client, outbox) -> None:
    response = client.post_form("/confirm-email", {"email": "nope"})
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.org." in response.text
    assert not outbox


def test_signed_in_people_are_sent_to_their_account_from_sign_up(client, make_user) -> None:
    client.sign_in(make_user())
    response = client.get("/sign-up")
    assert response.status_code == 302 and response.location == "/account"


def test_sign_up_brings_the_person_back_where_they_were_going(client, session, outbox) -> None:
    """Issue 10 item 7: "create an account" lost ``next``; the confirmation mail led home.
    Now the links keep it, the mail carries it, and after the confirmation the sign-in
    form (address filled in) leads back to where the person started."""
    going_to = "/spaces/budget?tab=vote"
    sign_up_url = "/sign-up?" + urlencode({"next": going_to})
    sign_in = client.get("/sign-in?" + urlencode({"next": going_to})).text
    assert next_of(re.search(r'href="(/sign-up[^"]*)"', sign_in)[1]) == going_to
    sign_up = client.get(sign_up_url).text  # "I already have an account" keeps it too
    assert next_of(re.search(r'href="(/sign-in[^"]*)">I already', sign_up)[1]) == going_to
    response = client.post_form(sign_up_url, SIGN_UP)
    assert response.status_code == 302 and next_of(response.location) == going_to
    link = outbox.link("/confirm-email/")
    assert next_of(link) == going_to

    other_browser = client.application.test_client()
    confirmed = other_browser.post_form(link, {})
    assert confirmed.status_code == 302
    assert confirmed.location.startswith("/sign-in?") and next_of(confirmed.location) == going_to
    form = other_browser.get(confirmed.location).text
    assert 'value="ada.lovelace@example.org"' in form
    signed_in = other_browser.post_form(
        confirmed.location, {"email": "ada.lovelace@example.org", "password": GOOD_PASSWORD}
    )
    assert signed_in.status_code == 302 and signed_in.location == going_to


def test_a_foreign_next_is_not_carried_by_sign_up(client, outbox) -> None:
    client.post_form("/sign-up?next=https://evil.example/", SIGN_UP)
    assert "evil" not in outbox.link("/confirm-email/")
