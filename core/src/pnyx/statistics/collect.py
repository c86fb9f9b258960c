"""Asking every plugin for its figures and adding them up into a :class:`Report`.

The core decides which components are counted (the permission layer: only what
the reader may see, never a private space on the organization's page); plugins
only count inside the components they are given.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from typing import Any

import attrs
from flask import current_app
from sqlalchemy import func, select, union
from sqlalchemy.orm import Session, selectinload

from pnyx.models import Component, Space, utcnow
from pnyx.statistics.figures import KINDS, Figure

log = logging.getLogger(__name__)


@attrs.frozen
class Report:
    """Every figure for a set of components, added up by kind, as of ``computed_at``."""

    figures: tuple[Figure, ...]
    participants: int
    computed_at: dt.datetime
    #: The people behind the figures, one ``select`` (for age groups); ``None`` when none.
    people: Any = None

    def by_kind(self) -> list[tuple[str, int]]:
        """``(kind, total)`` in the order of ``KINDS``, kinds nobody counts left out."""
        totals: dict[str, int] = defaultdict(int)
        for figure in self.figures:
            totals[figure.kind] += figure.value
        return [(kind, totals[kind]) for kind in KINDS if kind in totals]

    def daily_by_kind(self) -> dict[str, list[tuple[dt.date, int]]]:
        """For each kind, ``(day, added that day)`` summed over figures, by day."""
        series: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
        for figure in self.figures:
            for day, count in figure.daily:
                series[figure.kind][day] += count
        return {kind: sorted(series[kind].items()) for kind in KINDS if series.get(kind)}

    def by_territory(self) -> dict[int | None, dict[str, int]]:
        """territory id → kind → count."""
        table: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for figure in self.figures:
            for territory, count in figure.by_territory:
                table[territory][figure.kind] += count
        return table


def public_components(session: Session) -> list[Component]:
    """What the organization's page counts: published components of published public
    spaces, for everyone alike (a private space never shows there, even to its members)."""
    query = (
        select(Component)
        .join(Space, Space.id == Component.space_id)
        .where(Space.published.is_(True), Space.private.is_(False))
        .where(Component.published.is_(True))
        .options(selectinload(Component.space))
        .order_by(Space.position, Space.id, Component.weight, Component.id)
    )
    return list(session.scalars(query))


def ask_plugins(components: list[Component], session: Session) -> list[Figure]:
    """Each plugin's figures; a failing plugin is logged and left out (the page still shows)."""
    if not components:
        return []
    hook = current_app.extensions["pnyx.plugins"].pm.hook.statistics
    figures: list[Figure] = []
    for impl in hook.get_hookimpls():
        arguments = {"components": components, "session": session}
        try:
            result = impl.function(**{name: arguments[name] for name in impl.argnames})
        except Exception:
            log.exception("statistics of plugin %s failed", impl.plugin_name)
            session.rollback()
            continue
        figures.extend(result or ())
    return figures


def people_of(figures: list[Figure]) -> Any:
    selections = [figure.people for figure in figures if figure.people is not None]
    if not selections:
        return None
    return union(*selections) if len(selections) > 1 else selections[0]


def count_people(session: Session, people: Any) -> int:
    if people is None:
        return 0
    return session.scalar(select(func.count()).select_from(people.subquery())) or 0


def build_report(components: list[Component], session: Session) -> Report:
    figures = ask_plugins(components, session)
    people = people_of(figures)
    return Report(
        figures=tuple(figures),
        participants=count_people(session, people),
        computed_at=utcnow(),
        people=people,
    )
