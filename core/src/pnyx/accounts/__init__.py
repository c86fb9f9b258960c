"""Accounts: sign-up with e-mail confirmation, sign-in and out, password reset,
change of e-mail address and password, the account page (issue 3, point 1).

Every page is in the ``pnyx_auth`` blueprint (:mod:`pnyx.accounts.blueprint`);
each view module adds its routes to it when imported. Messages go through
:mod:`pnyx.mail`; the forms that attackers repeat are limited by
:mod:`pnyx.ratelimit`. See docs/accounts.md.
"""

from __future__ import annotations

from flask import Flask

from pnyx.accounts import (  # noqa: F401 (routes)
    account,
    changes,
    mail_preferences,
    reset,
    sign_in,
    sign_in_link,
    sign_up,
)
from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.sessions import load_user
from pnyx.ratelimit import init_ratelimit


def init_accounts(app: Flask) -> None:
    """Load ``g.user`` on every request, serve the account pages, limit their forms."""
    app.before_request(load_user)
    app.register_blueprint(blueprint)
    init_ratelimit(app)
