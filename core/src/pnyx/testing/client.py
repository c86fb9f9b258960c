"""The test client and CLI runner of the ``app`` fixture.

Both keep the test's own database session (the ``session`` fixture) and the
app's requests apart, as two browsers and the server would be:

- before each request or command the test's session commits, so the request
  sees what the test wrote and, on SQLite, no lock of the test's blocks it;
- after it, the test's session forgets what it loaded, so the test reads what
  the request wrote;
- each request gets its own application context (its own ``g`` and database
  session) even while the test holds one, as in production.
"""

from __future__ import annotations

import contextvars
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from flask import has_app_context
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from pnyx.db import get_database
from pnyx.jobs import run_pending
from pnyx.jobs.queues import ENVIRON_KEY as JOBS_KEY
from pnyx.models import User, UserSession
from pnyx.web.csrf import FIELD as CSRF_FIELD

#: ``app.extensions`` key of the test's session, while the ``session`` fixture is active.
TEST_SESSION = "pnyx.testing.session"
#: ``app.extensions`` key of the :class:`~pnyx.testing.database.SharedDatabase`.
TEST_DATABASE = "pnyx.testing.database"


def sync_before(app: Any) -> Session | None:
    """Commit the test's session (if any) so the app's own connections see its writes,
    and create the tables of models imported since the app was built."""
    session: Session | None = app.extensions.get(TEST_SESSION)
    if session is not None and session.is_active and session.in_transaction():
        session.commit()
    database = app.extensions.get(TEST_DATABASE)
    if database is not None:
        database.ensure_schema()
    return session


def sync_after(session: Session | None) -> None:
    if session is not None:
        session.expire_all()


class PnyxClient(FlaskClient):
    """``app.test_client()``: Flask's client plus CSRF-aware forms and signing in.

    It reads in English (``Accept-Language: en``), the language of the msgids
    tests assert, although the test organization speaks French first; a test
    reads another language with ``headers={"Accept-Language": "fr"}`` or the
    language switcher.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.environ_base.setdefault("HTTP_ACCEPT_LANGUAGE", "en")

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        session = sync_before(self.application)
        if has_app_context() and not self.preserve_context:
            # Without this, Flask would reuse the test's app context (and its
            # ``g``, user and database session) for the request.
            response = contextvars.Context().run(self._open_and_close, *args, **kwargs)
        else:
            response = self._open_and_close(*args, **kwargs)
        sync_after(session)
        return response

    def _open_and_close(self, *args: Any, **kwargs: Any) -> TestResponse:
        # What a server does once it has sent the response: the inline jobs the
        # request (and its redirects) enqueued run, before the test looks at them.
        pending: list[Any] = []
        kwargs["environ_overrides"] = {**kwargs.get("environ_overrides", {}), JOBS_KEY: pending}
        response = super().open(*args, **kwargs)
        run_pending(self.application, {JOBS_KEY: pending})
        return response

    def csrf_token(self) -> str:
        """The CSRF token of this client's session, created if it has none."""
        with self.session_transaction() as cookie_session:
            if CSRF_FIELD not in cookie_session:
                cookie_session[CSRF_FIELD] = secrets.token_urlsafe(32)
            return str(cookie_session[CSRF_FIELD])

    def post_form(
        self,
        url: str,
        data: Mapping[str, Any] | MultiDict[str, Any] | Sequence[tuple[str, Any]] | None = None,
        *,
        follow_redirects: bool = False,
        **kwargs: Any,
    ) -> TestResponse:
        """POST ``data`` as a form, with the session's CSRF token added as a browser would.

        Values may be lists (several values for one field) or ``(file, filename)``
        pairs. A ``csrf_token`` given in ``data`` is sent as is.
        """
        form = data if isinstance(data, MultiDict) else MultiDict(_form_pairs(data or {}))
        if CSRF_FIELD not in form:
            form[CSRF_FIELD] = self.csrf_token()
        return self.post(url, data=form, follow_redirects=follow_redirects, **kwargs)

    def sign_in(self, user: User | int) -> None:
        """Sign ``user`` in on this client (as the sign-in form would, without the password)."""
        sign_in(self, user)

    def sign_out(self) -> None:
        with self.session_transaction() as cookie_session:
            cookie_session.clear()


def _form_pairs(data: Mapping[str, Any] | Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``(name, value)`` pairs: a list gives several values; a ``(file, filename)`` tuple
    stays one value (``MultiDict`` alone would split it into two)."""
    if not isinstance(data, Mapping):
        return list(data)
    pairs: list[tuple[str, Any]] = []
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        pairs.extend((name, item) for item in values)
    return pairs


def sign_in(client: FlaskClient, user: User | int) -> None:
    """Sign ``user`` (a ``User`` or its id) in on ``client``.

    Like ``pnyx.accounts.sessions.sign_in_user``: the cookie session is cleared
    (a new CSRF token is made on the next form) and holds the user's id and
    session version, so a later password change ends it as it would a browser's.
    """
    user_id = user if isinstance(user, int) else user.id
    if user_id is None:
        raise ValueError("sign_in() needs a saved user (commit it first: its id is None)")
    version, token = _start_session(client.application, user_id)
    with client.session_transaction() as cookie_session:
        cookie_session.clear()
        cookie_session["user_id"] = user_id
        cookie_session["session_version"] = version
        cookie_session["session_token"] = token


def _start_session(app: Any, user_id: int) -> tuple[int, str]:
    """The user's session version, and the token of a new server-side session."""
    sync_before(app)  # the user may have been written by the test just now
    with get_database(app).write_sessionmaker() as db_session:
        version = db_session.scalar(select(User.session_version).where(User.id == user_id))
        if version is None:
            raise ValueError(f"sign_in(): there is no user with id {user_id}")
        token = secrets.token_urlsafe(32)
        digest = hashlib.sha256(token.encode()).hexdigest()
        db_session.add(UserSession(token_hash=digest, user_id=user_id))
        db_session.commit()
    return version, token


class PnyxCliRunner(FlaskCliRunner):
    """``app.test_cli_runner()``: invokes the ``pnyx`` command line of the app by default."""

    def invoke(self, cli: Any = None, args: Any = None, **kwargs: Any) -> Any:
        if cli is None:
            from pnyx.cli import make_cli  # imported late: the CLI imports every command

            cli = make_cli(self.app)
        session = sync_before(self.app)
        result = super().invoke(cli, args, **kwargs)
        sync_after(session)
        return result
