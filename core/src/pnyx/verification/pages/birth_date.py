"""``/account/verifications/birth-date``: the person gives their birth date.

Once given it cannot be changed here (an age group could otherwise be chosen
vote by vote); a mistake is corrected by the organization, which revokes it.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.models import Authorization
from pnyx.ratelimit import by_user, rate_limit
from pnyx.verification import clock
from pnyx.verification.blueprints import public
from pnyx.verification.handlers.birth_date import NAME, parse_birth_date, stored_birth_date
from pnyx.verification.pages import after_verification, next_target
from pnyx.verification.requirements import user_authorizations
from pnyx.verification.store import grant_authorization
from pnyx.web.guards import requires


def current() -> Authorization | None:
    """The person's birth-date authorization when it holds a readable date."""
    authorization = user_authorizations(g.user).get(NAME)
    if authorization is None or stored_birth_date(authorization) is None:
        return None
    return authorization


@public.route("/birth-date", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_user)
@requires(ACCOUNT)
def birth_date() -> str | Response | tuple[str, int]:
    existing = current()
    typed = request.form.get("birth_date", "").strip()
    errors: dict[str, str] = {}
    if request.method == "POST" and existing is None:
        day = parse_birth_date(typed, clock.today())
        if day is None:
            errors["birth_date"] = _("Enter your birth date, for example 2008-05-31.")
        else:
            grant_authorization(get_session(), g.user, NAME, {"birth_date": day.isoformat()})
            get_session().commit()
            flash(_("Thank you: your birth date is recorded."), "success")
            return redirect(after_verification())
    elif request.method == "POST":
        return redirect(after_verification())
    page = render_template(
        "pnyx/verification/birth_date.html",
        existing=existing,
        birth_date=stored_birth_date(existing) if existing else None,
        typed=typed,
        errors=errors,
        next=next_target(),
    )
    return (page, 400) if errors else page
