"""Supports: once per person, limits, threshold, minimum before counting, closed proposals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_proposals.models import Proposal, Support


def supports_of(session: Session, proposal: Proposal) -> tuple[int, int]:
    """(rows in the supports table, the proposal's counter)."""
    rows = session.scalar(select(func.count()).where(Support.proposal_id == proposal.id))
    session.refresh(proposal)
    return rows or 0, proposal.supports_count


@pytest.fixture
def proposal(add_proposal: Callable[..., Proposal], make_user: Callable[..., api.User]) -> Proposal:
    return add_proposal("Bike racks", author=make_user())


def test_support_and_take_it_back(
    client: PnyxClient,
    session: Session,
    url: str,
    proposal: Proposal,
    make_user: Callable[..., api.User],
) -> None:
    client.sign_in(make_user())

    response = client.post_form(f"{url}{proposal.id}/support")
    client.post_form(f"{url}{proposal.id}/support")  # a double click

    assert response.status_code == 302
    assert supports_of(session, proposal) == (1, 1)
    page = client.get(f"{url}{proposal.id}/").text
    assert "You support this proposal." in page and "1 support" in page
    assert "You support it." in client.get(url).text

    client.post_form(f"{url}{proposal.id}/unsupport")
    assert supports_of(session, proposal) == (0, 0)


def test_supporting_from_the_list_comes_back_to_the_list(
    client: PnyxClient, url: str, proposal: Proposal, make_user: Callable[..., api.User]
) -> None:
    client.sign_in(make_user())
    back = f"{url}?sort=recent&page=1"
    response = client.post_form(f"{url}{proposal.id}/support", {"next": back})
    assert response.location == back
    evil = client.post_form(f"{url}{proposal.id}/unsupport", {"next": "//evil.example/"})
    assert evil.location == f"{url}{proposal.id}/"


@pytest.mark.parametrize("evil", ["/\t/evil.example", "/\n/evil.example", "/\\evil.example"])
def test_support_never_sends_people_to_another_site(
    client: PnyxClient,
    url: str,
    proposal: Proposal,
    make_user: Callable[..., api.User],
    evil: str,
) -> None:
    """Browsers drop tabs and line breaks from a URL: "/\t/evil.example" is //evil.example."""
    client.sign_in(make_user())
    response = client.post_form(f"{url}{proposal.id}/support", {"next": evil})
    assert response.status_code == 302 and response.location == f"{url}{proposal.id}/"


def test_the_per_person_limit(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"support_limit": 2})
    first, second, third = (add_proposal(f"Proposal {n}") for n in range(3))
    client.sign_in(make_user())
    for proposal in (first, second, third):
        client.post_form(f"{url}{proposal.id}/support")
    assert [supports_of(session, p)[1] for p in (first, second, third)] == [1, 1, 0]
    page = client.get(f"{url}{third.id}/").text
    assert "You have used your 2 supports in this component." in page
    client.post_form(f"{url}{first.id}/unsupport")
    client.post_form(f"{url}{third.id}/support")
    assert [supports_of(session, p)[1] for p in (first, second, third)] == [0, 1, 1]


def test_the_threshold_marks_a_proposal(
    client: PnyxClient,
    session: Session,
    url: str,
    proposal: Proposal,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"support_threshold": 2})
    for _ in range(2):
        client.sign_in(make_user())
        client.post_form(f"{url}{proposal.id}/support")
    session.refresh(proposal)
    assert proposal.threshold_reached_at is not None
    assert "Threshold reached" in client.get(f"{url}{proposal.id}/").text
    client.post_form(f"{url}{proposal.id}/unsupport")
    session.refresh(proposal)
    assert proposal.threshold_reached_at is None


def test_supports_count_once_a_person_gave_the_minimum(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(global_={"minimum_supports_per_person": 3})
    proposals = [add_proposal(f"Proposal {n}") for n in range(3)]
    client.sign_in(make_user())

    client.post_form(f"{url}{proposals[0].id}/support")
    client.post_form(f"{url}{proposals[1].id}/support")
    assert [supports_of(session, p) for p in proposals[:2]] == [(1, 0), (1, 0)]

    client.post_form(f"{url}{proposals[2].id}/support")
    assert [supports_of(session, p) for p in proposals] == [(1, 1)] * 3

    client.post_form(f"{url}{proposals[1].id}/unsupport")  # below the minimum again
    assert [supports_of(session, p) for p in proposals] == [(1, 0), (0, 0), (1, 0)]


@pytest.mark.parametrize(
    "closed",
    [{"withdrawn_at": api.utcnow()}, {"state": "rejected"}, {"hidden_at": api.utcnow()}],
    ids=["withdrawn", "rejected", "hidden"],
)
def test_closed_proposals_cannot_be_supported(
    client: PnyxClient,
    session: Session,
    url: str,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    closed: dict[str, object],
) -> None:
    proposal = add_proposal("Closed", **closed)
    client.sign_in(make_user())
    response = client.post_form(f"{url}{proposal.id}/support")
    assert response.status_code in (403, 404)
    assert supports_of(session, proposal) == (0, 0)


def test_a_proposal_rejected_meanwhile_refuses_the_support(
    session: Session,
    app: object,
    proposal: Proposal,
    make_user: Callable[..., api.User],
) -> None:
    """The counter's conditional UPDATE re-reads the row: no support sneaks in."""
    from pnyx_proposals import supports

    user = make_user()
    session.execute(
        Proposal.__table__.update().where(Proposal.id == proposal.id).values(state="rejected")
    )
    with pytest.raises(supports.SupportRefusedError):
        supports.support(session, proposal, user)  # the object still says "not answered"
    session.rollback()


def test_blocked_and_hidden_supports(
    client: PnyxClient,
    session: Session,
    url: str,
    proposal: Proposal,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    client.sign_in(make_user())
    client.post_form(f"{url}{proposal.id}/support")
    set_settings(step={"supports_blocked": True, "supports_hidden": True})

    assert client.post_form(f"{url}{proposal.id}/unsupport").status_code == 403
    page = client.get(f"{url}{proposal.id}/").text
    assert "1 support" not in page
    assert "Supports are closed" not in page or "Take my support back" not in page
    assert supports_of(session, proposal) == (1, 1)


def test_supports_disabled_in_the_phase(
    client: PnyxClient,
    url: str,
    proposal: Proposal,
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> None:
    set_settings(step={"supports_enabled": False})
    client.sign_in(make_user())
    assert client.post_form(f"{url}{proposal.id}/support").status_code == 403
    assert (
        "This is not possible during the current phase." in client.get(f"{url}{proposal.id}/").text
    )


def test_anonymous_supporters_are_sent_to_sign_in(
    client: PnyxClient, url: str, proposal: Proposal
) -> None:
    response = client.post_form(f"{url}{proposal.id}/support")
    assert response.status_code == 302 and "/sign-in" in response.location
