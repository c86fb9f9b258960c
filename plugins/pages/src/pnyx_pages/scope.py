"""Where the pages being edited live: a ``pages`` component of a space, or the organization.

The same admin views serve both; a :class:`Scope` gives them the rows to
query, the endpoints to link to and the page layout.
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import url_for
from sqlalchemy import ColumnElement

from pnyx import api
from pnyx_pages.models import Page


@attrs.frozen
class Scope:
    #: ``None`` for the organization's pages.
    component: api.Component | None
    #: The admin blueprint's name (``pages_admin`` or ``pages_site_admin``).
    admin: str

    @property
    def space(self) -> api.Space | None:
        return self.component.space if self.component is not None else None

    def where(self) -> ColumnElement[bool]:
        if self.component is None:
            return Page.component_id.is_(None)
        return Page.component_id == self.component.id

    def url(self, view: str, **values: Any) -> str:
        return url_for(f"{self.admin}.{view}", **values)

    def public_url(self, page: Page) -> str:
        if self.component is None:
            return url_for("pages_site.show_site", slug=page.slug)
        return url_for("pages.show", slug=page.slug)

    #: The admin shell every page of both scopes extends.
    layout: str = "pnyx/admin/layout.html"


def component_scope() -> Scope:
    return Scope(api.current_component(), "pages_admin")


def site_scope() -> Scope:
    return Scope(None, "pages_site_admin")
