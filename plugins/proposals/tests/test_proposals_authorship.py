"""Official and meeting proposals (issue 20, item 1): staff publish as the organization or as
a meeting; the pages show that authorship, never the staff member's name; the meeting's page
lists the proposal through the resource link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask import Flask, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import Notification
from pnyx.testing import PnyxClient
from pnyx_meetings.models import Meeting, Minutes
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.authorship import MEETING_LINK
from pnyx_proposals.models import RESOURCE, Proposal

ACTION_LOG = api.Model.metadata.tables["action_log"]
BODY = "Open the school yards to the neighbourhood on Saturdays."


@pytest.fixture
def pnyx_plugins() -> list[str]:
    return ["proposals", "meetings"]


@pytest.fixture
def meeting(session: Session, make_component: Callable[..., api.Component]) -> Meeting:
    component = make_component("meetings")
    start = api.utcnow() - dt.timedelta(days=2)
    meeting = Meeting(
        component_id=component.id,
        title={"en": "Workshop on school yards", "fr": "Atelier cours d'école"},
        start_at=start,
        end_at=start + dt.timedelta(hours=2),
        address="1 place de la Mairie",
    )
    session.add(meeting)
    session.commit()
    return meeting


def staff(make_user: Callable[..., api.User], component: api.Component) -> api.User:
    return make_user(name="Camille Admin", space_roles={component.space: "admin"})


def official_url(app: Flask, component: api.Component) -> str:
    with app.test_request_context():
        return url_for(
            "proposals_admin.new_official",
            space_slug=component.space.slug,
            component_id=component.id,
        )


def test_staff_publish_an_official_proposal_shown_from_the_organization(
    app: Flask,
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    camille = staff(make_user, component)
    client.sign_in(camille)
    form_url = official_url(app, component)
    assert "New official proposal" in client.get(form_url).text
    answer = client.post_form(
        form_url, {"authorship": "official", "title": "Open school yards", "body": BODY}
    )
    assert answer.status_code == 302
    proposal = session.scalar(select(Proposal))
    assert proposal.authorship == "official" and proposal.author_id is None
    assert proposal.published_at is not None
    page = client.get(f"{url}{proposal.id}/").text
    assert "Official proposal" in page and "Camille Admin" not in page.split("<main")[-1]
    actor = session.scalar(
        select(ACTION_LOG.c.actor_id).where(ACTION_LOG.c.action == "proposals.published_official")
    )
    assert actor == camille.id  # the log keeps who published it
    # Staff edit it (no author): a resident does not.
    assert client.get(f"{url}{proposal.id}/edit").status_code == 200
    client.sign_in(make_user())
    assert client.get(f"{url}{proposal.id}/edit").status_code == 403


def test_a_meeting_proposal_is_shown_from_its_meeting_and_listed_on_the_meeting_page(
    app: Flask,
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    component: api.Component,
    meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(staff(make_user, component))
    form = {"authorship": "meeting", "meeting": str(meeting.id), "title": "Yards", "body": BODY}
    assert client.post_form(official_url(app, component), form).status_code == 302
    proposal = session.scalar(select(Proposal))
    assert (proposal.authorship, proposal.meeting_id) == ("meeting", meeting.id)
    linked = api.links.linked_ids(session, MEETING_LINK, source=(RESOURCE, proposal.id))
    assert list(linked) == [meeting.id]

    page = client.get(f"{url}{proposal.id}/").text
    assert "Meeting proposal" in page and "Workshop on school yards</a>" in page
    assert "Camille Admin" not in page.split("<main")[-1]
    staff_page = client.get(f"{admin_url}{proposal.id}/answer").text
    assert "Meeting proposal" in staff_page and "Workshop on school yards</a>" in staff_page

    # The meeting's page lists the proposals that came out of it, before its minutes are
    # published and then inside them (links either way).
    with app.test_request_context():
        meeting_url = api.component_url(meeting.component, "show", meeting_id=meeting.id)
    before = client.get(meeting_url).text
    assert f'href="{url}{proposal.id}/">Yards</a>' in before and 'id="minutes-title"' not in before
    session.add(Minutes(meeting_id=meeting.id, text={"en": "We met."}, published=True))
    session.commit()
    after = client.get(meeting_url).text
    assert f'href="{url}{proposal.id}/">Yards</a>' in after and 'id="minutes-title"' in after


def test_a_wrong_meeting_number_or_choice_is_refused_with_the_text_kept(
    app: Flask,
    client: PnyxClient,
    session: Session,
    component: api.Component,
    meeting: Meeting,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(staff(make_user, component))
    target = official_url(app, component)
    for values in ({"authorship": "meeting", "meeting": "99999"}, {"authorship": "someone"}):
        answer = client.post_form(target, {**values, "title": "Yards", "body": BODY})
        assert answer.status_code == 400 and BODY in answer.text
    unpublished = Meeting(
        component_id=meeting.component_id,
        title={"en": "Draft"},
        start_at=meeting.start_at,
        end_at=meeting.end_at,
        published=False,
    )
    session.add(unpublished)
    session.commit()
    refused = client.post_form(
        target,
        {"authorship": "meeting", "meeting": str(unpublished.id), "title": "Y", "body": BODY},
    )
    assert refused.status_code == 400
    assert session.scalar(select(Proposal)) is None


def test_only_managers_publish_official_proposals(
    app: Flask,
    client: PnyxClient,
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    target = official_url(app, component)
    client.sign_in(make_user())
    assert client.get(target).status_code == 403
    form = {"authorship": "official", "title": "Mine", "body": BODY}
    assert client.post_form(target, form).status_code == 403
    client.sign_in(make_user(space_roles={component.space: "valuator"}))
    assert client.get(target).status_code == 403


def test_amendments_to_an_official_proposal_reach_the_space_admins_who_decide(
    client: PnyxClient,
    session: Session,
    url: str,
    component: api.Component,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
    add_proposal: Callable[..., Proposal],
) -> None:
    set_settings(step={"amendments_enabled": True})
    camille, bob = staff(make_user, component), make_user()
    proposal = add_proposal("Open school yards", body=BODY, authorship="official")
    client.sign_in(bob)
    form = {"title": proposal.title, "body": BODY + " On Sundays too.", "intent": "send"}
    assert client.post_form(f"{url}{proposal.id}/amend", form).status_code == 302
    told = session.scalars(
        select(Notification.user_id).where(Notification.kind == "proposals.amendment_proposed")
    ).all()
    assert list(told) == [camille.id]
    amendment = session.scalar(select(Amendment))
    client.sign_in(camille)
    accepted = client.post_form(
        f"{url}{proposal.id}/amendments/{amendment.id}/accept", {"version": "1"}
    )
    assert accepted.status_code == 302
