"""The plugin's actions and its opinion in the permission engine (DESIGN.md §5).

The engine checks visibility, the step gate and the audience; this module's
:data:`rules` (the ``permission_check`` hook) adds what only proposals
know: who is the author, which proposals may be supported, which roles
answer, manage and moderate.
"""

from __future__ import annotations

from typing import Any

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.coauthors.service import is_coauthor
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
    api.Action(CREATE, api._l("Write a proposal"), step_setting="creation_enabled", groups=True),
    api.Action(EDIT, api._l("Edit or withdraw one's own proposal"), verifiable=False),
    api.Action(SUPPORT, api._l("Support a proposal"), step_setting="supports_enabled"),
    api.Action(REPORT, api._l("Report a proposal"), verifiable=False),
    api.Action(
        EVALUATE,
        api._l("Answer proposals (valuators: those assigned to them)"),
        audience=api.Audience.SPACE_MEMBER,
        verifiable=False,
    ),
    api.Action(
        MANAGE,
        api._l("Manage the proposals of a component"),
        audience=api.Audience.SPACE_MEMBER,
        verifiable=False,
    ),
    api.Action(MODERATE, api._l("Moderate proposals"), verifiable=False),
)


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


#: The ``permission_check`` hook's opinions: ``False`` forbids, ``None`` has no objection.
rules = api.PermissionRules()


@rules.on(MANAGE)
def _managers(user: api.User | None, target: Any) -> bool:
    return manages(user, api.space_of(target))


@rules.on(EVALUATE)
def _valuators(user: api.User | None, target: Any) -> bool:
    return evaluates(user, api.space_of(target))


@rules.on(MODERATE)
def _moderators(user: api.User | None, target: Any) -> bool:
    return moderates(user, api.space_of(target))


@rules.on(EDIT, Proposal)
def _author_only(user: api.User | None, proposal: Proposal) -> bool:
    return is_author(user, proposal)


def is_author(user: api.User | None, proposal: Proposal) -> bool:
    """Its author and accepted co-authors; managers for an official or meeting proposal."""
    if user is None:
        return False
    if proposal.author_id == user.id:
        return True
    if proposal.authorship != "person":
        return manages(user, api.space_of(proposal))
    return not proposal.is_draft and is_coauthor(user, proposal)


@rules.on(REPORT, Proposal)
def _reportable(user: api.User | None, proposal: Proposal) -> bool:
    gone = proposal.hidden_at is not None or proposal.merged_into_id is not None
    return not (gone or proposal.is_draft)


@rules.on(SUPPORT, Proposal)
def _supportable(user: api.User | None, proposal: Proposal) -> bool:
    return supportable(proposal)


@rules.on(SUPPORT, api.Component)
def _supports_open(user: api.User | None, component: api.Component) -> bool:
    return not settings_of(component).get("supports_blocked")


def supportable(proposal: Proposal) -> bool:
    """Published, not withdrawn, rejected, hidden or merged, and supports not blocked."""
    if proposal.is_draft or proposal.is_withdrawn:
        return False
    if proposal.hidden_at is not None or proposal.merged_into_id is not None:
        return False
    if not states.supportable_state(proposal.state):
        return False
    return not settings_of(proposal.component).get("supports_blocked")
