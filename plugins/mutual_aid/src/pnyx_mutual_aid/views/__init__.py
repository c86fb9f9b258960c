"""The public pages of a mutual-aid board (mounted at /spaces/<slug>/mutual_aid/<id>/)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("mutual_aid", __name__)

# The page modules add their routes to ``blueprint``.
from pnyx_mutual_aid.views import (  # noqa: E402, F401
    board,
    contacting,
    conversations,
    posting,
    reporting,
)
