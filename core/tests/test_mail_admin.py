"""Failed mails are kept and visible to administrators, who can send them again."""

from __future__ import annotations

import smtplib

import pytest
from sqlalchemy import select

from pnyx.mail import EXTENSION_KEY
from pnyx.models import OutgoingMail
from pnyx.testing.mail import capture_mail


class RefusingServer:
    def deliver(self, message) -> None:
        raise smtplib.SMTPServerDisconnected("the server hung up")


@pytest.fixture
def failed_mail(app, client, make_organization, session) -> OutgoingMail:
    make_organization()
    app.extensions[EXTENSION_KEY] = RefusingServer()
    client.post_form("/reset-password", {"email": "nobody-yet@example.org"})  # no account: no mail
    client.post_form(
        "/sign-up",
        {
            "email": "ada@example.org",
            "name": "Ada",
            "password": "correct horse battery staple",
            "terms": "yes",
        },
    )
    session.commit()
    [kept] = session.scalars(select(OutgoingMail)).all()
    assert kept.status == "failed"
    return kept


def test_admins_see_undelivered_mails_and_send_them_again(
    app, client, session, make_user, sign_in, failed_mail
) -> None:
    sign_in(client, make_user(roles=["admin"]))
    page = client.get("/admin/mails")
    assert page.status_code == 200
    assert "ada@example.org" in page.text and "the server hung up" in page.text
    assert "Confirm your e-mail address" in page.text

    outbox = capture_mail(app)  # the server works again
    response = client.post_form(f"/admin/mails/{failed_mail.id}/send-again", {})
    assert response.status_code == 302

    [message] = outbox
    assert message["To"] == "ada@example.org"
    assert message["Message-ID"] == failed_mail.message_id  # the same message, not a copy
    session.expire_all()
    assert session.get(OutgoingMail, failed_mail.id).status == "sent"
    assert "Every message was delivered." in client.get("/admin/mails").text
    # Sending a delivered message again is refused.
    assert client.post_form(f"/admin/mails/{failed_mail.id}/send-again", {}).status_code == 404


def test_people_without_the_admin_role_see_no_mails(
    client, make_user, sign_in, failed_mail
) -> None:
    sign_in(client, make_user())
    assert client.get("/admin/mails").status_code in (403, 404)
    assert client.post_form(f"/admin/mails/{failed_mail.id}/send-again", {}).status_code in (
        403,
        404,
    )
