"""The organization's directory of meetings, across every public space (a global blueprint)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_meetings import calendars, queries
from pnyx_meetings.views.public import listing_context, month_context

blueprint = Blueprint("meetings_directory", __name__, url_prefix="/meetings")


@blueprint.get("/")
@api.requires(api.actions.PUBLIC)
def index() -> str:
    filters = queries.parse_filters(request.args)
    query = queries.visible_everywhere(queries.base_query())
    return render_template("meetings/directory.html", **listing_context(query, filters))


@blueprint.get("/calendar")
@api.requires(api.actions.PUBLIC)
def calendar() -> str:
    query = queries.visible_everywhere(queries.base_query())
    return render_template("meetings/directory_calendar.html", **month_context(query))


@blueprint.get("/calendar.ics")
@api.requires(api.actions.PUBLIC)
def organization_ics() -> Response:
    """Every public meeting of the organization: subscribe once, see them all."""
    query = queries.visible_everywhere(queries.base_query())
    meetings = queries.between(query, *calendars.feed_window())
    name = api._("Meetings")
    return calendars.ics_response(calendars.ics_text(meetings, name), "meetings.ics")
