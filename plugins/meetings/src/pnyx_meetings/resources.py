"""What other plugins may know of meetings: a resource type they link to, an open-data export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from pnyx import api
from pnyx_meetings.models import Meeting

RESOURCE_TYPE = "meetings_meeting"


def load(session: Session, meeting_id: int) -> Meeting | None:
    """A meeting by id, for comments (they ask permissions on it)."""
    return session.get(Meeting, meeting_id)


def describe(session: Session, ids: Sequence[int]) -> dict[int, tuple[dict[str, Any], str]]:
    """``{id: (title, url)}`` of published meetings the reader may see, in one query (proposal
    pages use it); the translatable title as it is (the core shows it in the reader's
    language)."""
    query = (
        select(Meeting)
        .where(Meeting.id.in_(list(ids)), Meeting.published.is_(True))
        .options(joinedload(Meeting.component).joinedload(api.Component.space))
    )
    described = {}
    visible = api.links.ReadableComponents()
    for meeting in session.scalars(query).unique():
        component = meeting.component
        if not visible(component):
            continue  # a meeting of an unpublished or private space, on a public proposal's page
        url = url_for(
            "meetings.show",
            space_slug=meeting.component.space.slug,
            component_id=meeting.component_id,
            meeting_id=meeting.id,
        )
        described[meeting.id] = (meeting.title, url)
    return described


def resource_type() -> api.ResourceType:
    return api.ResourceType(
        name=RESOURCE_TYPE,
        label=api._l("Meeting"),
        describe=describe,
        exportable=True,
        commentable=True,
        attachable=True,
        load=load,
    )


def export_rows(session: Session, component: api.Component) -> Iterator[dict[str, Any]]:
    """Open data: the component's published meetings, without anyone's personal data."""
    query = (
        select(Meeting)
        .where(Meeting.component_id == component.id, Meeting.published.is_(True))
        .options(
            joinedload(Meeting.minutes),
            joinedload(Meeting.territory),
            selectinload(Meeting.themes),
        )
        .order_by(Meeting.start_at, Meeting.id)
    )
    for meeting in session.scalars(query).unique():
        minutes = meeting.minutes if meeting.minutes and meeting.minutes.published else None
        yield {
            "id": meeting.id,
            "kind": meeting.kind,
            "title": meeting.title,
            "start_at": meeting.start_at.isoformat(),
            "end_at": meeting.end_at.isoformat(),
            "address": meeting.address,
            "territory": meeting.territory.code if meeting.territory else "",
            "themes": [term.code for term in meeting.themes],
            "organizer": meeting.organizer,
            "attendees_count": minutes.attendees_count if minutes else None,
            "contributions_count": minutes.contributions_count if minutes else None,
        }


def export_definition() -> api.ExportDefinition:
    return api.ExportDefinition("meetings_meetings", api._l("Meetings"), export_rows)
