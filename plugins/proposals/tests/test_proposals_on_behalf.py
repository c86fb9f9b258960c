"""Proposals written on behalf of an organization (api.groups, issue 17 item 5): only where
the component's admin let groups take part, only for one's own organizations; the proposal
shows the organization as its author, the action log the person."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import GroupRole, UserGroup, UserGroupMembership
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal

ACTION_LOG = api.Model.metadata.tables["action_log"]
BODY = "Plant trees along the riverbanks, with the residents' association."


def association(session: Session, member: api.User, name: str = "Amis du Rhône") -> UserGroup:
    group = UserGroup(name=name, kind="association", description={})
    group.memberships.append(UserGroupMembership(user_id=member.id, role=GroupRole.MEMBER))
    session.add(group)
    session.commit()
    return group


def allow_groups(session: Session, component: api.Component) -> None:
    component.permissions = {"proposals.create": {"groups": True}}
    session.commit()


def test_on_behalf_of_an_association(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada Lovelace")
    group = association(session, ada)
    client.sign_in(ada)
    assert "On behalf of" not in client.get(f"{url}new").text  # not allowed here yet
    refused = client.post_form(
        f"{url}new", {"title": "Trees", "body": BODY, "user_group": group.id}
    )
    assert refused.status_code == 400
    allow_groups(session, component)
    assert "Amis du Rhône" in client.get(f"{url}new").text
    form = {"title": "Trees on the banks", "body": BODY, "user_group": str(group.id)}
    answer = client.post_form(f"{url}new", {**form, "intent": "publish"})
    assert answer.status_code == 302
    proposal = session.scalar(select(Proposal))
    assert proposal.user_group_id == group.id and proposal.author_id == ada.id
    page = client.get(f"{url}{proposal.id}/").text
    assert f'href="/groups/{group.id}">Amis du Rhône</a>' in page
    logged = session.execute(
        select(ACTION_LOG.c.actor_id, ACTION_LOG.c.extra).where(
            ACTION_LOG.c.action == "proposals.draft_created"
        )
    ).one()
    assert logged.actor_id == ada.id and logged.extra == {"user_group_id": group.id}


def test_not_on_behalf_of_someone_elses_organization(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    theirs = association(session, make_user(name="Other"), name="Not mine")
    allow_groups(session, component)
    client.sign_in(make_user(name="Ada"))
    form = {"title": "Trees on the banks", "body": BODY, "user_group": str(theirs.id)}
    answer = client.post_form(f"{url}new", form)
    assert answer.status_code == 400
    assert "cannot write on behalf" in answer.text
    assert session.scalar(select(Proposal)) is None
