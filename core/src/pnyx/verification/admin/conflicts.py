"""``/admin/verifications/conflicts``: a second account tried an identity already used.

The admin compares the two accounts (outside the platform if needed) and
either transfers the authorization to the new account or rejects the attempt.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.models import AuthorizationConflict
from pnyx.verification.blueprints import admin
from pnyx.verification.requirements import handlers
from pnyx.verification.store import resolve_conflict
from pnyx.web.guards import requires

DECISIONS = ("transfer", "reject")


@admin.route("/verifications/conflicts")
@requires(ADMIN)
def conflicts() -> str:
    query = (
        select(AuthorizationConflict)
        .where(AuthorizationConflict.resolved_at.is_(None))
        .order_by(AuthorizationConflict.created_at)
        .options(joinedload(AuthorizationConflict.user), joinedload(AuthorizationConflict.holder))
    )
    return render_template(
        "pnyx/verification/admin/conflicts.html",
        conflicts=get_session().scalars(query).all(),
        handlers=handlers(),
    )


@admin.route("/verifications/conflicts/<int:conflict_id>", methods=["POST"])
@requires(ADMIN)
def resolve(conflict_id: int) -> Response:
    session = get_session()
    conflict = session.get(AuthorizationConflict, conflict_id, with_for_update=True)
    if conflict is None:
        abort(404)
    decision = request.form.get("decision")
    if decision not in DECISIONS:
        abort(400)
    if conflict.resolved_at is not None:
        flash(_("This conflict was already resolved."), "error")
        return redirect(url_for("pnyx_verification_admin.conflicts"))
    resolve_conflict(session, conflict, transfer=decision == "transfer")
    session.commit()
    if decision == "transfer":
        flash(_("The verification now belongs to the new account."), "success")
    else:
        flash(_("The attempt was rejected."), "success")
    return redirect(url_for("pnyx_verification_admin.conflicts"))
