"""One item per creation form sent, however many times it is sent (docs/forms.md).

A duplicate check that looks for "the same text by the same person in the last minutes" lets
two POSTs of the same split second (a double click, a phone that sends again on a slow line)
both pass: both look before either writes. Here the database decides instead. Each rendered
creation form carries a random one-time token (``{{ submission_field() }}``); the view claims
it (:func:`claim`) in the transaction that makes the item, then says where the item is
(:func:`made`). The token and a digest of the sent fields are the primary key of
``form_submissions``: the second sending of the same form with the same words fails to insert
its row (on PostgreSQL it waits for the first transaction, then fails; on SQLite writing
requests are serialized), its transaction is rolled back, and it is answered like the first
one, with a redirect to what the first made. The same form sent with other words (a second
comment written in a page the browser kept) is a new item: nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets

from flask import Flask, flash, g, redirect, request
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from pnyx.db import get_session
from pnyx.models import FormSubmission, utcnow
from pnyx.redirects import safe_next

FIELD = "submission_token"
#: How long a sent token is kept: a form sent again after that makes a new item.
KEPT = dt.timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CLAIMED = "pnyx_submission"
_NOT_CONTENT = frozenset({FIELD, "csrf_token"})


class AlreadySubmittedError(Exception):
    """This form was sent before with the same fields (its row is taken); the core answers
    with a redirect to where the first sending led. Views let it through."""

    def __init__(self, token: str, digest: str) -> None:
        super().__init__(token)
        self.token, self.digest = token, digest


def new_token() -> str:
    return secrets.token_urlsafe(24)


def submission_field() -> Markup:
    """The hidden field of a creation form (templates: ``{{ submission_field() }}``), with a
    new token at each drawing."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, new_token())


def posted_token() -> str | None:
    """The token the current request sent, when it is well formed."""
    token = request.form.get(FIELD, "")
    return token if _TOKEN.match(token) else None


def posted_digest() -> str:
    """SHA-256 of who sent the form and where, of the sent fields but the tokens, and of the
    sent files' names and contents: the page kept by the browser, sent again with another
    file, is a new item. A token is one person's drawing of one form: copied into another
    form, or sent by another person, it makes their item and never leads them to the first
    sending's (its address may be private: a mutual-aid conversation's)."""
    fields = sorted(
        (key, request.form.getlist(key)) for key in request.form if key not in _NOT_CONTENT
    )
    files = [
        (key, upload.filename or "", _content_digest(upload))
        for key in sorted(request.files)
        for upload in request.files.getlist(key)
    ]
    user = g.get("user")
    sender = [user.id if user is not None else None, request.path]
    return hashlib.sha256(json.dumps([sender, fields, files]).encode()).hexdigest()


def _content_digest(upload: FileStorage) -> str:
    """SHA-256 of an uploaded file, read in chunks; the view reads it afterwards as it was."""
    stream = upload.stream
    position = stream.tell()
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    stream.seek(position)
    return digest.hexdigest()


def claim() -> None:
    """Take the sent form's token in the current transaction, before making the item.

    Raises :class:`AlreadySubmittedError` when the form was sent before with the same
    fields. A form sent without a token (an old page, a script) is not guarded. Tokens older
    than :data:`KEPT` are removed on the way (and daily by ``pnyx purge``).
    """
    token = posted_token()
    if token is None:
        return
    session = get_session()
    session.flush()  # what is pending fails on its own, not as a taken token
    purge_expired(session)
    key = {"token": token, "digest": posted_digest()}
    try:
        session.execute(insert(FormSubmission).values(**key, created_at=utcnow()))
    except IntegrityError as error:
        raise AlreadySubmittedError(**key) from error
    g.setdefault(_CLAIMED, key)


def purge_expired(session: Session, now: dt.datetime | None = None) -> int:
    """Delete the tokens older than :data:`KEPT`; returns how many. ``claim`` does it on the
    way, but a site where nobody sends a form for a while would keep them: ``pnyx purge``
    runs it daily."""
    cutoff = (now or utcnow()) - KEPT
    result = session.execute(delete(FormSubmission).where(FormSubmission.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


def made(location: str) -> None:
    """Record where the claimed form led (the new item's page), in the same transaction: a
    second sending is sent there. Does nothing when nothing was claimed."""
    key = g.get(_CLAIMED)
    if key is None:
        return
    claimed = (FormSubmission.token == key["token"], FormSubmission.digest == key["digest"])
    get_session().execute(update(FormSubmission).where(*claimed).values(location=location))


def answer_again(error: AlreadySubmittedError) -> Response:
    """The answer to a form sent a second time: back to what the first sending made."""
    session = get_session()
    session.rollback()
    query = select(FormSubmission.location).where(
        FormSubmission.token == error.token, FormSubmission.digest == error.digest
    )
    location = session.scalar(query)
    flash(_("This form was already sent: what it made is saved once."), "success")
    return redirect(safe_next(location))


def init_submissions(app: Flask) -> None:
    app.jinja_env.globals["submission_field"] = submission_field
    app.register_error_handler(AlreadySubmittedError, answer_again)
