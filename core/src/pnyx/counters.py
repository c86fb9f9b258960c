"""Stored participation figures: space pages read them instead of recounting.

Each :class:`~pnyx.manifests.StatDefinition` of a component is computed by a job and
stored in ``stat_counters``. Any action logged for a component (a support, a ballot, a
registration, a moderation...) asks for that job once per request, after the commit;
figures older than ``STATS_MAX_AGE_SECONDS`` are refreshed the same way when shown, and
``pnyx stats rebuild`` recomputes everything (after a bulk import, for instance).

Refreshes of one component are serialized (a row lock on the component, or SQLite's
single writer) and read the data only once they hold it, so the last one to store its
figures has counted every write committed before it started: concurrent writes cannot
leave a stale figure behind.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from flask import current_app, g, has_app_context
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.jobs import enqueue, job
from pnyx.jobs.queues import PENDING
from pnyx.models import Component, StatCounter, utcnow

log = logging.getLogger(__name__)

#: ``g`` key: components whose figures this request already asked to refresh.
MARKED = "pnyx_counters_marked"

Figures = dict[str, int]


def counters_changed(component_id: int) -> None:
    """Recompute ``component_id``'s figures after the current request (or job) ends.

    Commands (imports, seeding) do not: they run ``pnyx stats rebuild`` when done, since a
    job started before their commit would count without their rows.
    """
    if not has_app_context() or g.get(PENDING) is None:
        return
    marked: set[int] = g.setdefault(MARKED, set())
    if component_id not in marked:
        marked.add(component_id)
        enqueue(refresh_counters, component_id)


@job(retries=3)
def refresh_counters(component_id: int) -> None:
    """Count ``component_id``'s figures again and store them."""
    session = get_session()
    # Taken before counting: see the module's docstring.
    component = session.scalar(
        select(Component).where(Component.id == component_id).with_for_update()
    )
    if component is not None:
        store(session, component, compute(session, component))
    session.commit()


def compute(session: Session, component: Component) -> Figures:
    """Every figure the component's type declares; a failing one is logged and left out."""
    figures: Figures = {}
    for stat in _definitions(component):
        try:
            with session.begin_nested():
                figures[stat.name] = int(stat.compute(session, component))
        except Exception:
            log.exception("statistic %s of component %s failed", stat.name, component.id)
    return figures


def store(session: Session, component: Component, figures: Figures) -> None:
    session.execute(delete(StatCounter).where(StatCounter.component_id == component.id))
    now = utcnow()
    session.add_all(
        StatCounter(component_id=component.id, name=name, value=value, computed_at=now)
        for name, value in figures.items()
    )
    session.flush()


def figures_of(components: Iterable[Component]) -> dict[int, Figures]:
    """The figures of ``components`` in one query; missing ones are counted now (once)."""
    components = list(components)
    session = get_session()
    rows = session.scalars(
        select(StatCounter).where(StatCounter.component_id.in_([c.id for c in components]))
    )
    stored: dict[int, list[StatCounter]] = {}
    for row in rows:
        stored.setdefault(row.component_id, []).append(row)
    oldest_allowed = utcnow() - dt.timedelta(seconds=current_app.config["STATS_MAX_AGE_SECONDS"])
    result: dict[int, Figures] = {}
    for component in components:
        counters = stored.get(component.id, [])
        figures = {row.name: row.value for row in counters}
        if any(stat.name not in figures for stat in _definitions(component)):
            figures = compute(session, component)
            counters_changed(component.id)
        elif any(row.computed_at < oldest_allowed for row in counters):
            counters_changed(component.id)
        result[component.id] = figures
    return result


def rebuild(session: Session) -> int:
    """Recompute every component's figures (``pnyx stats rebuild``); returns how many."""
    ids = list(session.scalars(select(Component.id).order_by(Component.id)))
    for component_id in ids:
        refresh_counters(component_id)
    return len(ids)


def _definitions(component: Component) -> tuple:
    registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    return component_type.stats if component_type else ()
