"""Loading one row of the current component, or answering 404.

Every component page that takes an id in its URL must check that the row
belongs to the component in the URL: ``/spaces/a/proposals/1/proposals/7``
must not show proposal 7 of another space's component. :func:`get_or_404`
does both in one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from flask import abort, g
from sqlalchemy import ColumnElement, select
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
    ``for_update`` locks the row until the commit.
    """
    conditions = list(where)
    component_column = getattr(model, "component_id", None)
    if isinstance(component_column, InstrumentedAttribute):
        component = g.get("component")
        if component is None:
            abort(404)
        conditions.append(component_column == component.id)
    elif not conditions:
        raise TypeError(
            f"{model.__name__} has no component_id: pass the condition that ties it to the "
            "current component in where="
        )
    primary_key = model.__mapper__.primary_key[0]  # type: ignore[attr-defined]
    query = select(model).where(primary_key == row_id, *conditions).options(*options)
    if for_update:
        query = query.with_for_update(of=model)
    row = get_session().scalars(query).unique().first()
    if row is None:
        abort(404)
    return row
