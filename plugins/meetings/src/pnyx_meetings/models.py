"""The meetings plugin's tables (all named ``meetings_*``).

A meeting belongs to a ``meetings`` component. Its registrations, agenda
items, themes and minutes hang off it and go with it (``ON DELETE CASCADE``).
Times are stored in UTC (``api.UTCDateTime``) and shown in the organization's
time zone.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import (
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

#: What a meeting's text search looks in (SQL over the row, folded into ``search_text``).
SEARCHED_TEXT = (
    "pnyx_translations(title) || ' ' || pnyx_translations(description) || ' ' "
    "|| pnyx_translations(location) || ' ' || address"
)


class Kind(enum.StrEnum):
    """Where a meeting happens."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Organizer(enum.StrEnum):
    """Who organizes a meeting: the organization, a participant, or a group of people."""

    OFFICIAL = "official"
    PARTICIPANT = "participant"
    GROUP = "group"


class OnlineAccess(enum.StrEnum):
    """Who sees the online link: everyone, or only people registered for the meeting."""

    PUBLIC = "public"
    REGISTERED = "registered"


class Status(enum.StrEnum):
    """A registration holds a seat (``confirmed``) or waits for one (``waiting``)."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"


def new_uid() -> str:
    return uuid.uuid4().hex


#: Themes of a meeting (taxonomy terms of kind ``theme``); a plain table, no model.
meeting_themes = Table(
    "meetings_meeting_themes",
    api.Model.metadata,
    Column(
        "meeting_id",
        ForeignKey("meetings_meetings.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("term_id", ForeignKey("taxonomy_terms.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_meetings_meeting_themes_term", "term_id"),
)


class Meeting(api.Model):
    """A meeting in person, online or both, with its registration rules."""

    __tablename__ = "meetings_meetings"
    __table_args__ = (
        # Lists read a component's meetings by start time (upcoming / past / a month).
        Index("ix_meetings_meetings_component_start", "component_id", "start_at"),
        # Upcoming meetings across every component (home page, directory): end_at >= now.
        Index("ix_meetings_meetings_end", "end_at"),
        CheckConstraint("end_at >= start_at", name="ends_after_start"),
        CheckConstraint("capacity >= 0 AND reserved_seats >= 0", name="seats_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id", ondelete="CASCADE"))
    #: Stable identity in calendars (RFC 5545 UID): never changes, not even on edit.
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    #: RFC 5545 SEQUENCE: raised on each edit so calendars replace their copy.
    sequence: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16), default=Kind.IN_PERSON)
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    start_at: Mapped[dt.datetime]
    end_at: Mapped[dt.datetime]
    #: The venue's name ("Salle des fêtes"), translated.
    location: Mapped[dict[str, Any]] = mapped_column(default=dict)
    address: Mapped[str] = mapped_column(String(255), default="")
    #: Every translation of the title, description and place, and the address, folded:
    #: what text search compares, written by the database (``api.folded_search_column``).
    search_text: Mapped[str] = api.folded_search_column(SEARCHED_TEXT)
    #: How to find the room ("second floor, lift on the left"), translated.
    location_hints: Mapped[dict[str, Any]] = mapped_column(default=dict)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    online_access: Mapped[str] = mapped_column(String(16), default=OnlineAccess.PUBLIC)
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL"), index=True
    )
    organizer: Mapped[str] = mapped_column(String(16), default=Organizer.OFFICIAL)
    #: The participant who created the meeting (organizer ``participant`` or ``group``).
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The group's name when the organizer is a group.
    group_name: Mapped[str] = mapped_column(String(200), default="")
    #: The organization (a core user group) the meeting is organized on behalf of
    #: (``on_behalf.py``); ``group_name`` keeps its name should the profile be deleted.
    user_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_groups.id", ondelete="SET NULL"), index=True
    )
    published: Mapped[bool] = mapped_column(default=True)
    registrations_enabled: Mapped[bool] = mapped_column(default=False)
    #: Seats in the room; 0 means no limit.
    capacity: Mapped[int] = mapped_column(default=0)
    #: Seats kept for guests and staff: not offered to online registrations.
    reserved_seats: Mapped[int] = mapped_column(default=0)
    registration_terms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    waiting_list_enabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow, onupdate=api.utcnow)

    component: Mapped[api.Component] = relationship()
    territory: Mapped[api.TaxonomyTerm | None] = relationship()
    themes: Mapped[list[api.TaxonomyTerm]] = relationship(
        secondary=meeting_themes, order_by="TaxonomyTerm.position"
    )
    author: Mapped[api.User | None] = relationship()
    user_group: Mapped[api.groups.UserGroup | None] = relationship()
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    minutes: Mapped[Minutes | None] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def open_seats(self) -> int | None:
        """Seats registrations may take (``None``: no limit)."""
        if not self.capacity:
            return None
        return max(self.capacity - self.reserved_seats, 0)

    @property
    def is_online(self) -> bool:
        return self.kind in (Kind.ONLINE, Kind.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.kind in (Kind.IN_PERSON, Kind.HYBRID)

    @property
    def closed(self) -> bool:
        return self.minutes is not None


class AgendaItem(api.Model):
    """A point of a meeting's agenda; items with a ``parent_id`` are its sub-items."""

    __tablename__ = "meetings_agenda_items"
    __table_args__ = (CheckConstraint("duration_minutes >= 0", name="duration_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meetings.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings_agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    duration_minutes: Mapped[int] = mapped_column(default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")


class Registration(api.Model):
    """A person's seat (or place on the waiting list) at a meeting: once per person."""

    __tablename__ = "meetings_registrations"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        UniqueConstraint("meeting_id", "code"),
        Index("ix_meetings_registrations_queue", "meeting_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings_meetings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=Status.CONFIRMED)
    #: Shown to the person and checked by staff at the door.
    code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    #: When a person on the waiting list got a seat.
    promoted_at: Mapped[dt.datetime | None]
    validated_at: Mapped[dt.datetime | None]
    validated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    user: Mapped[api.User] = relationship(foreign_keys=[user_id])


class Minutes(api.Model):
    """What happened at a closed meeting, published for everyone to read."""

    __tablename__ = "meetings_minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings_meetings.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[dict[str, Any]] = mapped_column(default=dict)
    attendees_count: Mapped[int] = mapped_column(default=0)
    contributions_count: Mapped[int] = mapped_column(default=0)
    attending_organizations: Mapped[str] = mapped_column(Text, default="")
    video_url: Mapped[str] = mapped_column(String(500), default="")
    audio_url: Mapped[str] = mapped_column(String(500), default="")
    published: Mapped[bool] = mapped_column(default=True)
    closed_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="minutes")
