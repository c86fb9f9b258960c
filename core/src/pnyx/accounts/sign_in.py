"""Signing in and out.

Failed attempts are rate-limited per address and per e-mail
(``RATE_LIMIT_SIGN_IN``); once exhausted, even the right password waits.
Unconfirmed accounts may sign in: they read pages and manage their account,
and the permission engine asks them to confirm before they take part.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import normalized_email, read_password_field
from pnyx.accounts.sessions import (
    find_user_by_email,
    password_matches,
    safe_next,
    sign_in_user,
    sign_out_everywhere,
    sign_out_user,
)
from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.ratelimit import by_address, by_submitted_email, count_failure, rate_limit
from pnyx.web.guards import requires


@blueprint.route("/sign-in", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_SIGN_IN", by_address, failures_only=True)
@rate_limit("RATE_LIMIT_SIGN_IN", by_submitted_email, failures_only=True)
@requires(PUBLIC)
def sign_in() -> str | Response | tuple[str, int]:
    email = normalized_email(request.form.get("email", ""))
    if request.method == "GET":
        if g.user is not None:
            return redirect(safe_next(request.args.get("next")))
        return render_template("pnyx/account/sign_in.html", errors={}, email="")
    user = find_user_by_email(email)
    matched = password_matches(user, read_password_field(request.form, "password"))
    if user is None or not matched:
        count_failure()
        errors = {"form": _("The e-mail address or the password is not right.")}
        return render_template("pnyx/account/sign_in.html", errors=errors, email=email), 400
    if user.blocked or user.deleted_at is not None:
        errors = {"form": _("This account is blocked. Contact the organization to know why.")}
        return render_template("pnyx/account/sign_in.html", errors=errors, email=email), 403
    sign_in_user(user)
    log_action(get_session(), "pnyx.account.signed_in", visibility="private")
    get_session().commit()
    flash(_("You are signed in."), "success")
    if user.confirmed_at is None:
        flash(_("Confirm your e-mail address to take part: follow the link we sent you."), "info")
    return redirect(safe_next(request.args.get("next")))


@blueprint.route("/sign-out", methods=["POST"])
@requires(ACCOUNT)
def sign_out() -> Response:
    log_action(get_session(), "pnyx.account.signed_out", visibility="private")
    get_session().commit()
    sign_out_user()
    flash(_("You are signed out."), "success")
    return redirect(url_for("pnyx.home"))


@blueprint.route("/sign-out-everywhere", methods=["POST"])
@requires(ACCOUNT)
def sign_out_everywhere_view() -> Response:
    """End every session of the person: a lost phone, a shared computer left signed in."""
    log_action(get_session(), "pnyx.account.signed_out_everywhere", visibility="private")
    sign_out_everywhere(g.user)
    get_session().commit()
    flash(_("You are signed out on every device, this one included."), "success")
    return redirect(url_for("pnyx_auth.sign_in"))
