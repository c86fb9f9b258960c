"""Following and the notification centre (issue 19, item 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from pnyx import api
from pnyx.models import Follow, Notification

pytestmark = [pytest.mark.pnyx_plugins("notifydemo"), pytest.mark.usefixtures("notifydemo")]


@pytest.fixture
def place(make_space: Callable[..., Any], make_component: Callable[..., Any]) -> Any:
    space = make_space(slug="parks", published=True)
    return make_component(space, "notifydemo", published=True)


def notified(session: Any, user: Any) -> list[Notification]:
    session.commit()  # end the test's read transaction: the job wrote in its own session
    query = select(Notification).where(Notification.user_id == user.id)
    return list(session.scalars(query.order_by(Notification.id)))


def test_following_a_space_with_the_button_brings_its_notifications(
    client, session, make_user, place, follow_token
) -> None:
    ada, bob = make_user(name="Ada"), make_user(name="Bob")
    client.sign_in(ada)
    page = client.get("/spaces/parks")
    assert "Follow" in page.text
    response = client.post_form(
        "/follow", {"target": follow_token(page.text), "next": "/spaces/parks"}
    )
    assert response.status_code == 303 and response.location.endswith("/spaces/parks")
    assert "Stop following" in client.get("/spaces/parks").text

    api.notify(
        "notifydemo.changed",
        ("notifydemo_thing", 1),
        component=place,
        title={"en": "New bench", "fr": "Nouveau banc"},
        url="/things/1",
        actor_id=bob.id,
    )
    [note] = notified(session, ada)
    assert (note.space_id, note.component_id, note.target_id) == (place.space_id, place.id, 1)
    assert notified(session, bob) == []  # neither follower nor the actor

    header = client.get("/notifications").text
    assert 'class="badge">1<' in header and "New bench" in header and "Thing changed" in header
    client.post_form("/notifications/read", {"notification": str(note.id)})
    session.expire_all()
    assert note.read_at is not None
    assert 'class="badge"' not in client.get("/notifications").text


def test_unfollow_and_a_forged_button(client, session, make_user, place, follow_token) -> None:
    ada = make_user()
    api.follow(ada, place.space)
    session.commit()
    client.sign_in(ada)
    token = follow_token(client.get("/spaces/parks").text)
    client.post_form("/unfollow", {"target": token})
    assert session.scalar(select(func.count()).select_from(Follow)) == 0
    assert client.post_form("/follow", {"target": token[:-2] + "xx"}).status_code == 400


def test_authors_mentioned_and_staff(session, make_user, make_space, make_component) -> None:
    space = make_space(slug="s", published=True)
    place = make_component(space, "notifydemo", published=True)
    # "bystander" holds no role and follows nothing: told nothing
    author, mentioned, bystander, follower = (make_user() for _ in range(4))
    staff = make_user(space_roles=[(space, "admin")])
    api.follow(follower, ("notifydemo_thing", 2), component=place)
    session.commit()
    api.notify("notifydemo.changed", ("notifydemo_thing", 2), component=place, authors=[author.id])
    api.notify("notifydemo.flagged", ("notifydemo_thing", 2), component=place)
    api.notify(
        "notifydemo.mention", ("notifydemo_thing", 2), component=place, mentioned=[mentioned.id]
    )
    kinds = {
        u.id: [n.kind for n in notified(session, u)]
        for u in (author, mentioned, bystander, follower, staff)
    }
    assert kinds == {
        author.id: ["notifydemo.changed"],
        mentioned.id: ["notifydemo.mention"],
        bystander.id: [],
        follower.id: ["notifydemo.changed"],
        staff.id: ["notifydemo.flagged"],
    }


def test_no_leak_of_a_space_the_recipient_may_no_longer_see(
    session, make_user, make_space, make_component
) -> None:
    space = make_space(slug="closed", published=True)
    place = make_component(space, "notifydemo", published=True)
    outsider = make_user()
    member = make_user(space_roles=[(space, "collaborator")])
    for person in (outsider, member):
        api.follow(person, space)
    space.private = True
    session.commit()
    api.notify("notifydemo.changed", ("notifydemo_thing", 3), component=place, title="Secret")
    assert notified(session, outsider) == []
    assert [n.title for n in notified(session, member)] == [{"": "Secret"}]
    # a resource its plugin no longer shows (hidden by moderation) is told to nobody
    api.notify("notifydemo.changed", ("notifydemo_thing", 999), component=place)
    assert len(notified(session, member)) == 1


def test_automatic_follows_respect_the_persons_choice(session, make_user, place) -> None:
    ada = make_user()
    assert api.follow(ada, ("notifydemo_thing", 5), component=place, reason="registered")
    assert not api.follow(ada, ("notifydemo_thing", 5), component=place)  # already
    assert api.following(ada, ("notifydemo_thing", 5)).reason == "registered"
    assert api.unfollow(ada, ("notifydemo_thing", 5))
    from pnyx.notifications.preferences_store import preference_of

    preference_of(session, ada).follow_when_participating = False
    assert not api.follow(ada, ("notifydemo_thing", 5), component=place, reason="voted")
    assert api.follow(ada, ("notifydemo_thing", 5), component=place)  # the button still works


def test_an_undeclared_kind_is_refused_at_once(place) -> None:
    with pytest.raises(ValueError, match="unknown notification kind"):
        api.notify("notifydemo.typo", place)


def test_the_centre_is_paginated_and_marks_all_read(client, session, make_user, place) -> None:
    ada = make_user()
    api.follow(ada, place)
    session.commit()
    for number in range(25):
        api.notify(
            "notifydemo.changed",
            ("notifydemo_thing", number + 1),
            component=place,
            title=f"Item {number}",
        )
    client.sign_in(ada)
    first = client.get("/notifications").text
    assert "Item 24" in first and "Item 0<" not in first and 'rel="next"' in first
    assert "Item 0<" in client.get("/notifications?page=2").text
    client.post_form("/notifications/read", {})
    session.commit()
    unread = select(func.count()).where(Notification.read_at.is_(None))
    assert session.scalar(unread) == 0


def test_follows_notifications_and_choices_are_exported_and_deleted_with_the_account(
    session, make_user, place
) -> None:
    from pnyx.notifications.preferences_store import preference_of
    from pnyx.personal_data.core_data import core_files, erase_owned_rows

    ada = make_user()
    api.follow(ada, place)
    preference_of(session, ada).email_frequency = "weekly"
    session.commit()
    api.notify("notifydemo.changed", ("notifydemo_thing", 1), component=place, title="Bench")
    session.commit()
    files = core_files(session, ada)
    assert [row["target_type"] for row in files["follows.json"]] == ["component"]
    assert [row["title"] for row in files["notifications.json"]] == [{"": "Bench"}]
    assert [row["email_frequency"] for row in files["notification_preferences.json"]] == ["weekly"]
    erase_owned_rows(session, ada)
    session.commit()
    assert notified(session, ada) == []
    assert session.scalar(select(func.count()).select_from(Follow)) == 0


def test_the_centre_writes_a_label_and_its_title_the_french_way(
    client, session, make_user, place
) -> None:
    """A narrow no-break space before the colon in French (a colon typed into the template
    gave 'Nouveau commentaire: Budget'), none in English."""
    ada = make_user()
    api.follow(ada, place)
    session.commit()
    api.notify("notifydemo.changed", ("notifydemo_thing", 1), component=place, title="Banc")
    client.sign_in(ada)
    french = client.get("/notifications", headers={"Accept-Language": "fr"}).text
    english = client.get("/notifications", headers={"Accept-Language": "en"}).text
    assert "\u202f:</span>" in french and " :</span>" not in french
    assert "Thing changed:</span>" in english
