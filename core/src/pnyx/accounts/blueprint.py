"""The accounts blueprint. Its name stays ``pnyx_auth``: templates, guards and
plugins link to ``pnyx_auth.sign_in``, ``pnyx_auth.sign_out`` and
``pnyx_auth.account``. The view modules of this package add their routes to it."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("pnyx_auth", __name__)
