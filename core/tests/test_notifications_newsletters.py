"""Newsletters (issue 19 item 3): consent, audiences, preview, test, sending in jobs."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx.models import ActionLog, Authorization, Newsletter, TaxonomyTerm, User
from pnyx.notifications.newsletters import sending
from pnyx.notifications.preferences import set_newsletter_consent
from pnyx.notifications.preferences_store import preference_of


def consenting(session: Any, make_user: Callable[..., Any], **fields: Any) -> Any:
    person = make_user(**fields)
    set_newsletter_consent(preference_of(session, person), True)
    session.commit()
    return person


def write(client: Any, **extra: Any) -> str:
    form = client.get("/admin/newsletters/new").text
    names = set(re.findall(r'name="([^"]+)"', form))
    assert {"subject.en", "body.en", "audience"} <= names, names
    data = {
        "subject.en": "News of May",
        "body.en": "**Big** news",
        "audience": "all",
        "subject.fr": "Nouvelles de mai",
        "body.fr": "**Grande** nouvelle",
        **extra,
    }
    response = client.post_form("/admin/newsletters/new", data)
    assert response.status_code == 303, response.text
    return response.location


def test_consent_at_sign_up_is_explicit_and_dated(client, session) -> None:
    form = client.get("/sign-up").text
    assert 'name="newsletters"' in form and 'name="newsletters" value="yes" checked' not in form
    base = {
        "email": "ada@example.org",
        "name": "Ada",
        "password": "a long enough passphrase",
        "terms": "yes",
    }
    client.post_form("/sign-up", base | {"newsletters": "yes"})
    client.post_form("/sign-up", base | {"email": "bob@example.org", "name": "Bob"})
    ada = session.scalar(select(User).where(User.email == "ada@example.org"))
    bob = session.scalar(select(User).where(User.email == "bob@example.org"))
    assert preference_of(session, ada).newsletter_consent_at is not None
    assert preference_of(session, bob).newsletter_consent_at is None


def test_staff_write_preview_test_and_send_to_those_who_accepted(
    client, session, outbox, make_user
) -> None:
    admin = consenting(session, make_user, roles=["admin"], email="admin@example.org")
    ada = consenting(session, make_user, email="ada@example.org", locale="en")
    bounced = consenting(session, make_user, email="gone@example.org")
    preference_of(session, bounced).bounced_at = api.utcnow()
    make_user(email="never@example.org")  # did not accept
    session.commit()
    client.sign_in(admin)
    show = write(client)
    page = client.get(show).text
    assert "<strong>Big</strong> news" in page and "2 people" in page
    client.post_form(f"{show}/test")
    assert [m["To"] for m in outbox] == ["admin@example.org"]
    asked = client.post_form(f"{show}/send")
    assert asked.status_code == 200 and "2 people" in asked.text  # it asks first
    client.post_form(f"{show}/send", {"confirmed": "yes"})
    assert sorted(m["To"] for m in outbox[1:]) == ["ada@example.org", "admin@example.org"]
    message = outbox.to("ada@example.org")[0]
    assert message["Subject"] == "News of May" and message["List-Unsubscribe-Post"]
    newsletter = session.scalar(select(Newsletter))
    session.refresh(newsletter)
    assert (newsletter.status, newsletter.sent_count, newsletter.recipients_count) == ("sent", 2, 2)
    assert "2 of 2" in client.get(show).text
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.newsletter_sent"))
    assert entry.extra["recipients"] == 2 and "ada" not in str(entry.extra)
    # once sent, it cannot be sent again nor changed
    assert client.post_form(f"{show}/send", {"confirmed": "yes"}).status_code == 409

    # the newsletter's own unsubscribe link withdraws the consent, with its date
    anonymous = client.application.test_client()
    anonymous.post(outbox.link("/unsubscribe/", message))
    session.expire_all()
    assert preference_of(session, ada).newsletter_consent_at is None
    assert preference_of(session, ada).newsletter_withdrawn_at is not None


def test_audiences_spaces_and_territories(session, make_user, make_space) -> None:
    space, other = make_space(slug="parks"), make_space(slug="roads")
    follower, took_part, outsider, resident = (consenting(session, make_user) for _ in range(4))
    api.follow(follower, space)
    session.add(
        ActionLog(
            action="demo.thing", actor_id=took_part.id, space_id=space.id, visibility="public"
        )
    )
    api.follow(outsider, other)
    town = TaxonomyTerm(kind="territory", code="t1", name={"en": "Town"})
    session.add(town)
    session.flush()
    district = TaxonomyTerm(kind="territory", code="t2", name={"en": "North"}, parent_id=town.id)
    session.add(district)
    session.flush()
    session.add(
        Authorization(
            user_id=resident.id,
            handler="residence",
            status="granted",
            data={"territory_id": district.id},
        )
    )
    session.commit()

    def audience(**fields: Any) -> set[int]:
        from pnyx.notifications.newsletters.audience import recipients

        return set(session.scalars(recipients(Newsletter(**fields))))

    assert audience(audience="spaces", space_ids=[space.id]) == {follower.id, took_part.id}
    assert audience(audience="territories", term_ids=[town.id]) == {resident.id}
    assert len(audience(audience="all")) == 4


def test_sending_goes_by_batches_and_resumes_after_its_cursor(
    app, session, outbox, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sending, "BATCH", 2)
    for _ in range(5):
        consenting(session, make_user)
    newsletter = Newsletter(subject={"en": "Hi"}, body={"en": "Text"})
    session.add(newsletter)
    session.commit()
    sending.start(newsletter, 5, actor_id=None)  # outside a request its job ran at once:
    session.commit()  # before this commit, so it found a draft and did nothing
    assert outbox == []
    with app.test_request_context():  # what the worker does after the view's commit
        sending.send_batch(newsletter.id)
    session.refresh(newsletter)
    assert (newsletter.status, newsletter.sent_count, len(outbox)) == ("sent", 5, 5)
    with app.test_request_context():
        assert sending.send_batch(newsletter.id) == 0 and len(outbox) == 5  # nothing twice
