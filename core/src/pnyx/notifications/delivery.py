"""E-mailing notifications: at once, or as a daily or weekly digest.

People are handled by batches of :data:`BATCH`: one job per batch loads the
batch's people and their pending notifications in a few queries, checks again
that each person may still see each place (at send time), renders one message
per person in their language and delivers the batch (:mod:`.outgoing`). So 5 000
followers cost ten jobs and a bounded number of queries, not 5 000 requests.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select, update

from pnyx.db import get_session
from pnyx.jobs import enqueue, job
from pnyx.models import User
from pnyx.notifications.audience import still_described, visible_to
from pnyx.notifications.messages import notification_message
from pnyx.notifications.models import FREQUENCIES, NEVER, Notification, NotificationPreference
from pnyx.notifications.outgoing import deliver_batch

log = logging.getLogger(__name__)

BATCH = 500
#: A digest lists this many notifications; the rest wait in the notification centre.
DIGEST_LIMIT = 30


def enqueue_batches(frequency: str, user_ids: Iterable[int]) -> int:
    """Enqueue one :func:`mail_batch` job per :data:`BATCH` people; return how many jobs."""
    ids = sorted(set(user_ids))
    for start in range(0, len(ids), BATCH):
        enqueue(mail_batch, frequency, ids[start : start + BATCH])
    return (len(ids) + BATCH - 1) // BATCH


def send_digests(frequency: str) -> int:
    """Enqueue the ``daily`` or ``weekly`` digests of everyone who has some: one query."""
    if frequency not in FREQUENCIES or frequency == NEVER:
        raise ValueError(f"frequency must be daily, weekly or immediately, not {frequency!r}")
    query = select(Notification.user_id).where(Notification.mail_due == frequency).distinct()
    return enqueue_batches(frequency, get_session().scalars(query))


def _visible(notes: list[Notification]) -> list[Notification]:
    """The notifications whose recipient may still see the place and the resource."""
    session = get_session()
    by_place: dict[tuple[int | None, int | None], set[int]] = defaultdict(set)
    by_type: dict[str, set[int]] = defaultdict(set)
    for note in notes:
        by_place[(note.space_id, note.component_id)].add(note.user_id)
        by_type[note.target_type].add(note.target_id)
    allowed = {place: visible_to(session, *place, ids) for place, ids in by_place.items()}
    shown = {kind: still_described(session, kind, ids) for kind, ids in by_type.items()}
    return [
        note
        for note in notes
        if note.user_id in allowed[(note.space_id, note.component_id)]
        and note.target_id in shown[note.target_type]
    ]


def _bounced(preferences: dict[int, NotificationPreference], user_id: int) -> bool:
    """The person's address came back for good (notifications/bounces.py): no digest."""
    found = preferences.get(user_id)
    return found is not None and found.bounced_at is not None


@job(retries=3)
def mail_batch(frequency: str, user_ids: list[int]) -> int:
    """Mail each person of the batch their pending ``frequency`` notifications; returns how
    many messages left. The notifications are marked as mailed before delivery, so a job run
    twice sends nothing twice."""
    session = get_session()
    notes = list(
        session.scalars(
            select(Notification)
            .where(Notification.user_id.in_(user_ids), Notification.mail_due == frequency)
            .order_by(Notification.user_id, Notification.id.desc())
        )
    )
    if not notes:
        return 0
    last_id = max(note.id for note in notes)
    people = {
        user.id: user
        for user in session.scalars(
            select(User).where(
                User.id.in_(user_ids), User.deleted_at.is_(None), User.email.is_not(None)
            )
        )
    }
    preferences = {
        row.user_id: row
        for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id.in_(user_ids))
        )
    }
    grouped: dict[int, list[Notification]] = defaultdict(list)
    for note in _visible(notes):
        grouped[note.user_id].append(note)
    messages = [
        notification_message(
            people[user_id], preferences.get(user_id), frequency, items, DIGEST_LIMIT
        )
        for user_id, items in grouped.items()
        if user_id in people and not people[user_id].blocked and not _bounced(preferences, user_id)
    ]
    session.execute(
        update(Notification)
        .where(
            Notification.user_id.in_(user_ids),
            Notification.mail_due == frequency,
            Notification.id <= last_id,
        )
        .values(mail_due=None)
    )
    return deliver_batch(messages, f"pnyx/notifications/{frequency}")
