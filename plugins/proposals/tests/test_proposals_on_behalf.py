"""Proposals and amendments written on behalf of an organization (api.groups, issue 17 item 5):
only where the component's admin let groups take part, only for one's own organizations; the
page shows the organization as the author, the action log the person."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import GroupRole, UserGroup, UserGroupMembership
from pnyx.testing import PnyxClient
from pnyx_proposals.amendments.models import Amendment
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


def test_an_amendment_on_behalf_of_an_association(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    set_settings: Callable[..., None],
    make_user: Callable[..., api.User],
) -> None:
    set_settings(step={"amendments_enabled": True})
    proposal = add_proposal("Trees by the river", body=BODY, author=make_user(name="Ada"))
    bob = make_user(name="Bob Amender")
    mine, theirs = association(session, bob), association(session, make_user(), "Not mine")
    client.sign_in(bob)
    amend = f"{url}{proposal.id}/amend"
    form = {"title": proposal.title, "body": BODY + " And benches.", "intent": "send"}
    assert "On behalf of" not in client.get(amend).text  # not allowed here yet
    refused = client.post_form(amend, {**form, "user_group": str(mine.id)})
    assert refused.status_code == 400 and "And benches." in refused.text  # text kept
    component.permissions = {"proposals.amend": {"groups": True}}
    session.commit()
    assert "Amis du Rhône" in client.get(amend).text
    refused = client.post_form(amend, {**form, "user_group": str(theirs.id)})
    assert refused.status_code == 400 and "cannot write on behalf" in refused.text
    assert client.post_form(amend, {**form, "user_group": str(mine.id)}).status_code == 302

    amendment = session.scalar(select(Amendment))
    assert amendment.user_group_id == mine.id and amendment.author_id == bob.id
    client.sign_out()
    for page in (f"{url}{proposal.id}/", f"{url}{proposal.id}/amendments/{amendment.id}/"):
        text = client.get(page).text
        assert "Amis du Rhône" in text and "Bob Amender" not in text
    logged = session.execute(
        select(ACTION_LOG.c.actor_id, ACTION_LOG.c.extra).where(
            ACTION_LOG.c.action == "proposals.amendment_proposed"
        )
    ).one()
    assert logged.actor_id == bob.id and logged.extra["user_group_id"] == mine.id
