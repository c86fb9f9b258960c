"""Importing taxonomy terms from a CSV file: a département's communes at once.

Columns: ``code``, ``name_<locale>`` for each language (``name_fr``,
``name_en``...) and, optionally, ``parent_code``. The import is idempotent by
code: importing the same file twice changes nothing the second time. Rows
with an error are skipped and reported with their line number; the other
rows are imported.

The number of queries does not grow with the number of rows: the kind's
terms are read in one query, new terms are inserted in batches and changed
ones updated in one ``executemany``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import attrs
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pnyx.models import TaxonomyTerm

CODE_MAX_LENGTH = 64
NAME_MAX_LENGTH = 200
#: At most this many errors are kept in the report (and the action log).
MAX_REPORTED_ERRORS = 500


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns)."""


@attrs.define
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: ``(line number, message)``, line 1 being the header.
    errors: list[tuple[int, str]] = attrs.field(factory=list)
    ignored_columns: list[str] = attrs.field(factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [list(error) for error in self.errors[:MAX_REPORTED_ERRORS]],
            "error_count": len(self.errors),
            "ignored_columns": self.ignored_columns,
        }


@attrs.define
class Row:
    line: int
    code: str
    names: dict[str, str]
    #: ``None`` when the file has no parent column (the parent is kept as it is).
    parent_code: str | None


def read_rows(
    data: bytes, locales: list[str], default_locale: str, report: ImportReport
) -> tuple[list[Row], bool]:
    """The file's rows, and whether it has a ``parent_code`` column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text: save it as “CSV UTF-8”.")) from None
    lines = text.splitlines()
    if not lines:
        raise ImportFileError(_("The file is empty."))
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    columns = [str(c or "").strip().lower() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    _check_columns(columns, locales, default_locale, report)
    has_parent = "parent_code" in columns
    rows = []
    for line, values in _numbered(reader):
        row = _row(line, values, locales, has_parent)
        if row is not None:
            rows.append(row)
    return rows, has_parent


def _delimiter(header: str) -> str:
    # French spreadsheets write semicolons, others commas or tabs: the header tells.
    return max((",", ";", "\t"), key=header.count)


def _check_columns(
    columns: list[str], locales: list[str], default_locale: str, report: ImportReport
) -> None:
    if "code" not in columns or f"name_{default_locale}" not in columns:
        raise ImportFileError(
            _(
                "The first line must name the columns: code, %(name)s, and optionally "
                "parent_code and a name_ column for each other language.",
                name=f"name_{default_locale}",
            )
        )
    known = {"code", "parent_code"} | {f"name_{locale}" for locale in locales}
    report.ignored_columns = [c for c in columns if c and c not in known]


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows with the line they start on (a quoted value may span lines)."""
    start = reader.line_num + 1
    for values in reader:
        yield start, values
        start = reader.line_num + 1


def _row(line: int, values: dict[str, Any], locales: list[str], has_parent: bool) -> Row | None:
    cells = {k: str(v or "").strip() for k, v in values.items() if isinstance(k, str)}
    if not any(cells.values()):
        return None  # blank lines are not errors
    names = {locale: cells[f"name_{locale}"] for locale in locales if cells.get(f"name_{locale}")}
    parent = cells.get("parent_code", "") if has_parent else None
    return Row(line=line, code=cells.get("code", ""), names=names, parent_code=parent)


def import_terms(
    session: Session, kind: str, data: bytes, locales: list[str], default_locale: str
) -> ImportReport:
    """Create or update the terms of ``kind`` from CSV ``data`` (the caller commits)."""
    report = ImportReport()
    rows, has_parent = read_rows(data, locales, default_locale, report)
    existing = {
        t.code: t for t in session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.kind == kind))
    }
    valid = _valid_rows(rows, existing, default_locale, report)
    if has_parent:
        lines = {row.code: row.line for row in reversed(rows)}
        valid = _resolvable(valid, existing, lines, report)
    _apply(session, kind, valid, existing, has_parent, report)
    report.errors.sort()
    return report


def _valid_rows(
    rows: list[Row], existing: dict[str, TaxonomyTerm], default_locale: str, report: ImportReport
) -> dict[str, Row]:
    """Rows whose own cells are right, by code; the first of two rows with one code wins."""
    valid: dict[str, Row] = {}
    seen: dict[str, int] = {}
    for row in rows:
        error = _row_error(row, existing, default_locale, seen)
        seen.setdefault(row.code, row.line)
        if error:
            report.errors.append((row.line, error))
        else:
            valid[row.code] = row
    return valid


