"""Notifications by e-mail: at once or as digests, one-click unsubscribe (issue 19, item 2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select

from pnyx import api
from pnyx.db import get_database
from pnyx.jobs import job_queue
from pnyx.models import Follow, Notification, User
from pnyx.notifications.preferences_store import preference_of

pytestmark = [pytest.mark.pnyx_plugins("notifydemo"), pytest.mark.usefixtures("notifydemo")]


@pytest.fixture
def place(make_space: Callable[..., Any], make_component: Callable[..., Any]) -> Any:
    space = make_space(slug="parks", published=True)
    return make_component(space, "notifydemo", published=True)


def notify(place: Any, number: int = 1, **extra: Any) -> None:
    api.notify(
        "notifydemo.changed",
        ("notifydemo_thing", number),
        component=place,
        title=f"Bench {number}",
        url=f"/things/{number}",
        **extra,
    )


def test_at_once_one_message_with_one_click_unsubscribe(
    client, session, outbox, make_user, place
) -> None:
    ada = make_user(email="ada@example.org")
    preference_of(session, ada).email_frequency = "immediately"
    api.follow(ada, place)
    session.commit()
    notify(place)
    message = outbox.last
    assert message["To"] == "ada@example.org" and "Bench 1" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"].startswith("<http")
        and "/unsubscribe/" in message["List-Unsubscribe"]
    )
    body = outbox.body(message)
    assert "/things/1" in body and "/account/notifications" in body

    link = outbox.link("/unsubscribe/")
    assert "Unsubscribe" in client.get(link).text  # a GET (a link checker) changes nothing
    session.commit()
    assert preference_of(session, ada).email_frequency == "immediately"
    # the mail program's one-click POST: no session cookie, no CSRF token
    anonymous = client.application.test_client()
    done = anonymous.post(link, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Done" in done.text
    session.commit()
    assert preference_of(session, ada).email_frequency == "never"
    # once: the same link does nothing more
    assert anonymous.post(link).status_code == 404
    notify(place, 2)
    assert len(outbox) == 1


def test_an_unsubscribe_link_cannot_be_forged_for_another_person(
    client, session, outbox, make_user, place
) -> None:
    ada, bob = make_user(email="ada@example.org"), make_user(email="bob@example.org")
    for person in (ada, bob):
        preference_of(session, person).email_frequency = "immediately"
        api.follow(person, place)
    session.commit()
    notify(place)
    token = outbox.link("/unsubscribe/", outbox.to("ada@example.org")[0]).rsplit("/", 1)[1]
    payload, _dot, signature = token.partition(".")
    import base64
    import json

    forged_data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged_data[0] = bob.id
    forged = base64.urlsafe_b64encode(json.dumps(forged_data).encode()).decode().rstrip("=")
    anonymous = client.application.test_client()
    assert anonymous.post(f"/unsubscribe/{forged}.{signature}").status_code == 404
    assert anonymous.post("/unsubscribe/nonsense").status_code == 404
    session.commit()
    assert preference_of(session, bob).email_frequency == "immediately"


def test_daily_digest_by_the_command_once_and_only_what_is_still_visible(
    cli_runner, session, outbox, make_user, make_space, make_component, place
) -> None:
    ada = make_user(email="ada@example.org", locale="en")  # by default: a daily summary
    api.follow(ada, place)
    closed = make_component(make_space(slug="closed", published=True), "notifydemo", published=True)
    api.follow(ada, closed)
    session.commit()
    notify(place, 1)
    notify(place, 2)
    notify(closed, 3)
    assert outbox == []
    closed.space.private = True  # Ada may no longer see it when the digest leaves
    session.commit()
    result = cli_runner.invoke(args=["notifications", "send-digests", "--frequency", "daily"])
    assert result.exit_code == 0, result.output
    [digest] = outbox
    body = outbox.body(digest)
    assert "daily" in digest["Subject"] and "Bench 1" in body and "Bench 2" in body
    assert "Bench 3" not in body and digest["List-Unsubscribe"]
    cli_runner.invoke(args=["notifications", "send-digests"])
    assert len(outbox) == 1  # nothing twice
    # weekly people wait for the weekly run
    preference_of(session, ada).email_frequency = "weekly"
    session.commit()
    notify(place, 4)
    cli_runner.invoke(args=["notifications", "send-digests"])
    assert len(outbox) == 1
    cli_runner.invoke(args=["notifications", "send-digests", "--frequency", "weekly"])
    assert "Bench 4" in outbox.body(outbox.last)


def test_per_kind_choice_wins_over_the_general_one(session, outbox, make_user, place) -> None:
    ada = make_user()
    preference = preference_of(session, ada)
    preference.email_frequency = "never"
    preference.kind_frequencies = {"notifydemo.changed": "immediately"}
    api.follow(ada, place)
    session.commit()
    notify(place)
    api.notify("notifydemo.mention", ("notifydemo_thing", 1), component=place, mentioned=[ada.id])
    assert len(outbox) == 1 and "Thing changed" in outbox.last["Subject"]


def test_preferences_page_saves_choices_and_newsletter_consent_with_its_date(
    client, session, make_user
) -> None:
    ada = make_user()
    client.sign_in(ada)
    page = client.get("/account/notifications")
    assert page.status_code == 200 and "Thing changed" in page.text
    client.post_form(
        "/account/notifications",
        {
            "email_frequency": "weekly",
            "kind-notifydemo.changed": "immediately",
            "newsletters": "yes",
        },
    )
    session.commit()
    preference = preference_of(session, ada)
    assert preference.email_frequency == "weekly"
    assert preference.kind_frequencies == {"notifydemo.changed": "immediately"}
    assert preference.newsletter_consent_at is not None
    assert preference.follow_when_participating is False  # unticked box
    client.post_form("/account/notifications", {"email_frequency": "bogus"})
    session.commit()
    assert preference_of(session, ada).email_frequency == "weekly"
    assert preference_of(session, ada).newsletter_withdrawn_at is not None


class CountingQueue:
    """The app's inline queue, counting the jobs pushed to it."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.after_response, self.jobs = inner, inner.after_response, []

    def push(self, job: Any) -> None:
        self.jobs.append(job.func)
        self.inner.push(job)


def test_five_thousand_followers_get_one_digest_each_in_bounded_queries_and_jobs(
    app, cli_runner, session, outbox, make_user, place
) -> None:
    rows = [{"email": f"p{n}@example.org", "name": f"P{n}", "locale": "en"} for n in range(5000)]
    session.execute(insert(User), rows)
    ids = list(session.scalars(select(User.id)))
    session.execute(
        insert(Follow),
        [
            {
                "user_id": i,
                "target_type": "space",
                "target_id": place.space_id,
                "space_id": place.space_id,
                "reason": "manual",
            }
            for i in ids
        ],
    )
    session.commit()
    queue = CountingQueue(job_queue(app))
    app.extensions["pnyx.jobs"] = queue
    statements: list[str] = []
    engine = get_database(app).engine
    record = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", record)
    try:
        notify(place)
        stored = len(statements)
        cli_runner.invoke(args=["notifications", "send-digests"])
    finally:
        event.remove(engine, "before_cursor_execute", record)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Notification)) == 5000
    assert len(outbox) == 5000 and len({m["To"] for m in outbox}) == 5000
    assert queue.jobs.count("pnyx.notifications.delivery:mail_batch") == 10
    assert len(queue.jobs) == 11  # the fan-out, then ten batches of 500
    assert stored < 30, statements[:stored]
    assert len(statements) < 200
