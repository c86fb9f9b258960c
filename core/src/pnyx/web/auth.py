"""Signing in and out; the signed-in person is ``g.user`` on every request.

The session is Flask's signed cookie: nothing is kept in the app process, so
any number of processes can serve the same person.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.models import User
from pnyx.passwords import verify_password
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_auth", __name__)


def load_user() -> None:
    user_id = session.get("user_id")
    user = get_session().get(User, user_id) if user_id else None
    g.user = user if user is not None and not user.blocked else None


def sign_in_user(user: User) -> None:
    session.clear()
    session["user_id"] = user.id


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirect)."""
    if not target:
        return url_for("pnyx.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pnyx.home")
    return target


@blueprint.route("/sign-in", methods=["GET", "POST"])
@requires(PUBLIC)
def sign_in() -> str | Response:
    errors: dict[str, str] = {}
    email = request.form.get("email", "").strip()
    if request.method == "POST":
        query = select(User).where(func.lower(User.email) == email.lower())
        user = get_session().scalar(query)
        if (
            user
            and not user.blocked
            and verify_password(user.password_hash, request.form.get("password", ""))
        ):
            sign_in_user(user)
            flash(_("You are signed in."), "success")
            return redirect(safe_next(request.args.get("next")))
        errors["form"] = _("The e-mail or the password is not right.")
    status = 400 if errors else 200
    return render_template("pnyx/sign_in.html", errors=errors, email=email), status


@blueprint.route("/sign-out", methods=["POST"])
@requires(ACCOUNT)
def sign_out() -> Response:
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("pnyx.home"))


def init_auth(app: Flask) -> None:
    app.before_request(load_user)
    app.register_blueprint(blueprint)
