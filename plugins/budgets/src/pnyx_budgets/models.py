"""The plugin's tables, all prefixed ``budgets_``.

Money is stored as whole **minor units** of the budget's currency (cents for
euros) in 64-bit integers: no floats anywhere, and the outcome rules compute
on exactly these integers.

Integrity lives here: one cast ballot and one draft per voter and budget (unique), one line per
project on a ballot (unique), one voter row per component (the lock that
keeps the rule across budgets under concurrent requests), one outcome per
budget, receipt codes unique.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pnyx import api

#: Resource type names, in resource links and the action log.
BUDGET_RESOURCE = "budgets_budget"
PROJECT_RESOURCE = "budgets_project"

#: Ballot formats, named as pabulib's ``vote_type``.
VOTE_TYPES = ("approval", "cumulative", "ordinal")
#: Ballot states: a draft is edited on the server; a cast ballot counts. A voter changing
#: a cast ballot edits a draft copy beside it: the cast one counts until the copy is cast.
DRAFT, CAST = "draft", "cast"
#: A project's selection status, set when the outcome is published.
PENDING, SELECTED, NOT_SELECTED = "pending", "selected", "not_selected"
#: Follow-up states of a selected project.
FOLLOW_STATES = ("not_started", "in_progress", "done", "cancelled")

project_themes = Table(
    "budgets_project_themes",
    api.Model.metadata,
    Column("project_id", ForeignKey("budgets_projects.id", ondelete="CASCADE"), primary_key=True),
    Column("term_id", ForeignKey("taxonomy_terms.id", ondelete="RESTRICT"), primary_key=True),
    # The theme filter looks projects up by term.
    Index("ix_budgets_project_themes_term", "term_id", "project_id"),
)


class Budget(api.Model):
    """One budget of a ``budgets`` component, with its ballot format and eligibility.

    ``permissions`` has the shape of ``Component.permissions``
    (``{"budgets.vote": {"authorizations": [...]}}``): the permission engine
    checks the component's requirements, then these, when asked
    ``api.decide(user, "budgets.vote", budget)`` (``component`` leads back).
    """

    __tablename__ = "budgets_budgets"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_positive"),
        CheckConstraint(f"vote_type IN {VOTE_TYPES!r}", name="vote_type_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT"), index=True
    )
    permissions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    vote_type: Mapped[str] = mapped_column(String(16), default="approval")
    min_projects: Mapped[int | None]
    max_projects: Mapped[int | None]
    min_total: Mapped[int | None] = mapped_column(BigInteger)
    max_total: Mapped[int | None] = mapped_column(BigInteger)
    #: Cumulative ballots: points each voter spreads, and the most one project may get.
    points_total: Mapped[int | None]
    points_per_project: Mapped[int | None]
    #: Ordinal ballots: points of ranks 1, 2, ... ("3,2,1"); empty is Borda.
    scoring: Mapped[str] = mapped_column(String(200), default="")
    #: The outcome rule (a name of ``outcomes.RULES``), its threshold and tie-break seed.
    rule: Mapped[str] = mapped_column(String(32), default="greedy")
    threshold: Mapped[int | None]
    seed: Mapped[str] = mapped_column(String(64), default="pnyx")
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    #: Set while a job computes the outcome (:mod:`.outcome_job`); why the last one failed.
    outcome_requested_at: Mapped[dt.datetime | None]
    outcome_error: Mapped[str | None] = mapped_column(Text)

    component: Mapped[api.Component] = relationship()
    territory: Mapped[api.TaxonomyTerm | None] = relationship()
    projects: Mapped[list[Project]] = relationship(
        back_populates="budget", order_by="Project.position, Project.id", viewonly=True
    )


class Project(api.Model):
    """A project on a budget's ballot; once selected, its follow-up."""

    __tablename__ = "budgets_projects"
    __table_args__ = (
        UniqueConstraint("budget_id", "code"),
        CheckConstraint("cost >= 0", name="cost_positive"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
        # The list filters a budget's projects by territory and sorts by cost.
        Index("ix_budgets_projects_listing", "budget_id", "territory_id", "cost"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets_budgets.id", ondelete="CASCADE"))
    #: An identifier from the source (a CSV or pabulib ``project_id``); imports match on it.
    code: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: Every translation of the title and description, folded: what text search compares,
    #: written by the database (``api.folded_search_column``).
    search_text: Mapped[str] = api.folded_search_column(
        "pnyx_translations(title) || ' ' || pnyx_translations(description)"
    )
    cost: Mapped[int] = mapped_column(BigInteger)
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT")
    )
    address: Mapped[str | None] = mapped_column(String(300))
    #: File name of the project's image in the instance's ``uploads/budgets/`` folder.
    image: Mapped[str | None] = mapped_column(String(100))
    selection: Mapped[str] = mapped_column(String(16), default=PENDING)
    follow_status: Mapped[str] = mapped_column(String(16), default="not_started")
    progress: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    budget: Mapped[Budget] = relationship(back_populates="projects")

    @property
    def component(self) -> api.Component:
        """The budget's component: permissions asked on a project (comments) lead there."""
        return self.budget.component

    territory: Mapped[api.TaxonomyTerm | None] = relationship()
    themes: Mapped[list[api.TaxonomyTerm]] = relationship(
        secondary=project_themes, order_by="TaxonomyTerm.position"
    )
    timeline: Mapped[list[TimelineEntry]] = relationship(
        back_populates="project",
        order_by="TimelineEntry.day.desc(), TimelineEntry.id.desc()",
        cascade="all, delete-orphan",
    )


class TimelineEntry(api.Model):
    """A dated step of a selected project's follow-up, written by staff."""

    __tablename__ = "budgets_timeline_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("budgets_projects.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date]
    title: Mapped[dict[str, Any]]
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    project: Mapped[Project] = relationship(back_populates="timeline")


class Voter(api.Model):
    """One row per person and component, locked while their ballots change.

    Locking it (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's writing
    transactions are ``BEGIN IMMEDIATE`` already) serialises a person's
    concurrent requests, so "vote in one budget" or "at most N" holds even when
    twenty requests arrive at once.
    """

    __tablename__ = "budgets_voters"
    # no anonymous page reads it: a vote leaves the app's cached pages alone (docs/caching.md)
    __table_args__ = (UniqueConstraint("component_id", "user_id"), {"info": {"pnyx_private": True}})

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class Ballot(api.Model):
    """A person's ballot in one budget: a draft while they choose, then cast.

    A person holds at most one draft and one cast ballot per budget (unique on
    ``budget_id, voter_id, status``): changing a cast ballot edits a draft copy,
    and casting the copy deletes the old ballot in the same transaction.

    A cast ballot keeps counting when its voter deletes their account: the
    link to the person (``voter_id``) is set to ``NULL``. ``age_bracket`` and
    ``territory_id`` are copied from the voter's verifications at checkout,
    for statistics only.
    """

    __tablename__ = "budgets_ballots"
    __table_args__ = (
        UniqueConstraint("budget_id", "voter_id", "status"),
        Index("ix_budgets_ballots_counting", "budget_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets_budgets.id", ondelete="CASCADE"))
    voter_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(8), default=DRAFT)
    receipt_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    cast_at: Mapped[dt.datetime | None]
    age_bracket: Mapped[str | None] = mapped_column(String(8))
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="RESTRICT")
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)

    budget: Mapped[Budget] = relationship()
    items: Mapped[list[BallotItem]] = relationship(
        back_populates="ballot",
        order_by="BallotItem.position, BallotItem.id",
        cascade="all, delete-orphan",
    )

    def private_to_anonymous(self) -> bool:
        """A draft is its voter's alone; a cast ballot counts in the public statistics
        (the app's page cache renews its pages for it, docs/caching.md)."""
        return self.status == DRAFT


