"""Loading one row of the current component, or answering 404.

Every component page that takes an id in its URL must check that the row
belongs to the component in the URL: ``/spaces/a/proposals/1/proposals/7``
must not show proposal 7 of another space's component. :func:`get_or_404`
does both in one query.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, TypeVar

from flask import abort, g
from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm.interfaces import ORMOption

from pnyx.db import get_session

T = TypeVar("T")


def get_or_404(
    model: type[T],
    row_id: Any,
    *,
    where: Iterable[ColumnElement[bool]] = (),
    options: Iterable[ORMOption] = (),
    for_update: bool = False,
) -> T:
    """The ``model`` row with primary key ``row_id`` in the current component, or 404.

    ``model`` must have a ``component_id`` column, compared with the
    component of the page being served (a plugin's child rows, such as a
    budget's projects, pass their parent's condition in ``where`` instead and
    have no ``component_id``). ``where`` adds conditions (``Meeting.published``),
    ``options`` loader options (``joinedload(Proposal.author)``), and
    ``for_update`` locks the row until the commit. Without ``where``, the statement is
    built once for the model and options (pass options built once, a module constant).
    """
    conditions = list(where)
    component_column = getattr(model, "component_id", None)
    in_component = isinstance(component_column, InstrumentedAttribute)
    values: dict[str, Any] = {"row_id": row_id}
    if in_component:
        component = g.get("component")
        if component is None:
            abort(404)
        values["component_id"] = component.id
    elif not conditions:
        raise TypeError(
            f"{model.__name__} has no component_id: pass the condition that ties it to the "
            "current component in where="
        )
    query = _by_id(model, tuple(options), for_update, in_component)
    if conditions:  # a value of the caller's in each: built on each call
        query = query.where(*conditions)
    row = get_session().scalars(query, values).unique().first()
    if row is None:
        abort(404)
    return row


@functools.lru_cache(maxsize=256)
def _by_id(
    model: type, options: tuple[ORMOption, ...], for_update: bool, in_component: bool
) -> Select:
    """The statement by primary key (and component), built once per model and options
    (building one cost about what running it does; issue 22 item 7). Options are keys by
    identity: a caller's module-level options reuse it, fresh ones each call only refill
    this bounded cache."""
    primary_key = model.__mapper__.primary_key[0]  # type: ignore[attr-defined]
    query = select(model).where(primary_key == bindparam("row_id", type_=primary_key.type))
    if in_component:
        query = query.where(model.component_id == bindparam("component_id"))  # type: ignore[attr-defined]
    query = query.options(*options)
    if for_update:
        query = query.with_for_update(of=model)
    return query
