"""Stored participation figures (pnyx.counters): the space page shows the proposals' figures
without recounting them, and every support brings them up to date after its commit."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.counters import counters_changed
from pnyx.models import StatCounter
from pnyx.testing import PnyxClient
from pnyx_proposals import stats
from pnyx_proposals.models import Proposal


def stored(session: Session, component: api.Component) -> dict[str, int]:
    session.expire_all()
    rows = session.scalars(select(StatCounter).where(StatCounter.component_id == component.id))
    return {row.name: row.value for row in rows}


def recount(session: Session, component: api.Component) -> dict[str, int]:
    return {stat.name: stat.compute(session, component) for stat in stats.STATS}


def support(client: PnyxClient, url: str, proposal: Proposal) -> None:
    response = client.post(f"{url}{proposal.id}/support", data={"csrf_token": client.csrf_token()})
    assert response.status_code == 302


def test_a_support_updates_the_stored_figures_after_its_commit(
    session: Session,
    client: PnyxClient,
    url: str,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
) -> None:
    proposal = add_proposal("Benches")
    client.sign_in(make_user())
    support(client, url, proposal)

    figures = stored(session, component)
    assert figures["proposals_supports"] == 1
    assert figures == recount(session, component)


def test_the_space_page_reads_stored_figures_and_counts_nothing(
    app: Flask,
    session: Session,
    client: PnyxClient,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
    count_queries: Callable[[str], int],
) -> None:
    page = f"/spaces/{component.space.slug}"
    add_proposal("Benches")
    client.get(page)  # the first view counts once and stores the figures
    assert stored(session, component) == recount(session, component)
    few = count_queries(page)
    for n in range(30):
        add_proposal(f"Proposal {n}")
    with app.test_request_context():
        counters_changed(component.id)  # outside a request or job: nothing is queued
    session.commit()
    many = count_queries(page)

    assert few == many
    # The page shows what is stored, not a recount: 1 proposal until a refresh says 31.
    assert stored(session, component)["proposals_proposals"] == 1
    assert "31" not in client.get(page).get_data(as_text=True).split("<main", 1)[1]


def test_figures_older_than_the_maximum_age_are_counted_again(
    app: Flask,
    session: Session,
    client: PnyxClient,
    component: api.Component,
    add_proposal: Callable[..., Proposal],
) -> None:
    page = f"/spaces/{component.space.slug}"
    add_proposal("Benches")
    client.get(page)
    add_proposal("Trees")
    session.commit()
    app.config["STATS_MAX_AGE_SECONDS"] = 0

    client.get(page)  # shows the stored figure, and asks for a recount after the response

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
