"""Admin pages: every meeting of a component, create, edit, duplicate, delete, statistics.

Mounted by the core at ``/admin/spaces/<space_slug>/<type>/<component_id>/``.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_meetings import changes, queries, stats
from pnyx_meetings.models import Meeting
from pnyx_meetings.views import editing

blueprint = Blueprint("meetings_admin", __name__)

Page = str | tuple[str, int] | Response


def admin_meeting(meeting_id: int) -> Meeting:
    """Any meeting of the current component, published or not."""
    return api.get_or_404(
        Meeting,
        meeting_id,
        options=[
            joinedload(Meeting.minutes),
            selectinload(Meeting.themes),
            selectinload(Meeting.agenda_items),
        ],
    )


@blueprint.get("/")
@api.requires(api.actions.ADMIN_SPACE)
def index() -> str:
    query = (
        select(Meeting)
        .where(Meeting.component_id == api.current_component().id)
        .options(joinedload(Meeting.minutes))
        .order_by(Meeting.start_at.desc(), Meeting.id.desc())
    )
    meetings = api.paginate(query)
    return render_template(
        "meetings/admin/index.html",
        meetings=meetings,
        taken=queries.seat_counts(meetings.items),
        figures=stats.summary(api.db_session(), api.current_component()),
        now=api.utcnow(),
    )


@blueprint.route("/new", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def new() -> Page:
    if request.method == "GET":
        return editing.blank_page(staff=True)
    meeting = editing.create(staff=True, page=_agenda_url)
    if not isinstance(meeting, Meeting):
        return meeting
    flash(api._("The meeting is created."), "success")
    return redirect(_agenda_url(meeting))


def _agenda_url(meeting: Meeting) -> str:
    return url_for("meetings_admin.agenda", meeting_id=meeting.id)


@blueprint.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(api.actions.ADMIN_SPACE)
def edit(meeting_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    if request.method == "GET":
        return editing.edit_page(meeting, staff=True)
    done = url_for("meetings_admin.index")
    refused = editing.update(meeting, lambda: admin_meeting(meeting_id), staff=True, done=done)
    if refused is not None:
        return refused
    flash(api._("The meeting is saved."), "success")
    return redirect(done)


@blueprint.post("/<int:meeting_id>/duplicate")
@api.requires(api.actions.ADMIN_SPACE)
def duplicate(meeting_id: int) -> Response:
    session = api.db_session()
    meeting = admin_meeting(meeting_id)
    api.submissions.claim()  # clicked twice, the button made two copies (docs/forms.md)
    copy = changes.duplicate(session, meeting)
    url = url_for("meetings_admin.edit", meeting_id=copy.id)
    api.submissions.made(url)
    session.commit()
    flash(api._("The meeting is copied. The copy is not published yet."), "success")
    return redirect(url)


@blueprint.post("/<int:meeting_id>/delete")
@api.requires(api.actions.ADMIN_SPACE)
def delete(meeting_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    asked = api.confirm_first(
        title=api._("Delete the meeting %(title)s?", title=api.translated(meeting.title)),
        consequence=api._(
            "The meeting, its agenda, its registrations and its minutes are deleted for good; "
            "registered people are not told."
        ),
        button=api._("Yes, delete the meeting"),
        cancel_url=url_for("meetings_admin.index"),
    )
    if asked is not None:
        return asked
    session = api.db_session()
    changes.delete(session, meeting)
    session.commit()
    flash(api._("The meeting is deleted."), "success")
    return redirect(url_for("meetings_admin.index"))
