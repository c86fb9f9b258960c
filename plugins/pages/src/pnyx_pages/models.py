"""Pages and their sections (``pages_pages``, ``pages_sections``).

A page belongs to a ``pages`` component (a page of a space) or to no
component at all (a page of the organization: privacy, accessibility, help).
Its slug is unique within its component, and among the organization's pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: The owner type of a page's attachments (``api.attachments``), and its resource type.
RESOURCE = "pages_page"
#: A page's kinds: prose with sections under headings, or questions and answers.
KINDS = ("page", "faq")


class Page(api.Model):
    __tablename__ = "pages_pages"
    __table_args__ = (
        UniqueConstraint("component_id", "slug"),
        # Organization pages have no component: their slugs are unique among themselves.
        Index(
            "uq_pages_pages_organization_slug",
            "slug",
            unique=True,
            sqlite_where=text("component_id IS NULL"),
            postgresql_where=text("component_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16), default="page")
    title: Mapped[dict[str, Any]]
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(default=0)
    published: Mapped[bool] = mapped_column(default=True)
    #: Organization pages only: linked from every page's footer.
    in_footer: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    component: Mapped[api.Component | None] = relationship()
    sections: Mapped[list[PageSection]] = relationship(
        order_by="PageSection.position", cascade="all, delete-orphan", back_populates="page"
    )


class PageSection(api.Model):
    """A titled part of a page; on a FAQ, one question (title) and its answer (body)."""

    __tablename__ = "pages_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(
        ForeignKey("pages_pages.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[dict[str, Any]]
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(default=0)

    page: Mapped[Page] = relationship(back_populates="sections")
