"""Categories of help: the usual ones seeded, staff rename, reorder, add and archive them.

A board starts with :data:`DEFAULTS`, written in every language the first time
the board's categories are needed (a unique ``(component, code)`` makes two
first requests at once harmless). From then on they are rows staff edit.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pnyx import api
from pnyx_mutual_aid.models import AidCategory

DEFAULTS = (
    ("shopping", api._l("Shopping")),
    ("errands", api._l("Errands and paperwork")),
    ("childcare", api._l("Childcare")),
    ("transport", api._l("Transport")),
    ("company", api._l("Company and phone calls")),
    ("tools", api._l("Lending tools")),
    ("pets", api._l("Pets")),
    ("other", api._l("Other help")),
)


def in_every_locale(label: Any) -> dict[str, str]:
    names = {}
    for locale in current_app.config["LOCALES"]:
        with force_locale(locale):
            names[locale] = str(label)
    return names


def categories_of(component: api.Component, *, archived: bool = True) -> list[AidCategory]:
    """The component's categories in their order (the defaults written on first need)."""
    session = api.db_session()
    query = select(AidCategory).where(AidCategory.component_id == component.id)
    rows = list(session.scalars(query.order_by(AidCategory.position, AidCategory.id)))
    if not rows:
        add_defaults(component)
        rows = list(session.scalars(query.order_by(AidCategory.position, AidCategory.id)))
    return [row for row in rows if archived or not row.archived]


def add_defaults(component: api.Component) -> None:
    """Write the usual categories for ``component``, once."""
    session = api.db_session()
    for position, (code, label) in enumerate(DEFAULTS):
        session.add(
            AidCategory(
                component_id=component.id,
                code=code,
                name=in_every_locale(label),
                position=position,
            )
        )
    try:
        session.commit()
    except IntegrityError:  # another request wrote them first
        session.rollback()


def choices(component: api.Component) -> list[tuple[int, str]]:
    """``(id, name)`` of the categories offered for new posts."""
    return [(row.id, api.translated(row.name)) for row in categories_of(component, archived=False)]
