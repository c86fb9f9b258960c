"""Admin: who registered, the CSV export, checking codes at the door, closing with minutes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from flask import (
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_meetings import changes, forms, minutes_form, registrations, zones
from pnyx_meetings.minutes_form import PROPOSAL_LINK
from pnyx_meetings.models import Meeting, Registration
from pnyx_meetings.views.admin import Page, admin_meeting, blueprint
from pnyx_meetings.views.common import proposals_enabled


def registrations_query(meeting: Meeting):  # type: ignore[no-untyped-def]
    return (
        select(Registration)
        .where(Registration.meeting_id == meeting.id)
        .options(joinedload(Registration.user))
        .order_by(Registration.status, Registration.created_at, Registration.id)
    )


def registrations_page(meeting: Meeting, code: str = "", error: str | None = None) -> str:
    return render_template(
        "meetings/admin/registrations.html",
        meeting=meeting,
        registrations=api.paginate(registrations_query(meeting)),
        taken=registrations.confirmed_count(api.db_session(), meeting.id),
        code=code,
        error=error,
    )


@blueprint.get("/<int:meeting_id>/registrations")
@api.requires(api.actions.ADMIN_SPACE)
def registrations_list(meeting_id: int) -> str:
    return registrations_page(admin_meeting(meeting_id))


@blueprint.post("/<int:meeting_id>/registrations/validate")
@api.requires(api.actions.ADMIN_SPACE)
def validate_code(meeting_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    code = request.form.get("code", "").strip()
    staff = api.current_user()
    assert staff is not None
    session = api.db_session()
    try:
        registration = registrations.validate_code(session, meeting, code, staff)
    except registrations.RegistrationError as error:
        session.rollback()
        return registrations_page(meeting, code, error.message), 400
    session.commit()
    name = registration.user.name if registration.user else ""
    flash(api._("Code valid: welcome, %(name)s.", name=name), "success")
    return redirect(url_for("meetings_admin.registrations_list", meeting_id=meeting.id))


@blueprint.get("/<int:meeting_id>/registrations.csv")
@api.requires(api.actions.ADMIN_SPACE)
def registrations_csv(meeting_id: int) -> Response:
    """The rows are read as plain values in one query, then written out line by line."""
    meeting = admin_meeting(meeting_id)
    response = Response(csv_lines(csv_rows(meeting)), mimetype="text/csv")
    filename = f"meeting-{meeting.id}-registrations.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_rows(meeting: Meeting) -> list[list[str]]:
    """Every registration as CSV cells (plain values: the response may outlive the session)."""
    query = (
        select(
            Registration.code,
            Registration.status,
            api.User.name,
            api.User.email,
            Registration.created_at,
            Registration.validated_at,
        )
        .join(api.User, api.User.id == Registration.user_id)
        .where(Registration.meeting_id == meeting.id)
        .order_by(Registration.status, Registration.created_at, Registration.id)
    )
    tz = zones.organization_zone()

    def moment(value: dt.datetime | None) -> str:
        return value.astimezone(tz).isoformat(timespec="minutes") if value else ""

    return [
        [code, status, name, email or "", moment(created), moment(validated)]
        for code, status, name, email, created, validated in api.db_session().execute(query)
    ]


def csv_lines(rows: list[list[str]]) -> Iterator[str]:
    yield _csv_row(["code", "status", "name", "email", "registered_at", "validated_at"])
    for row in rows:
        yield _csv_row(row)


def _csv_row(values: list[str]) -> str:
    buffer = io.StringIO()
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    safe = [f"'{v}" if v[:1] in ("=", "+", "-", "@") else v for v in map(str, values)]
    csv.writer(buffer).writerow(safe)
    return buffer.getvalue()


def minutes_page(
    form: forms.Form, meeting: Meeting, previews: dict[str, api.Markup] | None = None
) -> str:
    return render_template(
        "meetings/admin/minutes.html",
        form=form,
        previews=previews or {},
        meeting=meeting,
        action=url_for("meetings_admin.close", meeting_id=meeting.id),
        with_proposals=proposals_enabled(),
        locales=forms.locales(),
    )


@blueprint.route("/<int:meeting_id>/close", methods=["GET", "POST"])
@api.requires(api.actions.ADMIN_SPACE)
def close(meeting_id: int) -> Page:
    meeting = admin_meeting(meeting_id)
    if request.method == "GET":
        source = ("meetings_meeting", meeting.id)
        linked = list(api.links.linked_ids(api.db_session(), PROPOSAL_LINK, source=source))
        form = minutes_form.form_from(meeting, linked)
        if meeting.minutes is None:
            form.raw["attendees_count"] = str(validated_count(meeting))
        return minutes_page(form, meeting)
    form = minutes_form.read_minutes_form(request.form, with_proposals=proposals_enabled())
    if "preview" in request.form:  # the preview button: the text rendered, nothing saved
        form.errors.clear()
        return minutes_page(form, meeting, minutes_form.previews(form))
    if not form.valid:
        return minutes_page(form, meeting), 400
    staff = api.current_user()
    assert staff is not None
    session = api.db_session()
    changes.close(session, meeting, form, staff)
    session.commit()
    flash(api._("The minutes are saved."), "success")
    return redirect(url_for("meetings_admin.index"))


def validated_count(meeting: Meeting) -> int:
    """People checked in at the door: a first guess for the attendee count."""
    query = select(Registration.id).where(
        Registration.meeting_id == meeting.id, Registration.validated_at.is_not(None)
    )
    return len(api.db_session().scalars(query).all())
