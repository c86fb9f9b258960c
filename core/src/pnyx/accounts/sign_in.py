"""Signing in and out.

Failed attempts are rate-limited per client address (``RATE_LIMIT_SIGN_IN``);
per account, wrong passwords make the next attempts wait longer and longer
(:mod:`pnyx.accounts.backoff`), and the owner can always sign in with a link
sent by e-mail (:mod:`pnyx.accounts.sign_in_link`): outsiders cannot lock them out.
Unconfirmed accounts may sign in: they read pages and manage their account,
and the permission engine asks them to confirm before they take part.
"""

from __future__ import annotations

import math

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from pnyx.accounts import backoff
from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import normalized_email, read_password_field
from pnyx.accounts.returning import PREFILLED_EMAIL, next_path
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
from pnyx.ratelimit import by_address, count_failure, rate_limit
from pnyx.web.guards import requires


@blueprint.route("/sign-in", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_SIGN_IN", by_address, failures_only=True)
@requires(PUBLIC)
def sign_in() -> str | Response | tuple[str, int]:
    email = normalized_email(request.form.get("email", ""))
    if request.method == "GET":
        if g.user is not None:
            return redirect(safe_next(request.args.get("next")))
        # Filled in once after an e-mail confirmation (pnyx.accounts.sign_up).
        prefilled = session.pop(PREFILLED_EMAIL, "")
        return render_template(
            "pnyx/account/sign_in.html", errors={}, email=prefilled, next_path=next_path()
        )
    wait = backoff.wait_seconds(email)
    if wait:
        # Not even checked: a guess made now tells nothing. The owner's way in is the link.
        errors = {"form": waiting_message(wait)}
        page = render_template(
            "pnyx/account/sign_in.html", errors=errors, email=email, next_path=next_path()
        )
        return page, 429
    password = read_password_field(request.form, "password")
    missing = missing_fields(email, password)
    if missing:
        # Nothing was tried: no failure counted, and no account looked up (the answer tells
        # nothing about an address), but each empty field says what it needs.
        page = render_template(
            "pnyx/account/sign_in.html", errors=missing, email=email, next_path=next_path()
        )
        return page, 400
    user = find_user_by_email(email)
    matched = password_matches(user, password)
    if user is None or not matched:
        count_failure()
        backoff.record_failure(email)
        errors = {"form": _("The e-mail address or the password is not right.")}
        page = render_template(
            "pnyx/account/sign_in.html", errors=errors, email=email, next_path=next_path()
        )
        return page, 400
    if user.blocked or user.deleted_at is not None:
        errors = {"form": _("This account is blocked. Contact the organization to know why.")}
        page = render_template(
            "pnyx/account/sign_in.html", errors=errors, email=email, next_path=next_path()
        )
        return page, 403
    backoff.clear(email)
    sign_in_user(user)
    log_action(get_session(), "pnyx.account.signed_in", visibility="private")
    get_session().commit()
    flash(_("You are signed in."), "success")
    if user.confirmed_at is None:
        flash(_("Confirm your e-mail address to take part: follow the link we sent you."), "info")
    return redirect(safe_next(request.args.get("next")))


def missing_fields(email: str, password: str) -> dict[str, str]:
    """A message for each empty field: "not right" would send a person who left one empty
    looking for a typo."""
    missing = {}
    if not email:
        missing["email"] = _("Enter your e-mail address.")
    if not password:
        missing["password"] = _("Enter your password.")
    return missing


def waiting_message(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    if seconds < 60:
        wait = ngettext("%(num)d second", "%(num)d seconds", seconds)
    else:
        wait = ngettext("%(num)d minute", "%(num)d minutes", minutes)
    return _(
        "Several wrong passwords were typed for this account: wait %(wait)s before trying "
        "again, or sign in at once with a link sent to your e-mail address.",
        wait=wait,
    )


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
    return redirect(url_for("pnyx.home"))
