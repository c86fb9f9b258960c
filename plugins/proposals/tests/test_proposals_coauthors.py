"""Co-authorship (issue 20, item 5): the author invites by e-mail, the invited person accepts
(possibly for an organization) or declines; co-authors are shown, edit, and decide on
amendments; the author removes them."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import GroupRole, Notification, UserGroup, UserGroupMembership
from pnyx.testing import PnyxClient
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.coauthors.models import Coauthor
from pnyx_proposals.coauthors.service import add_accepted
from pnyx_proposals.models import Proposal

BODY = "Plant trees along the river, from the bridge to the park."


def test_invite_accept_and_the_coauthor_is_shown_and_edits(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada = make_user(name="Ada Author")
    cleo = make_user(name="Cleo Coauthor", email="cleo@example.org")
    proposal = add_proposal("Trees", body=BODY, author=ada)
    client.sign_in(ada)
    assert 'href="' + f"{url}{proposal.id}/coauthors" in client.get(f"{url}{proposal.id}/").text
    refused = client.post_form(f"{url}{proposal.id}/coauthors", {"email": "nobody@example.org"})
    assert refused.status_code == 400 and "No account uses this e-mail address." in refused.text
    answer = client.post_form(f"{url}{proposal.id}/coauthors", {"email": "CLEO@example.org "})
    assert answer.status_code == 302
    again = client.post_form(f"{url}{proposal.id}/coauthors", {"email": "cleo@example.org"})
    assert again.status_code == 400 and "already invited" in again.text
    notes = session.scalars(select(Notification)).all()
    assert [(n.user_id, n.kind) for n in notes] == [(cleo.id, "proposals.coauthor_invited")]

    client.sign_in(cleo)
    page = client.get(f"{url}{proposal.id}/").text
    assert "You are invited to co-author this proposal" in page
    assert client.get(f"{url}{proposal.id}/edit").status_code == 403  # not before accepting
    assert client.post_form(f"{url}{proposal.id}/coauthorship/accept").status_code == 302
    page = client.get(f"{url}{proposal.id}/").text
    assert "Authors</dt>" in page and "Cleo Coauthor" in page
    assert client.get(f"{url}{proposal.id}/edit").status_code in (200, 302)

    client.sign_in(ada)
    row = session.scalar(select(Coauthor))
    client.post_form(f"{url}{proposal.id}/coauthors/{row.id}/remove")
    assert session.scalar(select(Coauthor)) is None


def test_decline_and_strangers_cannot_accept(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada, cleo, eve = make_user(), make_user(email="cleo2@example.org"), make_user()
    proposal = add_proposal("Trees", body=BODY, author=ada)
    client.sign_in(ada)
    client.post_form(f"{url}{proposal.id}/coauthors", {"email": "cleo2@example.org"})
    client.sign_in(eve)
    assert client.post_form(f"{url}{proposal.id}/coauthorship/accept").status_code == 403
    assert client.get(f"{url}{proposal.id}/coauthors").status_code == 403  # not the author
    client.sign_in(cleo)
    assert client.post_form(f"{url}{proposal.id}/coauthorship/decline").status_code == 302
    assert session.scalar(select(Coauthor)) is None


def test_accept_on_behalf_of_an_organization(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada, cleo = make_user(), make_user(email="cleo3@example.org")
    group = UserGroup(name="Amis du Rhône", kind="association", description={})
    group.memberships.append(UserGroupMembership(user_id=cleo.id, role=GroupRole.MEMBER))
    session.add(group)
    component.permissions = {"proposals.create": {"groups": True}}
    session.commit()
    proposal = add_proposal("Trees", body=BODY, author=ada)
    session.add(Coauthor(proposal_id=proposal.id, user_id=cleo.id, status="invited"))
    session.commit()
    client.sign_in(cleo)
    assert "Amis du Rhône" in client.get(f"{url}{proposal.id}/").text
    client.post_form(f"{url}{proposal.id}/coauthorship/accept", {"user_group": str(group.id)})
    row = session.scalar(select(Coauthor))
    assert row.status == "accepted" and row.user_group_id == group.id
    page = client.get(f"{url}{proposal.id}/").text
    assert f'<a href="/groups/{group.id}">Amis du Rhône</a>' in page


def test_an_organization_one_does_not_belong_to_is_refused(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    ada, cleo = make_user(), make_user()
    group = UserGroup(name="Not mine", kind="association", description={})
    session.add(group)
    component.permissions = {"proposals.create": {"groups": True}}
    proposal = add_proposal("Trees", body=BODY, author=ada)
    session.add(Coauthor(proposal_id=proposal.id, user_id=cleo.id, status="invited"))
    session.commit()
    client.sign_in(cleo)
    client.post_form(f"{url}{proposal.id}/coauthorship/accept", {"user_group": str(group.id)})
    assert session.scalar(select(Coauthor.status)) == "invited"


def test_coauthors_decide_on_amendments_and_are_told_of_them(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"amendments_enabled": True})
    ada, cleo, bob = make_user(), make_user(), make_user()
    proposal = add_proposal("Trees", body=BODY, author=ada)
    add_accepted(session, proposal, [cleo.id, ada.id])
    session.commit()
    client.sign_in(cleo)
    assert client.get(f"{url}{proposal.id}/amend").status_code == 403  # an author edits
    client.sign_in(bob)
    client.post_form(
        f"{url}{proposal.id}/amend",
        {"title": "Trees", "body": BODY + " And benches.", "intent": "send"},
    )
    told = session.scalars(
        select(Notification.user_id).where(Notification.kind == "proposals.amendment_proposed")
    ).all()
    assert sorted(told) == sorted([ada.id, cleo.id])
    client.sign_in(cleo)
    amendment = session.scalar(select(Amendment))
    answer = client.post_form(
        f"{url}{proposal.id}/amendments/{amendment.id}/accept", {"version": "1"}
    )
    assert answer.status_code == 302
