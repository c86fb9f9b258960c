"""Registering for a meeting and giving the seat back (POST → redirect → GET)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_meetings import labels, notify, registrations
from pnyx_meetings.models import Status
from pnyx_meetings.views.common import load_meeting, meeting_page_context
from pnyx_meetings.views.public import blueprint


@blueprint.post("/meetings/<int:meeting_id>/register")
@api.requires("meetings.register")
def register(meeting_id: int) -> Response | tuple[str, int]:
    meeting = load_meeting(meeting_id)
    user = api.current_user()
    assert user is not None  # "meetings.register" is for signed-in people
    decision = api.decide(user, "meetings.register", meeting)
    if not decision:
        flash(decision.reason, "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    if api.translated(meeting.registration_terms) and not request.form.get("accept_terms"):
        # Shown again with the error next to the checkbox.
        context = meeting_page_context(meeting)
        error = api._("Accept the registration terms to register.")
        return render_template("meetings/show.html", terms_error=error, **context), 400
    session = api.db_session()
    try:
        registration = registrations.register(session, meeting.id, user)
        session.commit()
    except registrations.RegistrationError as error:
        session.rollback()
        flash(error.message, "error")
    except IntegrityError:
        # Two clicks at once: the unique constraint kept one registration.
        session.rollback()
        flash(api._("You are already registered for this meeting."), "error")
    else:
        notify.send_registration_mails([registration])
        if registration.status == Status.WAITING:
            flash(api._("The meeting is full: you are on the waiting list."), "success")
        else:
            code = labels.show_code(registration.code)
            message = api._("You are registered. Your code is %(code)s.", code=code)
            flash(message, "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@blueprint.post("/meetings/<int:meeting_id>/unregister")
@api.requires("meetings.unregister")
def unregister(meeting_id: int) -> Response:
    meeting = load_meeting(meeting_id)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    try:
        promoted = registrations.cancel(session, meeting.id, user)
        session.commit()
    except registrations.RegistrationError as error:
        session.rollback()
        flash(error.message, "error")
    else:
        notify.send_registration_mails(promoted)
        flash(api._("Your registration is cancelled."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))
