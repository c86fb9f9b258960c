"""The ``register_api_resources`` hook: published meetings in the read-only API.

No online link (it may be for registered people only), no registration: the
meeting's public facts, and a participant organizer's public name.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_meetings.models import Meeting, meeting_themes


class MeetingSchema(Schema):
    id = fields.Integer(required=True)
    component_id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "in_person, online, hybrid"})
    title = api.open_data.Translated(required=True)
    description = api.open_data.Translated(required=True)
    start_at = fields.DateTime(required=True)
    end_at = fields.DateTime(required=True)
    location = api.open_data.Translated(required=True)
    address = fields.String(required=True)
    territory_id = fields.Integer(allow_none=True)
    theme_ids = fields.Function(
        lambda meeting: [term.id for term in meeting.themes],
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    organizer = fields.String(required=True)
    author = fields.Function(
        lambda meeting: api.open_data.author_name(meeting.author),
        metadata={"type": ["string", "null"], "description": "Public name; null if deleted."},
    )
    group_name = fields.String(required=True)
    updated_at = fields.DateTime(required=True)


def themed(term_ids: Any) -> Any:
    linked = select(meeting_themes.c.meeting_id).where(meeting_themes.c.term_id.in_(term_ids))
    return Meeting.id.in_(linked)


RESOURCES = [
    api.open_data.ApiResource(
        name="meetings",
        schema=MeetingSchema,
        query=lambda: (
            select(Meeting)
            .where(Meeting.published.is_(True))
            .options(selectinload(Meeting.themes), selectinload(Meeting.author))
        ),
        id_column=Meeting.id,
        component_column=Meeting.component_id,
        description="Published meetings.",
        updated_column=Meeting.updated_at,
        territory_column=Meeting.territory_id,
        theme_condition=themed,
        personal_fields=("author",),
    )
]
