"""Delivering a batch of messages with a bounded number of queries.

The messages are recorded in ``outgoing_mails`` in one bulk insert (committed
with whatever the caller changed, such as notifications marked as mailed), then
delivered one by one through the mail backend, then marked ``sent`` in one
update. A message the server refused is handed to the ordinary mail job
(:func:`pnyx.mail_delivery.deliver_mail`), which retries it and keeps it for
administrators when it never goes.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from sqlalchemy import insert, update

from pnyx.db import get_session
from pnyx.jobs import enqueue
from pnyx.mail import deliver_with, mail_backend
from pnyx.mail_delivery import RETRYING, SENDING, SENT, deliver_mail
from pnyx.mail_flatten import flatten
from pnyx.models import OutgoingMail, utcnow

log = logging.getLogger(__name__)


def _row(message: EmailMessage, text: str, template: str) -> dict[str, object]:
    now = utcnow()
    return {
        "message_id": str(message["Message-ID"]),
        "recipient": str(message["To"])[:320],
        "subject": str(message["Subject"] or "")[:500],
        "template": template[:200],
        "message": text,
        "status": SENDING,
        "attempts": 1,
        "created_at": now,
        "updated_at": now,
    }


def deliver_batch(messages: list[EmailMessage], template: str) -> int:
    """Record, commit, deliver and mark ``messages``; return how many were delivered."""
    session = get_session()
    flats = [flatten(message) for message in messages]  # once each: recorded and delivered
    rows = [
        _row(message, flat.text, template) for message, flat in zip(messages, flats, strict=True)
    ]
    if rows:
        session.execute(insert(OutgoingMail), rows)
    session.commit()
    backend = mail_backend()
    sent: list[str] = []
    for message, flat, row in zip(messages, flats, rows, strict=True):
        try:
            deliver_with(backend, message, flat.data)
        except (OSError, smtplib.SMTPException):
            log.exception("could not send %s: handed to the mail job", row["message_id"])
            session.execute(
                update(OutgoingMail)
                .where(OutgoingMail.message_id == row["message_id"])
                .values(status=RETRYING)
            )
            enqueue(deliver_mail, row["message"], template)
            continue
        sent.append(str(row["message_id"]))
    if sent:
        now = utcnow()
        session.execute(
            update(OutgoingMail)
            .where(OutgoingMail.message_id.in_(sent))
            .values(status=SENT, sent_at=now, updated_at=now)
        )
    session.commit()
    return len(sent)
