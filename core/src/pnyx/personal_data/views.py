"""The account pages "Download my data" and "Delete my account"."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.models import DataExport, User, utcnow
from pnyx.navigation import account_link
from pnyx.passwords import verify_password
from pnyx.personal_data.deletion import DeletionRefusedError, delete_account
from pnyx.personal_data.export import (
    EXPORT_LIFETIME,
    READY,
    ExportError,
    build_export,
    current_exports,
    export_path,
    remove_export,
    request_export,
    too_soon,
)
from pnyx.ratelimit import by_user, count_failure, rate_limit
from pnyx.web.guards import requires

log = logging.getLogger(__name__)
#: Longer passwords are refused before hashing (argon2 on megabytes would be a cheap attack).
MAX_PASSWORD_LENGTH = 1000
blueprint = Blueprint("pnyx_personal_data", __name__, url_prefix="/account")

account_link(lambda: _("Download my data"), "pnyx_personal_data.data")
account_link(lambda: _("Delete my account"), "pnyx_personal_data.delete")


@blueprint.get("/data")
@requires(ACCOUNT)
def data() -> str:
    exports = [e for e in current_exports(get_session(), g.user) if e.status == READY]
    return render_template(
        "pnyx/personal_data/data.html", exports=exports, lifetime_days=EXPORT_LIFETIME.days
    )


@blueprint.post("/data")
@requires(ACCOUNT)
def prepare() -> Response:
    db = get_session()
    # Two clicks at once: the second waits here for the first's job, then finds it too soon.
    db.execute(select(User.id).where(User.id == g.user.id).with_for_update())
    if too_soon(db, g.user):
        flash(_("Your data was prepared a few minutes ago: download it below."), "info")
        return redirect(url_for(".data"))
    export = request_export(db, g.user)
    db.commit()
    try:
        build_export(db, export, g.user)
    except ExportError:
        db.rollback()
        db.delete(export)
        db.commit()
        flash(
            _("Your data could not be prepared. The error was recorded; try again later."), "error"
        )
        return redirect(url_for(".data"))
    db.commit()
    flash(_("Your data is ready: download it below."), "success")
    return redirect(url_for(".data"))


@blueprint.get("/data/<token>")
@requires(ACCOUNT)
def download(token: str) -> Response:
    db = get_session()
    export = db.scalar(select(DataExport).where(DataExport.token == token))
    # Somebody else's archive answers as if it did not exist.
    if export is None or export.user_id != g.user.id or export.status != READY:
        abort(404)
    path = export_path(export)
    if export.expires_at <= utcnow() or not path.is_file():
        remove_export(db, export)
        db.commit()
        flash(_("This file has expired and was deleted: prepare a new one."), "error")
        return redirect(url_for(".data"))
    name = f"my-data-{export.created_at.date().isoformat()}.zip"
    response = send_file(path, mimetype="application/zip", as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def render_delete(errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    return render_template("pnyx/personal_data/delete.html", errors=errors or {}), status


@blueprint.get("/delete")
@requires(ACCOUNT)
def delete() -> tuple[str, int]:
    return render_delete()


def password_is_right(password: str) -> bool:
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    return verify_password(g.user.password_hash, password)


@blueprint.post("/delete")
@rate_limit("RATE_LIMIT_SIGN_IN", by_user, failures_only=True)
@requires(ACCOUNT)
def confirm_delete() -> Response | tuple[str, int]:
    user = g.user
    password = request.form.get("password", "")
    if not password:
        return render_delete({"password": _("Enter your password to confirm.")}, 400)
    if not password_is_right(password):
        # Guessing the password of a session left open is limited like signing in.
        count_failure()
        return render_delete({"password": _("This is not your password.")}, 400)
    db = get_session()
    try:
        files = delete_account(db, user)
        db.commit()
    except DeletionRefusedError as refused:
        db.rollback()
        return render_delete({"form": refused.message}, 400)
    except Exception:
        db.rollback()
        log.exception("account deletion of user %s failed", user.id)
        return render_delete(
            {
                "form": _(
                    "Your account could not be deleted. The error was recorded; try again later."
                )
            },
            500,
        )
    for path in files:
        path.unlink(missing_ok=True)
    session.clear()
    g.user = None
    flash(_("Your account is deleted. Thank you for having taken part."), "success")
    return redirect(url_for("pnyx.home"))
