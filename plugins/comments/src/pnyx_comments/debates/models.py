"""The plugin's table, ``debates_debates``.

A debate's conversation is made of comments (the ``pnyx-comments`` plugin,
through the ``debates_debate`` resource type, commentable); its conclusion's
linked proposals and meetings are resource links (``debates.concluded_with``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

RESOURCE = "comments_debate"
#: Link from a debate to what its conclusion points to (a proposal, a meeting).
CONCLUDED_WITH = "comments.debate_concluded_with"


class Debate(api.Model):
    """A question put to discussion, open between optional dates, closed with a conclusion."""

    __tablename__ = "comments_debates"
    __table_args__ = (Index("ix_comments_debates_listing", "component_id", "closed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    #: Who opened it; staff debates are marked official.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    official: Mapped[bool] = mapped_column(default=False)
    #: Opened on behalf of this organization (docs/groups.md): shown as the author.
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[dict[str, Any]]
    #: The framing: rich text in every language.
    framing: Mapped[dict[str, Any]] = mapped_column(default=dict)
    opens_on: Mapped[dt.date | None]
    closes_on: Mapped[dt.date | None]
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT")
    )
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT")
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    closed_at: Mapped[dt.datetime | None]
    #: The conclusion's summary: rich text in every language.
    conclusion: Mapped[dict[str, Any]] = mapped_column(default=dict)

    component: Mapped[api.Component] = relationship()
    author: Mapped[api.User | None] = relationship()
    user_group: Mapped[api.groups.UserGroup | None] = relationship()
    theme: Mapped[api.TaxonomyTerm | None] = relationship(foreign_keys=[theme_id])
    territory: Mapped[api.TaxonomyTerm | None] = relationship(foreign_keys=[territory_id])

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def accepts_comments(self, today: dt.date) -> bool:
        """Open: not closed, and within its dates when it has some."""
        if self.closed:
            return False
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)
