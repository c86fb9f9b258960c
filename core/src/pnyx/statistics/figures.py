"""What a plugin contributes to the statistics pages: :class:`Figure` values.

A plugin answers the ``statistics`` hook with one figure per thing it counts
(proposals, supports, ballots, registrations…), each of a *kind* so the core
can add figures of different plugins up (contributions, votes…) and a SQL
selection of the people behind it so "participants" counts each person once
across every plugin. ``daily`` and ``by_territory`` feed the charts and the
territory table; :func:`daily_counts` and :func:`territory_counts` build them
in one grouped query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs
from sqlalchemy import func, select
from sqlalchemy.orm import Session

#: Kinds of figures; a figure of another kind is shown on its own line.
CONTRIBUTIONS = "contributions"
SUPPORTS = "supports"
VOTES = "votes"
REGISTRATIONS = "registrations"
ANSWERS = "answers"
COMMENTS = "comments"
OTHER = "other"
KINDS = (CONTRIBUTIONS, SUPPORTS, VOTES, REGISTRATIONS, ANSWERS, COMMENTS, OTHER)

#: True while only the figures' values are read (a space page's stored figures,
#: :mod:`pnyx.statistics.per_component`): :func:`daily_counts` and :func:`territory_counts`
#: answer nothing without a query (grouping a city's supports by day tripled a recount).
VALUES_ONLY: ContextVar[bool] = ContextVar("pnyx_statistics_values_only", default=False)


@contextmanager
def values_only() -> Iterator[None]:
    token = VALUES_ONLY.set(True)
    try:
        yield
    finally:
        VALUES_ONLY.reset(token)


def _points(value: Iterable[tuple[dt.date, int]]) -> tuple[tuple[dt.date, int], ...]:
    return tuple(sorted((day, int(count)) for day, count in value))


def _territories(value: Iterable[tuple[int | None, int]]) -> tuple[tuple[int | None, int], ...]:
    return tuple((territory, int(count)) for territory, count in value)


@attrs.frozen
class Figure:
    """One figure a plugin counts for a set of components (a space's, or every public one)."""

    #: Unique, prefixed by the plugin's name (``proposals.proposals``).
    name: str
    #: What is counted, for people (``Proposals``).
    label: Any
    #: The figure now.
    value: int
    #: One of :data:`KINDS` (``contributions``, ``supports``, ``votes``, ``registrations``,
    #: ``answers``, ``comments``, ``other``): figures of one kind are added up.
    kind: str = OTHER
    #: ``(day, count)``: how many were added that day (days without any may be left out);
    #: the charts draw the running total. Build it with ``api.statistics.daily_counts``.
    daily: tuple[tuple[dt.date, int], ...] = attrs.field(default=(), converter=_points)
    #: ``(territory term id or None, count)``, shown when the organization allows a breakdown
    #: by territory. Build it with ``api.statistics.territory_counts``.
    by_territory: tuple[tuple[int | None, int], ...] = attrs.field(
        default=(), converter=_territories
    )
    #: A SQL ``select`` of one column, the ids of the people behind this figure (authors,
    #: voters…), or ``None``: the core counts participants once across every figure and,
    #: for staff, their age groups. It is never shown, nor sent anywhere.
    people: Any = None


def as_date(value: Any) -> dt.date:
    """A day read back from ``func.date(...)``: a date on PostgreSQL, text on SQLite."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def daily_counts(session: Session, column: Any, *conditions: Any) -> list[tuple[dt.date, int]]:
    """``(day, count)`` of the rows matching ``conditions``, by the day of ``column`` (UTC).

    ``daily_counts(session, Proposal.published_at, Proposal.component_id.in_(ids))``:
    one grouped query, on SQLite and PostgreSQL alike.
    """
    if VALUES_ONLY.get():
        return []
    day = func.date(column)
    query = select(day, func.count()).where(column.is_not(None), *conditions).group_by(day)
    return [(as_date(row[0]), int(row[1])) for row in session.execute(query)]


def territory_counts(
    session: Session, column: Any, *conditions: Any
) -> list[tuple[int | None, int]]:
    """``(territory id or None, count)`` of the rows matching ``conditions``, by ``column``."""
    if VALUES_ONLY.get():
        return []
    query = select(column, func.count()).where(*conditions).group_by(column)
    return [(row[0], int(row[1])) for row in session.execute(query)]


def ids_of(components: Iterable[Any], type_name: str) -> list[int]:
    """The ids of the components of type ``type_name`` among ``components``."""
    return [component.id for component in components if component.type == type_name]
