"""``/admin/verifications``: figures per handler, and revoking authorizations in bulk."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.models import Authorization, AuthorizationConflict
from pnyx.navigation import admin_link
from pnyx.verification import clock
from pnyx.verification.blueprints import admin
from pnyx.verification.handlers.census import census_size
from pnyx.verification.requirements import handlers
from pnyx.verification.store import revoke_matching
from pnyx.web.guards import requires

admin_link(lambda: str(_l("Verifications")), "pnyx_verification_admin.overview")


def counts_by_handler() -> dict[tuple[str, str], int]:
    query = select(Authorization.handler, Authorization.status, func.count()).group_by(
        Authorization.handler, Authorization.status
    )
    return {(h, s): n for h, s, n in get_session().execute(query)}


def open_conflicts() -> int:
    query = select(func.count()).where(AuthorizationConflict.resolved_at.is_(None))
    return int(get_session().scalar(query) or 0)


def render_overview(errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "pnyx/verification/admin/overview.html",
        handlers=handlers(),
        counts=counts_by_handler(),
        conflicts=open_conflicts(),
        census_size=census_size(),
        errors=errors or {},
        form=request.form,
    )
    return page, status


@admin.route("/verifications")
@requires(ADMIN)
def overview() -> tuple[str, int]:
    return render_overview()


@admin.route("/verifications/revoke", methods=["POST"])
@requires(ADMIN)
def revoke() -> Response | tuple[str, int]:
    handler = request.form.get("handler", "")
    before_text = request.form.get("granted_before", "").strip()
    errors = {}
    if handler and handler not in handlers():
        errors["handler"] = _("Choose a verification from the list.")
    before = _parse_day(before_text)
    if before_text and before is None:
        errors["granted_before"] = _("Enter a date, for example 2026-01-31.")
    if "confirm" not in request.form:
        errors["confirm"] = _("Tick the box to confirm the revocation.")
    if errors:
        return render_overview(errors, 400)
    granted_before = clock.start_of_day(before) if before else None
    count = revoke_matching(get_session(), handler or None, granted_before)
    get_session().commit()
    flash(
        ngettext("%(num)s verification was revoked.", "%(num)s verifications were revoked.", count),
        "success",
    )
    return redirect(url_for("pnyx_verification_admin.overview"))


def _parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
