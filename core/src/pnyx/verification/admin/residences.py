"""``/admin/verifications/residences``: declared residences waiting for a confirmation.

Open to user managers as well as admins: they are the staff who know the
residents (a city's front desk). Confirming grants the authorization;
refusing deletes the declaration, and the person may declare again.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from pnyx.core_hooks import MANAGE_PARTICIPANTS
from pnyx.db import get_session
from pnyx.models import Authorization, TaxonomyTerm
from pnyx.models.authorization import PENDING
from pnyx.verification.blueprints import admin
from pnyx.verification.handlers.residence import NAME, lineage, path_label
from pnyx.verification.store import confirm_authorization, revoke_authorization
from pnyx.web.guards import requires

DECISIONS = ("confirm", "refuse")


def territory_label(authorization: Authorization) -> str:
    term = get_session().get(TaxonomyTerm, authorization.data.get("territory_id") or 0)
    if term is None:
        return _("Unknown territory")
    return path_label(term, {t.id: t for t in lineage(term)})


@admin.route("/verifications/residences")
@requires(MANAGE_PARTICIPANTS)
def residences() -> str:
    query = (
        select(Authorization)
        .where(Authorization.handler == NAME, Authorization.status == PENDING)
        .order_by(Authorization.created_at)
        .options(joinedload(Authorization.user))
        .limit(current_app.config["PAGE_SIZE"])
    )
    pending = get_session().scalars(query).all()
    rows = [(a, territory_label(a)) for a in pending]
    return render_template("pnyx/verification/admin/residences.html", rows=rows)


@admin.route("/verifications/residences/<int:authorization_id>", methods=["POST"])
@requires(MANAGE_PARTICIPANTS)
def residence_decision(authorization_id: int) -> Response:
    session = get_session()
    authorization = session.get(Authorization, authorization_id, with_for_update=True)
    if authorization is None or authorization.handler != NAME:
        abort(404)
    decision = request.form.get("decision")
    if decision not in DECISIONS:
        abort(400)
    if authorization.status != PENDING:
        flash(_("This declaration was already handled."), "error")
    elif decision == "confirm":
        confirm_authorization(session, authorization)
        flash(_("The residence of %(name)s is confirmed.", name=authorization.user.name), "success")
    else:
        revoke_authorization(session, authorization, "pnyx.authorization.refused")
        flash(_("The declaration of %(name)s is refused.", name=authorization.user.name), "success")
    session.commit()
    return redirect(url_for("pnyx_verification_admin.residences"))
