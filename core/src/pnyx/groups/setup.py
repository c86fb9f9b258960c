"""Registering the groups' pages and their link in the person menu."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from pnyx.groups import members, staff  # noqa: F401  (their views join the blueprints)
from pnyx.groups.pages import blueprint
from pnyx.groups.service import describe, profile_url
from pnyx.manifests import MenuLink


def init_groups(app: Flask) -> None:
    app.register_blueprint(blueprint)
    app.jinja_env.globals.update(group_url=profile_url, groups_by_id=describe)


def group_links(menu: str, user: object) -> list[MenuLink]:
    if menu == "user" and user is not None:
        return [MenuLink(label=str(_l("My organizations")), endpoint="pnyx_groups.mine")]
    return []
