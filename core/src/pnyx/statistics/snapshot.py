"""The organization's totals, stored: the home page's figures block reads them.

The block shows what ``/statistics`` counts, in short (participants, then each kind's total).
Counting it asks every plugin to count every public component, a dozen grouped queries over
the city's supports, ballots and registrations: far too much for each view of the home page.
So the totals are counted by a job and stored in ``stat_snapshots`` with the action log's
newest id at that moment, and refreshed like the space pages' figures (:mod:`pnyx.counters`):
after something was logged and ``STATS_DEBOUNCE_SECONDS`` passed, or after
``STATS_MAX_AGE_SECONDS``. The first view, before anything is stored, counts them itself.
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import g, has_app_context
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pnyx.counters import is_stale
from pnyx.db import get_session
from pnyx.jobs import enqueue, job
from pnyx.jobs.queues import PENDING
from pnyx.models import ActionLog, StatSnapshot, utcnow

ORGANIZATION = "organization"
#: ``g`` key: this request already asked for a recount.
ASKED = "pnyx_snapshot_asked"


@attrs.frozen
class Totals:
    """What the block shows: the participants and ``(kind, total)`` in the report's order."""

    participants: int
    kinds: tuple[tuple[str, int], ...]

    def by_kind(self) -> list[tuple[str, int]]:
        return list(self.kinds)

    def data(self) -> dict[str, Any]:
        return {"participants": self.participants, "kinds": [list(pair) for pair in self.kinds]}

    @classmethod
    def of(cls, data: dict[str, Any]) -> Totals:
        kinds = tuple((str(kind), int(total)) for kind, total in data.get("kinds", ()))
        return cls(participants=int(data.get("participants", 0)), kinds=kinds)


def organization_totals() -> Totals:
    """The stored totals (two small queries); counted now when none are stored yet."""
    session = get_session()
    stored = session.get(StatSnapshot, ORGANIZATION)
    if stored is None:
        _ask_for_recount()
        return count_totals(session)
    if is_stale(stored.computed_at, _newest_log_id(session) > stored.log_id):
        _ask_for_recount()
    return Totals.of(stored.data)


def count_totals(session: Session) -> Totals:
    """What ``/statistics`` counts for everyone (the statistics hook), added up."""
    from pnyx.statistics.collect import build_report, public_components

    report = build_report(public_components(session), session)
    return Totals(participants=report.participants, kinds=tuple(report.by_kind()))


@job(retries=3)
def refresh_organization_totals() -> None:
    """Count the organization's totals again and store them."""
    session = get_session()
    newest = _newest_log_id(session)  # before counting: a later write asks for the next one
    totals = count_totals(session)
    stored = session.get(StatSnapshot, ORGANIZATION, with_for_update=True)
    if stored is None:
        stored = StatSnapshot(name=ORGANIZATION)
        session.add(stored)
    stored.data, stored.computed_at, stored.log_id = totals.data(), utcnow(), newest
    try:
        session.commit()
    except IntegrityError:  # a parallel recount stored them first: theirs are as fresh
        session.rollback()


def _ask_for_recount() -> None:
    if not has_app_context() or g.get(PENDING) is None or g.get(ASKED):
        return
    g.setdefault(ASKED, True)
    enqueue(refresh_organization_totals)


def _newest_log_id(session: Session) -> int:
    return session.scalar(select(func.max(ActionLog.id))) or 0  # the primary key's last entry
