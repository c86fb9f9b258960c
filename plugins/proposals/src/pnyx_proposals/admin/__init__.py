"""The admin pages of a proposals component (mounted at /admin/spaces/<slug>/proposals/<id>/).

Managers (organization admins, the space's admins) reach every page;
valuators reach the list and the answer page of the proposals assigned to
them; moderators reach the moderation queue.
"""

from __future__ import annotations

from flask import Blueprint

from pnyx_proposals.authorship import template_helpers

blueprint = Blueprint("proposals_admin", __name__)
blueprint.context_processor(template_helpers)

# The page modules add their routes to ``blueprint``.
from pnyx_proposals.admin import (  # noqa: E402, F401
    answering,
    data,
    listing,
    moderating,
    official,
    operations,
    states,
)
from pnyx_proposals.texts import admin as _texts_admin  # noqa: E402, F401  (issue 20)
