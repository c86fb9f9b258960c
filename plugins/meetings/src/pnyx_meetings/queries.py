"""Reading meetings: filters, visibility, pages whose query count does not grow.

A page of meetings costs the same number of queries whatever its length:
territories, minutes, components and spaces come in the main query (joins),
themes in one more (``selectinload``), seat counts and the reader's own
registrations in one grouped query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_meetings import zones
from pnyx_meetings.models import Kind, Meeting, Minutes, Registration, Status, meeting_themes

WHEN = ("upcoming", "past", "all")


@attrs.frozen
class Filters:
    """What a reader asked for in the query string of a list."""

    when: str = "upcoming"
    kind: str = ""
    territory_id: int | None = None
    theme_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    #: Words to find in the title, description or place (accents and case do not matter).
    text: str = ""

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link to these filters (with ``changes``)."""
        values = {
            "when": self.when if self.when != "upcoming" else None,
            "kind": self.kind or None,
            "territory": self.territory_id,
            "theme": self.theme_id,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "q": self.text or None,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "")}

    def cleared(self) -> dict[str, Any]:
        """Arguments of the same list without filters (first page)."""
        return {"when": self.when} if self.when != "upcoming" else {}

    @property
    def active(self) -> bool:
        return bool(
            self.kind
            or self.territory_id
            or self.theme_id
            or self.date_from
            or self.date_to
            or self.text
        )


def parse_filters(args: Mapping[str, str]) -> Filters:
    """Filters from a query string; a number or date that makes no sense is a 400 that says
    which filter (never silently ignored); an unknown choice falls back to the default."""
    when = args.get("when", "upcoming")
    kind = args.get("kind", "")
    return Filters(
        when=when if when in WHEN else "upcoming",
        kind=kind if kind in tuple(Kind) else "",
        territory_id=api.read_int(args, "territory", label=api._("Territory")),
        theme_id=api.read_int(args, "theme", label=api._("Theme")),
        date_from=_date(args.get("from"), api._("From")),
        date_to=_date(args.get("to"), api._("To")),
        page=api.read_int(args, "page", 1, label=api._("page"), maximum=api.MAX_PAGE) or 1,
        text=api.search_words(args.get("q")),
    )


def _date(value: str | None, label: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        message = api._("“%(field)s” must be a date, such as 2026-03-21.", field=label)
        raise api.InvalidInput(message) from None


def base_query() -> Select[tuple[Meeting]]:
    """Published meetings with what a card shows loaded in the same round trips."""
    return (
        select(Meeting)
        .where(Meeting.published.is_(True))
        .options(
            joinedload(Meeting.territory),
            joinedload(Meeting.minutes),
            joinedload(Meeting.component).joinedload(api.Component.space),
            selectinload(Meeting.themes),
        )
    )


def visible_everywhere(query: Select[tuple[Meeting]]) -> Select[tuple[Meeting]]:
    """Only meetings of published components in published, public spaces (directory)."""
    return (
        query.join(api.Component, api.Component.id == Meeting.component_id)
        .join(api.Space, api.Space.id == api.Component.space_id)
        .where(
            api.Component.published.is_(True),
            api.Component.type == "meetings",
            api.Space.published.is_(True),
            api.Space.private.is_(False),
        )
    )


def filtered(query: Select[tuple[Meeting]], filters: Filters) -> Select[tuple[Meeting]]:
    now = api.utcnow()
    if filters.when == "upcoming":
        query = query.where(Meeting.end_at >= now).order_by(Meeting.start_at, Meeting.id)
    elif filters.when == "past":
        query = query.where(Meeting.end_at < now).order_by(Meeting.start_at.desc(), Meeting.id)
    else:
        query = query.order_by(Meeting.start_at.desc(), Meeting.id)
    if filters.kind:
        query = query.where(Meeting.kind == filters.kind)
    if filters.territory_id:
        query = query.where(Meeting.territory_id.in_(territory_and_below(filters.territory_id)))
    if filters.theme_id:
        themed = select(meeting_themes.c.meeting_id).where(
            meeting_themes.c.term_id == filters.theme_id
        )
        query = query.where(Meeting.id.in_(themed))
    if filters.date_from or filters.date_to:
        first = filters.date_from or dt.date(1970, 1, 1)
        last = filters.date_to or dt.date(9998, 12, 31)
        start, end = zones.local_day_bounds(first, last)
        query = query.where(Meeting.start_at < end, Meeting.end_at >= start)
    if filters.text:
        query = query.where(api.folded_matches(Meeting.search_text, filters.text))
    return query


def territory_and_below(term_id: int) -> list[int]:
    """``term_id`` and every territory under it (a département's communes)."""
    rows = api.db_session().execute(
        select(api.TaxonomyTerm.id, api.TaxonomyTerm.parent_id).where(
            api.TaxonomyTerm.kind == "territory"
        )
    )
    children: dict[int | None, list[int]] = {}
    for term, parent in rows:
        children.setdefault(parent, []).append(term)
    found, todo = [], [term_id]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def between(query: Select[tuple[Meeting]], start: dt.datetime, end: dt.datetime) -> list[Meeting]:
    """Meetings overlapping ``[start, end)``, by start time (a month of the calendar)."""
    query = query.where(Meeting.start_at < end, Meeting.end_at >= start)
    return list(api.db_session().scalars(query.order_by(Meeting.start_at, Meeting.id)).unique())


def seat_counts(meetings: Sequence[Meeting]) -> dict[int, int]:
    """Confirmed registrations per meeting, in one query."""
    ids = [m.id for m in meetings if m.registrations_enabled]
    if not ids:
        return {}
    query = (
        select(Registration.meeting_id, func.count())
        .where(Registration.meeting_id.in_(ids), Registration.status == Status.CONFIRMED)
        .group_by(Registration.meeting_id)
    )
    return {key: value for key, value in api.db_session().execute(query)}


def own_registrations(meetings: Sequence[Meeting], user: api.User | None) -> dict[int, str]:
    """The reader's registration status per meeting, in one query."""
    ids = [m.id for m in meetings if m.registrations_enabled]
    if user is None or not ids:
        return {}
    query = select(Registration.meeting_id, Registration.status).where(
        Registration.meeting_id.in_(ids), Registration.user_id == user.id
    )
    return {key: value for key, value in api.db_session().execute(query)}


def latest_minutes(space_id: int) -> Meeting | None:
    """The space's meeting whose published minutes are the newest."""
    query = (
        base_query()
        .join(Minutes, Minutes.meeting_id == Meeting.id)
        .join(api.Component, api.Component.id == Meeting.component_id)
        .where(
            api.Component.space_id == space_id,
            api.Component.published.is_(True),
            Minutes.published.is_(True),
        )
        .order_by(Minutes.closed_at.desc(), Minutes.id.desc())
        .limit(1)
    )
    return api.db_session().scalars(query).unique().first()


def upcoming_in(space_id: int | None, limit: int) -> list[Meeting]:
    """The next meetings (of a space, or of every public space), soonest first."""
    if space_id is None:
        query = visible_everywhere(base_query())
    else:
        # The space page was already checked: its team sees a private space's meetings too.
        query = (
            base_query()
            .join(api.Component, api.Component.id == Meeting.component_id)
            .where(api.Component.space_id == space_id, api.Component.published.is_(True))
        )
    query = filtered(query, Filters())
    return list(api.db_session().scalars(query.limit(limit)).unique())


def search_terms(kind: str) -> list[api.TermOption]:
    """Taxonomy terms of ``kind`` for a filter's or a form's choices, in tree order."""
    return api.taxonomy_terms(kind)
