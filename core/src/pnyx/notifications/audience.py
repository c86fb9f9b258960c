"""Who may still see what a notification is about, checked in bulk when it is sent.

A notification carries its space and component. When it is stored, and again
when its e-mail leaves, only the people who may see that place receive it: in
a published, public space with a published component, everyone; otherwise the
organization's admins and the people holding a role in the space (the same rule
as :func:`pnyx.permissions.visibility`). A resource its plugin no longer
describes (hidden by moderation, deleted) is shown to nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from pnyx.models import Component, OrganizationRole, Space, UserOrganizationRole, UserSpaceRole
from pnyx.notifications.following import COMPONENT, SPACE
from pnyx.resources import describe_resources, resource_type


def is_public(space: Space | None, component: Component | None) -> bool:
    if space is not None and (not space.published or space.private):
        return False
    return component is None or component.published


def place_insiders(session: Session, space_id: int, user_ids: Iterable[int]) -> set[int]:
    """Among ``user_ids``, the organization's admins and the space's role holders: one query."""
    ids = list(user_ids)
    if not ids:
        return set()
    roles = select(UserSpaceRole.user_id).where(
        UserSpaceRole.space_id == space_id, UserSpaceRole.user_id.in_(ids)
    )
    admins = select(UserOrganizationRole.user_id).where(
        UserOrganizationRole.role == OrganizationRole.ADMIN.value,
        UserOrganizationRole.user_id.in_(ids),
    )
    return set(session.scalars(select(union(roles, admins).subquery().c[0])))


def visible_to(
    session: Session, space_id: int | None, component_id: int | None, user_ids: Iterable[int]
) -> set[int]:
    """The people among ``user_ids`` who may see the place ``(space, component)`` now."""
    ids = set(user_ids)
    space = session.get(Space, space_id) if space_id is not None else None
    component = session.get(Component, component_id) if component_id is not None else None
    if (space_id is not None and space is None) or (component_id is not None and component is None):
        return set()  # deleted since
    if is_public(space, component):
        return ids
    if space is None:
        return set()
    return place_insiders(session, space.id, ids)


def still_described(session: Session, target_type: str, target_ids: Iterable[int]) -> set[int]:
    """The ids of ``target_type`` that its plugin still shows (all for spaces, components
    and types without ``describe``)."""
    ids = set(target_ids)
    if target_type in (SPACE, COMPONENT):
        return ids
    found = resource_type(target_type)
    if found is None or found.describe is None:
        return ids
    return set(describe_resources(session, target_type, ids)) & ids
