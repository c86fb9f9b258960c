"""The component's public pages: lists, month calendar, a meeting, calendar files.

Mounted by the core at ``/spaces/<space_slug>/<type>/<component_id>/``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from sqlalchemy import Select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_meetings import calendars, month, queries, zones
from pnyx_meetings.models import Meeting
from pnyx_meetings.views.common import (
    load_meeting,
    meeting_page_context,
)

blueprint = Blueprint("meetings", __name__)


def component_meetings() -> Select[tuple[Meeting]]:
    return queries.base_query().where(Meeting.component_id == api.current_component().id)


def listing_context(query: Select[tuple[Meeting]], filters: queries.Filters) -> dict[str, Any]:
    """A page of meetings and what its cards and filter form need (constant query count)."""
    meetings = api.paginate(queries.filtered(query, filters))
    return {
        "meetings": meetings,
        "filters": filters,
        "taken": queries.seat_counts(meetings.items),
        "mine": queries.own_registrations(meetings.items, api.current_user()),
        "territories": queries.search_terms("territory"),
        "themes": queries.search_terms("theme"),
    }


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    filters = queries.parse_filters(request.args)
    context = listing_context(component_meetings(), filters)
    return render_template("meetings/index.html", **context)


@blueprint.get("/calendar")
@api.requires(api.actions.VIEW)
def calendar() -> str:
    return render_template("meetings/calendar.html", **month_context(component_meetings()))


def month_context(query: Select[tuple[Meeting]]) -> dict[str, Any]:
    """The month asked for in ``?month=2026-03`` with its meetings."""
    first = month.parse_month(request.args.get("month"), zones.today_local())
    start, end = zones.local_day_bounds(*month.grid_bounds(first))
    return {"month": month.build_month(first, queries.between(query, start, end))}


@blueprint.get("/calendar.ics")
@api.requires(api.actions.VIEW)
def component_ics() -> Response:
    component = api.current_component()
    meetings = queries.between(component_meetings(), *calendars.feed_window())
    name = f"{api.translated(component.name)} · {api.translated(component.space.title)}"
    return calendars.ics_response(calendars.ics_text(meetings, name), "meetings.ics")


@blueprint.get("/meetings/<int:meeting_id>")
@api.requires(api.actions.VIEW)
def show(meeting_id: int) -> str:
    meeting = load_meeting(meeting_id)
    return render_template("meetings/show.html", **meeting_page_context(meeting))


@blueprint.get("/meetings/<int:meeting_id>.ics")
@api.requires(api.actions.VIEW)
def meeting_ics(meeting_id: int) -> Response:
    meeting = load_meeting(meeting_id)
    context = meeting_page_context(meeting)
    registered = {meeting.id} if context["show_link"] else set()
    text = calendars.ics_text([meeting], api.translated(meeting.title), registered)
    return calendars.ics_response(text, f"meeting-{meeting.id}.ics")
