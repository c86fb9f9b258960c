"""``/account/verifications/census``: the person enters the identifiers of the census.

Failed attempts are logged, and after ``MAX_FAILURES`` within an hour the
account must wait: identifiers such as an elector number and a birth date are
few enough to be guessed otherwise. Counting in the database keeps the limit
right across every app process.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.models import ActionLog
from pnyx.models.authorization import GRANTED
from pnyx.ratelimit import by_user, rate_limit
from pnyx.verification import clock
from pnyx.verification.blueprints import public
from pnyx.verification.handlers.census import (
    NAME,
    CensusColumn,
    census_columns,
    census_size,
    identity_of,
    is_listed,
)
from pnyx.verification.pages import after_verification, next_target
from pnyx.verification.requirements import user_authorizations
from pnyx.verification.store import OUTCOME_CONFLICT, grant_authorization
from pnyx.web.guards import requires

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(hours=1)
FAILED = "pnyx.census.failed_attempt"


def recent_failures() -> int:
    since = clock.now() - FAILURE_WINDOW
    query = select(func.count(ActionLog.id)).where(
        ActionLog.action == FAILED, ActionLog.actor_id == g.user.id, ActionLog.created_at >= since
    )
    return int(get_session().scalar(query) or 0)


def field_errors(columns: list[CensusColumn], typed: list[str]) -> dict[str, str]:
    return {
        f"c{i}": _("Enter this identifier as it appears on your documents.")
        for i, (column, value) in enumerate(zip(columns, typed, strict=True))
        if identity_of([value], [column]) is None
    }


@public.route("/census", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_user)
@requires(ACCOUNT)
def census() -> str | Response | tuple[str, int]:
    columns = census_columns()
    existing = user_authorizations(g.user).get(NAME)
    verified = existing is not None and existing.status == GRANTED
    typed = [request.form.get(f"c{i}", "") for i in range(len(columns))]
    errors: dict[str, str] = {}
    if request.method == "POST":
        if verified or not columns:
            return redirect(after_verification())
        if recent_failures() >= MAX_FAILURES:
            abort(429)
        errors = field_errors(columns, typed)
        if not errors:
            answer = attempt(columns, typed)
            if isinstance(answer, Response):
                return answer
            errors = answer
    page = render_template(
        "pnyx/verification/census.html",
        columns=columns,
        available=bool(columns) and census_size() > 0,
        verified=verified,
        typed=typed,
        errors=errors,
        next=next_target(),
    )
    return (page, 400) if errors else page


def attempt(columns: list[CensusColumn], typed: list[str]) -> Response | dict[str, str]:
    """Verify against the census: a redirect when granted or queued, else form errors."""
    session = get_session()
    identity = identity_of(typed, columns)
    if identity is None or not is_listed(identity):
        log_action(session, FAILED, visibility="private")
        session.commit()
        return {"form": _("These identifiers are not in the census. Check them and try again.")}
    outcome = grant_authorization(session, g.user, NAME, {}, unique_id_hash=identity)
    session.commit()
    if outcome.status == OUTCOME_CONFLICT:
        flash(
            _(
                "These identifiers are already used by another account. The organization "
                "will look into it and get back to you."
            ),
            "error",
        )
        return redirect(url_for("pnyx_verification.index"))
    flash(_("Thank you: you are verified with the census."), "success")
    return redirect(after_verification())
