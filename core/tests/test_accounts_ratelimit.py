"""Rate limits on sign-in, sign-up, reset and resend (Flask-Limiter)."""

from __future__ import annotations

import pytest
from flask import Blueprint
from flask_limiter import Limiter

from pnyx.core_hooks import PUBLIC
from pnyx.ratelimit import EXTENSION_KEY, by_address, count_failure, rate_limit, storage_uri
from pnyx.testing import DEFAULT_PASSWORD
from pnyx.web.guards import requires


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def attempt(client, email="camille@example.org", password="a wrong guess", address="10.0.0.1"):
    return client.post_form(
        "/sign-in",
        {"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address, "HTTP_ACCEPT_LANGUAGE": "en"},
    )


def test_repeated_failed_sign_ins_are_refused_even_with_the_right_password(
    client, make_user
) -> None:
    make_user(email="camille@example.org")
    # The default: 10 failures a minute from one address (for as many different accounts).
    statuses = [attempt(client, f"person{n}@example.org").status_code for n in range(10)]

    refused = attempt(client, password=DEFAULT_PASSWORD)

    assert statuses == [400] * 10
    assert refused.status_code == 429
    assert "Too many attempts" in refused.text
    assert "Wait a few minutes, then try again." in refused.text
    assert "Retry-After" in refused.headers
    # Another person, from elsewhere, is not affected.
    make_user(email="dominique@example.org")
    other = attempt(client, "dominique@example.org", DEFAULT_PASSWORD, address="10.0.0.2")
    assert other.status_code == 302


#: Fewer attempts than the default, so that these tests hash fewer passwords.
THREE_A_MINUTE = pytest.mark.parametrize("pnyx_config", [{"RATE_LIMIT_SIGN_IN": "3/minute"}])


@THREE_A_MINUTE
def test_successful_sign_ins_are_not_counted(client, make_user) -> None:
    make_user(email="camille@example.org")
    for _ in range(5):
        assert attempt(client, password=DEFAULT_PASSWORD).status_code == 302
        client.sign_out()


@pytest.fixture
def pnyx_config():
    return {"RATE_LIMIT_FORMS": "3/minute", "RATE_LIMIT_MAILS": "2/hour"}


def test_sign_up_and_reset_are_limited_per_address(client, outbox) -> None:
    for number in range(3):
        form = {"email": f"person{number}@example.org"}
        assert client.post_form("/reset-password", form).status_code == 302
    assert client.post_form("/reset-password", {"email": "p@example.org"}).status_code == 429
    # Each form counts on its own.
    for number in range(3):  # refused forms count too
        form = {"email": f"person{number}@example.org"}
        assert client.post_form("/sign-up", form).status_code == 400
    assert client.post_form("/sign-up", {"email": "p@example.org"}).status_code == 429
    assert client.get("/sign-up").status_code == 200  # showing the form is never limited


def test_messages_to_one_address_are_limited(client, outbox, make_user) -> None:
    make_user(email="camille@example.org")
    form = {"email": "camille@example.org"}
    for number in range(2):
        environ = {"REMOTE_ADDR": f"10.0.3.{number}"}
        assert client.post_form("/reset-password", form, environ_base=environ).status_code == 302
    environ = {"REMOTE_ADDR": "10.0.3.9"}
    assert client.post_form("/reset-password", form, environ_base=environ).status_code == 429
    assert len(outbox) == 2


@THREE_A_MINUTE
def test_wrong_current_passwords_count_as_failed_sign_ins(client, make_user) -> None:
    client.sign_in(make_user())
    form = {"current_password": "a wrong guess", "password": "a brand new passphrase"}
    statuses = [client.post_form("/account/password", form).status_code for _ in range(4)]
    assert statuses == [400] * 3 + [429]


@pytest.mark.parametrize(
    "pnyx_config", [{"RATE_LIMIT_SIGN_IN": "3/minute", "RATELIMIT_ENABLED": False}]
)
def test_limits_can_be_turned_off(client, make_user) -> None:
    make_user(email="camille@example.org")
    assert {attempt(client).status_code for _ in range(5)} == {400}


def test_each_app_has_its_own_limiter_in_memory_unless_redis_is_configured(app) -> None:
    assert isinstance(app.extensions[EXTENSION_KEY], Limiter)
    assert storage_uri(app.config) == "memory://"
    assert storage_uri({"REDIS_URL": "redis://cache:6379/2"}) == "redis://cache:6379/2"


def test_views_registered_after_the_limiter_are_limited_too(app, client) -> None:
    later = Blueprint("later", __name__)

    @later.route("/later", methods=["GET", "POST"])
    @rate_limit("RATE_LIMIT_FORMS", by_address)
    @rate_limit("RATE_LIMIT_SIGN_IN", by_address, failures_only=True)
    @requires(PUBLIC)
    def guess() -> tuple[str, int]:
        count_failure()
        return "no", 400

    app.register_blueprint(later)  # as core features and plugins do, after the accounts

    statuses = [client.post_form("/later").status_code for _ in range(4)]

    assert statuses == [400, 400, 400, 429]  # RATE_LIMIT_FORMS is 3/minute here
    assert client.get("/later").status_code == 400  # GET is never limited
    assert app.view_functions["later.guess"].pnyx_action == PUBLIC
