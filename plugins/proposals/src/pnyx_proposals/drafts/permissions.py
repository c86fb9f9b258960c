"""The actions of collaborative drafts and their rules in the permission engine.

They join the plugin's other actions (``pnyx_proposals.permissions``) in the
component type's manifest and answer through the same ``rules`` table.
"""

from __future__ import annotations

from pnyx import api
from pnyx_proposals.drafts.models import CollaborativeDraft
from pnyx_proposals.drafts.writing import is_collaborator
from pnyx_proposals.permissions import rules
from pnyx_proposals.settings import settings_of

COLLABORATE = "proposals.collaborate"
DRAFT_EDIT = "proposals.draft_edit"
DRAFT_LEAD = "proposals.draft_lead"

ACTIONS = (
    api.Action(
        COLLABORATE,
        api._l("Start a collaborative draft or ask to co-write one"),
        step_setting="creation_enabled",
    ),
    api.Action(DRAFT_EDIT, api._l("Edit a collaborative draft one co-writes"), verifiable=False),
    api.Action(
        DRAFT_LEAD,
        api._l("Accept co-writers, publish or withdraw one's collaborative draft"),
        verifiable=False,
    ),
)


def enabled(component: api.Component) -> bool:
    return bool(settings_of(component).get("collaborative_drafts_enabled"))


@rules.on(COLLABORATE, api.Component)
@rules.on(DRAFT_EDIT, api.Component)
@rules.on(DRAFT_LEAD, api.Component)
def _enabled(user: api.User | None, component: api.Component) -> bool:
    return enabled(component)


@rules.on(COLLABORATE, CollaborativeDraft)
def _joinable(user: api.User | None, draft: CollaborativeDraft) -> bool:
    return draft.is_open and enabled(draft.component)


@rules.on(DRAFT_EDIT, CollaborativeDraft)
def _co_writers(user: api.User | None, draft: CollaborativeDraft) -> bool:
    return draft.is_open and is_collaborator(api.db_session(), draft, user)


@rules.on(DRAFT_LEAD, CollaborativeDraft)
def _its_author(user: api.User | None, draft: CollaborativeDraft) -> bool:
    return draft.is_open and user is not None and draft.author_id == user.id
