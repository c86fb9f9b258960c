"""Reading assemblies for the core's space-type contract and the pages.

The core asks, for a space of type ``assemblies``, who its members are
(``is_member``) and whether only members take part (``members_only``); the
answers come from the assembly's row, read once per request.
"""

from __future__ import annotations

from typing import Any

from flask import g
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_assemblies.kinds import (
    MEMBER_RESOURCE,
    PUBLIC,
    SPACE_TYPE,
    TEXT_FIELDS,
    THEMATIC,
    TRANSPARENT,
)
from pnyx_assemblies.models import Assembly, Member

#: A chain of parents longer than this is a loop someone made: stop there.
MAX_DEPTH = 20


def assembly_of(space: api.Space) -> Assembly:
    """The assembly row of ``space`` (a new, unsaved one before staff filled it in)."""
    cache = g.setdefault("assemblies_by_space", {})
    if space.id not in cache:
        query = select(Assembly).where(Assembly.space_id == space.id)
        cache[space.id] = api.db_session().scalar(query) or new_assembly(space)
    return cache[space.id]


def new_assembly(space: api.Space) -> Assembly:
    """Defaults for a space whose assembly settings were never saved (not added to the session:
    reading a page writes nothing)."""
    return Assembly(
        space_id=space.id,
        kind=THEMATIC,
        visibility=PUBLIC,
        **{key: {} for key in TEXT_FIELDS},
    )


def is_member(user: api.User, space: api.Space) -> bool:
    query = (
        select(Member.id)
        .join(Assembly, Assembly.id == Member.assembly_id)
        .where(Assembly.space_id == space.id, Member.user_id == user.id)
        .limit(1)
    )
    return api.db_session().scalar(query) is not None


def members_only(space: api.Space) -> bool:
    return assembly_of(space).visibility == TRANSPARENT and not space.private


def ancestors(assembly: Assembly) -> list[api.Space]:
    """The parent spaces of ``assembly``, the top one first (for breadcrumbs)."""
    chain: list[api.Space] = []
    parent = assembly.parent_space
    while parent is not None and len(chain) < MAX_DEPTH and parent not in chain:
        chain.append(parent)
        parent = assembly_of(parent).parent_space if parent.type == SPACE_TYPE else None
    return list(reversed(chain))


def children(space: api.Space, user: api.User | None) -> list[Assembly]:
    """The sub-assemblies of ``space`` that ``user`` may see."""
    query = (
        select(Assembly)
        .join(api.Space, api.Space.id == Assembly.space_id)
        .where(Assembly.parent_space_id == space.id)
        .options(selectinload(Assembly.space))
        .order_by(api.Space.position, api.Space.id)
    )
    rows = api.db_session().scalars(query)
    return [row for row in rows if api.decide(user, api.actions.VIEW, row.space)]


def members(assembly: Assembly) -> list[Member]:
    if assembly.id is None:
        return []
    query = (
        select(Member)
        .where(Member.assembly_id == assembly.id)
        .options(selectinload(Member.user))
        .order_by(Member.position_rank, Member.id)
    )
    return list(api.db_session().scalars(query))


def page_context(space: api.Space) -> dict[str, Any]:
    """The space page's variables: the assembly, its parents, members and sub-assemblies."""
    assembly = assembly_of(space)
    listed = members(assembly)
    return {
        "assembly": assembly,
        "parents": ancestors(assembly),
        "members": listed,
        "photos": api.attachments.covers(MEMBER_RESOURCE, [m.id for m in listed]),
        "sub_assemblies": children(space, api.current_user()),
        "may_take_part": not members_only(space) or is_member_now(space),
    }


def is_member_now(space: api.Space) -> bool:
    user = api.current_user()
    return user is not None and (bool(api.space_roles(user, space)) or is_member(user, space))
