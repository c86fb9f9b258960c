"""Published public spaces by state, filtered by group, type, theme and territory.

The home page and ``/spaces`` (and a group's page) read spaces through here:
highlighted spaces first, then in the order staff chose (``position``). Each
list is one query for the rows, one for their phases and one for their
groups, whatever the number of spaces; the counts per state are one more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from pnyx.db import get_session
from pnyx.models import Space, space_themes
from pnyx.spaces.state import STATES, with_state
from pnyx.toolkit.pagination import Page, paginate
from pnyx.toolkit.taxonomy import subtree


@attrs.frozen
class SpaceFilters:
    """What a reader narrowed the listing to (``None``: no filter)."""

    group_id: int | None = None
    type: str | None = None
    theme_id: int | None = None
    territory_id: int | None = None

    def apply(self, query: Select[Any]) -> Select[Any]:
        query = query.where(Space.published.is_(True), Space.private.is_(False))
        if self.group_id is not None:
            query = query.where(Space.group_id == self.group_id)
        if self.type:
            query = query.where(Space.type == self.type)
        if self.theme_id is not None:
            themed = select(space_themes.c.space_id).where(
                space_themes.c.term_id.in_(subtree(self.theme_id))
            )
            query = query.where(Space.id.in_(themed))
        if self.territory_id is not None:
            query = query.where(Space.territory_id.in_(subtree(self.territory_id)))
        return query

    @property
    def active(self) -> bool:
        """Whether the reader chose a filter (a group is the page, not a filter)."""
        return bool(self.type or self.theme_id or self.territory_id)


def state_counts(filters: SpaceFilters, today: dt.date | None = None) -> dict[str, int]:
    """How many spaces each state holds (every state present, 0 when empty): one query."""
    query, state = with_state(select(Space.id), today or dt.date.today())
    grouped = filters.apply(query).with_only_columns(state, func.count(Space.id)).group_by(state)
    counts = dict.fromkeys(STATES, 0)
    counts.update({name: int(number) for name, number in get_session().execute(grouped)})
    return counts


def spaces_query(state: str, filters: SpaceFilters, today: dt.date | None = None) -> Select[Any]:
    """The spaces in ``state``, highlighted first then by position, phases and group loaded."""
    query, state_ = with_state(select(Space), today or dt.date.today())
    return (
        filters.apply(query)
        .where(state_ == state)
        .options(selectinload(Space.steps), selectinload(Space.group))
        .order_by(Space.highlighted.desc(), Space.position, Space.id)
    )


def spaces_in(state: str, filters: SpaceFilters, limit: int) -> list[Space]:
    """The first ``limit`` spaces in ``state`` (the home page's short lists)."""
    return list(get_session().scalars(spaces_query(state, filters).limit(limit)))


def first_spaces(
    limits: Mapping[str, int], filters: SpaceFilters, today: dt.date | None = None
) -> dict[str, list[Space]]:
    """The first spaces of several states (``{state: limit}``), in the order of
    :func:`spaces_query`, in one statement (plus phases and groups) instead of three per
    state: each state's spaces are numbered by a window function and cut at its limit."""
    found: dict[str, list[Space]] = {state: [] for state in limits}
    if not limits:
        return found
    query, state = with_state(select(Space), today or dt.date.today())
    order = (Space.highlighted.desc(), Space.position, Space.id)
    rank = func.row_number().over(partition_by=state, order_by=order)
    numbered = (
        filters.apply(query)
        .where(state.in_(list(limits)))
        .add_columns(state.label("state"), rank.label("rank"))
        .subquery("pnyx_numbered_spaces")
    )
    space = aliased(Space, numbered)
    cut = [
        (numbered.c.state == name) & (numbered.c.rank <= limit) for name, limit in limits.items()
    ]
    rows = get_session().execute(
        select(space, numbered.c.state)
        .where(or_(*cut))
        .options(selectinload(space.steps), selectinload(space.group))
        .order_by(numbered.c.state, numbered.c.rank)
    )
    for row, name in rows:
        found[name].append(row)
    return found


def spaces_page(state: str, filters: SpaceFilters) -> Page[Space]:
    """The page of spaces in ``state`` asked by ``?page=``."""
    return paginate(spaces_query(state, filters))
