"""A space's state — open now, upcoming or past — from its phases' dates.

The rule is written once, as SQL over each space's phase dates, so listings
filter and count by state in the database (constant queries, any number of
spaces); :func:`space_state` applies the same rule to a space already loaded
with its phases (a parity test keeps the two in step).

- **upcoming**: it has phases, every one has a start date, and the first
  starts after today;
- **past**: it has phases, every one has an end date, and the last has gone
  by (a phase without an end, such as the follow-up of the winning projects,
  keeps the space open);
- **open** otherwise, spaces without phases included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, func, literal, select

from pnyx.models import Space, Step

OPEN, UPCOMING, PAST = "open", "upcoming", "past"
#: In the order listings show them.
STATES = (OPEN, UPCOMING, PAST)


def phase_facts() -> Subquery:
    """Per space: how many phases, how many have a start / an end, the first start, the
    last end (one grouped subquery; spaces without phases have no row)."""
    return (
        select(
            Step.space_id.label("space_id"),
            func.count().label("phases"),
            func.count(Step.start_date).label("started"),
            func.min(Step.start_date).label("first_start"),
            func.count(Step.end_date).label("ended"),
            func.max(Step.end_date).label("last_end"),
        )
        .group_by(Step.space_id)
        .subquery("pnyx_phase_facts")
    )


def state_column(facts: Subquery, today: dt.date) -> ColumnElement[str]:
    """The state as a SQL expression over :func:`phase_facts` (outer-joined to ``spaces``)."""
    return case(
        (and_(facts.c.started == facts.c.phases, facts.c.first_start > today), literal(UPCOMING)),
        (and_(facts.c.ended == facts.c.phases, facts.c.last_end < today), literal(PAST)),
        else_=literal(OPEN),
    )


def with_state(query: Any, today: dt.date) -> tuple[Any, ColumnElement[str]]:
    """``query`` (over ``Space``) outer-joined to the phase facts, and the state column."""
    facts = phase_facts()
    joined = query.outerjoin(facts, facts.c.space_id == Space.id)
    return joined, state_column(facts, today)


def space_state(space: Space, today: dt.date) -> str:
    """The same rule for a space whose phases are loaded (the space page, one card)."""
    steps = space.steps
    if not steps:
        return OPEN
    starts = [s.start_date for s in steps]
    if all(starts) and min(starts) > today:  # type: ignore[type-var]
        return UPCOMING
    ends = [s.end_date for s in steps]
    if all(ends) and max(ends) < today:  # type: ignore[type-var]
        return PAST
    return OPEN
