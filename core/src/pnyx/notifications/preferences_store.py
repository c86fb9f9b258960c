"""Reading a person's notification choices (no row: the defaults)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import User
from pnyx.notifications.models import DAILY, FREQUENCIES, NEVER, NotificationPreference

DEFAULT_FREQUENCY = DAILY


def preference_of(session: Session, user: User) -> NotificationPreference:
    """The person's row, created (not yet flushed) with the defaults when they have none."""
    found = session.get(NotificationPreference, user.id)
    if found is None:
        found = NotificationPreference(
            user_id=user.id,
            email_frequency=DEFAULT_FREQUENCY,
            kind_frequencies={},
            follow_when_participating=True,
            unsubscribe_serial=0,
        )
        session.add(found)
    return found


def frequency_of(preference: NotificationPreference | None, kind: str) -> str:
    if preference is None:
        return DEFAULT_FREQUENCY
    chosen = (preference.kind_frequencies or {}).get(kind) or preference.email_frequency
    return chosen if chosen in FREQUENCIES else DEFAULT_FREQUENCY


def frequencies_for(session: Session, user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each person wants ``kind`` by e-mail (``never`` without an address): two queries."""
    ids = list(user_ids)
    if not ids:
        return {}
    with_address = set(
        session.scalars(select(User.id).where(User.id.in_(ids), User.email.is_not(None)))
    )
    query = select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
    chosen = {row.user_id: row for row in session.scalars(query)}
    return {
        user_id: frequency_of(chosen.get(user_id), kind) if user_id in with_address else NEVER
        for user_id in ids
    }
