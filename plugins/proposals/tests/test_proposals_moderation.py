"""Moderation: reports, automatic hiding, the queue, restoring, hiding an author —
and hidden content leaves lists, search, exports and statistics."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal, Report
from pnyx_proposals.stats import STATS


@pytest.fixture
def moderator(make_user: Callable[..., api.User]) -> api.User:
    return make_user(name="Mo", roles=["moderator"])


def report(client: PnyxClient, url: str, proposal: Proposal, reason: str = "spam") -> object:
    return client.post_form(f"{url}{proposal.id}/report", {"reason": reason, "details": "Ads"})


def test_reporting_needs_a_reason_and_counts_once(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    proposal = add_proposal("Cheap watches")
    client.sign_in(make_user())
    assert client.get(f"{url}{proposal.id}/report").status_code == 200
    invalid = client.post_form(f"{url}{proposal.id}/report", {"reason": "boring"})
    assert invalid.status_code == 400 and 'aria-invalid="true"' in invalid.text
    report(client, url, proposal)
    report(client, url, proposal, "offensive")
    session.refresh(proposal)
    assert proposal.reports_count == 1 and proposal.hidden_at is None
    assert session.scalar(select(Report.reason)) == "spam"


def test_three_reports_hide_a_proposal(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    proposal = add_proposal("Cheap watches")
    for reason in ("spam", "offensive", "off_topic"):
        client.sign_in(make_user())
        report(client, url, proposal, reason)
    session.refresh(proposal)
    assert proposal.reports_count == 3 and proposal.hidden_at is not None
    client.sign_out()
    assert client.get(f"{url}{proposal.id}/").status_code == 404
    assert "Cheap watches" not in client.get(url).text


def test_automatic_hiding_is_a_setting(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"reports_to_hide": 0})
    proposal = add_proposal("Cheap watches")
    for _ in range(4):
        client.sign_in(make_user())
        report(client, url, proposal)
    session.refresh(proposal)
    assert proposal.reports_count == 4 and proposal.hidden_at is None


def test_the_queue_hide_and_restore(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    moderator: api.User,
) -> None:
    reported = add_proposal("Reported one", author=make_user(name="Spammer"))
    add_proposal("Quiet one")
    client.sign_in(make_user())
    report(client, url, reported, "off_topic")

    client.sign_in(moderator)
    queue = client.get(f"{admin_url}moderation").text
    assert "Reported one" in queue and "Quiet one" not in queue and "Off-topic (1)" in queue
    overview = client.get("/admin/proposals/moderation").text
    assert "Reported one" in overview
    assert "/admin/proposals/moderation" in client.get(admin_url + "moderation").text  # menu

    asked = client.post_form(f"{admin_url}{reported.id}/hide")  # issue 10 item 2
    assert asked.status_code == 200 and "Hide the proposal Reported one?" in asked.text
    session.refresh(reported)
    assert reported.hidden_at is None
    client.post_form(f"{admin_url}{reported.id}/hide", {"confirmed": "yes"})
    session.refresh(reported)
    assert reported.hidden_at is not None
    assert client.get(f"{url}{reported.id}/").status_code == 200  # moderators still see it

    client.post_form(f"{admin_url}{reported.id}/restore")
    session.refresh(reported)
    assert (reported.hidden_at, reported.reports_count) == (None, 0)
    assert "Reported one" not in client.get(f"{admin_url}moderation").text


def test_hiding_every_proposal_of_an_author(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    component: api.Component,
    make_component: Callable[..., api.Component],
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    moderator: api.User,
) -> None:
    spammer = make_user()
    other_component = make_component("proposals")
    first = add_proposal("One", author=spammer)
    elsewhere = add_proposal("Two", author=spammer, target=other_component)
    innocent = add_proposal("Three", author=make_user())
    client.sign_in(moderator)
    client.post_form(f"{admin_url}{first.id}/hide-author", {"confirmed": "yes"})
    hidden = session.scalars(select(Proposal.title).where(Proposal.hidden_at.is_not(None)))
    assert set(hidden) == {"One", "Two"}
    assert innocent.hidden_at is None and elsewhere.id


def test_space_moderators_hide_an_author_in_their_component_only(
    client: PnyxClient,
    session: Session,
    admin_url: str,
    component: api.Component,
    make_component: Callable[..., api.Component],
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    spammer = make_user()
    first = add_proposal("One", author=spammer)
    add_proposal("Two", author=spammer, target=make_component("proposals"))
    client.sign_in(make_user(space_roles={component.space: "moderator"}))
    assert client.get("/admin/proposals/moderation").status_code == 403
    client.post_form(f"{admin_url}{first.id}/hide-author", {"confirmed": "yes"})
    hidden = session.scalars(select(Proposal.title).where(Proposal.hidden_at.is_not(None)))
    assert list(hidden) == ["One"]


def test_residents_cannot_moderate(
    client: PnyxClient,
    admin_url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    proposal = add_proposal()
    client.sign_in(make_user())
    assert client.get(f"{admin_url}moderation").status_code == 403
    assert client.post_form(f"{admin_url}{proposal.id}/hide").status_code == 403


def test_hidden_content_leaves_lists_search_exports_and_statistics(
    client: PnyxClient,
    session: Session,
    url: str,
    admin_url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    app: object,
) -> None:
    author = make_user()
    add_proposal("Visible garden", author=author, supports_count=2)
    add_proposal("Hidden garden", author=make_user(), supports_count=5, hidden_at=api.utcnow())
    client.sign_in(make_user(roles=["admin"]))

    assert "Hidden garden" not in client.get(f"{url}?q=garden").text
    assert "Hidden garden" not in client.get(f"{url}open-data.csv").text
    exported = json.loads(client.get(f"{admin_url}export.json").text)
    assert [row["title"] for row in exported] == ["Visible garden"]
    assert "Hidden garden" not in client.get("/").text  # the home page's latest proposals
    figures = {stat.name: stat.compute(session, component) for stat in STATS}
    assert figures["proposals_proposals"] == 1
    assert figures["proposals_participants"] == 1
    page = client.get(f"{admin_url}statistics").text
    assert "Visible garden" not in page and ">1<" in page
    assert session.scalar(select(func.count()).select_from(Proposal)) == 2
