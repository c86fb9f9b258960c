"""The ``statistics`` hook: cast ballots, over time and by the voters' territory.

Only the number of ballots is counted, never their content: the figures may be
public while voting is open. An anonymous ballot (a deleted account) still counts
as a vote, and is no one in the participants.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, Budget


def figures(components: list[api.Component], session: Session) -> list[api.statistics.Figure]:
    ids = api.statistics.ids_of(components, "budgets")
    if not ids:
        return []
    cast = (
        Ballot.budget_id.in_(select(Budget.id).where(Budget.component_id.in_(ids))),
        Ballot.status == CAST,
    )
    return [
        api.statistics.Figure(
            name="budgets.ballots",
            label=api._("Ballots cast"),
            kind=api.statistics.VOTES,
            value=session.scalar(select(func.count()).select_from(Ballot).where(*cast)) or 0,
            daily=api.statistics.daily_counts(session, Ballot.cast_at, *cast),
            by_territory=api.statistics.territory_counts(session, Ballot.territory_id, *cast),
            people=select(Ballot.voter_id).where(*cast, Ballot.voter_id.is_not(None)),
        )
    ]
