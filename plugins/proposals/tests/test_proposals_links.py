"""Links: a proposal page shows the meetings it came out of and the budget projects that
include it (with their progress), described by the plugins that own them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.jobs.runner import IN_JOB
from pnyx.testing import PnyxClient, install_plugins
from pnyx_proposals import events
from pnyx_proposals.models import RESOURCE, Proposal


@pytest.fixture
def pnyx_plugins(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """proposals, and a stub plugin owning ``linkstub_project`` and ``linkstub_meeting``."""
    folder = Path(__file__).parent / "stub_plugins"
    install_plugins(monkeypatch, {"linkstub": "proposals_linkstub"}, path=folder)
    return ["proposals", "linkstub"]


def test_a_proposal_page_shows_what_it_is_linked_to(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    count_queries: Callable[[str], int],
) -> None:
    proposal = add_proposal("Bike racks")
    base = count_queries(f"{url}{proposal.id}/")
    api.links.link(
        session, "linkstub.included_in", (RESOURCE, proposal.id), ("linkstub_project", 12)
    )
    api.links.link(
        session, "linkstub.included_in", (RESOURCE, proposal.id), ("linkstub_project", 13)
    )
    api.links.link(
        session, "linkstub.proposal_from", ("linkstub_meeting", 4), (RESOURCE, proposal.id)
    )
    api.links.link(session, "unknown.link", (RESOURCE, proposal.id), ("nobody_thing", 1))
    api.links.link(session, "linkstub.broken", (RESOURCE, proposal.id), ("linkstub_broken", 1))
    session.commit()

    page = client.get(f"{url}{proposal.id}/").text

    assert "Linked to" in page
    assert '<a href="/projects/12">Project &lt;b&gt;12&lt;/b&gt;</a> — 60 % done' in page
    assert "/projects/13" not in page and "nobody_thing" not in page and "Broken" not in page
    assert "Budget projects" in page and '<a href="/meetings/4">Workshop 4</a>' in page
    assert count_queries(f"{url}{proposal.id}/") <= base + 1  # one query for the links


def test_the_api_describes_proposals_for_other_plugins(
    session: Session, add_proposal: Callable[..., Proposal], url: str, app: object
) -> None:
    shown, hidden = add_proposal("Shown"), add_proposal("Hidden", hidden_at=api.utcnow())
    from flask import current_app

    with current_app.test_request_context():
        described = api.links.describe(session, RESOURCE, [shown.id, hidden.id, 999])
    assert list(described) == [shown.id]
    assert described[shown.id].title == "Shown"
    assert described[shown.id].url == f"{url}{shown.id}/"
    assert api.links.describe(session, "nobody_thing", [1]) == {}


def test_proposals_of_a_space_the_reader_may_not_see_are_not_described(
    session: Session,
    add_proposal: Callable[..., Proposal],
    component: api.Component,
    make_user: Callable[..., api.User],
) -> None:
    """A public meeting's minutes linked a proposal of an unpublished space: its title stayed
    on the meeting's page for anyone. The reader must be allowed to see the proposal's space."""
    from flask import current_app, g

    proposal = add_proposal("Unpublished workshop idea")
    component.space.published = False
    admin = make_user(roles=["admin"])
    session.commit()

    with current_app.test_request_context():
        assert api.links.describe(session, RESOURCE, [proposal.id]) == {}
        g.user = admin
        assert list(api.links.describe(session, RESOURCE, [proposal.id])) == [proposal.id]
    # Jobs (notifications) have no reader: they check their audience themselves.
    with current_app.test_request_context():
        setattr(g, IN_JOB, True)  # what pnyx.jobs.runner.execute does
        assert list(api.links.describe(session, RESOURCE, [proposal.id])) == [proposal.id]


def test_authors_hear_of_changes_to_linked_resources(
    session: Session,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ada = make_user()
    proposal = add_proposal("Bike racks", author=ada)
    hidden = add_proposal("Hidden", author=make_user(), hidden_at=api.utcnow())
    published: list[tuple[str, dict[str, object]]] = []
    monkeypatch.setattr(
        api,
        "publish_event",
        lambda _session, name, payload=None, actor_id=None: published.append((name, payload)),
    )
    event = api.Event("linkstub.progress_changed", {"proposal_ids": [proposal.id, hidden.id]})

    assert events.relay(event) == 1
    assert published == [
        (
            "proposals.linked_resource_changed",
            {
                "proposal_id": proposal.id,
                "component_id": proposal.component_id,
                "cause": "linkstub.progress_changed",
                "affected_user_ids": [ada.id],
            },
        )
    ]


def test_a_meeting_closed_with_linked_proposals_tells_their_authors(
    session: Session,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ada = make_user()
    proposal = add_proposal("Came out of a workshop", author=ada)
    link = ("meetings_meeting", 7)
    api.links.link(session, "meetings.proposals_from_meeting", link, (RESOURCE, proposal.id))
    session.commit()
    published: list[str] = []
    monkeypatch.setattr(
        api,
        "publish_event",
        lambda _session, name, payload=None, actor_id=None: published.append(name),
    )
    assert events.relay(api.Event("meetings.closed", {"meeting_id": 7})) == 1
    assert events.relay(api.Event("meetings.registered", {"meeting_id": 7})) == 0
    assert published == ["proposals.linked_resource_changed"]


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PUBLIC_URL": "https://participez.example.org"}


def test_authors_get_an_email_when_answered(
    client: PnyxClient,
    admin_url: str,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    outbox: object,
) -> None:
    ada = make_user(name="Ada", email="ada@example.org", locale="fr")
    proposal = add_proposal("Des arceaux", author=ada)
    client.sign_in(make_user(roles=["admin"]))
    form = {"state": "accepted", "answer_fr": "Oui, au printemps.", "answer_en": "Yes."}
    client.post_form(f"{admin_url}{proposal.id}/answer", form)

    message = outbox.last  # type: ignore[attr-defined]
    assert message["To"] == "ada@example.org"
    assert message["Subject"] == "Votre proposition a une réponse"
    body = message.get_content()
    assert "Bonjour Ada," in body and "Oui, au printemps." in body
    assert f"https://participez.example.org{url}{proposal.id}/" in body
