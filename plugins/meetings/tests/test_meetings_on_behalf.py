"""Meetings organized on behalf of an organization (api.groups, issue 17 item 5): offered only
where the component's admin let groups take part, only for an organization one belongs to;
the meeting shows the organization as its organizer, the action log keeps the person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import GroupRole, Organization, UserGroup, UserGroupMembership
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting, Organizer

ACTION_LOG = api.Model.metadata.tables["action_log"]
MEETING = {
    "title-fr": "Pique-nique de quartier",
    "kind": "in_person",
    "start_at": "2030-06-15T12:00",
    "end_at": "2030-06-15T15:00",
    "address": "Parc des Prébendes",
    "online_access": "public",
}


@pytest.fixture
def open_component(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component("meetings", settings={"default_step": {"creation_enabled": True}})


@pytest.fixture
def url(open_component: api.Component) -> str:
    return f"/spaces/{open_component.space.slug}/meetings/{open_component.id}/"


def association(
    session: Session, person: api.User, name: str = "Amis du Rhône", role: str = GroupRole.MEMBER
) -> UserGroup:
    group = UserGroup(name=name, kind="association", description={})
    group.memberships.append(UserGroupMembership(user_id=person.id, role=role))
    session.add(group)
    session.commit()
    return group


def allow_groups(session: Session, component: api.Component) -> None:
    component.permissions = {"meetings.create": {"groups": True}}
    session.commit()


def test_a_meeting_organized_by_an_association(
    client: PnyxClient,
    session: Session,
    open_component: api.Component,
    url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada Lovelace")
    group = association(session, ada)
    client.sign_in(ada)
    assert "On behalf of" not in client.get(f"{url}new").text  # not allowed here yet
    allow_groups(session, open_component)
    assert "Amis du Rhône" in client.get(f"{url}new").text
    answer = client.post_form(f"{url}new", {**MEETING, "user_group": str(group.id)})
    assert answer.status_code == 302
    meeting = session.scalar(select(Meeting))
    assert meeting.user_group_id == group.id and meeting.author_id == ada.id
    assert meeting.organizer == Organizer.GROUP and meeting.group_name == "Amis du Rhône"
    extra = session.scalar(
        select(ACTION_LOG.c.extra).where(
            ACTION_LOG.c.action == "meetings.create", ACTION_LOG.c.actor_id == ada.id
        )
    )
    assert extra == {"user_group_id": group.id}
    page = client.get(f"{url}meetings/{meeting.id}").text
    assert f'<a href="/groups/{group.id}">Amis du Rhône</a>' in page
    # Their edit keeps it; choosing "no organization" makes it theirs again.
    edit = f"{url}meetings/{meeting.id}/edit"
    assert "selected>Amis du Rhône</option>" in client.get(edit).text
    assert client.post_form(edit, {**MEETING, "user_group": ""}).status_code == 302
    session.refresh(meeting)
    assert meeting.user_group_id is None


@pytest.mark.parametrize("role", [GroupRole.REQUESTED, GroupRole.INVITED, None])
def test_only_active_members_organize_for_the_group(
    client: PnyxClient,
    session: Session,
    open_component: api.Component,
    url: str,
    make_user: Callable[..., api.User],
    role: str | None,
) -> None:
    person = make_user(name="Not a member")
    group = association(session, person if role else make_user(name="Other"), role=role or "admin")
    allow_groups(session, open_component)
    client.sign_in(person)
    refused = client.post_form(f"{url}new", {**MEETING, "user_group": str(group.id)})
    assert refused.status_code == 400
    assert "cannot organize a meeting on behalf of this organization" in refused.text
    assert session.scalar(select(Meeting)) is None


def test_staff_editing_keep_the_organization(
    client: PnyxClient,
    session: Session,
    open_component: api.Component,
    url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada")
    group = association(session, ada)
    allow_groups(session, open_component)
    client.sign_in(ada)
    client.post_form(f"{url}new", {**MEETING, "user_group": str(group.id)})
    meeting = session.scalar(select(Meeting))
    client.sign_in(make_user(name="Admin", roles=["admin"]))
    admin = f"/admin/spaces/{open_component.space.slug}/meetings/{open_component.id}/"
    form = client.get(f"{admin}{meeting.id}/edit").text
    assert "selected>Amis du Rhône</option>" in form
    data = {**MEETING, "user_group": str(group.id), "organizer": "group", "published": "1"}
    saved = client.post_form(f"{admin}{meeting.id}/edit", data)
    assert saved.status_code == 302, saved.text
    session.refresh(meeting)
    assert meeting.user_group_id == group.id


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("fr", ("Au nom de", "Personne\u202f: aucune organisation")),
        ("en", ("On behalf of", "Nobody: no organization")),
        ("co", ("À nome di", "Nisunu\u202f: nisuna urganizazione")),
    ],
)
def test_the_choice_in_every_language(
    client: PnyxClient,
    session: Session,
    open_component: api.Component,
    url: str,
    make_user: Callable[..., api.User],
    make_organization: Callable[..., Organization],
    locale: str,
    words: tuple[str, str],
) -> None:
    organization = session.scalar(select(Organization)) or make_organization()
    organization.available_locales = ["fr", "en", "co"]
    ada = make_user(name="Ada")
    ada.locale = locale
    association(session, ada)
    allow_groups(session, open_component)
    client.sign_in(ada)
    page = client.get(f"{url}new").text
    assert all(word in page for word in words)
