"""Bringing a person back where they were going, through sign-in, sign-up and the
confirmation mail (issue 10 item 7)."""

from __future__ import annotations

from flask import request

from pnyx.redirects import safe_next

#: Session key of the address the sign-in form shows once, after a confirmation.
PREFILLED_EMAIL = "pnyx.sign_in_email"


def next_path() -> str | None:
    """Where the person was going (``?next=``, same-site paths only), or ``None``."""
    return safe_next(request.args.get("next"), "") or None
