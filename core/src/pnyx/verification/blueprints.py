"""The verification blueprints: residents' pages and the admin pages."""

from __future__ import annotations

from flask import Blueprint

#: A person's own verifications: ``/account/verifications``.
public = Blueprint("pnyx_verification", __name__, url_prefix="/account/verifications")
#: Queues, census, revocation, settings, and per-component requirements, under ``/admin``.
admin = Blueprint("pnyx_verification_admin", __name__, url_prefix="/admin")
