"""Which committed writes renew the content generation (:mod:`pnyx.page_cache.generation`).

Every write made through the app's sessions (requests, jobs, CLI commands: they all use the
session factories of :class:`pnyx.db.Database`) is watched, whatever its table, with a short
list of exceptions that no public page ever shows. Watching the session rather than the
views means no feature has to remember to invalidate: a plugin's new table is covered the day
it is written. The action log is not enough on its own: settings, pages, spaces and
organization changes are not all logged, and the stored figures are written by jobs.

A flush marks the session; the generation is renewed after the commit (never before: a
process reading the new generation must find the new data), and a rollback forgets the mark.
Bulk statements (``session.execute(update(...))``) are watched too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

MARK = "pnyx.page_cache.wrote"

#: Tables no anonymous page reads: writing them changes no public page. Kept short on
#: purpose: a table missing here costs a few extra renders, a table wrongly listed a stale page.
PRIVATE_TABLES = frozenset(
    {
        "user_sessions",  # touched while signed-in people browse
        "outgoing_mails",
        "notifications",
        "notification_preferences",
        "data_exports",
        "admin_exports",
        "census_entries",
        "authorizations",
        "authorization_conflicts",
    }
)


PRIVATE_INFO = "pnyx_private"
"""``Table.info`` key a plugin sets on a table no anonymous page reads:
``__table_args__ = (..., {"info": {"pnyx_private": True}})`` (docs/caching.md); also the
execution option of a bulk write whose rows no anonymous page shows
(``insert(table).execution_options(pnyx_private=True)``: a draft ballot)."""


def _private_table(table: Any) -> bool:
    return getattr(table, "name", "") in PRIVATE_TABLES or bool(
        getattr(table, "info", {}).get(PRIVATE_INFO)
    )


def _private_row(instance: Any) -> bool:
    """Whether no anonymous page shows ``instance``: its whole table, or the row itself says so
    (a model's ``private_to_anonymous()``: a draft ballot, an action log entry only staff see)."""
    if _private_table(getattr(instance, "__table__", None)):
        return True
    says = getattr(instance, "private_to_anonymous", None)
    return bool(says()) if callable(says) else False


def _after_flush(session: Session, _context: Any) -> None:
    changed = [*session.new, *session.dirty, *session.deleted]
    if not all(map(_private_row, changed)):
        session.info[MARK] = True


def _on_execute(state: Any) -> None:
    if state.is_select or state.execution_options.get(PRIVATE_INFO):
        return  # a read, or a write that says no anonymous page shows its rows
    statement = state.statement
    table = getattr(statement, "table", None)
    if table is not None:
        if not _private_table(table):  # a bulk statement: only a whole private table is spared
            state.session.info[MARK] = True
    elif str(statement).lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
        state.session.info[MARK] = True  # a text() statement: its table is not parsed


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(MARK, None)


def watch_writes(factories: Iterable[sessionmaker], bump: Callable[[], None]) -> None:
    """Renew the generation after every commit of a session made by ``factories`` that
    wrote public data."""

    def after_commit(session: Session) -> None:
        if session.info.pop(MARK, False):
            bump()

    for factory in factories:
        event.listen(factory, "after_flush", _after_flush)
        event.listen(factory, "do_orm_execute", _on_execute)
        event.listen(factory, "after_commit", after_commit)
        # A real rollback only: a savepoint rolled back leaves the outer writes to commit.
        event.listen(factory, "after_rollback", _forget)
