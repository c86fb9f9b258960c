"""The mail job: every message is delivered by a background job, recorded in ``outgoing_mails``.

:func:`pnyx.mail.send_mail` (and ``api.send_mail``) render the message
in the request, in the recipient's language, then enqueue :func:`deliver_mail`
with its text. The job records the message by its ``Message-ID`` and delivers
it; a failure is retried with back-off (``PNYX_JOBS_RETRY_INTERVALS``) and,
after the last attempt, kept as ``failed`` for administrators
(``/admin/mails``), who may send it again. Delivery is idempotent: a job run
twice (its worker killed after the delivery, before the acknowledgement) finds
the message ``sent`` and sends nothing.
"""

from __future__ import annotations

import logging
import smtplib
from email import message_from_string, policy
from email.message import EmailMessage

from flask import g
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pnyx.db import get_session
from pnyx.jobs import enqueue, job, last_attempt
from pnyx.jobs.runner import IN_JOB
from pnyx.models import OutgoingMail, utcnow

log = logging.getLogger(__name__)

SENDING, RETRYING, SENT, FAILED = "sending", "retrying", "sent", "failed"
MAX_ERROR_LENGTH = 2000


class DeliveryError(Exception):
    """Raised so that the queue tries again later (the failure is already recorded)."""


def queue_message(message: EmailMessage, template: str, *, keyed: bool = False) -> bool:
    """Hand ``message`` to the mail job (after the request's commit); always ``True``.

    A ``keyed`` message (its ``Message-ID`` derived from what it tells, so a re-run
    builds the same one) sent from a job is delivered by that job at once, rather than
    by one more job: a failure raises :class:`DeliveryError`, and the job's retry
    delivers it (its record says whether it went already).
    """
    if keyed and g.get(IN_JOB):
        deliver_mail(message.as_string(), template)
    else:
        enqueue(deliver_mail, message.as_string(), template)
    return True


def parse(text: str) -> EmailMessage:
    parsed = message_from_string(text, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _record(text: str, message: EmailMessage, template: str) -> OutgoingMail:
    session = get_session()
    message_id = str(message["Message-ID"])
    query = select(OutgoingMail).where(OutgoingMail.message_id == message_id).with_for_update()
    found = session.scalar(query)
    if found is not None:
        return found
    record = OutgoingMail(
        message_id=message_id,
        recipient=str(message["To"])[:320],
        subject=str(message["Subject"] or "")[:500],
        template=template[:200],
        message=text,
        status=SENDING,
    )
    session.add(record)
    try:
        session.commit()
    except IntegrityError:  # the same job running twice at once: use the other's row
        session.rollback()
        return session.scalars(query).one()
    return record


@job(retries=5)
def deliver_mail(text: str, template: str) -> None:
    """Deliver one message once; record success or failure (the job's body)."""
    from pnyx.mail import mail_backend
    from pnyx.notifications.bounces import skip_bounced

    message = parse(text)
    if skip_bounced(str(message["To"]), template):
        # The address came back for good: only mails the person asks for still go.
        log.info("not sending the %s message: the address bounced", template)
        return
    record = _record(text, message, template)
    if record.status == SENT:
        return
    session = get_session()
    record.attempts += 1
    record.status = SENDING
    record.updated_at = utcnow()
    session.commit()
    try:
        mail_backend().deliver(message)
    except (OSError, smtplib.SMTPException) as error:
        final = last_attempt()
        record.status = FAILED if final else RETRYING
        record.last_error = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        record.updated_at = utcnow()
        session.commit()
        log.exception("could not send the %s message (attempt %d)", template, record.attempts)
        if not final:
            raise DeliveryError(record.message_id) from error
        return
    record.status = SENT
    record.sent_at = record.updated_at = utcnow()
    record.last_error = None
    session.commit()


def send_again(record: OutgoingMail) -> None:
    """An administrator asks for a failed message to be sent again (the caller commits)."""
    record.status = RETRYING
    record.updated_at = utcnow()
    enqueue(deliver_mail, record.message, record.template)
