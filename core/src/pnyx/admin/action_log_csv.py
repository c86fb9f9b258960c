"""The action log as CSV, streamed: memory stays flat however long the log is.

Entries are read by batches (keyset on ``id``), each batch with the names it
needs in three more queries, and written line by line as they are read. The
lines are produced after the request has ended, outside any Flask context:
everything language-dependent is decided beforehand (:class:`CsvLanguage`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import attrs
from sqlalchemy.orm import Session

from pnyx.action_log import VISIBILITIES
from pnyx.admin.action_log_query import LogFilters, Names, filtered_query
from pnyx.models import ActionLog, User

BATCH = 500
COLUMNS = (
    "id",
    "time_utc",
    "action",
    "actor_id",
    "actor",
    "operator_id",
    "operator",
    "resource_type",
    "resource_id",
    "space",
    "component_id",
    "component",
    "visibility",
    "details",
)
#: A spreadsheet would run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@attrs.frozen
class CsvLanguage:
    """The reader's language, decided during the request."""

    locale: str
    default_locale: str
    #: "Deleted participant", translated.
    deleted_participant: str

    def person(self, user: User | None) -> str:
        if user is None:
            return ""
        return self.deleted_participant if user.deleted_at is not None else user.name

    def text(self, value: dict[str, Any] | None) -> str:
        """A translated content field, as ``pnyx.i18n.translated`` would show it."""
        value = value or {}
        for key in (self.locale, self.default_locale):
            if value.get(key):
                return str(value[key])
        return next((str(text) for text in value.values() if text), "")


def safe_cell(value: Any) -> str:
    """A cell's text, defused so that opening the file in a spreadsheet runs nothing."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def entry_row(entry: ActionLog, names: Names, language: CsvLanguage) -> list[str]:
    actor = names.people.get(entry.actor_id) if entry.actor_id else None
    operator = names.people.get(entry.operator_id) if entry.operator_id else None
    space = names.spaces.get(entry.space_id) if entry.space_id else None
    component = names.components.get(entry.component_id) if entry.component_id else None
    values = (
        entry.id,
        entry.created_at.isoformat(),
        entry.action,
        entry.actor_id,
        language.person(actor),
        entry.operator_id,
        language.person(operator),
        entry.resource_type,
        entry.resource_id,
        space.slug if space else "",
        entry.component_id,
        language.text(component.name) if component else "",
        entry.visibility if entry.visibility in VISIBILITIES else "",
        json.dumps(entry.extra, sort_keys=True, ensure_ascii=False) if entry.extra else "",
    )
    return [safe_cell(value) for value in values]


def _line(row: list[str] | tuple[str, ...]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


def csv_lines(session: Session, filters: LogFilters, language: CsvLanguage) -> Iterator[str]:
    """The header, then one line per matching entry, newest first; closes ``session``."""
    try:
        yield _line(COLUMNS)
        yield from _entry_lines(session, filters, language)
    finally:
        session.close()


def _entry_lines(session: Session, filters: LogFilters, language: CsvLanguage) -> Iterator[str]:
    query = filtered_query(filters).order_by(ActionLog.id.desc()).limit(BATCH)
    last_id: int | None = None
    while True:
        batch_query = query if last_id is None else query.where(ActionLog.id < last_id)
        entries = list(session.scalars(batch_query))
        if not entries:
            return
        names = Names.of(session, entries)
        yield "".join(_line(entry_row(entry, names, language)) for entry in entries)
        # The session's identity map holds its objects weakly: written batches are freed.
        last_id = entries[-1].id
