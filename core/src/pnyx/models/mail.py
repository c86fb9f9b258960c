"""The messages the platform handed to its mail job (see ``pnyx.mail`` and docs/jobs.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class OutgoingMail(Model):
    """One message, recorded by the job that delivers it.

    ``message_id`` (the message's ``Message-ID``) makes delivery idempotent: a job
    re-run after its worker died finds the row and sends nothing twice once it is
    ``sent``. ``status`` is ``sending`` during an attempt, ``retrying`` between
    attempts, ``sent`` or ``failed`` (every attempt failed: kept, with the
    message, for an administrator to read and send again).
    """

    __tablename__ = "outgoing_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    template: Mapped[str] = mapped_column(String(200))
    #: The whole message as sent (RFC 5322 text), so a failed one can be sent again.
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None)
