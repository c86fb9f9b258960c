"""Public pages: a space's pages (component blueprint ``pages``) and the organization's
(``pages_site``, at ``/pages/<slug>``)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_pages.models import Page

#: Mounted by the core at /spaces/<space_slug>/pages/<component_id>/.
blueprint = Blueprint("pages", __name__)
#: The organization's pages.
site_blueprint = Blueprint("pages_site", __name__, url_prefix="/pages")


def published_pages(component_id: int | None) -> list[Page]:
    where = (
        Page.component_id.is_(None) if component_id is None else (Page.component_id == component_id)
    )
    query = select(Page).where(where, Page.published.is_(True)).order_by(Page.position, Page.id)
    return list(api.db_session().scalars(query))


def published_page(component_id: int | None, slug: str) -> Page:
    where = (
        Page.component_id.is_(None) if component_id is None else (Page.component_id == component_id)
    )
    query = (
        select(Page)
        .where(where, Page.slug == slug, Page.published.is_(True))
        .options(selectinload(Page.sections))
    )
    page = api.db_session().scalar(query)
    if page is None:
        abort(404)
    return page


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    pages = published_pages(api.current_component().id)
    return render_template("pages/index.html", pages=pages)


@blueprint.get("/<slug>")
@api.requires(api.actions.VIEW)
def show(slug: str) -> str:
    page = published_page(api.current_component().id, slug)
    siblings = published_pages(api.current_component().id)
    return render_template("pages/show.html", page=page, siblings=siblings)


@site_blueprint.get("/<slug>")
@api.requires(api.actions.PUBLIC)
def show_site(slug: str) -> str:
    return render_template("pages/site_page.html", page=published_page(None, slug))
