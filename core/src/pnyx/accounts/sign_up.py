"""Creating an account and confirming its e-mail address.

Sign-up, the resend form and the reset form answer the same whether an address
has an account or not: what differs goes by e-mail to the address's owner, so
these forms cannot be used to learn who has an account.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.forms import SignUpForm, email_error, normalized_email, read_sign_up
from pnyx.accounts.mails import send_account_exists, send_confirmation
from pnyx.accounts.returning import PREFILLED_EMAIL, next_path
from pnyx.accounts.sessions import can_sign_in, find_user_by_email
from pnyx.accounts.tokens import Purpose, TokenCheck, read_token
from pnyx.action_log import log_action
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.jobs import enqueue
from pnyx.models import User, utcnow
from pnyx.notifications.preferences import record_newsletter_consent
from pnyx.passwords import hash_password
from pnyx.ratelimit import by_address, by_submitted_email, rate_limit
from pnyx.web.guards import requires


@blueprint.route("/sign-up", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_address)
@rate_limit("RATE_LIMIT_MAILS", by_submitted_email)
@requires(PUBLIC)
def sign_up() -> str | Response | tuple[str, int]:
    going_to = next_path()
    if g.user is not None:
        return redirect(going_to or url_for("pnyx_auth.account"))
    if request.method == "GET":
        return render_template(
            "pnyx/account/sign_up.html", values=SignUpForm(), errors={}, next_path=going_to
        )
    values, errors = read_sign_up(request.form)
    if errors:
        page = render_template(
            "pnyx/account/sign_up.html", values=values, errors=errors, next_path=going_to
        )
        return page, 400
    existing = find_user_by_email(values.email)
    if existing is None:
        user = create_account(values.email, values.name, values.password)
        if user is not None:
            if request.form.get("newsletters") == "yes":  # explicit, unticked by default
                record_newsletter_consent(user)
            send_confirmation(user, going_to)
    else:
        # As slow as creating an account: the time of the answer tells nothing either.
        hash_password(values.password)
        send_account_exists(values.email, existing)
    flash(
        _(
            "We sent a message to %(email)s: follow its link to confirm your address.",
            email=values.email,
        ),
        "success",
    )
    return redirect(url_for("pnyx_auth.check_mailbox", next=going_to))


def create_account(email: str, name: str, password: str) -> User | None:
    """The new, unconfirmed account (``None`` if the address was taken meanwhile)."""
    session = get_session()
    user = User(email=email, name=name, password_hash=hash_password(password))
    session.add(user)
    try:
        session.flush()
        # The log records that the terms were accepted, and when.
        log_action(
            session,
            "pnyx.account.signed_up",
            resource=("user", user.id),
            actor_id=user.id,
            visibility="private",
            extra={"terms_accepted": True},
        )
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    return user


@blueprint.route("/check-your-mailbox")
@requires(PUBLIC)
def check_mailbox() -> str:
    """Where a form that sent a link leads. ``sent`` says which link, so that the page offers
    to send *that* one again (after a password reset, "send the confirmation link again"
    made no sense); anything else counts as the sign-up's confirmation."""
    sent = request.args.get("sent", "")
    sent = sent if sent in MAILBOX_LINKS else "confirmation"
    return render_template("pnyx/account/check_mailbox.html", next_path=next_path(), sent=sent)


MAILBOX_LINKS = frozenset({"confirmation", "reset", "sign_in_link"})
"""The links a "check your mailbox" page may follow (:func:`check_mailbox`)."""


@blueprint.route("/confirm-email", methods=["GET", "POST"])
@rate_limit("RATE_LIMIT_FORMS", by_address)
@rate_limit("RATE_LIMIT_MAILS", by_submitted_email)
@requires(PUBLIC)
def resend_confirmation() -> str | Response | tuple[str, int]:
    if request.method == "GET":
        email = g.user.email if g.user is not None else ""
        return render_template("pnyx/account/resend.html", email=email, errors={})
    email = normalized_email(request.form.get("email", ""))
    error = email_error(email)
    if error:
        page = render_template("pnyx/account/resend.html", email=email, errors={"email": error})
        return page, 400
    enqueue(confirmation_requested, email)  # same work for every address (see reset.py)
    flash(
        _(
            "If %(email)s has an account waiting for confirmation, we sent it a new link.",
            email=email,
        ),
        "success",
    )
    return redirect(url_for("pnyx_auth.check_mailbox", sent="confirmation"))


def confirmation_requested(email: str) -> None:
    """The resend form's job: an unconfirmed account at ``email`` gets a new link."""
    user = find_user_by_email(email)
    if user is not None and user.confirmed_at is None and can_sign_in(user):
        send_confirmation(user)


@blueprint.route("/confirm-email/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def confirm_email(token: str) -> str | Response | tuple[str, int]:
    # The link only shows a button: mail scanners that open links must not use it up.
    check = read_token(Purpose.CONFIRM_EMAIL, token)
    if check.user is None:
        return invalid_link(check, "pnyx_auth.resend_confirmation")
    if request.method == "GET":
        return render_template("pnyx/account/confirm_email.html", email=check.user.email)
    user = check.user
    user.confirmed_at = utcnow()
    log_action(
        get_session(),
        "pnyx.account.email_confirmed",
        resource=("user", user.id),
        actor_id=user.id,
        visibility="private",
    )
    get_session().commit()
    flash(_("Your e-mail address is confirmed. Welcome!"), "success")
    going_to = next_path()
    if g.user is not None and g.user.id == user.id:
        return redirect(going_to or url_for("pnyx.home"))
    # A link never signs anyone in: sent by someone else, it would sign the person in to
    # the sender's account (login forgery). The sign-in form comes with the address filled
    # in (kept in the session, not in the URL), then leads where the person was going.
    session[PREFILLED_EMAIL] = user.email
    return redirect(url_for("pnyx_auth.sign_in", next=going_to))


def invalid_link(check: TokenCheck, ask_again: str) -> tuple[str, int]:
    """The page for an expired, used or mangled link, with where to ask for a new one."""
    page = render_template(
        "pnyx/account/invalid_link.html", problem=str(check.problem), ask_again=ask_again
    )
    return page, 400
