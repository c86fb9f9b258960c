"""The permission engine (DESIGN.md §5). Deny by default.

``decide(user, action, target)`` walks, in order: visibility of the space and
component, the active step's gate, the action's default audience, every
plugin's ``permission_check`` (any "no" wins), and the authorizations the
admin attached to the action. The first "no" is returned as a
:class:`Decision` that says why and what is missing, so pages can explain.
"""

from __future__ import annotations

import logging
from typing import Any

import attrs
from flask import current_app, g
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.manifests import Action, Audience, AuthorizationStatus
from pnyx.models import Component, OrganizationRole, Space, User, UserSpaceRole
from pnyx.settings import current_settings
from pnyx.verification.requirements import requirements_for, unmet

log = logging.getLogger(__name__)


@attrs.frozen
class Decision:
    """Whether an action is allowed; if not, why, and what the person can do about it.

    ``missing`` is ``"sign_in"``, ``"confirm_email"``, ``"authorization:<handler>"``, or empty
    when nothing the person can do would help.
    """

    allowed: bool
    reason: str = ""
    missing: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)
#: ``g`` key: space roles by person id, for the current request.
SPACE_ROLES_KEY = "pnyx_space_roles"


def _registry() -> Any:
    return current_app.extensions["pnyx.plugins"].registry


def space_of(target: Any) -> Space | None:
    if isinstance(target, Space):
        return target
    component = component_of(target)
    return component.space if component is not None else getattr(target, "space", None)


def component_of(target: Any) -> Component | None:
    if isinstance(target, Component):
        return target
    return getattr(target, "component", None)


def has_space_role(user: User | None, space: Space | None) -> bool:
    if user is None or space is None:
        return False
    return user.is_admin or any(r.space_id == space.id for r in space_roles(user))


def space_roles(user: User) -> list[UserSpaceRole]:
    """The person's space roles, read once per request (the signed-in person's with
    their session, by :func:`pnyx.accounts.sessions.load_user`)."""
    cache = g.setdefault(SPACE_ROLES_KEY, {})
    if user.id not in cache:
        query = select(UserSpaceRole).where(UserSpaceRole.user_id == user.id)
        cache[user.id] = list(get_session().scalars(query))
    return cache[user.id]


def remember_space_roles(user: User, roles: list[UserSpaceRole]) -> None:
    """Keep ``roles``, read with the person, as their space roles for this request."""
    g.setdefault(SPACE_ROLES_KEY, {})[user.id] = roles


