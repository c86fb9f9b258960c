"""Changing one's e-mail address and password; both ask for the current password.

A new address takes effect only once confirmed from a link sent to it; the
previous address is then told. A new password ends every other session.
Wrong current passwords count as failed sign-ins (``RATE_LIMIT_SIGN_IN``), so a
borrowed session cannot be used to guess the password.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import (
    collect,
    email_error,
    new_password_error,
    normalized_email,
    read_password_field,
)
from pnyx.accounts.mails import (
    send_account_exists,
    send_email_change,
    send_email_changed_notice,
    send_password_changed_notice,
)
from pnyx.accounts.reset import set_new_password
from pnyx.accounts.sessions import find_user_by_email, keep_current_session, password_matches
from pnyx.accounts.sign_up import invalid_link
from pnyx.accounts.tokens import Purpose, read_token
from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.models import utcnow
from pnyx.notifications.bounces import mail_works_again
from pnyx.ratelimit import by_user, count_failure, rate_limit
from pnyx.web.guards import requires


def current_password_error() -> str | None:
    """Checks the ``current_password`` field; a wrong one counts as a failed sign-in."""
    if password_matches(g.user, read_password_field(request.form, "current_password")):
        return None
    count_failure()
    return _("This is not your current password.")


def refuse_while_acting() -> None:
    """Staff acting for a managed participant may not give them an e-mail or a password:
    that would turn a managed participant into an account the staff member controls."""
    if g.get("operator_id") is not None:
        abort(403, description=_("You cannot change a participant's sign-in details."))


@blueprint.route("/account/email", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_SIGN_IN", by_user, failures_only=True)
@rate_limit("RATE_LIMIT_MAILS", by_user)
@requires(ACCOUNT)
def change_email() -> str | Response | tuple[str, int]:
    refuse_while_acting()
    if request.method == "GET":
        return render_template("pnyx/account/change_email.html", email="", errors={})
    email = normalized_email(request.form.get("email", ""))
    same = email == (g.user.email or "").lower()
    errors = collect(
        email=email_error(email) or (_("This is already your address.") if same else None),
        current_password=current_password_error(),
    )
    if errors:
        page = render_template("pnyx/account/change_email.html", email=email, errors=errors)
        return page, 400
    owner = find_user_by_email(email)
    if owner is None:
        send_email_change(g.user, email)
    else:
        # Same answer as for a free address: this form does not tell who has an account.
        send_account_exists(email, owner)
    flash(
        _("We sent a link to %(email)s: your address changes when you follow it.", email=email),
        "success",
    )
    return redirect(url_for("pnyx_auth.account"))


@blueprint.route("/account/email/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def confirm_new_email(token: str) -> str | Response | tuple[str, int]:
    # Public: the link may be opened in another browser, where nobody is signed in.
    check = read_token(Purpose.CHANGE_EMAIL, token)
    new_email = str(check.data.get("email", ""))
    if check.user is None or not new_email:
        return invalid_link(check, "pnyx_auth.change_email")
    if request.method == "GET":
        return render_template("pnyx/account/confirm_new_email.html", email=new_email)
    user, old_email = check.user, check.user.email
    owner = find_user_by_email(new_email)
    if owner is not None and owner.id != user.id:
        flash(_("Another account started using this address meanwhile."), "error")
        return redirect(url_for("pnyx.home"))
    user.email = new_email
    user.confirmed_at = user.confirmed_at or utcnow()
    mail_works_again(user)  # a new address has not bounced
    log_action(
        get_session(),
        "pnyx.account.email_changed",
        resource=("user", user.id),
        actor_id=user.id,
        visibility="private",
    )
    try:
        get_session().commit()
    except IntegrityError:
        get_session().rollback()
        flash(_("Another account started using this address meanwhile."), "error")
        return redirect(url_for("pnyx.home"))
    if old_email:
        send_email_changed_notice(old_email, user)
    flash(_("Your e-mail address is now %(email)s.", email=new_email), "success")
    return redirect(url_for("pnyx_auth.account" if g.user is not None else "pnyx.home"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_SIGN_IN", by_user, failures_only=True)
@requires(ACCOUNT)
def change_password() -> str | Response | tuple[str, int]:
    refuse_while_acting()
    if request.method == "GET":
        return render_template("pnyx/account/change_password.html", errors={})
    user = g.user
    password = read_password_field(request.form, "password")
    errors = collect(
        current_password=current_password_error(),
        password=new_password_error(password, email=user.email or "", name=user.name),
    )
    if errors:
        page = render_template("pnyx/account/change_password.html", errors=errors)
        return page, 400
    set_new_password(user, password, "pnyx.account.password_changed")
    get_session().commit()
    keep_current_session(user)
    send_password_changed_notice(user)
    flash(_("Your password is changed. Your other sessions are signed out."), "success")
    return redirect(url_for("pnyx_auth.account"))
