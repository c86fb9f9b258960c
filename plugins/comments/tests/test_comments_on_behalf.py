"""Comments and debates on behalf of an organization (api.groups, issue 17 item 5): only where
the component's admin let groups take part, only for an organization one belongs to (admin or
member: not a pending request or invitation); the group is shown as the author, the action
log keeps the person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import GroupRole, Organization, UserGroup, UserGroupMembership
from pnyx.testing import PnyxClient
from pnyx_comments.debates.models import Debate
from pnyx_comments.models import Comment

ACTION_LOG = api.Model.metadata.tables["action_log"]


def association(
    session: Session, person: api.User, name: str = "Amis du Rhône", role: str = GroupRole.MEMBER
) -> UserGroup:
    group = UserGroup(name=name, kind="association", description={})
    group.memberships.append(UserGroupMembership(user_id=person.id, role=role))
    session.add(group)
    session.commit()
    return group


def allow_groups(session: Session, component: api.Component, action: str) -> None:
    component.permissions = {**(component.permissions or {}), action: {"groups": True}}
    session.commit()


def logged(session: Session, action: str) -> tuple[int, dict | None]:
    row = session.execute(
        select(ACTION_LOG.c.actor_id, ACTION_LOG.c.extra).where(ACTION_LOG.c.action == action)
    ).one()
    return row.actor_id, row.extra


def test_a_comment_and_a_reply_on_behalf_of_an_association(
    client: PnyxClient,
    session: Session,
    component: api.Component,
    page: str,
    post_url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada Lovelace")
    group = association(session, ada)
    client.sign_in(ada)
    assert "On behalf of" not in client.get(page).text  # not allowed in this component yet
    allow_groups(session, component, "comments.create")
    shown = client.get(page).text
    assert "On behalf of" in shown and "Amis du Rhône" in shown
    answer = client.post_form(post_url, {"body": "Our members agree.", "user_group": group.id})
    assert answer.status_code == 302
    comment = session.scalar(select(Comment))
    assert comment.user_group_id == group.id and comment.author_id == ada.id
    assert logged(session, "comments.created") == (ada.id, {"user_group_id": group.id})
    thread = client.get(page).text
    assert f'<a href="/groups/{group.id}">Amis du Rhône</a>' in thread
    assert "Ada Lovelace" not in thread.split('id="comments"')[1]
    # A reply on behalf too; "Myself" (empty) writes as the person.
    reply = {"body": "Details follow.", "parent_id": comment.id, "user_group": str(group.id)}
    assert client.post_form(post_url, reply).status_code == 302
    assert client.post_form(post_url, {"body": "Me only.", "user_group": ""}).status_code == 302
    rows = session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [row.user_group_id for row in rows] == [group.id, group.id, None]


@pytest.mark.parametrize("role", [GroupRole.REQUESTED, GroupRole.INVITED])
def test_only_active_members_act_for_the_group(
    client: PnyxClient,
    session: Session,
    component: api.Component,
    page: str,
    post_url: str,
    make_user: Callable[..., api.User],
    role: str,
) -> None:
    person = make_user(name="Not yet a member")
    pending = association(session, person, role=role)
    theirs = association(session, make_user(name="Other"), name="Someone else's")
    allow_groups(session, component, "comments.create")
    client.sign_in(person)
    assert "On behalf of" not in client.get(page).text  # nothing to offer them
    for group in (pending, theirs):
        refused = client.post_form(post_url, {"body": "Keep my text", "user_group": group.id})
        assert refused.status_code == 422
        assert "cannot comment on behalf of this organization" in refused.text
        assert "Keep my text" in refused.text  # nothing typed is lost
    assert session.scalar(select(Comment)) is None


def test_refused_where_groups_may_not_take_part(
    client: PnyxClient,
    session: Session,
    post_url: str,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada")
    group = association(session, ada)
    client.sign_in(ada)
    refused = client.post_form(post_url, {"body": "Hello", "user_group": group.id})
    assert refused.status_code == 422
    assert session.scalar(select(Comment)) is None


def test_the_component_admin_lets_groups_comment(
    client: PnyxClient, component: api.Component, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user(name="Admin", roles=["admin"]))
    url = f"/admin/components/{component.id}/permissions/comments.create"
    assert "Groups may take part" in client.get(url).text


@pytest.mark.parametrize(
    ("locale", "label", "myself"),
    [
        ("fr", "Au nom de", "Moi-même"),
        ("en", "On behalf of", "Myself"),
        ("co", "À nome di", "Eiu stessu"),
    ],
)
def test_on_behalf_in_every_language(
    client: PnyxClient,
    session: Session,
    component: api.Component,
    page: str,
    make_user: Callable[..., api.User],
    make_organization: Callable[..., Organization],
    locale: str,
    label: str,
    myself: str,
) -> None:
    organization = session.scalar(select(Organization)) or make_organization()
    organization.available_locales = ["fr", "en", "co"]
    ada = make_user(name="Ada")
    ada.locale = locale
    association(session, ada)
    allow_groups(session, component, "comments.create")
    client.sign_in(ada)
    shown = client.get(page).text
    assert label in shown and myself in shown


@pytest.fixture
def debates(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component("comments_debates", settings={"default_step": {"creation_enabled": True}})


def test_a_debate_opened_on_behalf_of_an_association(
    client: PnyxClient,
    session: Session,
    debates: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    url = f"/spaces/{debates.space.slug}/comments_debates/{debates.id}/"
    ada = make_user(name="Ada Lovelace")
    group = association(session, ada)
    theirs = association(session, make_user(name="Other"), name="Someone else's")
    client.sign_in(ada)
    data = {"title.fr": "Un banc", "framing.fr": "Où mettre un banc ?"}
    assert "On behalf of" not in client.get(url + "new").text
    allow_groups(session, debates, "comments.open_debate")
    assert "Amis du Rhône" in client.get(url + "new").text
    # Someone else's organization is not a choice: refused, nothing opened.
    refused = client.post_form(url + "new", {**data, "user_group_id": str(theirs.id)})
    assert refused.status_code == 400
    assert session.scalar(select(Debate)) is None
    answer = client.post_form(url + "new", {**data, "user_group_id": str(group.id)})
    assert answer.status_code == 302
    debate = session.scalar(select(Debate))
    assert debate.user_group_id == group.id and debate.author_id == ada.id
    assert logged(session, "comments.debate_opened") == (ada.id, {"user_group_id": group.id})
    link = f'<a href="/groups/{group.id}">Amis du Rhône</a>'
    assert link in client.get(f"{url}{debate.id}").text
    assert link in client.get(url).text
