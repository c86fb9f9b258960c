"""Reading and checking the account forms, field by field.

Each ``read_*`` function returns what the person typed (trimmed, passwords
aside) and a mapping field → message for every field that is not right, which
the templates show next to the field. Passwords are never sent back to the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs
from flask_babel import gettext as _
from flask_babel import ngettext

from pnyx.accounts.password_policy import password_problems
from pnyx.accounts.sessions import MAX_PASSWORD_LENGTH

#: Deliberately simple: one "@", no spaces, a dot in the domain. The confirmation
#: message is the real check that an address works.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 120

Errors = dict[str, str]


@attrs.define
class SignUpForm:
    email: str = ""
    name: str = ""
    password: str = ""
    terms: bool = False


def normalized_email(raw: str) -> str:
    """Addresses are stored lowercased: one account per mailbox, however it is typed."""
    return raw.strip().lower()


def email_error(email: str) -> str | None:
    if not email:
        return _("Enter your e-mail address.")
    if len(email) > MAX_EMAIL_LENGTH or not EMAIL_PATTERN.match(email):
        return _("Enter an e-mail address like name@example.org.")
    return None


def name_error(name: str) -> str | None:
    if not name:
        return _("Enter your name.")
    if len(name) > MAX_NAME_LENGTH:
        return ngettext(
            "Use at most %(num)d character.", "Use at most %(num)d characters.", MAX_NAME_LENGTH
        )
    return None


def new_password_error(password: str, *, email: str, name: str) -> str | None:
    if not password:
        return _("Choose a password.")
    problems = password_problems(password, email=email, name=name)
    return " ".join(problems) or None


def collect(**checks: str | None) -> Errors:
    """The checks that found a problem, by field name."""
    return {field: message for field, message in checks.items() if message}


def read_sign_up(form: Mapping[str, str]) -> tuple[SignUpForm, Errors]:
    values = SignUpForm(
        email=normalized_email(form.get("email", "")),
        name=" ".join(form.get("name", "").split()),
        password=form.get("password", ""),
        terms=form.get("terms") == "yes",
    )
    errors = collect(
        email=email_error(values.email),
        name=name_error(values.name),
        password=new_password_error(values.password, email=values.email, name=values.name),
        terms=None if values.terms else _("Accept the terms of use to create an account."),
    )
    return values, errors


def read_password_field(form: Mapping[str, str], field: str) -> str:
    """A password as typed (never trimmed: spaces may be part of it), capped in length."""
    return form.get(field, "")[: MAX_PASSWORD_LENGTH + 1]
