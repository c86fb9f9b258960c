"""No lockout by outsiders: a back-off per account, and a sign-in link by e-mail that always
works for the owner (issue 11, item 8)."""

from __future__ import annotations

import pytest

from pnyx.accounts import backoff
from pnyx.testing import DEFAULT_PASSWORD

CAMILLE = "camille@example.org"


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def attempt(client, password="a wrong guess", address="10.0.0.1", email=CAMILLE):
    return client.post_form(
        "/sign-in", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def ten_outsiders_guess(client, email=CAMILLE) -> list[int]:
    """Ten wrong passwords from ten addresses (the per-address limit never trips)."""
    return [attempt(client, address=f"10.0.1.{n}", email=email).status_code for n in range(10)]


def test_outsiders_make_the_account_wait_but_the_owners_link_always_works(
    client, make_user, outbox
) -> None:
    make_user(email=CAMILLE, name="Camille")
    statuses = ten_outsiders_guess(client)
    assert statuses[:5] == [400] * 5 and 429 in statuses[5:]

    # The owner, with the right password, is asked to wait or to use a link...
    refused = attempt(client, password=DEFAULT_PASSWORD, address="192.0.2.7")
    assert refused.status_code == 429
    assert "sign in at once with a link sent to your e-mail address" in refused.text
    assert "/sign-in/link?email=camille@example.org" in refused.text

    # ... which works at once, whatever the outsiders did.
    assert client.post_form("/sign-in/link", {"email": CAMILLE}).status_code == 302
    link = outbox.link("/sign-in/link/")
    page = client.get(link)
    assert page.status_code == 200 and "You are about to sign in to the account of" in page.text
    assert client.get("/account").status_code == 302  # opening the link signed nobody in
    assert client.post_form(link).status_code == 302
    assert client.get("/account").status_code == 200

    # Using the link cleared the back-off: the password works again at once.
    client.sign_out()
    assert attempt(client, password=DEFAULT_PASSWORD).status_code == 302


def test_a_sign_in_link_works_once(client, make_user, outbox) -> None:
    make_user(email=CAMILLE)
    client.post_form("/sign-in/link", {"email": CAMILLE})
    link = outbox.link("/sign-in/link/")
    assert client.post_form(link).status_code == 302
    client.sign_out()
    again = client.post_form(link)
    assert again.status_code == 400 and "/sign-in/link" in again.text


def test_asking_for_a_link_tells_nothing_about_the_address(client, make_user, outbox) -> None:
    make_user(email=CAMILLE)
    known = client.post_form("/sign-in/link", {"email": CAMILLE}, follow_redirects=True)
    unknown = client.post_form(
        "/sign-in/link", {"email": "nobody@example.org"}, follow_redirects=True
    )
    assert known.text.replace(CAMILLE, "X") == unknown.text.replace("nobody@example.org", "X")
    assert len(outbox) == 1
    assert "Send the sign-in link again" in known.text  # that link, not the confirmation
    assert "Send the confirmation link again" not in known.text


def test_unknown_addresses_wait_like_known_ones(client) -> None:
    """The back-off itself must not tell which addresses have an account."""
    statuses = ten_outsiders_guess(client, email="nobody@example.org")
    assert statuses[:5] == [400] * 5 and 429 in statuses[5:]


def test_the_wait_doubles_up_to_a_quarter_of_an_hour(app) -> None:
    waits = []
    with app.test_request_context():
        for _ in range(20):
            backoff.record_failure("dominique@example.org")
            waits.append(backoff.wait_seconds("dominique@example.org"))
        backoff.clear("dominique@example.org")
        assert backoff.wait_seconds("dominique@example.org") == 0
    assert waits[:4] == [0, 0, 0, 0]
    assert waits[4:8] == [1, 2, 4, 8]
    assert max(waits) == backoff.MAX_DELAY == waits[-1]
