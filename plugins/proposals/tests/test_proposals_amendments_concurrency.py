"""Two authors accept at the same moment (parallel requests, as the plugin's other
concurrency tests): one decision wins, the proposal changes once, the other is told.
Runs on SQLite and, with PNYX_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing.concurrency import post_at_once
from pnyx_proposals.amendments.models import Amendment
from pnyx_proposals.coauthors.service import add_accepted
from pnyx_proposals.models import Proposal

BODY = "Plant trees along the river, from the bridge to the park."


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def setup(
    session: Session,
    add_proposal: Callable[..., Proposal],
    make_user: Callable[..., api.User],
    set_settings: Callable[..., None],
) -> tuple[Proposal, api.User, api.User, list[Amendment]]:
    set_settings(step={"amendments_enabled": True})
    ada, cleo, bob = make_user(), make_user(), make_user()
    proposal = add_proposal("Trees", body=BODY, author=ada)
    add_accepted(session, proposal, [cleo.id])
    amendments = [
        Amendment(
            proposal_id=proposal.id,
            component_id=proposal.component_id,
            author_id=bob.id,
            title="Trees",
            body=f"{BODY} Variant {n}.",
            old_title="Trees",
            old_body=BODY,
            base_version=1,
        )
        for n in (1, 2)
    ]
    session.add_all(amendments)
    session.commit()
    return proposal, ada, cleo, amendments


def test_two_authors_accepting_the_same_amendment_one_wins(
    app: Flask, session: Session, url: str, setup: tuple, detached: None
) -> None:
    proposal, ada, cleo, (first, _) = setup
    path = f"{url}{proposal.id}/amendments/{first.id}/accept"
    statuses = sorted(
        post_at_once(app, [(ada, path, {"version": "1"}), (cleo, path, {"version": "1"})])
    )
    # The loser is refused: by the engine (already decided) or by the guarded UPDATE.
    assert statuses[0] == 302 and statuses[1] in (403, 409)
    session.expire_all()
    refreshed = session.get(Proposal, proposal.id)
    assert (refreshed.version, refreshed.body) == (2, f"{BODY} Variant 1.")


def test_two_amendments_accepted_at_once_do_not_overwrite_each_other(
    app: Flask, session: Session, url: str, setup: tuple, detached: None
) -> None:
    proposal, ada, cleo, (first, second) = setup
    base = f"{url}{proposal.id}/amendments/"
    statuses = post_at_once(
        app,
        [
            (ada, f"{base}{first.id}/accept", {"version": "1"}),
            (cleo, f"{base}{second.id}/accept", {"version": "1"}),
        ],
    )
    assert sorted(statuses) == [302, 409]
    session.expire_all()
    refreshed = session.get(Proposal, proposal.id)
    states = sorted(session.scalars(select(Amendment.state)).all())
    assert refreshed.version == 2 and states == ["accepted", "pending"]
    winner = session.scalar(select(Amendment).where(Amendment.state == "accepted"))
    assert refreshed.body == winner.body
