"""The plugin's tables, all prefixed ``proposals_``.

Integrity lives here: one support per person and proposal, one report per
person and proposal, one valuator assignment per pair, state codes unique per
component. Counters (``supports_count``, ``reports_count``) are updated with
atomic ``UPDATE ... SET n = n + 1`` statements, never read-modify-write.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Numeric, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: Resource type name of a proposal, in resource links and the action log.
RESOURCE = "proposals_proposal"

proposal_themes = Table(
    "proposals_proposal_themes",
    api.Model.metadata,
    Column(
        "proposal_id",
        ForeignKey("proposals_proposals.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("term_id", ForeignKey("taxonomy_terms.id", ondelete="CASCADE"), primary_key=True),
    # The theme filter looks proposals up by term.
    Index("ix_proposals_proposal_themes_term", "term_id", "proposal_id"),
)


class Proposal(api.Model):
    """A resident's proposal. A draft until ``published_at`` is set.

    ``state`` is the *public* state: ``not_answered`` until an answer is
    published, then the answer's state. ``answer_state`` holds the answer an
    admin wrote, published or not yet.
    """

    __tablename__ = "proposals_proposals"
    __table_args__ = (
        # The list's count, its "newest" sort and its filters read this index only (it
        # covers every column they test), not the wide rows with their bodies.
        Index(
            "ix_proposals_proposals_listing",
            "component_id",
            "published_at",
            "hidden_at",
            "merged_into_id",
            "withdrawn_at",
            "state",
            "territory_id",
            "supports_count",
        ),
        Index("ix_proposals_proposals_supported", "component_id", "supports_count"),
        Index("ix_proposals_proposals_territory", "territory_id"),
        # The home page's "latest proposals" across every component, newest first.
        Index("ix_proposals_proposals_published", "published_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The organization the author wrote it for (``api.groups``): shown as its author.
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL"), index=True
    )
    #: Who the proposal is shown from (:mod:`pnyx_proposals.authorship`): ``person`` (its
    #: author, or their organization), ``official`` (the organization, written by staff) or
    #: ``meeting`` (the meeting ``meeting_id``, also a resource link the meeting's page reads).
    authorship: Mapped[str] = mapped_column(String(16), default="person", server_default="person")
    #: The ``meetings_meeting`` id of a meeting proposal (no foreign key: another plugin's table).
    meeting_id: Mapped[int | None]
    #: Raised by one on every change of title or body: accepting an amendment checks it
    #: (``UPDATE ... WHERE version = :seen``), so two changes never overwrite each other.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    title: Mapped[str] = mapped_column(String(200))
    #: Markdown, as written; rendered and sanitised when shown.
    body: Mapped[str] = mapped_column(Text)
    #: The language its author wrote it in ('' if unknown): pages mark its title and body
    #: with ``lang`` when it is not the page's (``api.written_language_column``, WCAG 3.1.2).
    language: Mapped[str] = api.written_language_column()
    #: Plain text excerpt of the body, for lists and text search.
    summary: Mapped[str] = mapped_column(String(300), default="")
    #: The title and summary folded (lower case, no accents), written by the database: what
    #: text search compares (``api.folded_search_column``).
    search_text: Mapped[str] = api.folded_search_column("title || ' ' || summary")
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL")
    )
    address: Mapped[str] = mapped_column(String(255), default="")
    state: Mapped[str] = mapped_column(String(40), default="not_answered", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    published_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]
    #: Set by moderation: hidden content leaves lists, search, exports and statistics.
    hidden_at: Mapped[dt.datetime | None]
    supports_count: Mapped[int] = mapped_column(default=0)
    threshold_reached_at: Mapped[dt.datetime | None]
    #: Reports not dismissed by a moderator.
    reports_count: Mapped[int] = mapped_column(default=0)
    answer_state: Mapped[str | None] = mapped_column(String(40))
    answer_text: Mapped[dict[str, Any]] = mapped_column(default=dict)
    answered_at: Mapped[dt.datetime | None]
    answer_published_at: Mapped[dt.datetime | None]
    cost: Mapped[decimal.Decimal | None] = mapped_column(Numeric(14, 2))
    execution_period: Mapped[str] = mapped_column(String(120), default="")
    #: A duplicate merged into another proposal leaves the lists and points there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="SET NULL")
    )

    component: Mapped[api.Component] = relationship()
    author: Mapped[api.User | None] = relationship()
    user_group: Mapped[api.groups.UserGroup | None] = relationship()
    territory: Mapped[api.TaxonomyTerm | None] = relationship()
    themes: Mapped[list[api.TaxonomyTerm]] = relationship(
        secondary=proposal_themes, order_by="TaxonomyTerm.position, TaxonomyTerm.id"
    )

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def answer_pending(self) -> bool:
        """An answer is written and not published yet (or changed since it was)."""
        if self.answer_state is None:
            return False
        if self.answer_published_at is None:
            return True
        return self.answered_at is not None and self.answered_at > self.answer_published_at

    @property
    def resource(self) -> tuple[str, int]:
        return (RESOURCE, self.id)


class Support(api.Model):
    """A person supports a proposal, once. ``counted`` is false while the person has
    given fewer supports than the component's minimum."""

    __tablename__ = "proposals_supports"
    __table_args__ = (
        UniqueConstraint("proposal_id", "user_id"),
        Index("ix_proposals_supports_person", "component_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="CASCADE")
    )
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    #: ``NULL`` once the person deleted their account: the support keeps counting.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    counted: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


class Participant(api.Model):
    """One row per person taking part in a component: the row a writing request locks
    (``SELECT ... FOR UPDATE``) so one person's limits hold under concurrent requests."""

    __tablename__ = "proposals_participants"

    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CustomState(api.Model):
    """An answer state a component adds to evaluating / accepted / rejected."""

    __tablename__ = "proposals_states"
    __table_args__ = (UniqueConstraint("component_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[dict[str, Any]]
    #: ``#rrggbb``, checked before it is stored (it ends up in a style attribute).
    colour: Mapped[str] = mapped_column(String(7), default="#4a4a4a")
    position: Mapped[int] = mapped_column(default=0)


class ValuatorAssignment(api.Model):
    """A valuator of the space is assigned to a proposal: they see and answer it."""

    __tablename__ = "proposals_valuator_assignments"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


class Report(api.Model):
    """A person reports a proposal (spam, offensive, off-topic), once."""

    __tablename__ = "proposals_reports"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    REASONS = ("spam", "offensive", "off_topic")

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals_proposals.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    details: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    #: Set when a moderator restores the proposal: the report no longer counts.
    dismissed_at: Mapped[dt.datetime | None]


# Tables of the feature packages, imported here so the migrations see every table.
from pnyx_proposals.amendments.models import Amendment, AmendmentSupport  # noqa: E402
from pnyx_proposals.coauthors.models import Coauthor  # noqa: E402

__all__ = [
    "RESOURCE",
    "Amendment",
    "AmendmentSupport",
    "Coauthor",
    "CustomState",
    "Participant",
    "Proposal",
    "Report",
    "Support",
    "ValuatorAssignment",
    "proposal_themes",
]
