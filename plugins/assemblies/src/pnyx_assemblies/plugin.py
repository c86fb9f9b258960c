"""The hook implementations: what the ``assemblies`` plugin brings to Pnyx.

A space type ``assemblies`` (docs/hooks.md, register_space_types): thematic
assemblies, working groups, government bodies, with members, sub-assemblies
and three visibilities. Assemblies host any component, as processes do, but
have no phases: an assembly lasts, its components' settings are the
"default" ones.
"""

from __future__ import annotations

from typing import Any

from pnyx import api
from pnyx_assemblies import (
    admin_members,  # noqa: F401  (its views join the admin blueprint)
    personal_data,
)
from pnyx_assemblies.admin import blueprint as admin_blueprint
from pnyx_assemblies.directory import blueprint as directory
from pnyx_assemblies.kinds import MEMBER_RESOURCE, SPACE_TYPE, kind_of, position_of
from pnyx_assemblies.lookup import is_member, members_only, page_context
from pnyx_assemblies.seed import seed_demo


@api.hookimpl
def register_space_types() -> list[api.SpaceType]:
    return [
        api.SpaceType(
            name=SPACE_TYPE,
            label=api._l("Assembly"),
            description=api._l(
                "A lasting body (thematic assembly, working group, council) with members, "
                "sub-assemblies and the components it hosts."
            ),
            has_steps=False,
            template="assemblies/space.html",
            page_context=page_context,
            admin_blueprint=admin_blueprint,
            is_member=is_member,
            members_only=members_only,
            seed=seed_demo,
            resource_types=[api.ResourceType(MEMBER_RESOURCE, api._l("Member"), attachable=True)],
        )
    ]


@api.hookimpl
def init_app(app: Any) -> None:
    app.jinja_env.globals.update(assemblies_kind=kind_of, assemblies_position=position_of)


@api.hookimpl
def register_blueprints() -> list[Any]:
    return [directory]


@api.hookimpl
def menu_links(menu: str) -> list[api.MenuLink] | None:
    if menu == "main":
        return [api.MenuLink(label=api._l("Assemblies"), endpoint="assemblies.index")]
    return None


@api.hookimpl
def export_user_data(user: api.User) -> dict[str, Any] | None:
    return personal_data.export(user)


@api.hookimpl
def delete_user_data(user: api.User, session: Any) -> None:
    personal_data.delete(user, session)
