"""What the phase box of the budgets pages tells a person about their vote.

The core's phase box says "You can do this now" for an allowed action. After
voting that is no longer the truth to tell: the box says where and when the
person voted and how to change it (issue 10 item 9). Before voting opens it
says when it opens, from the first later phase whose settings open voting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from pnyx import api
from pnyx_budgets.models import CAST, Ballot, Budget
from pnyx_budgets.settings import voting_closed, voting_open


@dataclass(frozen=True)
class Voted:
    budget_id: int
    title: dict
    cast_at: dt.datetime


@dataclass(frozen=True)
class VoteStatus:
    """The person's cast ballots in the component, and when a vote not yet open opens."""

    voted: list[Voted] = field(default_factory=list)
    changes_allowed: bool = False
    open_now: bool = False
    opens_on: dt.date | None = None
    opening_phase: dict | None = None


def vote_status(component: api.Component) -> VoteStatus:
    """One query for the person's cast ballots; the phases are already loaded."""
    settings = api.current_settings(component)
    user = api.current_user()
    voted: list[Voted] = []
    if user is not None:
        query = (
            select(Budget.id, Budget.title, Ballot.cast_at)
            .join(Ballot, Ballot.budget_id == Budget.id)
            .where(
                Budget.component_id == component.id,
                Ballot.voter_id == user.id,
                Ballot.status == CAST,
            )
            .order_by(Budget.position, Budget.id)
        )
        voted = [Voted(*row) for row in api.db_session().execute(query)]
    step = None
    if not voting_open(component) and not voting_closed(component):
        step = opening_step(component)
    return VoteStatus(
        voted=voted,
        changes_allowed=bool(settings.get("ballot_changes_allowed")),
        open_now=voting_open(component),
        opens_on=step.start_date if step else None,
        opening_phase=step.title if step else None,
    )


def opening_step(component: api.Component, setting: str = "votes_enabled") -> api.Step | None:
    """The first phase after the active one (or from the start) whose settings tick
    ``setting`` (``votes_enabled``: voting opens; ``results_published``: results show)."""
    phases = sorted(component.space.steps, key=lambda step: step.position)
    active = component.space.active_step
    later = [s for s in phases if active is None or s.position > active.position]
    stored = (component.settings or {}).get("steps") or {}
    default = (component.settings or {}).get("default_step") or {}
    for step in later:
        if stored.get(str(step.id), default).get(setting):
            return step
    return None


@dataclass(frozen=True)
class Publication:
    """When results (and so receipt checks) are expected: a date, or a phase's title."""

    on: dt.date | None = None
    phase: dict | None = None


def publication(component: api.Component) -> Publication:
    step = opening_step(component, "results_published")
    return Publication(step.start_date, step.title) if step else Publication()
