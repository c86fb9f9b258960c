"""The "page excerpt" home block (issue 18 item 6): a page staff choose, its title, the start
of its text and a link to read it.

Offered through ``register_home_blocks``; staff pick the page in the block's settings (a
select of the published pages). The block shows nothing when the page is gone, unpublished,
or in a space the reader may not see: the home page never leaks a private space's page.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from pnyx import api
from pnyx_pages import links
from pnyx_pages.models import Page

HOME_BLOCK = "pages.excerpt"
#: How much of the page's text the block shows.
EXCERPT_LENGTH = 300


def _choices() -> tuple[list[str], list[str]]:
    """Published pages as ``(ids, labels)``: organization pages, then spaces' pages."""
    session = api.db_session()
    pages = session.scalars(
        select(Page)
        .where(Page.published.is_(True))
        .order_by(Page.component_id.is_not(None), Page.component_id, Page.position, Page.id)
    ).all()
    ids, labels = [], []
    for page in pages:
        title = api.translated(page.title)
        if page.component is not None:
            title = f"{title} ({api.translated(page.component.space.title)})"
        ids.append(str(page.id))
        labels.append(title)
    return ids, labels


def settings_schema() -> Schema:
    ids, labels = _choices()
    return Schema.from_dict(
        {
            "page": fields.String(
                required=True,
                validate=validate.OneOf(ids, labels=labels, error=api._l("Choose a page.")),
                metadata={
                    "label": api._l("Page"),
                    "description": api._l("Its title and the start of its text are shown."),
                },
            )
        },
        name="PageExcerptBlock",
    )()


def home_block() -> api.HomeBlock:
    return api.HomeBlock(
        HOME_BLOCK,
        api._l("Page excerpt"),
        description=api._l("A page you choose: its title, its first lines and a link to it."),
        settings_schema=settings_schema,
        default=False,
    )


def _excerpt(page: Page) -> str:
    text = api.rich_text_excerpt(page.body, EXCERPT_LENGTH) if page.body else ""
    if not text and page.sections:  # a FAQ: its first answer
        text = api.rich_text_excerpt(page.sections[0].body, EXCERPT_LENGTH)
    return text


def render(settings: dict[str, Any], index: int) -> api.Snippet | None:
    page_id = api.as_int(str(settings.get("page") or ""))
    page = api.db_session().get(Page, page_id) if page_id else None
    if page is None or not page.published:
        return None
    if page.component is not None and not api.can(api.actions.VIEW, page.component):
        return None
    url = links.describe(api.db_session(), [page.id]).get(page.id, ("", ""))[1]
    html = render_template(
        "pages/home_excerpt.html", page=page, excerpt=_excerpt(page), url=url, index=index
    )
    return api.Snippet(api.Markup(html))
