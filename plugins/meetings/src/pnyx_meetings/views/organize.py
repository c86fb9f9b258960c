"""Participants' meetings: create one (when the phase allows), edit it, close it with minutes."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_meetings import changes, forms, minutes_form
from pnyx_meetings.minutes_form import PROPOSAL_LINK
from pnyx_meetings.models import Meeting
from pnyx_meetings.views import editing
from pnyx_meetings.views.common import is_organizer, load_meeting, proposals_enabled
from pnyx_meetings.views.public import blueprint

Page = str | tuple[str, int] | Response


@blueprint.route("/new", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires("meetings.create")
def new() -> Page:
    if request.method == "GET":
        return editing.blank_page(staff=False)
    meeting = editing.create(staff=False, page=_meeting_url)
    if not isinstance(meeting, Meeting):
        return meeting
    flash(api._("Your meeting is published."), "success")
    return redirect(_meeting_url(meeting))


def _meeting_url(meeting: Meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id)


def organized_meeting(meeting_id: int) -> Meeting:
    """A meeting the signed-in person organizes (403 otherwise)."""
    meeting = load_meeting(meeting_id)
    decision = api.decide(api.current_user(), "meetings.organize", meeting)
    if not decision or not is_organizer(api.current_user(), meeting):
        abort(403)
    return meeting


@blueprint.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires("meetings.organize")
def edit(meeting_id: int) -> Page:
    meeting = organized_meeting(meeting_id)
    if request.method == "GET":
        return editing.edit_page(meeting, staff=False)
    done = _meeting_url(meeting)
    refused = editing.update(meeting, lambda: organized_meeting(meeting_id), staff=False, done=done)
    if refused is not None:
        return refused
    flash(api._("The meeting is saved."), "success")
    return redirect(done)


def minutes_page(
    form: forms.Form, meeting: Meeting, action: str, previews: dict[str, api.Markup] | None = None
) -> str:
    return render_template(
        "meetings/minutes_form.html",
        form=form,
        previews=previews or {},
        meeting=meeting,
        action=action,
        with_proposals=proposals_enabled(),
        locales=forms.locales(),
    )


@blueprint.route("/meetings/<int:meeting_id>/close", methods=["GET", "POST"])
@api.requires("meetings.organize")
def close(meeting_id: int) -> Page:
    meeting = organized_meeting(meeting_id)
    if meeting.start_at > api.utcnow():
        flash(api._("Minutes are published once the meeting has started."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    action = url_for("meetings.close", meeting_id=meeting.id)
    if request.method == "GET":
        source = ("meetings_meeting", meeting.id)
        linked = list(api.links.linked_ids(api.db_session(), PROPOSAL_LINK, source=source))
        return minutes_page(minutes_form.form_from(meeting, linked), meeting, action)
    form = minutes_form.read_minutes_form(request.form, with_proposals=proposals_enabled())
    if "preview" in request.form:  # the preview button: the text rendered, nothing saved
        form.errors.clear()
        return minutes_page(form, meeting, action, minutes_form.previews(form))
    if not form.valid:
        return minutes_page(form, meeting, action), 400
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    changes.close(session, meeting, form, user)
    session.commit()
    flash(api._("The minutes are saved."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))
