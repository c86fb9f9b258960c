"""E-mails about registrations: the confirmation, with the meeting's calendar file.

Sent by the views right after the transaction commits (a message never
talks about a seat that a rollback took back), while the request is still
there to build absolute links.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask_babel import force_locale
from sqlalchemy import select

from pnyx import api
from pnyx_meetings import calendars, forms
from pnyx_meetings.models import Registration, Status

log = logging.getLogger(__name__)


def send_registration_mails(registrations: Iterable[Registration]) -> int:
    """One message per registration (confirmed, waiting or promoted); returns how many went."""
    sent = 0
    for registration in registrations:
        try:
            sent += send_registration_mail(registration)
        except Exception:  # the registration stands even if its e-mail cannot be built
            log.exception("registration e-mail %s failed", registration.id)
    return sent


def recipient_locale(user: api.User) -> str:
    default, available = forms.locales()
    return user.locale if user.locale in available else default


def send_registration_mail(registration: Registration) -> bool:
    user, meeting = registration.user, registration.meeting
    if user is None or not user.email:
        return False
    locale = recipient_locale(user)
    confirmed = registration.status == Status.CONFIRMED
    with force_locale(locale):
        title = api.translated(meeting.title, locale)
        if not confirmed:
            subject = api._("Waiting list: %(title)s", title=title)
        elif registration.promoted_at is not None:
            subject = api._("A seat is free for you: %(title)s", title=title)
        else:
            subject = api._("You are registered: %(title)s", title=title)
        attachments = []
        if confirmed:
            text = calendars.ics_text([meeting], title, registered={meeting.id})
            attachments.append(("meeting.ics", "text/calendar", text))
        url = calendars.meeting_url(meeting)
        online = meeting.online_url if meeting.is_online else ""
    return api.send_mail(
        user.email,
        subject,
        "meetings/mail/registration.txt",
        locale=locale,
        attachments=attachments,
        user=user,
        meeting=meeting,
        registration=registration,
        confirmed=confirmed,
        title=title,
        url=url,
        online_url=online if confirmed else "",
    )


def registrations_by_id(ids: Iterable[int]) -> list[Registration]:
    wanted = list(ids)
    if not wanted:
        return []
    query = select(Registration).where(Registration.id.in_(wanted))
    return list(api.db_session().scalars(query))
