"""Running an import: check every row, then write them all in batches, or nothing.

Memory stays bounded whatever the file's size: the file is read twice as a
stream (checking, then writing), rows are handled in batches of
``batch_size``, and only the external ids seen so far are kept (to report a
duplicate with the line of its first occurrence). Everything is written in
one transaction, committed at the end: an error while writing leaves the
database as it was.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs
from sqlalchemy import insert, select, text

from pnyx.action_log import log_action
from pnyx.importing.manifest import CheckedRow, ImportContext, Importer, RowError
from pnyx.models import ImportKey

EXTERNAL_ID = "external_id"
MAX_EXTERNAL_ID = 128
BATCH_SIZE = 1000
Progress = Callable[[int], None]


class ImportFileError(Exception):
    """The file cannot be read at all (encoding, header): one line for the operator."""


@attrs.define
class ImportResult:
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = attrs.field(factory=list)

    @property
    def written(self) -> bool:
        return not self.errors


def open_csv(path: Path) -> TextIO:
    return path.open(encoding="utf-8-sig", newline="")


def sniff_dialect(first_line: str) -> type[csv.Dialect]:
    """Comma, semicolon or tab: the one the header line uses most."""
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return type("ImportDialect", (csv.excel,), {"delimiter": delimiter})


def read_rows(handle: TextIO, importer: Importer) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each data row; checks the header first."""
    try:
        first = handle.readline()
    except UnicodeDecodeError as error:
        raise ImportFileError("The file is not UTF-8 text: save it as CSV UTF-8.") from error
    handle.seek(0)
    reader = csv.DictReader(handle, dialect=sniff_dialect(first))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in (EXTERNAL_ID, *importer.required_columns) if c not in header]
    if missing:
        raise ImportFileError(f"Line 1: missing column(s) {', '.join(missing)}.")
    line = reader.line_num
    try:
        for row in reader:
            yield line + 1, {key: (value or "").strip() for key, value in row.items() if key}
            line = reader.line_num
    except UnicodeDecodeError as error:
        raise ImportFileError(f"Line {line + 1}: not UTF-8 text.") from error
    except csv.Error as error:
        raise ImportFileError(f"Line {line + 1}: {error}.") from error


def batched(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(rows, size)):
        yield batch


def parse_rows(
    context: ImportContext, importer: Importer, rows: Iterator[tuple[int, dict[str, str]]]
) -> Iterator[tuple[int, str, Any, str | None]]:
    """``(line, external id, parsed row or None, error or None)`` for each row."""
    for line, row in rows:
        external_id = row.get(EXTERNAL_ID, "")
        if not external_id:
            yield line, external_id, None, "the external_id is empty"
            continue
        if len(external_id) > MAX_EXTERNAL_ID:
            yield line, external_id, None, f"the external_id is longer than {MAX_EXTERNAL_ID}"
            continue
        try:
            yield line, external_id, importer.parse(context, row), None
        except RowError as error:
            yield line, external_id, None, str(error)


def check_file(
    context: ImportContext, importer: Importer, path: Path, batch_size: int, progress: Progress
) -> ImportResult:
    """Every row's errors, with their line numbers (nothing is written)."""
    result = ImportResult()
    first_line: dict[str, int] = {}
    with open_csv(path) as handle:
        parsed = parse_rows(context, importer, read_rows(handle, importer))
        for batch in batched(parsed, batch_size):
            valid: list[CheckedRow] = []
            for line, external_id, value, error in batch:
                result.rows += 1
                if external_id and external_id in first_line:
                    error = error or f"the external_id {external_id!r} is already on line " + str(
                        first_line[external_id]
                    )
                elif external_id:
                    first_line[external_id] = line
                if error:
                    result.errors.append((line, error))
                else:
                    valid.append((line, external_id, value))
            if importer.check_batch is not None and valid:
                result.errors.extend(importer.check_batch(context, valid))
            progress(len(batch))
    result.errors.sort()
    return result


def write_file(
    context: ImportContext, importer: Importer, path: Path, batch_size: int, progress: Progress
) -> tuple[ImportResult, list[int]]:
    """Write the rows whose external id is new, batch by batch (the caller commits)."""
    result, created_ids = ImportResult(), []
    session = context.session
    with open_csv(path) as handle:
        parsed = parse_rows(context, importer, read_rows(handle, importer))
        for batch in batched(parsed, batch_size):
            ids = [external_id for _line, external_id, _value, _error in batch]
            known = set(
                session.scalars(
                    select(ImportKey.external_id).where(
                        ImportKey.importer == importer.name, ImportKey.external_id.in_(ids)
                    )
                )
            )
            new = [(eid, value) for _line, eid, value, _error in batch if eid not in known]
            result.rows += len(batch)
            result.unchanged += len(batch) - len(new)
            if new:
                resource_ids = list(importer.write(context, [value for _eid, value in new]))
                keys = [
                    {"importer": importer.name, "external_id": eid, "resource_id": rid}
                    for (eid, _value), rid in zip(new, resource_ids, strict=True)
                ]
                session.execute(insert(ImportKey.__table__), keys)
                result.created += len(new)
                created_ids.extend(resource_ids)
            progress(len(batch))
    return result, created_ids


def refresh_statistics(context: ImportContext) -> None:
    """PostgreSQL: tell the planner the tables grew (else the next import's lookups may scan).

    Autovacuum would do it, later; a second import run right away would otherwise plan its
    ``IN (...)`` lookups for the tiny tables the statistics still describe.
    """
    if context.session.get_bind().dialect.name == "postgresql":
        context.session.execute(text("ANALYZE import_keys, users"))
        context.session.commit()


def run_import(
    context: ImportContext,
    importer: Importer,
    path: Path,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress = lambda _n: None,
    on_checked: Callable[[ImportResult], None] = lambda _result: None,
) -> ImportResult:
    """Check ``path``; if every row is valid, write it and commit; else write nothing."""
    checked = check_file(context, importer, path, batch_size, progress)
    on_checked(checked)
    if checked.errors:
        context.session.rollback()
        return checked
    result, created_ids = write_file(context, importer, path, batch_size, progress)
    log_action(
        context.session,
        "pnyx.import",
        component=context.component,
        extra={
            "importer": importer.name,
            "file": path.name,
            "rows": result.rows,
            "created": result.created,
            "unchanged": result.unchanged,
        },
    )
    context.session.commit()
    refresh_statistics(context)
    if importer.after_commit is not None and created_ids:
        importer.after_commit(context, created_ids)
    return result
