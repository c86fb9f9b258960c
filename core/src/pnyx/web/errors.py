"""Error pages: styled and translated; a person never sees a traceback.

The page renders after a failed database request too: the session is rolled
back first (else the layout's first query raises ``PendingRollbackError``), and
when the database does not answer at all the page is rendered as for an
anonymous visitor. An unreachable database answers 503 with ``Retry-After``.
"""

from __future__ import annotations

import logging

from flask import Flask, g, render_template
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

#: Seconds after which a client may try again when the database is unreachable.
RETRY_AFTER = 30

log = logging.getLogger(__name__)


def _titles() -> dict[int, str]:
    return {
        400: _("This request could not be understood"),
        403: _("You may not do this"),
        404: _("Page not found"),
        405: _("This action is not possible here"),
        413: _("This request is too large"),
        429: _("Too many attempts"),
        500: _("Something went wrong on our side"),
        503: _("The site is unavailable for a moment"),
    }


def _explanation(error: HTTPException) -> str:
    if error.code == 400 and error.description == "csrf":
        return _("The form expired. Go back, reload the page and send it again.")
    if error.code == 403:
        decision = g.get("pnyx_decision")
        if decision is not None:
            return decision.reason
        # A view that aborts with its own explanation keeps it; Werkzeug's default does not.
        if error.description and error.description != type(error).description:
            return str(error.description)
        return _("You do not have access to this page.")
    if error.code == 404:
        return _("The page you asked for does not exist or was moved.")
    if error.code == 500:
        return _("The error was recorded. Please try again in a moment.")
    if error.code == 503:
        return _("Please try again in a few minutes.")
    if error.code == 413:
        return _("What you sent is larger than this site accepts. Send a smaller file or text.")
    if error.code == 400 and error.description and error.description != type(error).description:
        return str(error.description)
    if error.code == 429:
        return _(
            "For your security, this form is paused after many attempts. Wait a few "
            "minutes, then try again."
        )
    return ""


def _recover_session() -> None:
    """Roll back a failed transaction so that the error page's own queries may run."""
    session = g.get("pnyx_session")
    if session is None:
        return
    try:
        session.rollback()
    except SQLAlchemyError:
        log.warning("rolling back before an error page failed", exc_info=True)


def _render(code: int, title: str, explanation: str) -> str:
    return render_template("pnyx/error.html", code=code, title=title, explanation=explanation)


def handle_http_error(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    _recover_session()
    code = error.code or 500
    title = _titles().get(code, error.name)
    explanation = _explanation(error)
    headers = {"Retry-After": str(RETRY_AFTER)} if code == 503 else {}
    try:
        return _render(code, title, explanation), code, headers
    except SQLAlchemyError:
        # The database does not answer: show the page as to an anonymous visitor, without
        # the queries the signed-in header and the organization's branding need.
        log.warning("error page rendered without the database", exc_info=True)
        _recover_session()
        g.user = None
        g.pnyx_organization = None
        g.pop("pnyx_decision", None)
    try:
        return _render(code, title, explanation), code, headers
    except Exception:
        log.exception("the error page's layout failed; the plain error page is sent")
        plain = render_template(
            "pnyx/error_plain.html", code=code, title=title, explanation=explanation
        )
        return plain, code, headers


def is_database_unreachable(error: Exception) -> bool:
    """A lost connection, a refused one, a full pool or a locked SQLite file (the driver's
    "operational" errors: the request may succeed later, so 503 rather than 500)."""
    if isinstance(error, OperationalError | PoolTimeoutError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def handle_unexpected(error: Exception) -> tuple[str, int, dict[str, str]]:
    if is_database_unreachable(error):
        log.error("the database is unavailable: 503", exc_info=error)
        return handle_http_error(ServiceUnavailable())
    log.exception("unhandled error", exc_info=error)
    return handle_http_error(InternalServerError())


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
