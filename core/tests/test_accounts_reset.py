"""Password reset: no user enumeration, single-use links that expire after one hour."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from pnyx.models import ActionLog
from pnyx.testing import DEFAULT_PASSWORD

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def camille(make_user):
    return make_user(email="camille@example.org", name="Camille Martin")


def ask_for_link(client, email="camille@example.org"):
    return client.post_form("/reset-password", {"email": email})


def can_sign_in(app, password: str) -> bool:
    browser = app.test_client()
    form = {"email": "camille@example.org", "password": password}
    return browser.post_form("/sign-in", form).status_code == 302


def test_the_answer_is_the_same_whether_the_address_has_an_account(
    client, outbox, camille, make_user
) -> None:
    make_user(email="blocked@example.org", blocked=True)
    answers = [
        ask_for_link(client, email)
        for email in ("Camille@example.org", "nobody@example.org", "blocked@example.org")
    ]

    mailbox = "/check-your-mailbox?sent=reset"
    assert {(a.status_code, a.location) for a in answers} == {(302, mailbox)}
    assert [m["To"] for m in outbox] == ["camille@example.org"]
    assert outbox.last["Subject"] == "Choose a new password"
    assert "The link works for 1 hour, once." in outbox.body(outbox.last)
    page = client.get(mailbox).text
    assert "If nobody@example.org has an account, we sent it a link" in page
    # The page offers to send this link again, not the sign-up's confirmation.
    assert "Send the link to choose a new password again" in page
    assert "confirmation" not in page


def test_reset_sets_the_password_signs_out_everywhere_and_works_once(
    app, client, session, outbox, camille
) -> None:
    elsewhere = app.test_client()
    elsewhere.sign_in(camille)
    ask_for_link(client)
    link = outbox.link("/reset-password/")
    assert 'autocomplete="new-password"' in client.get(link).text

    response = client.post_form(link, {"password": NEW_PASSWORD})

    assert response.status_code == 302 and response.location == "/sign-in"
    assert "Your new password is saved. Sign in with it." in client.get("/sign-in").text
    assert elsewhere.get("/account").status_code == 302  # every session ended
    assert can_sign_in(app, NEW_PASSWORD) and not can_sign_in(app, DEFAULT_PASSWORD)
    entry = session.scalar(
        select(ActionLog).where(ActionLog.action == "pnyx.account.password_reset")
    )
    assert entry.actor_id == camille.id and entry.visibility == "private"
    assert NEW_PASSWORD not in str(entry.extra) and link.rsplit("/", 1)[1] not in str(entry.extra)

    reused = client.post_form(link, {"password": "yet another passphrase"})
    assert reused.status_code == 400 and "This link was already used" in reused.text
    assert can_sign_in(app, NEW_PASSWORD)


def test_a_signed_in_person_who_resets_stays_signed_in(client, outbox, camille) -> None:
    client.sign_in(camille)
    ask_for_link(client)
    response = client.post_form(outbox.link("/reset-password/"), {"password": NEW_PASSWORD})
    assert response.status_code == 302 and response.location == "/account"
    assert client.get("/account").status_code == 200


def test_the_new_password_follows_the_policy(client, outbox, camille) -> None:
    ask_for_link(client)
    link = outbox.link("/reset-password/")

    response = client.post_form(link, {"password": "camille-martin-2026"})

    assert response.status_code == 400
    assert "Do not use your name or your e-mail address in your password." in response.text
    assert 'aria-invalid="true"' in response.text
    assert client.get(link).status_code == 200  # the link still works after a refusal


def test_a_reset_link_expires_after_an_hour(client, monkeypatch, outbox, camille) -> None:
    issued = int(time.time()) - 2 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: issued)
    ask_for_link(client)
    monkeypatch.undo()

    response = client.post_form(outbox.link("/reset-password/"), {"password": NEW_PASSWORD})

    assert response.status_code == 400 and "This link expired." in response.text
    assert 'href="/reset-password"' in response.text


def test_a_newer_password_kills_older_links(client, outbox, camille) -> None:
    ask_for_link(client)
    ask_for_link(client)
    first, second = (outbox.link("/reset-password/", message) for message in outbox)
    assert client.post_form(second, {"password": NEW_PASSWORD}).status_code == 302
    assert client.post_form(first, {"password": "one more passphrase"}).status_code == 400


def test_a_reset_link_is_no_confirmation_link(client, outbox, camille) -> None:
    ask_for_link(client)
    token = outbox.link("/reset-password/").rsplit("/", 1)[1]
    response = client.get(f"/confirm-email/{token}")
    assert response.status_code == 400 and "not valid" in response.text


def test_reset_confirms_an_unconfirmed_address(client, session, outbox, make_user) -> None:
    user = make_user(email="camille@example.org", confirmed_at=None)
    ask_for_link(client)
    client.post_form(outbox.link("/reset-password/"), {"password": NEW_PASSWORD})
    session.refresh(user)
    assert user.confirmed_at is not None


def test_the_request_form_checks_the_address(client, outbox) -> None:
    response = ask_for_link(client, "not-an-address")
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.org." in response.text
    assert 'value="not-an-address"' in response.text
    assert not outbox
