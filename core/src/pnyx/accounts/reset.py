"""Choosing a new password after forgetting it, by a single-use link that works one hour.

The request form gives the same answer, in the same time, whether the address
has an account or not: a background job looks it up and sends the link.
Resetting ends every session of the account (the intruder's too) and confirms
the address, since following the link proved the mailbox is theirs; the person
then signs in with the new password.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import (
    email_error,
    new_password_error,
    normalized_email,
    read_password_field,
)
from pnyx.accounts.mails import send_password_reset
from pnyx.accounts.sessions import can_sign_in, find_user_by_email, keep_current_session
from pnyx.accounts.sign_up import invalid_link
from pnyx.accounts.tokens import Purpose, read_token
from pnyx.action_log import log_action
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.jobs import enqueue
from pnyx.models import User, utcnow
from pnyx.passwords import hash_password
from pnyx.ratelimit import by_address, by_submitted_email, rate_limit
from pnyx.web.guards import requires


@blueprint.route("/reset-password", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_address)
@rate_limit("RATE_LIMIT_MAILS", by_submitted_email)
@requires(PUBLIC)
def forgot_password() -> str | Response | tuple[str, int]:
    if request.method == "GET":
        return render_template("pnyx/account/forgot_password.html", email="", errors={})
    email = normalized_email(request.form.get("email", ""))
    error = email_error(email)
    if error:
        page = render_template(
            "pnyx/account/forgot_password.html", email=email, errors={"email": error}
        )
        return page, 400
    # The same work whoever asks: the job looks the address up, after the response,
    # so the answer's timing cannot tell whether it has an account.
    enqueue(password_reset_requested, email)
    flash(
        _("If %(email)s has an account, we sent it a link to choose a new password.", email=email),
        "success",
    )
    return redirect(url_for("pnyx_auth.check_mailbox", sent="reset"))


@blueprint.route("/reset-password/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def reset_password(token: str) -> str | Response | tuple[str, int]:
    check = read_token(Purpose.RESET_PASSWORD, token)
    if check.user is None:
        return invalid_link(check, "pnyx_auth.forgot_password")
    user = check.user
    if request.method == "GET":
        return render_template("pnyx/account/reset_password.html", errors={})
    password = read_password_field(request.form, "password")
    error = new_password_error(password, email=user.email or "", name=user.name)
    if error:
        page = render_template("pnyx/account/reset_password.html", errors={"password": error})
        return page, 400
    set_new_password(user, password, "pnyx.account.password_reset")
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
    get_session().commit()
    if g.user is not None and g.user.id == user.id:
        keep_current_session(user)
        flash(_("Your new password is saved."), "success")
        return redirect(url_for("pnyx_auth.account"))
    # Not signed in for them: a link sent by someone else must not sign anyone in to
    # the sender's account (login forgery), so the person signs in with the new password.
    flash(_("Your new password is saved. Sign in with it."), "success")
    return redirect(url_for("pnyx_auth.sign_in"))


def password_reset_requested(email: str) -> None:
    """The reset form's job: the address's owner, if any, gets a link."""
    user = find_user_by_email(email)
    if user is not None and can_sign_in(user):
        send_password_reset(user)


def set_new_password(user: User, password: str, action: str) -> None:
    """Store a new password and end every session of ``user`` (the caller commits)."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    log_action(
        get_session(),
        action,
        resource=("user", user.id),
        actor_id=user.id,
        visibility="private",
    )