def holds_space_role(user: User, space: Space | None, roles: frozenset[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` in ``space`` (never, without a space)."""
    if space is None:
        return False
    return any(r.space_id == space.id and r.role in roles for r in space_roles(user))


def space_type_of(space: Space | None) -> Any:
    """The registered type of ``space`` (``None`` for an unknown type or no space)."""
    return None if space is None else _registry().space_types.get(space.type)


def is_space_member(user: User | None, space: Space | None) -> bool:
    """Role holders, and the people the space's type counts as members (``is_member``)."""
    if user is None or space is None:
        return False
    if has_space_role(user, space):
        return True
    space_type = space_type_of(space)
    if space_type is None or space_type.is_member is None:
        return False
    cache = g.setdefault("pnyx_space_members", {})
    key = (user.id, space.id)
    if key not in cache:
        cache[key] = bool(space_type.is_member(user, space))
    return cache[key]


def members_only(space: Space | None) -> bool:
    """Whether the space's type says only its members take part in it now."""
    space_type = space_type_of(space)
    if space_type is None or space_type.members_only is None:
        return False
    return bool(space_type.members_only(space))


def not_a_member_of_members_only(user: User, target: Any) -> bool:
    space = space_of(target)
    return members_only(space) and not is_space_member(user, space)


#: Audiences of the actions that are taking part (refused to non-members of a members-only
#: space); staff audiences follow their own rules.
PARTICIPATION_AUDIENCES = frozenset({Audience.SIGNED_IN, Audience.SPACE_MEMBER})

SPACE_ADMIN_ROLES = frozenset({"admin"})
SPACE_MODERATOR_ROLES = frozenset({"admin", "moderator"})


def runs_space(user: User, target: Any) -> bool:
    """Organization admins, and admins of the target's space: its admin pages."""
    return user.is_admin or holds_space_role(user, space_of(target), SPACE_ADMIN_ROLES)


def moderates_space(user: User, target: Any) -> bool:
    """Organization admins and moderators; the target space's admins and moderators."""
    if user.is_admin or user.has_role(OrganizationRole.MODERATOR):
        return True
    return holds_space_role(user, space_of(target), SPACE_MODERATOR_ROLES)


def is_user_manager(user: User | None) -> bool:
    """Organization admins and user managers assist participants and confirm verifications."""
    if user is None:
        return False
    return user.is_admin or user.has_role(OrganizationRole.USER_MANAGER)


def visibility(user: User | None, target: Any) -> Decision:
    space = space_of(target)
    if space is not None and not has_space_role(user, space):
        if not space.published:
            return Decision(False, str(_l("This space is not published yet.")))
        if space.private and not is_space_member(user, space):
            return Decision(False, str(_l("This space is private.")), "sign_in" if not user else "")
    component = component_of(target)
    if component is not None and not component.published and not has_space_role(user, space):
        return Decision(False, str(_l("This component is not published yet.")))
    return ALLOWED


def step_gate(action: Action, target: Any) -> Decision:
    component = component_of(target)
    if action.step_setting is None or component is None:
        return ALLOWED
    if current_settings(component).get(action.step_setting):
        return ALLOWED
    return Decision(False, str(_l("This is not possible during the current phase.")))


#: What a person whose e-mail address is not confirmed yet may do besides reading: their own
#: account pages (sign out, ask for a new link, fix a mistyped address).
UNCONFIRMED_ACTIONS = frozenset({ACCOUNT})


def needs_email_confirmation(user: User) -> bool:
    """Accounts confirm their address before taking part; managed participants have none."""
    return user.confirmed_at is None and not user.managed


def audience(action: Action, user: User | None, target: Any) -> Decision:
    if action.audience == Audience.ANYONE:
        return ALLOWED
    if user is None:
        return Decision(False, str(_l("Sign in to do this.")), "sign_in")
    if user.blocked:
        return Decision(False, str(_l("Your account is blocked.")))
    if needs_email_confirmation(user) and action.name not in UNCONFIRMED_ACTIONS:
        reason = _l("Confirm your e-mail address to do this: follow the link we sent you.")
        return Decision(False, str(reason), "confirm_email")
    if action.audience == Audience.ADMIN and not user.is_admin:
        return Decision(False, str(_l("Only administrators can do this.")))
    if action.audience == Audience.SPACE_MEMBER and not is_space_member(user, space_of(target)):
        return Decision(False, str(_l("Only members of this space can do this.")))
    if action.audience in PARTICIPATION_AUDIENCES and not_a_member_of_members_only(user, target):
        return Decision(False, str(_l("Only members of this space can take part in it.")))
    if action.audience == Audience.USER_MANAGER and not is_user_manager(user):
        return Decision(False, str(_l("Only user managers can do this.")))
    if action.audience == Audience.SPACE_ADMIN and not runs_space(user, target):
        return Decision(False, str(_l("Only the administrators of this space can do this.")))
    if action.audience == Audience.SPACE_MODERATOR and not moderates_space(user, target):
        return Decision(False, str(_l("Only the moderators of this space can do this.")))
    return ALLOWED


def plugin_opinions(user: User | None, action: Action, target: Any) -> Decision:
    hook = current_app.extensions["pnyx.plugins"].pm.hook.permission_check
    for impl in hook.get_hookimpls():
        try:
            kwargs = {"user": user, "action": action.name, "target": target}
            opinion = impl.function(**{k: kwargs[k] for k in impl.argnames})
        except Exception:
            log.exception("permission_check of plugin %s failed; denying", impl.plugin_name)
            opinion = False
        if opinion is False:
            return Decision(False, str(_l("This is not allowed here.")))
    return ALLOWED


def authorizations(user: User | None, action: Action, target: Any) -> Decision:
    """Every verification attached to the action on the component, then on the resource."""
    if not action.verifiable:
        return ALLOWED
    component = component_of(target)
    resource = None if target is component or isinstance(target, Space) else target
    required = requirements_for(action.name, component, resource)
    if not required:
        return ALLOWED
    if user is None:
        return Decision(False, str(_l("Sign in to do this.")), "sign_in")
    failed = unmet(user, required)
    if failed is None:
        return ALLOWED
    handler_name, result = failed
    if result.status == AuthorizationStatus.UNAUTHORIZED:
        # Verified but not qualifying (aged 40 for the youth budget): nothing the person can
        # verify again would help, so no link sends them to a page they cannot change.
        return Decision(False, result.message)
    return Decision(False, result.message, f"authorization:{handler_name}")


def decide(user: User | None, action_name: str, target: Any = None) -> Decision:
    """Whether ``user`` (``None`` when anonymous) may do ``action_name`` on ``target``."""
    action = _registry().actions.get(action_name)
    if action is None:
        log.warning("unknown action %r: denied", action_name)
        return Decision(False, str(_l("Unknown action.")))
    checks = (
        lambda: visibility(user, target),
        lambda: step_gate(action, target),
        lambda: audience(action, user, target),
        lambda: plugin_opinions(user, action, target),
        lambda: authorizations(user, action, target),
    )
    for check in checks:
        decision = check()
        if not decision:
            return decision
    return ALLOWED
