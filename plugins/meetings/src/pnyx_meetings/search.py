"""The site-wide search's answer for meetings (``search_resources``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from pnyx import api
from pnyx_meetings.models import Meeting


def search(text: str, limit: int) -> list[api.SearchResult]:
    """Published meetings whose title, description or place matches ``text`` (every
    language), the soonest first; the core drops those the person may not see."""
    query = (
        select(Meeting)
        .join(api.Component, api.Component.id == Meeting.component_id)
        .where(
            Meeting.published.is_(True),
            api.Component.type == "meetings",
            api.folded_matches(Meeting.search_text, text),
        )
        .options(contains_eager(Meeting.component).joinedload(api.Component.space))
        .order_by(Meeting.start_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return [
        api.SearchResult(
            kind=api._("Meetings"),
            title=api.translated(meeting.title),
            url=api.component_url(meeting.component, "show", meeting_id=meeting.id) or "",
            component=meeting.component,
            excerpt=api.format_datetime(meeting.start_at, "full"),
        )
        for meeting in api.db_session().scalars(query)
    ]
