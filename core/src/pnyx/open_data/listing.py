"""Reading a list request: filters, then one page of rows after a cursor.

Pages follow the row id (keyset pagination): ``WHERE id > <cursor> ORDER BY id
LIMIT n + 1``, so a deep page costs what the first costs and a row added meanwhile
neither repeats nor skips one. The cursor is the last id of the page before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from sqlalchemy import select

from pnyx.inputs import MAX_ID
from pnyx.models import Component, Space, TaxonomyTerm
from pnyx.open_data.core_resources import public_component_ids
from pnyx.open_data.resources import ApiResource

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_TEXT = 80


class BadParameterError(ValueError):
    """A parameter the API cannot read; its message says which and why (a 400)."""


@attrs.frozen
class Page:
    rows: list[Any]
    next_cursor: str | None


def encode_cursor(row_id: int) -> str:
    """The cursor of the page after ``row_id``: the id itself, so any id is a valid cursor
    (a client may start anywhere; a row deleted meanwhile does not break the next link)."""
    return str(row_id)


def whole_number(args: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    text = args.get(name)
    if text is None:
        return None
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        raise BadParameterError(f"{name}: a whole number from {low} to {high}")
    return int(text)


def short_text(args: Mapping[str, str], name: str) -> str | None:
    text = args.get(name)
    if text is not None and (not text or len(text) > MAX_TEXT or "\x00" in text):
        raise BadParameterError(f"{name}: a text of 1 to {MAX_TEXT} characters")
    return text


def moment(args: Mapping[str, str], name: str) -> dt.datetime | None:
    text = args.get(name)
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadParameterError(f"{name}: a date and time such as 2026-12-07T10:00:00Z") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def term_and_below(term_id: int, name: str) -> Any:
    """``SELECT id`` of a term and the terms under it, as ``api.subtree`` does, in a CTE
    named ``name``: a theme filter and a territory filter in one query need two names."""
    cte = select(TaxonomyTerm.id).where(TaxonomyTerm.id == term_id).cte(name, recursive=True)
    cte = cte.union_all(select(TaxonomyTerm.id).where(TaxonomyTerm.parent_id == cte.c.id))
    return select(cte.c.id)


def conditions(resource: ApiResource, args: Mapping[str, str]) -> list[Any]:
    """The filters of the request, as SQL conditions (a wrong value raises BadParameterError)."""
    found: list[Any] = []
    space = short_text(args, "space")
    if space is not None:
        ids = select(Space.id).where(Space.slug == space)
        if resource.component_column is not None:
            in_space = select(Component.id).where(Component.space_id.in_(ids))
            found.append(resource.component_column.in_(in_space))
        else:
            found.append(resource.space_column.in_(ids))
    if resource.component_column is not None:
        found.append(resource.component_column.in_(public_component_ids()))
        component = whole_number(args, "component", 1, MAX_ID)
        if component is not None:
            found.append(resource.component_column == component)
    theme = whole_number(args, "theme", 1, MAX_ID) if resource.theme_condition else None
    if theme is not None and resource.theme_condition is not None:
        found.append(resource.theme_condition(term_and_below(theme, "api_themes")))
    territory = whole_number(args, "territory", 1, MAX_ID)
    if territory is not None and resource.territory_column is not None:
        found.append(resource.territory_column.in_(term_and_below(territory, "api_territories")))
    state = short_text(args, "state")
    if state is not None and resource.state_column is not None:
        found.append(resource.state_column == state)
    since = moment(args, "updated_since")
    if since is not None and resource.updated_column is not None:
        found.append(resource.updated_column >= since)
    return found


def list_page(session: Any, resource: ApiResource, args: Mapping[str, str]) -> Page:
    limit = whole_number(args, "limit", 1, MAX_LIMIT) or DEFAULT_LIMIT
    cursor = whole_number(args, "cursor", 0, MAX_ID)
    query = resource.query().where(*conditions(resource, args))
    if cursor is not None:
        query = query.where(resource.id_column > cursor)
    rows = list(session.scalars(query.order_by(resource.id_column).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last_id = getattr(rows[-1], resource.id_column.key) if rows else None
    return Page(rows=rows, next_cursor=encode_cursor(last_id) if more and last_id else None)


def one_row(session: Any, resource: ApiResource, row_id: int) -> Any:
    """The row with ``row_id`` if the public may see it, else ``None``."""
    query = resource.query().where(*conditions(resource, {}), resource.id_column == row_id)
    return session.scalars(query).first()


def every_row(
    session: Any, resource: ApiResource, args: Mapping[str, str], batch: int = 500
) -> Iterator[Any]:
    """Every public row matching ``args``, read a batch at a time (by id, as pages are)."""
    query = resource.query().where(*conditions(resource, args)).order_by(resource.id_column)
    last = 0
    while True:
        rows = list(session.scalars(query.where(resource.id_column > last).limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        last = getattr(rows[-1], resource.id_column.key)
