"""The public pages of a proposals component (mounted at /spaces/<slug>/proposals/<id>/)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("proposals", __name__)

# The page modules add their routes to ``blueprint``; writing together (issue 20) has its
# own packages: drafts/ (collaborative drafts) and texts/ (participatory texts).
from pnyx_proposals.drafts import views as _drafts  # noqa: E402, F401
from pnyx_proposals.texts import views as _texts  # noqa: E402, F401
from pnyx_proposals.views import listing, reporting, supporting, writing  # noqa: E402, F401
