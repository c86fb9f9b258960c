"""The blueprints (mounted by the core under the component's URLs) and finding a debate."""

from __future__ import annotations

from flask import Blueprint

from pnyx import api
from pnyx_comments.debates.models import Debate

#: /spaces/<space_slug>/comments_debates/<component_id>/
blueprint = Blueprint("comments_debates", __name__)
#: /admin/spaces/<space_slug>/comments_debates/<component_id>/
admin_blueprint = Blueprint("comments_debates_admin", __name__)


def debate_or_404(debate_id: int) -> Debate:
    return api.get_or_404(Debate, debate_id)
