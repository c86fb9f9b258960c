"""Reading an admin's census file into keyed hashes (never storing the raw values).

Accepts UTF-8 (with or without BOM) or Windows-1252 text, separated by commas,
semicolons (French spreadsheets) or tabs, with a header line naming the
columns. Lines whose identifiers are empty or unreadable are counted and
reported by number; duplicates are stored once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import attrs
from flask_babel import gettext as _
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pnyx.models import CensusEntry
from pnyx.verification import clock
from pnyx.verification.handlers.census import CensusColumn, identity_of

CHUNK = 1000
#: Line numbers of invalid lines shown to the admin (the count is always given).
SHOWN_INVALID = 20


class CensusFileError(ValueError):
    """The file cannot be read as a census; the message says why, for the admin."""


@attrs.define
class ImportReport:
    lines: int = 0
    added: int = 0
    duplicates: int = 0
    invalid_lines: list[int] = attrs.field(factory=list)
    invalid: int = 0


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(first_line: str) -> str:
    return max(";,\t", key=first_line.count)


def read_identities(
    data: bytes, columns: list[CensusColumn], report: ImportReport
) -> Iterator[str]:
    """Yield the hash of each valid line; count the others in ``report``."""
    text = decode(data)
    if not text.strip():
        raise CensusFileError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(text.splitlines()[0]))
    header = [cell.strip().casefold() for cell in next(reader)]
    missing = [c.name for c in columns if c.name.casefold() not in header]
    if missing:
        raise CensusFileError(
            _("The file has no column named: %(columns)s.", columns=", ".join(missing))
        )
    positions = [header.index(c.name.casefold()) for c in columns]
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        report.lines += 1
        values = [row[i] if i < len(row) else "" for i in positions]
        identity = identity_of(values, columns)
        if identity is None:
            report.invalid += 1
            if len(report.invalid_lines) < SHOWN_INVALID:
                report.invalid_lines.append(number)
            continue
        yield identity


def import_census(
    session: Session, data: bytes, columns: list[CensusColumn], replace: bool
) -> ImportReport:
    """Store the file's hashes; ``replace`` empties the census first. The caller commits."""
    if not columns:
        raise CensusFileError(_("Choose the census columns before uploading a file."))
    report = ImportReport()
    identities = list(dict.fromkeys(read_identities(data, columns, report)))
    report.duplicates = report.lines - report.invalid - len(identities)
    if replace:
        session.execute(delete(CensusEntry))
    for start in range(0, len(identities), CHUNK):
        report.added += _insert_new(session, identities[start : start + CHUNK], replace)
    return report


def _insert_new(session: Session, chunk: list[str], replace: bool) -> int:
    if not replace:
        query = select(CensusEntry.identity_hash).where(CensusEntry.identity_hash.in_(chunk))
        known = set(session.scalars(query))
        chunk = [identity for identity in chunk if identity not in known]
    if chunk:
        now = clock.now()
        rows = [{"identity_hash": identity, "imported_at": now} for identity in chunk]
        session.execute(insert(CensusEntry), rows)
    return len(chunk)
