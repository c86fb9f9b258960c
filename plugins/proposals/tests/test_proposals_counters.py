"""Stored participation figures (pnyx.counters): the space page shows the proposals' figures
without recounting them; once something changed, a view asks for one recount after it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import StatCounter
from pnyx.testing import PnyxClient
from pnyx_proposals import stats
from pnyx_proposals.models import Proposal


def stored(session: Session, component: api.Component) -> dict[str, int]:
    session.commit()  # a fresh read (SQLite keeps a read transaction's snapshot)
    rows = session.scalars(select(StatCounter).where(StatCounter.component_id == component.id))
    return {row.name: row.value for row in rows}


def recount(session: Session, component: api.Component) -> dict[str, int]:
    return {stat.name: stat.compute(session, component) for stat in stats.STATS}


def support(client: PnyxClient, url: str, proposal: Proposal) -> None:
    response = client.post(f"{url}{proposal.id}/support", data={"csrf_token": client.csrf_token()})
    assert response.status_code == 302


@pytest.fixture
def page(component: api.Component) -> str:
    return f"/spaces/{component.space.slug}"


def test_a_view_after_a_change_asks_for_one_recount(
    app: Flask,
    session: Session,
    client: PnyxClient,
    url: str,
    page: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    proposal = add_proposal("Benches")
    client.get(page)  # the first view counts once and stores the figures
    assert stored(session, component)["proposals_supports"] == 0
    client.sign_in(make_user())
    support(client, url, proposal)
    assert stored(session, component)["proposals_supports"] == 0  # writes do no extra work

    client.get(page)  # changed, but counted less than STATS_DEBOUNCE_SECONDS ago
    assert stored(session, component)["proposals_supports"] == 0
    app.config["STATS_DEBOUNCE_SECONDS"] = 0
    client.get(page)  # shows the stored figures, then recounts after the response

    assert stored(session, component)["proposals_supports"] == 1
    assert stored(session, component) == recount(session, component)


def test_the_space_page_reads_stored_figures_and_counts_nothing(
    session: Session,
    client: PnyxClient,
    page: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    count_queries: Callable[[str], int],
) -> None:
    add_proposal("Benches")
    client.get(page)
    assert stored(session, component) == recount(session, component)
    few = count_queries(page)
    for n in range(30):
        add_proposal(f"Proposal {n}")
    session.commit()
    many = count_queries(page)

    assert few == many
    assert stored(session, component)["proposals_proposals"] == 1  # what is stored is shown


def test_figures_older_than_the_maximum_age_are_counted_again(
    app: Flask,
    session: Session,
    client: PnyxClient,
    page: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
) -> None:
    add_proposal("Benches")
    client.get(page)
    add_proposal("Trees")  # written without a log entry: only the age can tell
    session.commit()
    app.config["STATS_MAX_AGE_SECONDS"] = 0

    client.get(page)

    assert stored(session, component)["proposals_proposals"] == 2


def test_stats_rebuild_recounts_every_component(
    app: Flask,
    session: Session,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
) -> None:
    add_proposal("Benches")
    session.add(StatCounter(component_id=component.id, name="proposals_proposals", value=99))
    session.commit()

    result = app.test_cli_runner().invoke(args=["stats", "rebuild"])

    assert result.exit_code == 0, result.output
    assert "counted again" in result.output
    assert stored(session, component) == recount(session, component)
    assert stored(session, component)["proposals_proposals"] == 1
