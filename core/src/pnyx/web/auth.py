"""Signing in and out moved to :mod:`pnyx.accounts`; these names stay importable here."""

from __future__ import annotations

from pnyx.accounts import init_accounts as init_auth
from pnyx.accounts.blueprint import blueprint
from pnyx.accounts.sessions import load_user, safe_next, sign_in_user

__all__ = ["blueprint", "init_auth", "load_user", "safe_next", "sign_in_user"]
