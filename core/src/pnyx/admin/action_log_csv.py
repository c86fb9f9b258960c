"""The action log as CSV, streamed: memory stays flat however long the log is.

Entries are read in one query that joins the names they need and returns flat
rows through a server-side cursor, written by batches as they are read. The
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
from sqlalchemy import Select
from sqlalchemy.orm import Session, aliased

from pnyx.action_log import VISIBILITIES
from pnyx.admin.action_log_query import LogFilters, filtered_query
from pnyx.models import ActionLog, Component, Space, User

BATCH = 5000
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


def _person(language: CsvLanguage, name: str | None, deleted: Any) -> str:
    if name is None:
        return ""
    return language.deleted_participant if deleted is not None else name


def entry_row(row: Any, language: CsvLanguage) -> list[str]:
    """One CSV row from a flat row of :func:`rows_query` (no ORM object per entry)."""
    values = (
        row.id,
        row.created_at.isoformat(),
        row.action,
        row.actor_id,
        _person(language, row.actor_name, row.actor_deleted_at),
        row.operator_id,
        _person(language, row.operator_name, row.operator_deleted_at),
        row.resource_type,
        row.resource_id,
        row.space_slug or "",
        row.component_id,
        language.text(row.component_name) if row.component_id is not None else "",
        row.visibility if row.visibility in VISIBILITIES else "",
        json.dumps(row.extra, sort_keys=True, ensure_ascii=False) if row.extra else "",
    )
    return [safe_cell(value) for value in values]


def rows_query(filters: LogFilters) -> Select[Any]:
    """The matching entries with the names they point to, as flat rows, newest first.

    One query per batch with outer joins (issue 13: loading whole people, spaces
    and components per batch made 190 000 rows take 104 s).
    """
    actor, operator = aliased(User), aliased(User)
    columns = (
        ActionLog.id,
        ActionLog.created_at,
        ActionLog.action,
        ActionLog.actor_id,
        actor.name.label("actor_name"),
        actor.deleted_at.label("actor_deleted_at"),
        ActionLog.operator_id,
        operator.name.label("operator_name"),
        operator.deleted_at.label("operator_deleted_at"),
        ActionLog.resource_type,
        ActionLog.resource_id,
        Space.slug.label("space_slug"),
        ActionLog.component_id,
        Component.name.label("component_name"),
        ActionLog.visibility,
        ActionLog.extra,
    )
    return (
        filtered_query(filters)
        .with_only_columns(*columns, maintain_column_froms=False)
        .select_from(ActionLog)
        .outerjoin(actor, actor.id == ActionLog.actor_id)
        .outerjoin(operator, operator.id == ActionLog.operator_id)
        .outerjoin(Space, Space.id == ActionLog.space_id)
        .outerjoin(Component, Component.id == ActionLog.component_id)
        .order_by(ActionLog.id.desc())
    )


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


def write_csv(session: Session, filters: LogFilters, language: CsvLanguage, out: Any) -> int:
    """Write the whole CSV to the text file ``out``; return how many entries it holds."""
    out.write(_line(COLUMNS))
    count = 0
    for chunk, rows in _entry_batches(session, filters, language):
        out.write(chunk)
        count += rows
    return count


def _entry_lines(session: Session, filters: LogFilters, language: CsvLanguage) -> Iterator[str]:
    for chunk, _rows in _entry_batches(session, filters, language):
        yield chunk


def _entry_batches(
    session: Session, filters: LogFilters, language: CsvLanguage
) -> Iterator[tuple[str, int]]:
    # One query read through a server-side cursor (PostgreSQL) in partitions: the joins
    # are planned once for the whole log instead of once per batch.
    result = session.execute(
        rows_query(filters), execution_options={"stream_results": True, "yield_per": BATCH}
    )
    for rows in result.partitions(BATCH):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(entry_row(row, language) for row in rows)
        yield buffer.getvalue(), len(rows)
