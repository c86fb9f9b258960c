"""The tables of collaborative drafts, all prefixed ``proposals_``.

A draft's ``version`` is its optimistic lock: every save says which version it
started from, and ``UPDATE ... WHERE version = <that one>`` changes nothing when
someone saved in between (no lost update; see :mod:`.writing`). Each save also
writes a :class:`DraftRevision`, so the history says who changed what.
Co-writers, the author included, are :class:`DraftCollaborator` rows: once the
draft is published they are the proposal's co-authors.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: Resource type name of a collaborative draft, in the action log.
DRAFT_RESOURCE = "proposals_collaborative_draft"

OPEN = "open"
WITHDRAWN = "withdrawn"
PUBLISHED = "published"

REQUESTED = "requested"
ACCEPTED = "accepted"
REJECTED = "rejected"


class CollaborativeDraft(api.Model):
    """A text several people write together, readable by all while it is open."""

    __tablename__ = "proposals_collaborative_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    #: Who started it: decides on access requests, publishes or withdraws it.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, as written; rendered and sanitised when shown.
    body: Mapped[str] = mapped_column(Text)
    #: The language it is written in ('' if unknown), the proposal's once published.
    language: Mapped[str] = api.written_language_column()
    #: The optimistic lock: 1 when written, one more at each save.
    version: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(20), default=OPEN)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    published_at: Mapped[dt.datetime | None]
    #: The proposal it became.
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="SET NULL")
    )

    author: Mapped[api.User | None] = relationship()
    component: Mapped[api.Component] = relationship()

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def resource(self) -> tuple[str, int]:
        return (DRAFT_RESOURCE, self.id)


class DraftCollaborator(api.Model):
    """A person's place in a draft: asked to join, accepted (a co-writer) or turned down.

    One row per person and draft (the primary key): asking twice changes nothing.
    """

    __tablename__ = "proposals_draft_collaborators"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_collaborative_drafts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=REQUESTED)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    decided_at: Mapped[dt.datetime | None]

    user: Mapped[api.User] = relationship()


class DraftRevision(api.Model):
    """The draft as one person saved it: version ``number``, by ``user_id``.

    Unique per draft and number, a second guard behind the optimistic lock.
    """

    __tablename__ = "proposals_draft_revisions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_collaborative_drafts.id", ondelete="CASCADE")
    )
    number: Mapped[int]
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: The language this version was written in: a comparison marks each side with its own.
    language: Mapped[str] = api.written_language_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    user: Mapped[api.User | None] = relationship()
