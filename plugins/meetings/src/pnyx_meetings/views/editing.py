"""The meeting form, for staff (admin pages) and for organizers (public pages) alike.

The two differ only in who they are (``staff``): the template around the fields, the
participants' limits from the phase settings, and where the views send people next; the
reading, checking, saving and images are one path, so a fix to one form fixes both.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template, request

from pnyx import api
from pnyx_meetings import changes, forms, images, meeting_form, notify, queries
from pnyx_meetings.models import Meeting

#: The form page again with its errors, and the status to answer with.
Refused = tuple[str, int]

TEMPLATES = {True: "meetings/admin/form.html", False: "meetings/form.html"}


def form_page(form: forms.Form, meeting: Meeting | None, *, staff: bool) -> str:
    return render_template(
        TEMPLATES[staff],
        form=form,
        meeting=meeting,
        staff=staff,
        territories=queries.search_terms("territory"),
        themes=queries.search_terms("theme"),
        locales=forms.locales(),
    )


def blank_page(*, staff: bool) -> str:
    return form_page(meeting_form.form_from(None), None, staff=staff)


def edit_page(meeting: Meeting, *, staff: bool) -> str:
    form = meeting_form.form_from(meeting)
    images.fill(form, meeting)
    return form_page(form, meeting, staff=staff)


def _submitted(*, staff: bool, meeting: Meeting | None = None) -> forms.Form:
    # Participants are held to the phase's limits; staff are not.
    settings = None if staff else api.current_settings()
    form = meeting_form.read_meeting_form(
        request.form, staff=staff, settings=settings, meeting=meeting
    )
    images.check(form)
    return form


def create(*, staff: bool, page: Callable[[Meeting], str]) -> Meeting | Refused:
    """The meeting the submitted form creates, committed, or the form again (400); ``page``
    is where the view sends people next (a second sending of the form goes there too)."""
    form = _submitted(staff=staff)
    if not form.valid:
        return form_page(form, None, staff=staff), 400
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    api.submissions.claim()  # the same form sent twice at once: one meeting (docs/forms.md)
    meeting = changes.create(session, api.current_component(), form, staff=staff, author=user)
    session.flush()
    api.submissions.made(page(meeting))
    if not images.save(meeting, form):
        session.rollback()
        return form_page(form, None, staff=staff), 400
    session.commit()
    return meeting


def update(
    meeting: Meeting, reload: Callable[[], Meeting], *, staff: bool, done: str
) -> Refused | None:
    """Save the submitted form over ``meeting`` (None: the view goes to ``done``), or the
    form again (400).

    ``reload`` loads the meeting again after a rollback (images refused): the page needs
    it as it is stored, not half-changed.
    """
    form = _submitted(staff=staff, meeting=meeting)
    if not form.valid:
        return form_page(form, meeting, staff=staff), 400
    session = api.db_session()
    # Sent twice, an edit told every follower twice that the meeting changed (docs/forms.md).
    api.submissions.claim()
    promoted = changes.update(session, meeting, form, staff=staff)
    if not images.save(meeting, form):
        session.rollback()  # the token stays free for the corrected form
        return form_page(form, reload(), staff=staff), 400
    api.submissions.made(done)
    session.commit()
    notify.send_registration_mails(promoted)
    return None
