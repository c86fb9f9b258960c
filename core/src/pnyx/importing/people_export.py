"""People as CSV, the columns ``pnyx import people`` reads, without secrets.

No password hash, no verification data, no deleted accounts. Streamed in
chunks (a city's 100 000 residents are never all in memory) and logged
(``pnyx.export.people``, visibility ``admin``), from ``pnyx export people``
and from the admin page ``/admin/users.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.admin.action_log_csv import safe_cell
from pnyx.importing.people import NAME
from pnyx.models import ImportKey, User, UserOrganizationRole

COLUMNS = ("external_id", "email", "name", "locale", "roles", "created_at", "confirmed", "blocked")
CHUNK = 1000


def people_rows(session: Session) -> Iterator[dict[str, str]]:
    """One dict per account, by id; plain rows (no ORM objects pile up in the session)."""
    query = (
        select(
            User.id,
            User.email,
            User.name,
            User.locale,
            User.created_at,
            User.confirmed_at,
            User.blocked,
            ImportKey.external_id,
        )
        .outerjoin(ImportKey, (ImportKey.resource_id == User.id) & (ImportKey.importer == NAME))
        .where(User.deleted_at.is_(None), User.managed.is_(False))
        .order_by(User.id)
        .execution_options(yield_per=CHUNK)
    )
    for partition in session.execute(query).partitions():
        roles: dict[int, list[str]] = {}
        role_query = select(UserOrganizationRole.user_id, UserOrganizationRole.role).where(
            UserOrganizationRole.user_id.in_([row.id for row in partition])
        )
        for user_id, role in session.execute(role_query):
            roles.setdefault(user_id, []).append(role)
        for row in partition:
            yield {
                # Defused (a leading ' before = + - @): opening the file runs nothing.
                "external_id": safe_cell(row.external_id),
                "email": safe_cell(row.email),
                "name": safe_cell(row.name),
                "locale": row.locale or "",
                "roles": "|".join(sorted(roles.get(row.id, []))),
                "created_at": row.created_at.isoformat(timespec="seconds"),
                "confirmed": "yes" if row.confirmed_at else "no",
                "blocked": "yes" if row.blocked else "no",
            }


def csv_text(session: Session) -> Iterator[str]:
    """The file, a few lines at a time (the admin page streams it); closes ``session``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    try:
        writer.writeheader()
        for count, row in enumerate(people_rows(session), start=1):
            writer.writerow(row)
            if count % CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    finally:
        session.close()


def export_people(session: Session, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for row in people_rows(session):
        writer.writerow(row)
        count += 1
    log_action(session, "pnyx.export.people", extra={"rows": count, "via": "cli"})
    session.commit()
    return count
