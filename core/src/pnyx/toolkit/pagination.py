"""Pages of rows: a query in, one page of rows and the links to the others out.

Two ways to page, both without counting rows unless asked, both reading one
row more than the page to know whether another page follows:

- :func:`paginate` (``?page=3``): numbered pages, for admin lists and
  filtered lists a person browses and bookmarks;
- :func:`paginate_keyset` (``?after=812``): "older messages" lists that grow
  at the top (a board, a feed), where an offset would skip or repeat rows
  when new ones arrive, and gets slower the deeper one goes.

``pnyx/_pagination.html``'s ``pager(page, label)`` macro draws the links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import attrs
from flask import current_app, request, url_for
from sqlalchemy import ColumnElement, Select, func, select, tuple_

from pnyx.db import get_session
from pnyx.inputs import int_arg, page_arg

T = TypeVar("T")


@attrs.frozen
class Page(Generic[T]):
    """One page of rows and where the neighbouring pages are."""

    #: The rows of this page (at most ``size``).
    items: list[T]
    #: The page number, from 1 (keyset pages: 1 on the first page, else 2).
    number: int
    #: Whether a page follows this one.
    has_next: bool
    #: Whether a page comes before this one.
    has_previous: bool
    #: The URL of the next page, or ``None``.
    next_url: str | None
    #: The URL of the previous page (keyset pages: the first page), or ``None``.
    previous_url: str | None
    #: How many pages in all, when :func:`paginate` was asked to ``count``; else ``None``.
    pages: int | None = None
    #: How many rows in all, when :func:`paginate` was asked to ``count``; else ``None``.
    total: int | None = None
    #: Whether this is a keyset page (its "previous" link leads back to the first page).
    keyset: bool = False

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def url(self, number: int) -> str:
        """The URL of page ``number`` of a numbered list (for "1 2 3" links)."""
        return page_url(page=number if number > 1 else None)


def page_url(**changes: Any) -> str:
    """The current page's URL with some query arguments changed (``None`` removes one)."""
    args = request.args.to_dict(flat=False)
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = [str(value)]
    return url_for(request.endpoint or "", **(request.view_args or {}), **args)


def page_size(size: int | None = None) -> int:
    return int(size if size is not None else current_app.config["PAGE_SIZE"])


def current_page_number() -> int:
    """``?page=`` of the request: 1 when missing; a 400 that says so when it is not a page
    number (``pnyx.inputs.page_arg``: ``page=²`` or ``page=10**20`` never reach the database)."""
    return page_arg()


def paginate(query: Select[Any], *, size: int | None = None, count: bool = False) -> Page[Any]:
    """The page of ``query``'s rows asked by ``?page=``, ``size`` rows (default ``PAGE_SIZE``).

    ``query`` must be ordered (the order must be total: end it with the id).
    It selects one entity (``select(Message)``: rows are the objects) or
    columns (rows are ``Row`` tuples). ``count=True`` adds one ``COUNT`` query
    to fill ``pages`` (numbered links); without it the page only knows
    whether another follows.
    """
    size = page_size(size)
    number = current_page_number()
    found = _rows(query.offset((number - 1) * size).limit(size + 1))
    pages = total = None
    if count:
        counting = select(func.count()).select_from(query.order_by(None).subquery())
        total = int(get_session().scalar(counting) or 0)
        pages = max(-(-total // size), 1)
    has_next = len(found) > size
    return Page(
        items=found[:size],
        number=number,
        has_next=has_next,
        has_previous=number > 1,
        next_url=page_url(page=number + 1) if has_next else None,
        previous_url=page_url(page=number - 1 if number > 2 else None) if number > 1 else None,
        pages=pages,
        total=total,
    )


def paginate_keyset(
    query: Select[Any],
    key: Sequence[ColumnElement[Any]],
    *,
    descending: bool = True,
    size: int | None = None,
) -> Page[Any]:
    """The page of ``query``'s rows after the row whose id ``?after=`` gives.

    ``key`` is the order of the list, ending with the primary key so it is total
    (``(Message.created_at, Message.id)``); every column in the same direction
    (``descending``: newest first). ``query`` selects one entity with an ``id``,
    unordered: the order is added here. Each page costs the same whatever its
    depth: the database seeks to the key of the last row seen (one small query
    reads that row's key) instead of skipping rows.
    """
    size = page_size(size)
    after = int_arg("after", label="after")
    ordered = query.order_by(*(column.desc() if descending else column for column in key))
    if after is not None:
        entity = query.column_descriptions[0]["entity"]
        anchor = get_session().execute(select(*key).where(entity.id == after)).first()
        if anchor is not None:
            seen = tuple_(*key) < tuple_(*anchor) if descending else tuple_(*key) > tuple_(*anchor)
            ordered = ordered.where(seen)
    found = _rows(ordered.limit(size + 1))
    has_next = len(found) > size
    items = found[:size]
    return Page(
        items=items,
        number=2 if after is not None else 1,
        has_next=has_next,
        has_previous=after is not None,
        next_url=page_url(after=items[-1].id, page=None) if has_next else None,
        previous_url=page_url(after=None, page=None) if after is not None else None,
        keyset=True,
    )


def _rows(query: Select[Any]) -> list[Any]:
    """Objects when ``query`` selects one entity, else ``Row`` tuples."""
    result = get_session().execute(query)
    described = query.column_descriptions
    if len(described) == 1 and described[0]["type"] is described[0]["entity"]:
        return list(result.unique().scalars())
    return list(result.all())
