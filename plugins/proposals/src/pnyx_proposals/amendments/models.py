"""The amendments tables, prefixed ``proposals_amendment``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

if TYPE_CHECKING:
    from pnyx_proposals.models import Proposal

#: Resource type name of an amendment (action log, notifications).
AMENDMENT = "proposals_amendment"

PENDING, ACCEPTED, REJECTED, PROMOTED, WITHDRAWN = (
    "pending",
    "accepted",
    "rejected",
    "promoted",
    "withdrawn",
)
STATES = (PENDING, ACCEPTED, REJECTED, PROMOTED, WITHDRAWN)


class Amendment(api.Model):
    """A proposed new title and body for a proposal.

    ``old_title``/``old_body`` keep the text it was written against, so the
    diff stays readable after the proposal changed; ``base_version`` is the
    proposal's ``version`` then. Decisions move ``state`` out of ``pending``
    with a guarded ``UPDATE ... WHERE state = 'pending'``: one decision wins.
    """

    __tablename__ = "proposals_amendments"
    __table_args__ = (Index("ix_proposals_amendments_proposal", "proposal_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="CASCADE")
    )
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: The language of the new title and body ('' if unknown), the proposal's once accepted.
    language: Mapped[str] = api.written_language_column()
    old_title: Mapped[str] = mapped_column(String(200))
    old_body: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    #: Why the authors rejected it (required when rejecting).
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The proposal a rejected amendment became (promoted by its author).
    promoted_proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="SET NULL")
    )
    supports_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    #: The engine finds the component (visibility, phase settings) through it.
    component: Mapped[api.Component] = relationship()
    proposal: Mapped[Proposal] = relationship(foreign_keys=[proposal_id])
    author: Mapped[api.User | None] = relationship(foreign_keys=[author_id])
    user_group: Mapped[api.groups.UserGroup | None] = relationship()

    @property
    def pending(self) -> bool:
        return self.state == PENDING

    @property
    def resource(self) -> tuple[str, int]:
        return (AMENDMENT, self.id)


class AmendmentSupport(api.Model):
    """A person supports an amendment, once (a unique constraint)."""

    __tablename__ = "proposals_amendment_supports"
    __table_args__ = (UniqueConstraint("amendment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_amendments.id", ondelete="CASCADE")
    )
    #: ``NULL`` once the person deleted their account: the support keeps counting.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
