"""Signing in with a link sent by e-mail: the way in that outsiders cannot block.

Wrong passwords typed by someone else make the password form wait
(:mod:`pnyx.accounts.backoff`); the owner of the address asks for a link
instead. The request form answers the same whether the address has an
account; the link works for one hour, once. Opening it shows a page naming the
account and a button: mail scanners that open links do not use it up, and
nobody is signed in to an account they did not choose. Using it clears the
back-off (and confirms the address, which the link just proved).

Requests are limited per client address and per submitted address
(``RATE_LIMIT_SIGN_IN_LINKS``): when someone else asks repeatedly for the
owner's address, the links they triggered are in the owner's mailbox, valid
for an hour, so the owner is never left without one.
"""

from __future__ import annotations

import contextlib
import hashlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from pnyx.accounts import backoff
from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import email_error, normalized_email
from pnyx.accounts.sessions import can_sign_in, find_user_by_email, safe_next, sign_in_user
from pnyx.accounts.sign_up import invalid_link
from pnyx.accounts.tokens import MAX_AGE, Purpose, TokenCheck, TokenProblem, make_token, read_token
from pnyx.action_log import log_action
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.mail import external_url, send_mail
from pnyx.models import User, utcnow
from pnyx.ratelimit import EXTENSION_KEY, by_address, by_submitted_email, rate_limit
from pnyx.web.guards import requires


def send_sign_in_link(user: User) -> bool:
    token = make_token(Purpose.SIGN_IN, user)
    return send_mail(
        user.email or "",
        _l("Your sign-in link"),
        "sign_in_link",
        locale=user.locale,
        user=user,
        link=external_url("pnyx_auth.sign_in_with_link", token=token),
        minutes=int(MAX_AGE[Purpose.SIGN_IN].total_seconds() // 60),
    )


@blueprint.route("/sign-in/link", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_address)
@rate_limit("RATE_LIMIT_SIGN_IN_LINKS", by_submitted_email)
@requires(PUBLIC)
def ask_sign_in_link() -> str | Response | tuple[str, int]:
    email = normalized_email(request.values.get("email", ""))
    if request.method == "GET":
        return render_template("pnyx/account/sign_in_link.html", email=email, errors={})
    error = email_error(email)
    if error:
        page = render_template(
            "pnyx/account/sign_in_link.html", email=email, errors={"email": error}
        )
        return page, 400
    user = find_user_by_email(email)
    if user is not None and can_sign_in(user) and not user.managed:
        send_sign_in_link(user)
    flash(_("If %(email)s has an account, we sent it a sign-in link.", email=email), "success")
    return redirect(url_for("pnyx_auth.check_mailbox", sent="sign_in_link"))


def _used_key(token: str) -> str:
    return "pnyx/sign-in-link-used/" + hashlib.sha256(token.encode()).hexdigest()[:32]


def _already_used(token: str) -> bool:
    try:
        return current_app.extensions[EXTENSION_KEY].storage.get(_used_key(token)) > 0
    except Exception:
        return False


def _mark_used(token: str) -> None:
    seconds = int(MAX_AGE[Purpose.SIGN_IN].total_seconds())
    # Redis down: the link stays usable until it expires (one hour).
    with contextlib.suppress(Exception):
        current_app.extensions[EXTENSION_KEY].storage.incr(_used_key(token), seconds)


@blueprint.route("/sign-in/link/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def sign_in_with_link(token: str) -> str | Response | tuple[str, int]:
    check = read_token(Purpose.SIGN_IN, token)
    if check.user is not None and _already_used(token):
        check = TokenCheck(problem=TokenProblem.USED)
    if check.user is None or not can_sign_in(check.user):
        return invalid_link(check, "pnyx_auth.ask_sign_in_link")
    user = check.user
    if request.method == "GET":
        return render_template("pnyx/account/sign_in_with_link.html", account=user.email)
    _mark_used(token)
    backoff.clear(user.email or "")
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
    sign_in_user(user)
    log_action(get_session(), "pnyx.account.signed_in_with_link", visibility="private")
    get_session().commit()
    flash(_("You are signed in."), "success")
    return redirect(safe_next(request.args.get("next")))