def _row_error(
    row: Row, existing: dict[str, TaxonomyTerm], default_locale: str, seen: dict[str, int]
) -> str | None:
    if not row.code:
        return _("The code is empty.")
    if len(row.code) > CODE_MAX_LENGTH:
        return ngettext(
            "The code is longer than %(num)d character.",
            "The code is longer than %(num)d characters.",
            CODE_MAX_LENGTH,
        )
    if row.code in seen:
        return _(
            "The code %(code)s is already on line %(line)d.", code=row.code, line=seen[row.code]
        )
    if row.code not in existing and not row.names.get(default_locale):
        return _(
            "The name in the main language (column %(column)s) is empty.",
            column=f"name_{default_locale}",
        )
    if any(len(name) > NAME_MAX_LENGTH for name in row.names.values()):
        return ngettext(
            "A name is longer than %(num)d character.",
            "A name is longer than %(num)d characters.",
            NAME_MAX_LENGTH,
        )
    if row.parent_code == row.code:
        return _("A term cannot be its own parent.")
    return None


def _resolvable(
    valid: dict[str, Row],
    existing: dict[str, TaxonomyTerm],
    lines: dict[str, int],
    report: ImportReport,
) -> dict[str, Row]:
    """Drop rows whose parent is unknown or that would close a loop, until none is left."""
    by_id = {term.id: code for code, term in existing.items()}
    while True:
        # Judge every row against the same set, so both rows of a loop are reported as such.
        errors = {
            code: _parent_error(row, valid, existing, by_id, lines) for code, row in valid.items()
        }
        failed = {code: error for code, error in errors.items() if error}
        if not failed:
            return valid
        for code, error in failed.items():
            report.errors.append((valid.pop(code).line, error))


def _parent_error(
    row: Row,
    valid: dict[str, Row],
    existing: dict[str, TaxonomyTerm],
    by_id: dict[int, str],
    lines: dict[str, int],
) -> str | None:
    parent = row.parent_code
    if parent and parent not in valid and parent not in existing:
        if parent in lines:
            return _(
                "The parent %(code)s (line %(line)d) has an error.", code=parent, line=lines[parent]
            )
        return _("The parent code %(code)s is neither in the file nor already known.", code=parent)
    # Walk up the tree the import would make: coming back to this row is a loop. A loop
    # higher up is reported on the rows that make it.
    visited = {row.code}
    code = _parent_of(row.code, valid, existing, by_id)
    while code is not None and code not in visited:
        visited.add(code)
        code = _parent_of(code, valid, existing, by_id)
    if code == row.code:
        return _("The parent codes make a loop through %(code)s.", code=row.code)
    return None


def _parent_of(
    code: str, valid: dict[str, Row], existing: dict[str, TaxonomyTerm], by_id: dict[int, str]
) -> str | None:
    if code in valid and valid[code].parent_code is not None:
        return valid[code].parent_code or None
    term = existing.get(code)
    return by_id.get(term.parent_id) if term is not None and term.parent_id else None


def _apply(
    session: Session,
    kind: str,
    valid: dict[str, Row],
    existing: dict[str, TaxonomyTerm],
    has_parent: bool,
    report: ImportReport,
) -> None:
    ids = {code: term.id for code, term in existing.items()}
    new_rows = [row for code, row in valid.items() if code not in existing]
    if new_rows:
        statement = insert(TaxonomyTerm).returning(TaxonomyTerm.id, TaxonomyTerm.code)
        values = [{"kind": kind, "code": r.code, "name": r.names, "position": 0} for r in new_rows]
        ids.update({code: id_ for id_, code in session.execute(statement, values)})
        report.created = len(new_rows)
    changes = _changes(valid, existing, ids, has_parent, report)
    if changes:
        session.execute(update(TaxonomyTerm), changes)


def _changes(
    valid: dict[str, Row],
    existing: dict[str, TaxonomyTerm],
    ids: dict[str, int],
    has_parent: bool,
    report: ImportReport,
) -> list[dict[str, Any]]:
    """One ``{id, name, parent_id, position}`` per row to write; counts updates."""
    positions = _next_positions(existing)
    changes = []
    for code, row in valid.items():
        term = existing.get(code)
        name = {**(term.name if term else {}), **row.names}
        parent_id = (
            ids.get(row.parent_code or "") if has_parent else getattr(term, "parent_id", None)
        )
        if term is not None and term.name == name and term.parent_id == parent_id:
            report.unchanged += 1
            continue
        moved = term is None or term.parent_id != parent_id
        position = positions.get(parent_id, 0) if moved else term.position
        positions[parent_id] = position + 1 if moved else positions.get(parent_id, 0)
        changes.append(
            {"id": ids[code], "name": name, "parent_id": parent_id, "position": position}
        )
        if term is not None:
            report.updated += 1
    return changes


def _next_positions(existing: dict[str, TaxonomyTerm]) -> dict[int | None, int]:
    """The next free position under each parent, so new terms go last."""
    positions: dict[int | None, int] = {}
    for term in existing.values():
        positions[term.parent_id] = max(positions.get(term.parent_id, 0), term.position + 1)
    return positions
