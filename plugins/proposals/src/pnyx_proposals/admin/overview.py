"""The organization-wide moderation queue: reported proposals of every component.

Organization admins and moderators find it in the admin menu (``menu_links``);
each entry leads to its component's queue, where they decide.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from pnyx import api
from pnyx_proposals import moderation
from pnyx_proposals.authorship import template_helpers
from pnyx_proposals.permissions import MODERATE, moderates

blueprint = Blueprint("proposals_moderation", __name__, url_prefix="/admin/proposals")
blueprint.context_processor(template_helpers)


@blueprint.get("/moderation")
@api.requires(MODERATE)
def queue() -> str:
    proposals = moderation.queue(None)
    return render_template(
        "proposals/admin/overview.html",
        proposals=proposals,
        reasons=moderation.reasons_of([p.id for p in proposals]),
        labels=moderation.reason_labels(),
    )


def admin_menu(user: api.User | None) -> list[api.MenuLink]:
    """The admin menu's link to the queue, for the people who may moderate everywhere."""
    if not moderates(user, None):
        return []
    return [
        api.MenuLink(label=api._l("Proposals to moderate"), endpoint="proposals_moderation.queue")
    ]
