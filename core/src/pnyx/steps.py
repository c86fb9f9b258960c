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

    An admin who activates another step after that keeps their choice: a step
    is activated automatically only once per start date.
    """
    due = None
    for step in space.steps:
        if step.start_date is None or step.start_date > today:
            continue
        if step.end_date is not None and step.end_date < today:
            continue
        activated_on = step.activated_at.date() if step.activated_at else None
        if activated_on is None or activated_on < step.start_date:
            due = step
    return due


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
