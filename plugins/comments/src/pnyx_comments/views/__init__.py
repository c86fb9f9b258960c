"""The plugin's pages: one module per concern, on two blueprints.

``comments`` (``/comments/...``) takes the forms of every thread; the thread
itself is drawn in the ``resource.comments`` slot of the record's page (see
``thread.py``). ``comments_moderation`` (``/admin/spaces/<slug>/comments/...``)
is the space's moderation queue.
"""

from pnyx_comments.views import editing, moderating, posting, reporting, voting  # noqa: F401
from pnyx_comments.views.common import blueprint, moderation_blueprint

__all__ = ["blueprint", "moderation_blueprint"]
