"""The ``statistics`` hook: confirmed registrations and published meetings.

Registrations count over time (the day they were made) and by the meeting's
territory; the people registered are participants.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_meetings.models import Meeting, Registration, Status

#: Each figure's label, written once: the statistics pages (these figures) and the space
#: page's box (:mod:`pnyx_meetings.stats`) show the same words.
LABELS = {
    "meetings.meetings": api._l("Meetings"),
    "meetings.registrations": api._l("Registrations"),
}


def figures(components: list[api.Component], session: Session) -> list[api.statistics.Figure]:
    ids = api.statistics.ids_of(components, "meetings")
    if not ids:
        return []
    published = (Meeting.component_id.in_(ids), Meeting.published.is_(True))
    confirmed = (
        Registration.meeting_id.in_(select(Meeting.id).where(*published)),
        Registration.status == Status.CONFIRMED,
    )
    territory = (
        select(Meeting.territory_id, func.count())
        .select_from(Registration)
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(*confirmed)
        .group_by(Meeting.territory_id)
    )
    return [
        api.statistics.Figure(
            name="meetings.meetings",
            label=str(LABELS["meetings.meetings"]),
            kind=api.statistics.OTHER,
            value=session.scalar(select(func.count()).where(*published)) or 0,
            daily=api.statistics.daily_counts(session, Meeting.start_at, *published),
        ),
        api.statistics.Figure(
            name="meetings.registrations",
            label=str(LABELS["meetings.registrations"]),
            kind=api.statistics.REGISTRATIONS,
            value=session.scalar(select(func.count()).select_from(Registration).where(*confirmed))
            or 0,
            daily=api.statistics.daily_counts(session, Registration.created_at, *confirmed),
            by_territory=[(row[0], row[1]) for row in session.execute(territory)],
            people=select(Registration.user_id).where(*confirmed),
        ),
    ]
