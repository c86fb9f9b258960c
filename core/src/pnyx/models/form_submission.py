"""Sent creation forms, once each: a double click or a form sent again makes one item."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow


class FormSubmission(Model):
    """The one-time token of a creation form that was sent (:mod:`pnyx.submissions`), with
    a digest of what it said, and where its first sending led. The primary key is the guard:
    a second sending of the same form with the same content fails to insert its row, in the
    same transaction as the item it would make."""

    __tablename__ = "form_submissions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: SHA-256 of the sent fields: the same form sent again with other words (the back
    #: button, a second comment written in the page kept by the browser) is a new item.
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Where the first sending led (the item it made); empty until the view says so.
    location: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
