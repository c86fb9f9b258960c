"""The co-authors table: one row per proposal and invited or accepted person."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

INVITED, ACCEPTED = "invited", "accepted"


class Coauthor(api.Model):
    """A person invited to write a proposal with its author, or who accepted.

    Unique per proposal and person, so inviting twice (or two clicks on
    *Accept*) changes nothing. Declining or leaving deletes the row.
    """

    __tablename__ = "proposals_coauthors"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: ``invited`` until the person accepts, then ``accepted``.
    status: Mapped[str] = mapped_column(String(16), default=INVITED)
    #: The organization the co-author writes for (``api.groups``): shown instead of them.
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL")
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    accepted_at: Mapped[dt.datetime | None]

    user: Mapped[api.User] = relationship(foreign_keys=[user_id])
    user_group: Mapped[api.groups.UserGroup | None] = relationship()

    @property
    def accepted(self) -> bool:
        return self.status == ACCEPTED
