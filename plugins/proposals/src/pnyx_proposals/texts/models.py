"""The tables of participatory texts, prefixed ``proposals_text``.

A component holds at most one text, as numbered versions. Version 1 comes
from an imported file; staff publish it, and each of its articles becomes a
proposal people amend and comment. Later versions are snapshots of those
proposals, taken when staff have decided on the amendments; every version's
items keep their own title and body, so earlier versions stay readable as
they were.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

SECTION = "section"
ARTICLE = "article"


class TextVersion(api.Model):
    """One version of the component's text; not public until ``published_at`` is set."""

    __tablename__ = "proposals_text_versions"
    __table_args__ = (UniqueConstraint("component_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    #: ``markdown``, ``docx`` or ``odt`` for an imported file; ``snapshot`` for a new version.
    source: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(255), default="")
    #: What staff say changed in this version (plain text, shown above it).
    note: Mapped[str] = mapped_column(Text, default="")
    #: The language staff imported it in ('' if unknown): its title and sections are in it.
    language: Mapped[str] = api.written_language_column()
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    published_at: Mapped[dt.datetime | None]

    component: Mapped[api.Component] = relationship()
    items: Mapped[list[TextItem]] = relationship(
        order_by="TextItem.position", cascade="all, delete-orphan", back_populates="version"
    )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TextItem(api.Model):
    """A section heading or an article of one version, in reading order.

    An article's ``proposal_id`` is the proposal people amend; it stays the same
    from one version to the next, so versions line up article by article.
    """

    __tablename__ = "proposals_text_items"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_text_versions.id", ondelete="CASCADE")
    )
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10))
    #: The heading's level in the source (1 for ``#``), for the reading page's outline.
    level: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    #: An article's text, Markdown; empty for a section.
    body: Mapped[str] = mapped_column(Text, default="")
    #: Its language: the version's when imported, its proposal's in a snapshot (an accepted
    #: amendment may be written in another); pages mark it when it is not the page's.
    language: Mapped[str] = api.written_language_column()
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="SET NULL"), index=True
    )

    version: Mapped[TextVersion] = relationship(back_populates="items")

    @property
    def is_article(self) -> bool:
        return self.kind == ARTICLE
