"""Participation figures: for the space pages, the admin area and the manifest's stats.

Meetings and registrations are counted once, by the ``statistics`` hook
(:mod:`pnyx_meetings.statistics`), and read here for one component; the minutes' figures
(attendees, contributions) are the space page's and the admin page's only.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings.models import Meeting, Minutes
from pnyx_meetings.statistics import LABELS, figures


def _minutes_sum(session: Session, component: api.Component, column: object) -> int:
    query = (
        select(func.coalesce(func.sum(column), 0))
        .join(Meeting, Meeting.id == Minutes.meeting_id)
        .where(Meeting.component_id == component.id, Minutes.published.is_(True))
    )
    return int(session.scalar(query) or 0)


def attendees_count(session: Session, component: api.Component) -> int:
    """People at the closed meetings, as their minutes say."""
    return _minutes_sum(session, component, Minutes.attendees_count)


def contributions_count(session: Session, component: api.Component) -> int:
    return _minutes_sum(session, component, Minutes.contributions_count)


def summary(session: Session, component: api.Component) -> dict[str, int]:
    """Every figure of the admin page, by name."""
    counted = {figure.name: figure.value for figure in figures([component], session)}
    return {
        "meetings": counted["meetings.meetings"],
        "registrations": counted["meetings.registrations"],
        "attendees": attendees_count(session, component),
        "contributions": contributions_count(session, component),
    }


def definitions() -> list[api.StatDefinition]:
    return [
        api.StatDefinition(
            "meetings_meetings",
            LABELS["meetings.meetings"],
            api.statistics.figure_value(figures, "meetings.meetings"),
        ),
        api.StatDefinition("meetings_attendees", api._l("Attendees"), attendees_count),
        api.StatDefinition("meetings_contributions", api._l("Contributions"), contributions_count),
        api.StatDefinition(
            "meetings_registrations",
            LABELS["meetings.registrations"],
            api.statistics.figure_value(figures, "meetings.registrations"),
        ),
    ]
