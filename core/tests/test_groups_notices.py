"""Organizations' invitations, requests to join and acceptances reach people through the core's
notifications (issue 17 item 5): the centre, and e-mail at the frequency each person chose,
with one-click unsubscribe; nothing when they said "no e-mail"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx.models import GroupRole, Notification, UserGroup, UserGroupMembership
from pnyx.notifications.preferences_store import preference_of


@pytest.fixture
def people(make_organization, make_user):
    make_organization(available_locales=["fr", "en", "co"])
    return {
        "founder": make_user(name="Founder", email="founder@example.org"),
        "joiner": make_user(name="Joiner", email="joiner@example.org"),
    }


@pytest.fixture
def group(session, people) -> UserGroup:
    group = UserGroup(name="Amis du Rhône", kind="association", description={})
    group.memberships.append(
        UserGroupMembership(user_id=people["founder"].id, role=GroupRole.ADMIN)
    )
    session.add(group)
    session.commit()
    return group


def kinds_of(session, person) -> list[str]:
    query = select(Notification.kind).where(Notification.user_id == person.id)
    return list(session.scalars(query.order_by(Notification.id)))


def test_an_invitation_is_mailed_at_once_to_who_wants_it(
    client, session, outbox, people, group, make_user
) -> None:
    invited = make_user(name="Invited", email="invited@example.org")
    preference_of(session, invited).email_frequency = "immediately"
    session.commit()
    client.sign_in(people["founder"])
    answer = client.post_form(
        f"/groups/{group.id}/members/invite", data={"email": "invited@example.org"}
    )
    assert answer.status_code == 303
    assert kinds_of(session, invited) == ["pnyx.group_invited"]
    [message] = outbox.to("invited@example.org")
    assert "Amis du Rhône" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = outbox.body(message)
    assert "/groups/mine" in body and "/account/notifications" in body
    # The invitation waits in their centre too, linking to where they accept it.
    client.sign_in(invited)
    assert "/groups/mine" in client.get("/notifications").text


def test_no_mail_for_who_said_no_and_a_digest_by_default(
    client, session, outbox, people, group, make_user
) -> None:
    quiet = make_user(name="Quiet", email="quiet@example.org")
    preference_of(session, quiet).email_frequency = "never"
    default = make_user(name="Default", email="default@example.org")
    session.commit()
    client.sign_in(people["founder"])
    for email in ("quiet@example.org", "default@example.org"):
        client.post_form(f"/groups/{group.id}/members/invite", data={"email": email})
    assert kinds_of(session, quiet) == kinds_of(session, default) == ["pnyx.group_invited"]
    assert len(outbox) == 0  # the default person gets it in tomorrow's digest
    waiting = session.scalar(
        select(Notification.mail_due).where(Notification.user_id == default.id)
    )
    assert waiting == "daily"


def test_a_request_tells_the_admins_and_its_acceptance_the_person(
    client, session, outbox, people, group
) -> None:
    founder, joiner = people["founder"], people["joiner"]
    for person in (founder, joiner):
        preference_of(session, person).email_frequency = "immediately"
    session.commit()
    client.sign_in(joiner)
    assert client.post_form(f"/groups/{group.id}/join").status_code == 303
    assert kinds_of(session, founder) == ["pnyx.group_join_requested"]
    [message] = outbox.to("founder@example.org")
    assert f"/groups/{group.id}/members" in outbox.body(message)
    request_row = session.scalar(
        select(UserGroupMembership).where(UserGroupMembership.user_id == joiner.id)
    )
    client.sign_in(founder)
    client.post_form(f"/groups/{group.id}/members/{request_row.id}/accept")
    assert kinds_of(session, joiner) == ["pnyx.group_request_accepted"]
    assert len(outbox.to("joiner@example.org")) == 1


@pytest.mark.parametrize(
    ("locale", "label"),
    [
        ("fr", "Invitation à rejoindre une organisation"),
        ("en", "Invitation to join an organization"),
        ("co", "Invitu à entrà in un’urganizazione"),
    ],
)
def test_the_kinds_on_the_preferences_page_in_every_language(
    client, session, people, locale, label
) -> None:
    people["joiner"].locale = locale
    session.commit()
    client.sign_in(people["joiner"])
    assert label in client.get("/account/notifications").text
