"""Stored participation figures: space pages read them instead of recounting.

Each :class:`~pnyx.manifests.StatDefinition` of a component is counted by a job and
stored in ``stat_counters`` with the id of the component's newest action-log entry at that
moment. Showing the figures costs two small queries (the stored figures; the newest log
entry of each component, from its index); when a component logged something since its
figures were counted, and they are older than ``STATS_DEBOUNCE_SECONDS``, the page shows
them and asks for a recount after the response. Writes (a support, a ballot...) do no extra
work at all, and a burst of them costs one recount, not one each. Figures older than
``STATS_MAX_AGE_SECONDS`` are recounted in any case, and ``pnyx stats rebuild`` recounts
everything (after a bulk import, for instance).

Recounts of one component are serialized (a row lock on the component, or SQLite's single
writer) and read the log's high-water mark before counting, once they hold the lock: a
write they did not see has a newer log entry, which asks for the next recount.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from flask import current_app, g, has_app_context
from sqlalchemy import delete, exists, func, literal, select, union_all
from sqlalchemy.orm import Session

from pnyx.db import get_session
from pnyx.jobs import enqueue, job
from pnyx.jobs.queues import PENDING
from pnyx.models import ActionLog, Component, StatCounter, utcnow
from pnyx.statistics.per_component import FiguresOnce

log = logging.getLogger(__name__)

#: ``g`` key: components whose figures this request already asked to recount.
MARKED = "pnyx_counters_marked"

Figures = dict[str, int]


def request_recount(component_id: int) -> None:
    """Recount ``component_id``'s figures after the current request (or job) ends.

    Commands (imports, seeding) call :func:`refresh_counters` after their commit instead:
    a job started before it would count without their rows.
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
    # Taken before reading anything: see the module's docstring.
    component = session.scalar(
        select(Component).where(Component.id == component_id).with_for_update()
    )
    if component is not None:
        log_id = _newest_log_ids(session, [component_id]).get(component_id, 0)
        store(session, component, compute(session, component), log_id)
    session.commit()


def compute(session: Session, component: Component) -> Figures:
    """Every figure the component's type declares; a failing one is logged and left out.

    Definitions that read the plugin's ``statistics`` figures (``api.statistics.figure_value``)
    ask the hook function once for all of them (:class:`FiguresOnce`).
    """
    figures: Figures = {}
    once = FiguresOnce(session, component)
    for stat in _definitions(component):
        try:
            with session.begin_nested():
                figures[stat.name] = once.count(stat.compute)
        except Exception:
            log.exception("statistic %s of component %s failed", stat.name, component.id)
    return figures


def store(session: Session, component: Component, figures: Figures, log_id: int) -> None:
    session.execute(delete(StatCounter).where(StatCounter.component_id == component.id))
    now = utcnow()
    session.add_all(
        StatCounter(
            component_id=component.id, name=name, value=value, computed_at=now, log_id=log_id
        )
        for name, value in figures.items()
    )
    session.flush()


def figures_of(components: Iterable[Component]) -> dict[int, Figures]:
    """The stored figures of ``components``; missing ones are counted now (and stored by a
    job), changed or old ones are shown as stored and recounted after the response."""
    components = list(components)
    ids = [c.id for c in components]
    session = get_session()
    stored: dict[int, list[StatCounter]] = {}
    for row in session.scalars(select(StatCounter).where(StatCounter.component_id.in_(ids))):
        stored.setdefault(row.component_id, []).append(row)
    marks = {cid: min(row.log_id for row in rows) for cid, rows in stored.items()}
    changed = _logged_since(session, marks) if stored else set()
    result: dict[int, Figures] = {}
    for component in components:
        counters = stored.get(component.id, [])
        figures = {row.name: row.value for row in counters}
        if any(stat.name not in figures for stat in _definitions(component)):
            figures = compute(session, component)
            request_recount(component.id)
        elif _stale(counters, component.id in changed):
            request_recount(component.id)
        result[component.id] = figures
    return result


def _stale(counters: list[StatCounter], changed: bool) -> bool:
    if not counters:
        return False
    return is_stale(min(row.computed_at for row in counters), changed)


def is_stale(computed_at: dt.datetime, changed: bool) -> bool:
    """Whether figures counted at ``computed_at`` should be recounted: something was logged
    since (``changed``) and they are older than the debounce delay, or they are older than
    the maximum age."""
    config = current_app.config
    age = utcnow() - computed_at
    if changed and age >= dt.timedelta(seconds=config["STATS_DEBOUNCE_SECONDS"]):
        return True
    return age >= dt.timedelta(seconds=config["STATS_MAX_AGE_SECONDS"])


def _logged_since(session: Session, marks: dict[int, int]) -> set[int]:
    """The components that logged something after their mark (``{component id: log id}``).

    One probe of the index ``ix_action_log_component_id_id`` per component, which stops at
    the first newer entry: asking for each component's newest entry with ``max(id) ...
    GROUP BY`` read all its entries (98 ms on the space page with 190 000 entries, issue
    13's city).
    """
    probes = [
        select(literal(component_id)).where(
            exists().where(ActionLog.component_id == component_id, ActionLog.id > log_id)
        )
        for component_id, log_id in marks.items()
    ]
    return set(session.scalars(union_all(*probes) if len(probes) > 1 else probes[0]))


def _newest_log_ids(session: Session, component_ids: list[int]) -> dict[int, int]:
    """Each component's newest action-log id (``ix_action_log_component_id_id``)."""
    query = (
        select(ActionLog.component_id, func.max(ActionLog.id))
        .where(ActionLog.component_id.in_(component_ids))
        .group_by(ActionLog.component_id)
    )
    return {component_id: newest for component_id, newest in session.execute(query)}


def rebuild(session: Session) -> int:
    """Recount every component's figures (``pnyx stats rebuild``); returns how many."""
    ids = list(session.scalars(select(Component.id).order_by(Component.id)))
    for component_id in ids:
        refresh_counters(component_id)
    return len(ids)


def _definitions(component: Component) -> tuple:
    registry = current_app.extensions["pnyx.plugins"].registry
    component_type = registry.component_type(component.type)
    return component_type.stats if component_type else ()
