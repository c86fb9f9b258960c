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

import functools
import logging
import smtplib
from dataclasses import dataclass
from email import message_from_string, policy
from email.message import EmailMessage
from typing import Any

from flask import g
from sqlalchemy import Insert, Update, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.jobs import enqueue, job, last_attempt
from pnyx.jobs.runner import IN_JOB
from pnyx.mail_flatten import flatten
from pnyx.models import OutgoingMail, utcnow

log = logging.getLogger(__name__)

SENDING, RETRYING, SENT, FAILED = "sending", "retrying", "sent", "failed"
MAX_ERROR_LENGTH = 2000
MAILS = OutgoingMail.__table__


class DeliveryError(Exception):
    """Raised so that the queue tries again later (the failure is already recorded)."""


def queue_message(message: EmailMessage, template: str, *, keyed: bool = False) -> bool:
    """Hand ``message`` to the mail job (after the request's commit); always ``True``.

    A ``keyed`` message (its ``Message-ID`` derived from what it tells, so a re-run
    builds the same one) sent from a job is delivered by that job at once, rather than
    by one more job: a failure raises :class:`DeliveryError`, and the job's retry
    delivers it (its record says whether it went already): the message is then
    flattened once, for its record and its delivery alike (:mod:`pnyx.mail_flatten`).
    """
    if keyed and g.get(IN_JOB):
        # the message itself: not its text parsed again, nor flattened a second time
        flat = flatten(message)
        deliver(flat.text, message, template, data=flat.data)
    else:
        enqueue(deliver_mail, message.as_string(), template)
    return True


def parse(text: str) -> EmailMessage:
    parsed = message_from_string(text, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@dataclass(frozen=True)
class Attempt:
    """The record of one delivery attempt: what :func:`deliver` writes back to."""

    id: int
    message_id: str
    attempts: int


def _insert_ignoring_duplicate(session: Session, values: dict[str, Any]) -> int | None:
    """The new record's id, or ``None`` when the message has one already (or gets one at
    this moment, in another run of the same job: the insert then waits for its commit)."""
    statement = _insert_statement(session.get_bind().dialect.name)
    return session.execute(statement, values).scalar()


@functools.cache
def _insert_statement(dialect: str) -> Insert:
    """Built once per dialect (every delivery runs it; building it cost about as much).
    On the table, not the mapped class: no ORM object to build, track and flush."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    columns = MAILS.c
    names = ["message_id", "recipient", "subject", "template", "message", "status"]
    names += ["attempts", "created_at", "updated_at"]
    return (
        insert(MAILS)
        .values({name: bindparam(name, type_=columns[name].type) for name in names})
        .on_conflict_do_nothing(index_elements=["message_id"])
        .returning(columns.id)
    )


@functools.cache
def _update_statement() -> Update:
    """The attempt's outcome, written by id (built once)."""
    return update(MAILS).where(MAILS.c.id == bindparam("record_id"))


def _record(session: Session, attempt: Attempt, **values: Any) -> None:
    session.execute(_update_statement(), {"record_id": attempt.id, **values})


def _start_attempt(text: str, message: EmailMessage, template: str) -> Attempt | None:
    """Record an attempt at delivering ``message`` and commit it; ``None`` when it was
    sent already.

    A new message is one ``INSERT`` already counting its first attempt (no read before,
    no ``UPDATE`` after); a message recorded before (a retry, a job run twice) has its
    row locked and its attempts counted.
    """
    session = get_session()
    message_id = str(message["Message-ID"])
    now = utcnow()
    new_id = _insert_ignoring_duplicate(
        session,
        {
            "message_id": message_id,
            "recipient": str(message["To"])[:320],
            "subject": str(message["Subject"] or "")[:500],
            "template": template[:200],
            "message": text,
            "status": SENDING,
            "attempts": 1,
            "created_at": now,
            "updated_at": now,
        },
    )
    if new_id is not None:
        session.commit()
        return Attempt(new_id, message_id, 1)
    query = select(OutgoingMail).where(OutgoingMail.message_id == message_id)
    record = session.scalars(query.with_for_update()).one()
    if record.status == SENT:
        session.commit()  # what the caller wrote before (a job's follow) is kept
        return None
    record.attempts += 1
    record.status = SENDING
    record.updated_at = now
    session.commit()
    return Attempt(record.id, message_id, record.attempts)


@job(retries=5)
def deliver_mail(text: str, template: str) -> None:
    """Deliver one message once; record success or failure (the job's body)."""
    deliver(text, parse(text), template)


def deliver(text: str, message: EmailMessage, template: str, *, data: bytes | None = None) -> None:
    """Deliver ``message`` (whose text is ``text``, and bytes ``data`` when already
    flattened) once, recording success or failure; raise :class:`DeliveryError` when a
    later attempt should try again."""
    from pnyx.mail import deliver_with, mail_backend
    from pnyx.notifications.bounces import skip_bounced

    if skip_bounced(str(message["To"]), template):
        # The address came back for good: only mails the person asks for still go.
        log.info("not sending the %s message: the address bounced", template)
        return
    attempt = _start_attempt(text, message, template)
    if attempt is None:
        return
    session = get_session()
    try:
        deliver_with(mail_backend(), message, data)
    except (OSError, smtplib.SMTPException) as error:
        final = last_attempt()
        error_text = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
        _record(
            session,
            attempt,
            status=FAILED if final else RETRYING,
            last_error=error_text,
            updated_at=utcnow(),
        )
        session.commit()
        log.exception("could not send the %s message (attempt %d)", template, attempt.attempts)
        if not final:
            raise DeliveryError(attempt.message_id) from error
        return
    now = utcnow()
    _record(session, attempt, status=SENT, sent_at=now, updated_at=now, last_error=None)
    session.commit()


def send_again(record: OutgoingMail) -> None:
    """An administrator asks for a failed message to be sent again (the caller commits)."""
    record.status = RETRYING
    record.updated_at = utcnow()
    enqueue(deliver_mail, record.message, record.template)
