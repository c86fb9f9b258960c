"""The plugin's actions and its opinion in the permission engine (DESIGN.md §5).

The engine checks visibility, the step gate and the audience; this module's
:func:`opinion` (the ``permission_check`` hook) adds what only proposals
know: who is the author, which proposals may be supported, which roles
answer, manage and moderate.
"""

from __future__ import annotations

from typing import Any

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.models import Proposal
from pnyx_proposals.settings import settings_of

CREATE = "proposals.create"
EDIT = "proposals.edit"
SUPPORT = "proposals.support"
REPORT = "proposals.report"
EVALUATE = "proposals.evaluate"
MANAGE = "proposals.manage"
MODERATE = "proposals.moderate"

ACTIONS = (
    api.Action(CREATE, api._l("Write a proposal"), step_setting="creation_enabled"),
    api.Action(EDIT, api._l("Edit or withdraw one's own proposal"), authorizable=False),
    api.Action(SUPPORT, api._l("Support a proposal"), step_setting="supports_enabled"),
    api.Action(REPORT, api._l("Report a proposal"), authorizable=False),
    api.Action(
        EVALUATE,
        api._l("Answer proposals (valuators: those assigned to them)"),
        audience=api.Audience.SPACE_MEMBER,
        authorizable=False,
    ),
    api.Action(
        MANAGE,
        api._l("Manage the proposals of a component"),
        audience=api.Audience.SPACE_MEMBER,
        authorizable=False,
    ),
    api.Action(MODERATE, api._l("Moderate proposals"), authorizable=False),
)


def space_of(target: Any) -> api.Space | None:
    if isinstance(target, api.Space):
        return target
    component = component_of(target)
    return component.space if component is not None else None


def component_of(target: Any) -> api.Component | None:
    if isinstance(target, api.Component):
        return target
    return getattr(target, "component", None)


def manages(user: api.User | None, space: api.Space | None) -> bool:
    """Organization admins and the space's admins manage its proposals."""
    if user is None:
        return False
    return user.is_admin or (space is not None and "admin" in api.space_roles(user, space))


def evaluates(user: api.User | None, space: api.Space | None) -> bool:
    """Managers, and the space's valuators (for the proposals assigned to them)."""
    if manages(user, space):
        return True
    return user is not None and space is not None and "valuator" in api.space_roles(user, space)


def moderates(user: api.User | None, space: api.Space | None) -> bool:
    """Organization admins and moderators; the space's admins and moderators."""
    if user is None:
        return False
    if user.is_admin or user.has_role("moderator"):  # type: ignore[arg-type]
        return True
    return space is not None and bool({"admin", "moderator"} & api.space_roles(user, space))


def opinion(user: api.User | None, action: str, target: Any) -> bool | None:
    """The ``permission_check`` hook: ``False`` forbids, ``None`` has no objection."""
    if action == MANAGE:
        return manages(user, space_of(target))
    if action == EVALUATE:
        return evaluates(user, space_of(target))
    if action == MODERATE:
        return moderates(user, space_of(target))
    if isinstance(target, Proposal):
        return _on_proposal(user, action, target)
    if action == SUPPORT and isinstance(target, api.Component):
        return False if settings_of(target).get("supports_blocked") else None
    return None


def _on_proposal(user: api.User | None, action: str, proposal: Proposal) -> bool | None:
    if action == EDIT:
        return user is not None and proposal.author_id == user.id
    gone = proposal.hidden_at is not None or proposal.merged_into_id is not None
    if action == REPORT:
        return False if gone or proposal.is_draft else None
    if action == SUPPORT:
        return supportable(proposal)
    return None


def supportable(proposal: Proposal) -> bool:
    """Published, not withdrawn, rejected, hidden or merged, and supports not blocked."""
    if proposal.is_draft or proposal.is_withdrawn:
        return False
    if proposal.hidden_at is not None or proposal.merged_into_id is not None:
        return False
    if not states.supportable_state(proposal.state):
        return False
    return not settings_of(proposal.component).get("supports_blocked")
