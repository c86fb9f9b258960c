"""The anonymised ballots CSV is streamed: its first bytes leave before the last ballots
are read, the ballots' choices are read a batch at a time, and the rows are exactly the
published election's (same order as the ``.pb`` file)."""

from __future__ import annotations

import random
import tracemalloc
from typing import Any

import pytest
from sqlalchemy import event, insert, select

from pnyx.db import get_database
from pnyx_budgets import exports
from pnyx_budgets.election import election_of
from pnyx_budgets.models import CAST, Ballot, BallotItem
from pnyx_budgets.receipts import new_code
from pnyx_budgets.testing import step_settings

pytestmark = pytest.mark.pnyx_plugins("budgets")


def cast_ballots(session: Any, budget: Any, projects: list[Any], count: int) -> None:
    """``count`` cast ballots of 1–3 projects with points, written in bulk (no voters: the
    ballots of deleted accounts look like this)."""
    rng = random.Random(count)
    session.execute(
        insert(Ballot),
        [
            {"budget_id": budget.id, "status": CAST, "receipt_code": new_code()}
            for _ in range(count)
        ],
    )
    ids = session.scalars(select(Ballot.id).where(Ballot.budget_id == budget.id)).all()
    session.execute(
        insert(BallotItem),
        [
            {
                "ballot_id": ballot,
                "project_id": project.id,
                "points": rng.randint(1, 5),
                "position": k,
            }
            for ballot in ids
            for k, project in enumerate(rng.sample(projects, rng.randint(1, 3)))
        ],
    )
    session.commit()


@pytest.fixture
def closed_budget(session, budgets_component, budgets_make_budget, budgets_make_project):
    def make(count: int, vote_type: str = "approval") -> Any:
        budget = budgets_make_budget(amount=1_000_000, vote_type=vote_type)
        projects = [budgets_make_project(budget, title=f"P{n}") for n in range(5)]
        cast_ballots(session, budget, projects, count)
        step_settings(budgets_component, votes_enabled=False, votes_finished=True)
        session.commit()
        return budget

    return make


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "ordinal"])
def test_the_ballots_csv_is_the_published_election(
    session, budgets_client, budgets_admin_url, make_user, closed_budget, monkeypatch, vote_type
) -> None:
    monkeypatch.setattr(exports, "BALLOTS_PER_BATCH", 7)  # several batches, one cut mid-way
    budget = closed_budget(40, vote_type)
    budgets_client.sign_in(make_user(roles=["admin"]))

    sent = budgets_client.get(f"{budgets_admin_url}{budget.id}/exports/ballots.csv").text

    ballots = election_of(session, budget).election.ballots
    expected = "".join(exports.stream_csv(exports.ballot_row(b) for b in ballots))
    assert sent == expected and sent.count("\n") == 41


def test_the_ballots_csv_streams_a_batch_at_a_time(
    app, session, budgets_client, budgets_admin_url, make_user, closed_budget, monkeypatch
) -> None:
    monkeypatch.setattr(exports, "BALLOTS_PER_BATCH", 100)  # the CSV is sent every 100 rows
    budget = closed_budget(500)
    budgets_client.sign_in(make_user(roles=["admin"]))
    asked: list[str] = []  # the reads of ballots' choices

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM budgets_ballot_items" in statement:
            asked.append(statement)

    engine = get_database(app).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = budgets_client.get(
            f"{budgets_admin_url}{budget.id}/exports/ballots.csv", buffered=False
        )
        assert response.is_streamed
        chunks = iter(response.response)
        first = next(chunks)
        reads_before_first_bytes = len(asked)
        rest = "".join(chunk.decode() for chunk in chunks)
    finally:
        event.remove(engine, "before_cursor_execute", record)
        response.close()

    assert first.startswith(b"ballot,projects")
    assert reads_before_first_bytes == 1  # the first batch only, of five
    assert len(asked) == 5
    assert (first.decode() + rest).count("\n") == 501


def test_memory_grows_with_one_key_per_ballot_not_with_the_ballots(
    session, closed_budget, monkeypatch
) -> None:
    """Streaming 2 000 ballots takes what 200 take plus one integer key per ballot (a couple
    of hundred bytes with the list around it): far less than building the election."""
    monkeypatch.setattr(exports, "BALLOTS_PER_BATCH", 100)

    def peak(work: Any) -> int:
        tracemalloc.start()
        try:
            work()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    def streamed(budget: Any) -> int:
        export = exports.BallotExport.of(session, budget)
        return peak(lambda: all(True for _chunk in exports.stream_csv(export.rows(session))))

    small, large = closed_budget(200), closed_budget(2000)
    streamed(small)  # the first run fills SQLAlchemy's caches
    growth = streamed(large) - streamed(small)
    held = peak(lambda: election_of(session, large)) - peak(lambda: election_of(session, small))

    assert growth < 1800 * 250  # bytes: measured about 210 a ballot (its key, in a list)
    assert growth < held / 2  # measured 650 to 1 900 bytes a ballot