class BallotItem(api.Model):
    """A project on a ballot: its points (cumulative) and place (ordinal rank)."""

    __tablename__ = "budgets_ballot_items"
    __table_args__ = (
        UniqueConstraint("ballot_id", "project_id"),
        CheckConstraint("points > 0", name="points_positive"),
        # lines are shown only once voting is over, when none can change (vote counts)
        {"info": {"pnyx_private": True}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("budgets_ballots.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(
        ForeignKey("budgets_projects.id", ondelete="CASCADE"), index=True
    )
    points: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)

    ballot: Mapped[Ballot] = relationship(back_populates="items")
    project: Mapped[Project] = relationship()


class Outcome(api.Model):
    """The computed outcome of a budget; immutable once ``published_at`` is set.

    Holds what anyone needs to check it: the rule and engine version, its
    parameters, the digest and number of the counted ballots, the winners, the
    certificate (every round's decision and payments) and, for the Method of
    Equal Shares, what each unfunded project lacked.
    """

    __tablename__ = "budgets_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("budgets_budgets.id", ondelete="CASCADE"), unique=True
    )
    rule: Mapped[str] = mapped_column(String(32))
    engine: Mapped[str] = mapped_column(String(64))
    parameters: Mapped[dict[str, Any]]
    ballots_digest: Mapped[str] = mapped_column(String(80))
    ballots_count: Mapped[int]
    #: ``{"winners": [project ids], "scores": {id: [votes, score]}, "lacked": {...}}``
    summary: Mapped[dict[str, Any]]
    certificate: Mapped[dict[str, Any]]
    computed_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    computed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[dt.datetime | None]

    budget: Mapped[Budget] = relationship()
