"""Staff verify organizations (``/admin/groups``): after seeing a document, or by hand."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.groups.pages import load_group
from pnyx.models import UserGroup, utcnow
from pnyx.navigation import admin_link
from pnyx.toolkit.pagination import paginate
from pnyx.web.guards import requires

admin_link(lambda: _("Organizations"), "pnyx_admin.groups")


@blueprint.get("/groups")
@requires(ADMIN)
def groups() -> str:
    query = select(UserGroup).order_by(UserGroup.verified_at.is_not(None), UserGroup.id.desc())
    return render_template("pnyx/groups/staff.html", page=paginate(query))


@blueprint.post("/groups/<int:user_group_id>/verify")
@requires(ADMIN)
def group_verify(user_group_id: int) -> Response:
    group = load_group(user_group_id)
    note = request.form.get("note", "").strip()[:2000]
    if not note:
        flash(_("Say how you verified it (a document, a call...)."), "error")
        return redirect(url_for("pnyx_admin.groups"), 303)
    group.verified_at, group.verification_note = utcnow(), note
    log_admin(get_session(), "pnyx.group.verify", ("user_group", group.id))
    get_session().commit()
    flash(_("%(name)s is verified.", name=group.name), "success")
    return redirect(url_for("pnyx_admin.groups"), 303)


@blueprint.post("/groups/<int:user_group_id>/unverify")
@requires(ADMIN)
def group_unverify(user_group_id: int) -> Response:
    group = load_group(user_group_id)
    group.verified_at = None
    log_admin(get_session(), "pnyx.group.unverify", ("user_group", group.id))
    get_session().commit()
    flash(_("%(name)s is no longer verified.", name=group.name), "success")
    return redirect(url_for("pnyx_admin.groups"), 303)
