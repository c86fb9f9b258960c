"""Bounces (issue 19 item 3): the mail provider's signed reports; a hard bounce stops mail to the
address (except what the person asks for) and shows on their preferences page; a complaint
stops newsletters and notification e-mails; a forged or replayed report changes nothing."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from pnyx import api
from pnyx.notifications.bounces import signature, skip_bounced
from pnyx.notifications.preferences_store import preference_of

pytestmark = [pytest.mark.pnyx_plugins("notifydemo"), pytest.mark.usefixtures("notifydemo")]

SECRET = "a long shared secret"


@pytest.fixture
def configured(app) -> None:
    app.config["MAIL_WEBHOOK_SECRET"] = SECRET


def report(client, events: list[dict[str, Any]], *, key: str = SECRET, age: int = 0, raw=None):
    body = raw if raw is not None else json.dumps({"events": events}).encode()
    timestamp = str(int(time.time()) - age)
    headers = {
        "X-Pnyx-Timestamp": timestamp,
        "X-Pnyx-Signature": signature(key.encode(), timestamp, body),
        "Content-Type": "application/json",
    }
    return client.application.test_client().post("/mail/bounces", data=body, headers=headers)


def test_without_a_secret_there_is_no_endpoint(client) -> None:
    assert report(client, []).status_code == 404


def test_forged_replayed_or_malformed_reports_change_nothing(
    client, session, configured, make_user
) -> None:
    ada = make_user(email="ada@example.org")
    hard = [{"type": "bounce", "bounce_type": "hard", "email": "ada@example.org"}]
    assert report(client, hard, key="guessed").status_code == 401
    assert report(client, hard, age=3600).status_code == 401  # an old report replayed
    unsigned = client.application.test_client().post("/mail/bounces", json={"events": hard})
    assert unsigned.status_code == 401
    assert report(client, [], raw=b"not json").status_code == 400
    assert report(client, [], raw=b'{"events": [1, 2]}').status_code == 400
    session.expire_all()
    assert preference_of(session, ada).bounced_at is None


def test_a_hard_bounce_stops_mail_but_not_what_the_person_asks_for(
    client, session, outbox, configured, make_user, make_space, make_component, cli_runner
) -> None:
    ada = make_user(email="ada@example.org", locale="en")
    place = make_component(make_space(slug="parks", published=True), "notifydemo", published=True)
    api.follow(ada, place)
    session.commit()
    events = [
        {"type": "bounce", "bounce_type": "hard", "email": "ADA@example.org"},
        {"type": "bounce", "bounce_type": "soft", "email": "ada@example.org"},
        {"type": "bounce", "email": "nobody@example.org"},
    ]
    answer = report(client, events)
    assert answer.status_code == 200
    assert answer.json == {"hard": 1, "soft": 1, "complaint": 0, "unknown": 1}
    session.expire_all()
    assert preference_of(session, ada).bounced_at is not None

    api.notify("notifydemo.changed", ("notifydemo_thing", 1), component=place, title="Bench")
    session.commit()
    cli_runner.invoke(args=["notifications", "send-digests", "--frequency", "daily"])
    assert outbox == []  # no digest to an address that bounced
    with client.application.test_request_context():  # what the mail job leaves out
        assert skip_bounced("ada@example.org", "meetings/mail/registration.txt")
        assert not skip_bounced("ada@example.org", "reset_password")
        assert not skip_bounced("bob@example.org", "meetings/mail/registration.txt")
    client.post_form("/reset-password", {"email": "ada@example.org"})
    assert [m["To"] for m in outbox] == ["ada@example.org"]  # asked for: sent

    client.sign_in(ada)
    page = client.get("/account/notifications", headers={"Accept-Language": "en"}).text
    assert "E-mails to ada@example.org come back" in page
    assert client.post_form("/account/notifications/mail-works", {}).status_code == 303
    session.expire_all()
    assert preference_of(session, ada).bounced_at is None
    assert "come back" not in client.get("/account/notifications").text


def test_a_complaint_withdraws_newsletters_and_notification_mails(
    client, session, configured, make_user
) -> None:
    ada = make_user(email="ada@example.org")
    preference = preference_of(session, ada)
    preference.newsletter_consent_at = api.utcnow()
    session.commit()
    assert report(client, [{"type": "complaint", "email": "ada@example.org"}]).status_code == 200
    session.expire_all()
    preference = preference_of(session, ada)
    assert preference.newsletter_consent_at is None and preference.newsletter_withdrawn_at
    assert preference.email_frequency == "never" and preference.bounced_at is None
