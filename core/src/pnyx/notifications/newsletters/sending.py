"""Sending a newsletter: a test to oneself, then everyone by batches of 500 in jobs.

Each batch job reads the next recipients after ``last_user_id``, renders one
message each in their language (with a one-click unsubscribe from newsletters),
advances the cursor and the count in the same commit as the messages' records,
delivers them, and enqueues the next batch. The page shows the progress.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from email.message import EmailMessage

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select

from pnyx.action_log import log_action
from pnyx.db import get_session
from pnyx.i18n import translated
from pnyx.jobs import enqueue, job
from pnyx.mail import build_message, external_url
from pnyx.models import User, utcnow
from pnyx.notifications.messages import add_unsubscribe
from pnyx.notifications.models import Newsletter, NotificationPreference
from pnyx.notifications.newsletters.audience import recipients
from pnyx.notifications.outgoing import deliver_batch
from pnyx.notifications.unsubscribe_tokens import NEWSLETTERS, make_token

log = logging.getLogger(__name__)

BATCH = 500
SENDING, SENT = "sending", "sent"


def newsletter_message(
    newsletter: Newsletter, user: User, preference: NotificationPreference | None
) -> EmailMessage:
    """The newsletter for ``user``, in their language, with its unsubscribe link."""
    with force_locale(user.locale) if user.locale else nullcontext():
        token = make_token(user, preference, NEWSLETTERS)
        unsubscribe_url = external_url("pnyx_notifications.unsubscribe", token=token)
        subject = translated(newsletter.subject, user.locale)
        body = render_template(
            "pnyx/notifications/mail/newsletter.txt",
            text=translated(newsletter.body, user.locale),
            preferences_url=external_url("pnyx_notifications.preferences"),
            unsubscribe_url=unsubscribe_url,
        )
        message = build_message(str(user.email), subject, body)
    add_unsubscribe(message, unsubscribe_url)
    return message


def send_test(newsletter: Newsletter, user: User) -> int:
    """The newsletter to ``user`` alone (staff check it in their own mailbox)."""
    preference = get_session().get(NotificationPreference, user.id)
    return deliver_batch([newsletter_message(newsletter, user, preference)], "newsletter_test")


def start(newsletter: Newsletter, total: int, actor_id: int) -> None:
    """Mark the newsletter as sending and enqueue its first batch (the caller commits)."""
    newsletter.status = SENDING
    newsletter.recipients_count = total
    newsletter.sent_count = 0
    newsletter.last_user_id = 0
    log_action(
        get_session(),
        "pnyx.newsletter_sent",
        resource=("newsletter", newsletter.id),
        visibility="admin",
        actor_id=actor_id,
        extra={"recipients": total, "audience": newsletter.audience},
    )
    enqueue(send_batch, newsletter.id)


@job(retries=3)
def send_batch(newsletter_id: int) -> int:
    """Send the next :data:`BATCH` messages of a newsletter; enqueue the next batch."""
    session = get_session()
    newsletter = session.get(Newsletter, newsletter_id)
    if newsletter is None or newsletter.status != SENDING:
        return 0
    query = recipients(newsletter).where(User.id > newsletter.last_user_id).limit(BATCH)
    ids = list(session.scalars(query))
    if not ids:
        newsletter.status, newsletter.sent_at = SENT, utcnow()
        session.commit()
        return 0
    people = session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id))
    preferences = {
        row.user_id: row
        for row in session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
        )
    }
    messages = [newsletter_message(newsletter, p, preferences.get(p.id)) for p in people]
    newsletter.last_user_id = ids[-1]
    newsletter.sent_count += len(messages)
    sent = deliver_batch(messages, "newsletter")  # commits the cursor with the records
    enqueue(send_batch, newsletter_id)
    return sent
