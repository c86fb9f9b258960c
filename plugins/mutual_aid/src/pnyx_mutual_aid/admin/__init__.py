"""The admin pages of a mutual-aid board (mounted at /admin/spaces/<slug>/mutual_aid/<id>/).

The space's admins (and organization admins) edit categories and the safety
guidance and read the statistics; the space's moderators run the moderation
queue.
"""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("mutual_aid_admin", __name__)

from pnyx_mutual_aid.admin import categories, moderating, overview  # noqa: E402, F401
