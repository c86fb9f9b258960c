"""How other plugins and the core name a page (``api.links.describe``), and the footer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import render_template, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_pages.models import Page


def describe(session: Session, ids: Iterable[int]) -> Mapping[int, tuple[Any, str]]:
    """``{id: (title, url)}`` of published pages the reader may see (the organization's, or a
    space's they may see), the translatable title as it is (the core shows it in the reader's
    language)."""
    query = select(Page).where(Page.id.in_(list(ids)), Page.published.is_(True))
    found: dict[int, tuple[Any, str]] = {}
    visible = api.links.ReadableComponents()
    for page in session.scalars(query):
        if page.component is None:
            url = url_for("pages_site.show_site", slug=page.slug)
        else:
            if not visible(page.component):
                continue  # a page of an unpublished or private space
            component_url = api.component_url(page.component) or "/"
            url = component_url.rstrip("/") + "/" + page.slug
        found[page.id] = (page.title, url)
    return found


def load(session: Session, page_id: int) -> Page | None:
    """A space's page by id, for comments (they ask permissions on its component).

    The organization's pages (privacy, accessibility) belong to no component: no thread."""
    page = session.get(Page, page_id)
    return page if page is not None and page.component_id is not None else None


def footer() -> api.Snippet | None:
    """Links to the organization's pages marked for the footer."""
    query = (
        select(Page.slug, Page.title)
        .where(Page.component_id.is_(None), Page.published.is_(True), Page.in_footer.is_(True))
        .order_by(Page.position, Page.id)
    )
    links = list(api.db_session().execute(query))
    if not links:
        return None
    return api.Snippet(api.Markup(render_template("pages/_footer.html", links=links)), priority=50)
