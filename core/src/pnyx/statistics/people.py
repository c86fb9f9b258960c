"""Age groups of the participants, for staff: only from verified birth dates, and
never a group of fewer than :data:`MINIMUM_GROUP` people (a small group could
point at someone)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import Authorization
from pnyx.models.authorization import GRANTED

MINIMUM_GROUP = 10
#: ``(lowest age, highest age or None)`` of each group.
AGE_GROUPS: tuple[tuple[int, int | None], ...] = (
    (0, 17),
    (18, 29),
    (30, 44),
    (45, 59),
    (60, 74),
    (75, None),
)
BIRTH_DATE_HANDLER = "birth_date"


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _birth_dates(session: Session, people: Any) -> list[dt.date]:
    query = select(Authorization.data).where(
        Authorization.handler == BIRTH_DATE_HANDLER,
        Authorization.status == GRANTED,
        Authorization.user_id.in_(select(people.subquery())),
    )
    dates = []
    for data in session.scalars(query):
        try:
            dates.append(dt.date.fromisoformat(str(data.get("birth_date"))))
        except ValueError:
            continue  # an unreadable date says nothing about an age group
    return dates


def age_groups(
    session: Session, people: Any, today: dt.date
) -> list[tuple[tuple[int, int | None], int | None]]:
    """``(group, count)`` for each group; ``count`` is ``None`` when below the minimum.

    Empty when no participant has a verified birth date: the page says nothing then.
    """
    if people is None:
        return []
    ages = [age_on(birth, today) for birth in _birth_dates(session, people)]
    if not ages:
        return []
    groups = []
    for low, high in AGE_GROUPS:
        count = sum(1 for age in ages if age >= low and (high is None or age <= high))
        groups.append(((low, high), count if count >= MINIMUM_GROUP else None))
    return groups
