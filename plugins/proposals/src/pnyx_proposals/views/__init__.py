"""The public pages of a proposals component (mounted at /spaces/<slug>/proposals/<id>/)."""

from __future__ import annotations

from flask import Blueprint

from pnyx_proposals.authorship import template_helpers

blueprint = Blueprint("proposals", __name__)
blueprint.context_processor(template_helpers)

# The page modules add their routes to ``blueprint``; writing together (issue 20) has its
# own packages: drafts/ (collaborative drafts) and texts/ (participatory texts).
# Co-authorship and amendments (issue 20, items 5 and 2).
from pnyx_proposals.amendments import views as amendment_views  # noqa: E402, F401
from pnyx_proposals.coauthors import views as coauthor_views  # noqa: E402, F401
from pnyx_proposals.drafts import views as _drafts  # noqa: E402, F401
from pnyx_proposals.texts import views as _texts  # noqa: E402, F401
from pnyx_proposals.views import listing, reporting, supporting, writing  # noqa: E402, F401
