"""Activating phases: by an admin, or automatically once their dates begin."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import Space, Step, utcnow


def activate_step(session: Session, step: Step) -> None:
    """Make ``step`` the only active step of its space (the caller commits)."""
    for other in step.space.steps:
        if other.active and other is not step:
            other.active = False
    # Deactivate first: the partial unique index allows one active step per space.
    session.flush()
    step.active = True
    step.activated_at = utcnow()


def due_step(space: Space, today: dt.date) -> Step | None:
    """The step whose dates have begun and that was not activated since they began.

    Automatic activation only moves forward in the phase order: a step placed
    before (or being) the current one is never activated by its dates, so a
    phase staff chose stays chosen until a later phase begins. An admin who
    goes back to an earlier phase keeps their choice too: a step is activated
    automatically only once per start date.
    """
    current = space.active_step
    after_current = current is None
    due = None
    for step in space.steps:
        if not after_current:
            after_current = step is current
            continue
        if step.start_date is None or step.start_date > today:
            continue
        if step.end_date is not None and step.end_date < today:
            continue
        activated_on = step.activated_at.date() if step.activated_at else None
        if activated_on is None or activated_on < step.start_date:
            due = step
    return due


def next_activation(space: Space, today: dt.date) -> tuple[Step, dt.date] | None:
    """Which phase the dates will make current next, and on which day (``None``: none will).

    Asks :func:`due_step` about each coming start date, so the answer follows
    exactly the rule the automatic activation applies.
    """
    now = due_step(space, today)
    if now is not None:
        return now, today
    coming = sorted({s.start_date for s in space.steps if s.start_date and s.start_date > today})
    for day in coming:
        step = due_step(space, day)
        if step is not None:
            return step, day
    return None


def activate_due_steps(session: Session, today: dt.date | None = None) -> list[Step]:
    """Activate every space's due step (``pnyx steps activate``, and lazily on request)."""
    today = today or dt.date.today()
    activated = []
    for space in session.scalars(select(Space)).all():
        step = activate_due_step(session, space, today)
        if step is not None:
            activated.append(step)
    return activated


def activate_due_step(session: Session, space: Space, today: dt.date) -> Step | None:
    step = due_step(space, today)
    if step is None:
        return None
    activate_step(session, step)
    return step
