"""E-mails a person may turn off: the kinds plugins declare, and whether a person wants one.

A plugin declares each optional e-mail it sends once, at start-up
(``api.register_optional_mail(app, "budgets.vote_receipt", label)`` in its
``init_app``), and asks before sending (``api.wants_mail(user, name)``). What a
person turned off is stored on their account (``User.mail_opt_outs``, a list of
names): every kind is on until they untick it on "E-mails I receive"
(:mod:`pnyx.accounts.mail_preferences`). Messages a person cannot do without
(confirming an address, resetting a password) are not optional and never listed.
See docs/accounts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from pnyx.models import User

EXTENSION_KEY = "pnyx.optional_mails"


@dataclass(frozen=True)
class OptionalMail:
    """An e-mail a person may turn off: its name (``plugin.kind``) and what it is, for people."""

    name: str
    label: Any


def register_optional_mail(app: Flask, name: str, label: Any) -> None:
    """Declare an optional e-mail (call from ``init_app``); ``label`` says what it brings."""
    app.extensions.setdefault(EXTENSION_KEY, {})[name] = OptionalMail(name, label)


def optional_mails() -> list[OptionalMail]:
    return list(current_app.extensions.get(EXTENSION_KEY, {}).values())


def wants_mail(user: User | None, name: str) -> bool:
    """Whether ``user`` receives the optional e-mail ``name`` (yes until they turn it off)."""
    return user is not None and name not in (user.mail_opt_outs or [])
