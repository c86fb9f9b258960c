"""Error pages: styled and translated; a person never sees a traceback."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _titles() -> dict[int, str]:
    return {
        400: _("This request could not be understood"),
        403: _("You may not do this"),
        404: _("Page not found"),
        405: _("This action is not possible here"),
        429: _("Too many attempts"),
        500: _("Something went wrong on our side"),
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
    if error.code == 429:
        return _(
            "For your security, this form is paused after many attempts. Wait a few "
            "minutes, then try again."
        )
    return ""


def handle_http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    title = _titles().get(code, error.name)
    body = render_template(
        "pnyx/error.html", code=code, title=title, explanation=_explanation(error)
    )
    return body, code


def handle_unexpected(error: Exception) -> tuple[str, int]:
    log.exception("unhandled error", exc_info=error)
    return handle_http_error(InternalServerError())


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
