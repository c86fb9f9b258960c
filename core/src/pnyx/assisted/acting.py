"""The "acting for" state, kept in the signed session cookie and checked on each request.

The session keeps the staff member signed in (``user_id``) and adds the
participant's id and the start time. Each request, after the signed-in
person is loaded, :func:`apply_acting` swaps ``g.user`` for the participant
while every condition still holds: the staff member is still a user manager
or admin, the participant is still a managed participant, and fewer than
``MAX_DURATION`` passed since the start (not renewed by activity).
"""

from __future__ import annotations

import datetime as dt

from flask import flash, g, session
from flask_babel import gettext as _

from pnyx.db import get_session
from pnyx.models import User
from pnyx.permissions import is_user_manager
from pnyx.verification import clock

MAX_DURATION = dt.timedelta(minutes=30)
ACTING_FOR = "acting_for"
ACTING_SINCE = "acting_since"


def can_be_assisted(user: User | None) -> bool:
    """Only managed participants, never people with their own account."""
    return user is not None and user.managed and not user.blocked and user.deleted_at is None


def start_acting(participant: User) -> None:
    session[ACTING_FOR] = participant.id
    session[ACTING_SINCE] = clock.now().timestamp()


def stop_acting() -> None:
    session.pop(ACTING_FOR, None)
    session.pop(ACTING_SINCE, None)


def acting_until() -> dt.datetime | None:
    started = session.get(ACTING_SINCE)
    if not isinstance(started, int | float):
        return None
    return dt.datetime.fromtimestamp(started, dt.UTC) + MAX_DURATION


def apply_acting() -> None:
    """``before_request``: act for the participant, or end an expired or invalid session."""
    participant_id = session.get(ACTING_FOR)
    if participant_id is None:
        return
    staff, until = g.get("user"), acting_until()
    participant = get_session().get(User, participant_id)
    if until is not None and clock.now() >= until:
        stop_acting()
        name = participant.name if participant else ""
        flash(_("Your 30 minutes acting for %(name)s are over.", name=name), "error")
        return
    if until is None or not is_user_manager(staff) or not can_be_assisted(participant):
        stop_acting()
        return
    g.operator = staff
    g.operator_id = staff.id
    g.user = participant
    g.acting_until = until
