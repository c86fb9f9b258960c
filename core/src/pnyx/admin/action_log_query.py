"""The action log's filters and pages, shared by the admin page and its CSV export.

Pages are cut by keyset (``id`` descending, ``before``/``after`` an id), so
reading page 500 costs what page 1 costs; the people, spaces and components
an entry names are read in one query each, whatever the page's length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from pnyx.action_log import VISIBILITIES
from pnyx.i18n import select_timezone
from pnyx.inputs import as_int
from pnyx.models import ActionLog, Component, Space, User

#: The query-string arguments of the filters form.
FIELDS = ("actor", "action", "space", "component", "visibility", "from", "to")


def visibility_labels() -> dict[str, str]:
    return {"public": _("Public"), "admin": _("Administrators"), "private": _("Private")}


@attrs.frozen
class LogFilters:
    """What the admin asked for; empty values mean "any"."""

    actor: str = ""
    action: str = ""
    space_id: int | None = None
    component_id: int | None = None
    visibility: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_args(self) -> dict[str, Any]:
        """The query-string arguments that give these filters back (for links)."""
        values = {
            "actor": self.actor,
            "action": self.action,
            "space": self.space_id,
            "component": self.component_id,
            "visibility": self.visibility,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}


def _whole_number(raw: str) -> int | None:
    return as_int(raw)


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def parse_filters(args: Mapping[str, str]) -> tuple[LogFilters, dict[str, str]]:
    """Read the filters from a query string; errors are keyed by field name."""
    errors: dict[str, str] = {}
    raw = {key: (args.get(key) or "").strip() for key in FIELDS}
    space_id = _whole_number(raw["space"])
    if raw["space"] and space_id is None:
        errors["space"] = _("Choose a space from the list.")
    component_id = _whole_number(raw["component"])
    if raw["component"] and component_id is None:
        errors["component"] = _("A component number is a whole number, such as 12.")
    visibility = raw["visibility"]
    if visibility and visibility not in VISIBILITIES:
        errors["visibility"] = _("Choose a visibility from the list.")
    dates = {}
    for key in ("from", "to"):
        dates[key] = _date(raw[key])
        if raw[key] and dates[key] is None:
            errors[key] = _("Write the date as year-month-day, such as 2026-03-31.")
    if dates["from"] and dates["to"] and dates["to"] < dates["from"]:
        errors["to"] = _("The end date comes before the start date.")
    filters = LogFilters(
        actor=raw["actor"][:254],
        action=raw["action"][:100],
        space_id=space_id,
        component_id=component_id,
        visibility=visibility if "visibility" not in errors else "",
        date_from=dates["from"],
        date_to=dates["to"] if "to" not in errors else None,
    )
    return filters, errors


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the organization's time zone, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(select_timezone()))


def filtered_query(filters: LogFilters) -> Select[tuple[ActionLog]]:
    """The log entries matching ``filters`` (not ordered, not cut)."""
    query = select(ActionLog)
    if filters.actor:
        people = select(User.id).where(
            or_(
                User.email.icontains(filters.actor, autoescape=True),
                User.name.icontains(filters.actor, autoescape=True),
            )
        )
        query = query.where(ActionLog.actor_id.in_(people))
    if filters.action:
        query = query.where(ActionLog.action.startswith(filters.action, autoescape=True))
    if filters.space_id is not None:
        query = query.where(ActionLog.space_id == filters.space_id)
    if filters.component_id is not None:
        query = query.where(ActionLog.component_id == filters.component_id)
    if filters.visibility:
        query = query.where(ActionLog.visibility == filters.visibility)
    if filters.date_from:
        query = query.where(ActionLog.created_at >= _start_of(filters.date_from))
    if filters.date_to:
        end = _start_of(filters.date_to + dt.timedelta(days=1))
        query = query.where(ActionLog.created_at < end)
    return query


@attrs.frozen
class Names:
    """The people, spaces and components some log entries point to, by id."""

    people: dict[int, User]
    spaces: dict[int, Space]
    components: dict[int, Component]

    @classmethod
    def of(cls, session: Session, entries: list[ActionLog]) -> Names:
        """Three queries at most, however many entries."""
        people_ids = {e.actor_id for e in entries} | {e.operator_id for e in entries}
        space_ids = {e.space_id for e in entries}
        component_ids = {e.component_id for e in entries}
        return cls(
            people=_by_id(session, User, people_ids),
            spaces=_by_id(session, Space, space_ids),
            components=_by_id(session, Component, component_ids),
        )


def _by_id(session: Session, model: Any, ids: set[int | None]) -> dict[int, Any]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(wanted)))}


@attrs.frozen
class LogPage:
    entries: list[ActionLog]
    names: Names
    has_newer: bool
    has_older: bool


def load_page(
    session: Session, filters: LogFilters, size: int, before: int | None, after: int | None
) -> LogPage:
    """One page of entries, newest first: those older than ``before`` or newer than ``after``."""
    query = filtered_query(filters)
    if after is not None:
        rows = list(
            session.scalars(
                query.where(ActionLog.id > after).order_by(ActionLog.id).limit(size + 1)
            )
        )
        entries = rows[:size][::-1]
        has_newer, has_older = len(rows) > size, True
    else:
        if before is not None:
            query = query.where(ActionLog.id < before)
        rows = list(session.scalars(query.order_by(ActionLog.id.desc()).limit(size + 1)))
        entries = rows[:size]
        has_newer, has_older = before is not None, len(rows) > size
    return LogPage(entries, Names.of(session, entries), has_newer, has_older)
