"""``/account/verifications/residence``: the person declares where they live.

A pending declaration may be changed until a user manager confirms it; a
granted one is changed by the organization (which revokes it).
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.inputs import as_int
from pnyx.models import TaxonomyTerm
from pnyx.models.authorization import GRANTED
from pnyx.ratelimit import by_user, rate_limit
from pnyx.verification.blueprints import public
from pnyx.verification.handlers.residence import KIND, NAME, declared_territory, territory_choices
from pnyx.verification.org_settings import handler_options
from pnyx.verification.pages import after_verification, next_target
from pnyx.verification.requirements import user_authorizations
from pnyx.verification.store import OUTCOME_PENDING, grant_authorization
from pnyx.web.guards import requires


def chosen_territory(raw: str) -> TaxonomyTerm | None:
    term_id = as_int(raw)
    term = get_session().get(TaxonomyTerm, term_id) if term_id is not None else None
    return term if term is not None and term.kind == KIND else None


@public.route("/residence", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_user)
@requires(ACCOUNT)
def residence() -> str | Response | tuple[str, int]:
    existing = user_authorizations(g.user).get(NAME)
    locked = existing is not None and existing.status == GRANTED
    typed = request.form.get("territory", "")
    errors: dict[str, str] = {}
    if request.method == "POST" and not locked:
        term = chosen_territory(typed)
        if term is None:
            errors["territory"] = _("Choose the territory where you live.")
        else:
            return declare(term)
    elif request.method == "POST":
        return redirect(after_verification())
    page = render_template(
        "pnyx/verification/residence.html",
        existing=existing,
        territory=declared_territory(existing) if existing else None,
        locked=locked,
        choices=territory_choices(),
        typed=typed,
        errors=errors,
        next=next_target(),
    )
    return (page, 400) if errors else page


def declare(term: TaxonomyTerm) -> Response:
    pending = bool(handler_options(NAME).get("confirmation_required"))
    session = get_session()
    outcome = grant_authorization(session, g.user, NAME, {"territory_id": term.id}, pending=pending)
    session.commit()
    if outcome.status == OUTCOME_PENDING:
        flash(_("Thank you. The organization will confirm where you live soon."), "success")
    else:
        flash(_("Thank you: where you live is recorded."), "success")
    return redirect(after_verification())
