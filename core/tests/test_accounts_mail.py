"""The mail service: the outbox folder by default, SMTP when configured, links that
cannot be forged with a Host header."""

from __future__ import annotations

import smtplib
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from pnyx.mail import (
    EXTENSION_KEY,
    OutboxFolder,
    SmtpBackend,
    external_url,
    mail_backend,
)
from pnyx.models import OutgoingMail

SIGN_UP = {
    "email": "ada@example.org",
    "name": "Ada Lovelace",
    "password": "correct horse battery staple",
    "terms": "yes",
}


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_without_smtp_messages_are_written_to_the_instance_outbox(
    app, client, make_organization, tmp_path: Path
) -> None:
    make_organization(name={"fr": "Ville de Test", "en": "Test City"})
    assert isinstance(mail_backend(app), OutboxFolder)

    assert client.post_form("/sign-up", SIGN_UP).status_code == 302

    [path] = (tmp_path / "outbox").glob("*.eml")
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "ada@example.org"
    assert message["From"] == "Test City <noreply@localhost>"
    assert message["Subject"] == "Confirm your e-mail address"
    assert message["Message-ID"] and message["Date"]
    body = message.get_content()
    assert "Hello Ada Lovelace," in body and "http://localhost/confirm-email/" in body
    assert "The link works for 72 hours." in body
    assert not list((tmp_path / "outbox").glob(".*"))  # no half-written file is left


class FakeSMTP:
    """Stands in for smtplib.SMTP and records what the backend asked of it."""

    sent: list = []
    calls: list = []
    fail = False

    def __init__(self, host, port, timeout):
        FakeSMTP.calls.append(("connect", host, port))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        FakeSMTP.calls.append(("quit",))

    def starttls(self, context):
        FakeSMTP.calls.append(("starttls",))

    def login(self, username, password):
        FakeSMTP.calls.append(("login", username, password))

    def send_message(self, message):
        if FakeSMTP.fail:
            raise smtplib.SMTPRecipientsRefused({})
        FakeSMTP.sent.append(message)


@pytest.fixture
def fake_smtp(monkeypatch):
    FakeSMTP.sent, FakeSMTP.calls, FakeSMTP.fail = [], [], False
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


class TestWithSmtp:
    """An instance with ``PNYX_MAIL_SMTP_HOST`` and ``PNYX_PUBLIC_URL`` set."""

    @pytest.fixture
    def pnyx_config(self):
        return {
            "MAIL_SMTP_HOST": "smtp.example.org",
            "MAIL_SMTP_PORT": 2525,
            "MAIL_SMTP_USERNAME": "pnyx",
            "MAIL_SMTP_PASSWORD": "smtp-secret",
            "MAIL_FROM": "participer@ville.example",
            "PUBLIC_URL": "https://participer.ville.example/",
        }

    def test_with_smtp_configured_messages_go_to_the_server(
        self, app, client, fake_smtp, tmp_path
    ) -> None:
        assert isinstance(mail_backend(app), SmtpBackend)

        assert client.post_form("/sign-up", SIGN_UP).status_code == 302

        assert fake_smtp.calls == [
            ("connect", "smtp.example.org", 2525),
            ("starttls",),
            ("login", "pnyx", "smtp-secret"),
            ("quit",),
        ]
        [message] = fake_smtp.sent
        assert message["From"].endswith("<participer@ville.example>")
        assert message["Message-ID"].endswith("@ville.example>")
        body = message.get_content()
        assert "https://participer.ville.example/confirm-email/" in body
        assert "localhost" not in body
        assert not (tmp_path / "outbox").exists()

    def test_links_never_come_from_the_host_header(self, app) -> None:
        with app.test_request_context("/reset-password", base_url="http://evil.example"):
            link = external_url("pnyx_auth.reset_password", token="abc")
        assert link == "https://participer.ville.example/reset-password/abc"

    def test_a_delivery_failure_is_logged_and_the_page_still_answers(
        self, app, client, session, fake_smtp, caplog
    ) -> None:
        fake_smtp.fail = True

        response = client.post_form("/sign-up", SIGN_UP)

        assert response.status_code == 302  # the account exists; the person can ask again
        assert "could not send the confirm_email message" in caplog.text
        # Inline (no Redis) there is one attempt: the message is kept as failed, not dropped.
        [kept] = session.scalars(select(OutgoingMail)).all()
        assert (kept.recipient, kept.template, kept.status) == (
            "ada@example.org",
            "confirm_email",
            "failed",
        )
        assert kept.attempts == 1 and "SMTPRecipientsRefused" in (kept.last_error or "")
        assert "Confirm your e-mail address" in kept.message

    def test_the_outbox_fixture_captures_instead_of_smtp(
        self, app, client, outbox, fake_smtp
    ) -> None:
        client.post_form("/sign-up", SIGN_UP)
        assert app.extensions[EXTENSION_KEY] is outbox
        assert [m["To"] for m in outbox] == ["ada@example.org"] and not fake_smtp.sent
        assert outbox.link("/confirm-email/").startswith("/confirm-email/")
