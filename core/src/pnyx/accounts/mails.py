"""The messages accounts send, each in its recipient's language.

Called after the transaction that the message talks about committed; the
bodies are ``templates/pnyx/mail/*.txt``. Links come from
:func:`pnyx.mail.external_url` (``PUBLIC_URL`` when configured).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from pnyx.accounts.tokens import MAX_AGE, Purpose, make_token
from pnyx.mail import external_url, send_mail
from pnyx.models import User


def _hours(purpose: Purpose) -> int:
    return int(MAX_AGE[purpose].total_seconds() // 3600)


def send_confirmation(user: User, next_path: str | None = None) -> bool:
    """The link that confirms ``user``'s address; it leads on to ``next_path`` (a same-site
    path checked by the caller), where the person was going when they signed up."""
    token = make_token(Purpose.CONFIRM_EMAIL, user)
    return send_mail(
        user.email or "",
        _l("Confirm your e-mail address"),
        "confirm_email",
        locale=user.locale,
        user=user,
        link=external_url("pnyx_auth.confirm_email", token=token, next=next_path),
        hours=_hours(Purpose.CONFIRM_EMAIL),
    )


def send_account_exists(email: str, user: User) -> bool:
    """Someone asked for a new account (or an address change) with an address in use.

    The person who typed it sees the same page as for a free address, so the
    form does not tell who has an account; the owner of the address is told here.
    """
    return send_mail(
        email,
        _l("You already have an account"),
        "account_exists",
        locale=user.locale,
        user=user,
        sign_in_link=external_url("pnyx_auth.sign_in"),
        reset_link=external_url("pnyx_auth.forgot_password"),
    )


def send_password_reset(user: User) -> bool:
    token = make_token(Purpose.RESET_PASSWORD, user)
    return send_mail(
        user.email or "",
        _l("Choose a new password"),
        "reset_password",
        locale=user.locale,
        user=user,
        link=external_url("pnyx_auth.reset_password", token=token),
        hours=_hours(Purpose.RESET_PASSWORD),
    )


def send_email_change(user: User, new_email: str) -> bool:
    """The link, sent to the new address, that makes it the account's address."""
    token = make_token(Purpose.CHANGE_EMAIL, user, email=new_email)
    return send_mail(
        new_email,
        _l("Confirm your new e-mail address"),
        "change_email",
        locale=user.locale,
        user=user,
        link=external_url("pnyx_auth.confirm_new_email", token=token),
        hours=_hours(Purpose.CHANGE_EMAIL),
    )


def send_email_changed_notice(old_email: str, user: User) -> bool:
    """Tells the previous address that the account moved to another one."""
    return send_mail(
        old_email,
        _l("The e-mail address of your account changed"),
        "email_changed",
        locale=user.locale,
        user=user,
    )


def send_password_changed_notice(user: User) -> bool:
    return send_mail(
        user.email or "",
        _l("Your password changed"),
        "password_changed",
        locale=user.locale,
        user=user,
        reset_link=external_url("pnyx_auth.forgot_password"),
    )
