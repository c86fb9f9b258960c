"""Domain events: published inside a transaction, delivered after it commits.

``publish_event`` queues an event on the session. When the session commits,
the queue moves to the committed list; when the application context ends
(after the response is built, or at the end of a CLI command), the core calls
every plugin's ``on_event`` for each committed event. A rollback drops the
queue, so no plugin ever hears of a change that did not happen.
"""

from __future__ import annotations

import logging
from typing import Any

import attrs
from flask import current_app
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

PENDING = "pnyx_pending_events"
COMMITTED = "pnyx_committed_events"
#: A handler that publishes events that trigger handlers... stops here.
MAX_DISPATCH_ROUNDS = 10


@attrs.frozen
class Event:
    """Something that happened: ``name`` is prefixed by the publishing plugin."""

    name: str
    payload: dict[str, Any] = attrs.field(factory=dict)
    actor_id: int | None = None


def publish_event(
    session: Session, name: str, payload: dict[str, Any] | None = None, actor_id: int | None = None
) -> Event:
    """Queue an event; it is delivered only if ``session`` commits."""
    published = Event(name=name, payload=dict(payload or {}), actor_id=actor_id)
    session.info.setdefault(PENDING, []).append(published)
    return published


def discard_events(session: Session, name: str) -> int:
    """Drop the events named ``name`` queued in ``session``'s open transaction: they will not
    be delivered. For seeds that write history (a distribution publishing past years'
    outcomes must not notify anyone of them); returns how many were dropped."""
    pending = session.info.get(PENDING, [])
    kept = [event for event in pending if event.name != name]
    dropped = len(pending) - len(kept)
    pending[:] = kept
    return dropped


def _after_commit(session: Session) -> None:
    session.info.setdefault(COMMITTED, []).extend(session.info.pop(PENDING, []))


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def watch_session(sessions: Session | sessionmaker) -> None:
    """Make ``sessions`` (one, or every session of a factory) move published events to
    the committed list on commit."""
    sa_event.listen(sessions, "after_commit", _after_commit)
    sa_event.listen(sessions, "after_soft_rollback", lambda s, _tx: _after_rollback(s))


def dispatch_committed(session: Session) -> int:
    """Deliver committed events to every plugin's ``on_event``; return how many."""
    delivered = 0
    for _round in range(MAX_DISPATCH_ROUNDS):
        events = session.info.pop(COMMITTED, [])
        if not events:
            break
        hook = current_app.extensions["pnyx.plugins"].pm.hook.on_event
        for committed in events:
            _deliver(hook, committed)
            delivered += 1
    return delivered


def _deliver(hook: Any, committed: Event) -> None:
    for impl in hook.get_hookimpls():
        try:
            impl.function(**_wanted_args(impl, committed))
        except Exception:  # a plugin's failure must not affect the others
            log.exception("plugin %s failed handling event %s", impl.plugin_name, committed.name)


def _wanted_args(impl: Any, committed: Event) -> dict[str, Any]:
    return {"event": committed} if "event" in impl.argnames else {}
