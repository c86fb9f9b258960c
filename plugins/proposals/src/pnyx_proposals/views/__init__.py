"""The public pages of a proposals component (mounted at /spaces/<slug>/proposals/<id>/)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("proposals", __name__)

# The page modules add their routes to ``blueprint``.
from pnyx_proposals.views import listing, reporting, supporting, writing  # noqa: E402, F401
