"""Hooks of ``circle``: a space type with its own record, members and admin page.

The test plugin of the space-type contract (``SpaceType.page_context``,
``admin_blueprint``, ``is_member``, ``members_only``): a circle's members are
kept in the plugin (here a name list in memory); a circle may be "members
only" (everyone reads it, only members take part).
"""

from __future__ import annotations

from flask import Blueprint

from pnyx import api

#: Space slug → names of the members (the plugin's own record, in memory for the test).
MEMBERS: dict[str, set[str]] = {}
#: Slugs of the circles where only members take part.
MEMBERS_ONLY: set[str] = set()

admin = Blueprint("circle_admin", __name__, template_folder="templates")


@admin.get("/")
@api.requires(api.actions.ADMIN_SPACE)
def index() -> str:
    space = api.current_space()
    return f"circle settings of {space.slug}: {sorted(MEMBERS.get(space.slug, ()))}"


def page_context(space) -> dict:
    return {"circle_members": sorted(MEMBERS.get(space.slug, ()))}


def is_member(user, space) -> bool:
    return user.name in MEMBERS.get(space.slug, ())


def members_only(space) -> bool:
    return space.slug in MEMBERS_ONLY


@api.hookimpl
def register_space_types():
    return [
        api.SpaceType(
            name="circle",
            label="Circle",
            has_steps=False,
            template="circle/space.html",
            page_context=page_context,
            admin_blueprint=admin,
            is_member=is_member,
            members_only=members_only,
        )
    ]


@api.hookimpl
def register_component_types():
    return [
        api.ComponentType(
            name="circle_board",
            label="Board",
            actions=[
                api.Action("circle_board.post", "Post"),
                api.Action("circle_board.vote", "Vote", audience=api.Audience.SPACE_MEMBER),
            ],
        )
    ]
