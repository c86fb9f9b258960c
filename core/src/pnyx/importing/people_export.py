"""People as CSV, the columns ``pnyx import people`` reads, without secrets.

No password hash, no verification data, no deleted accounts. Streamed in
chunks (a city's 100 000 residents are never all in memory) and logged
(``pnyx.export.people``, visibility ``admin``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.action_log import log_action
from pnyx.importing.people import NAME
from pnyx.models import ImportKey, User, UserOrganizationRole

COLUMNS = ("external_id", "email", "name", "locale", "roles", "created_at", "confirmed", "blocked")
CHUNK = 1000


def people_rows(session: Session) -> Iterator[dict[str, str]]:
    query = (
        select(User, ImportKey.external_id)
        .outerjoin(ImportKey, (ImportKey.resource_id == User.id) & (ImportKey.importer == NAME))
        .where(User.deleted_at.is_(None), User.managed.is_(False))
        .order_by(User.id)
        .execution_options(yield_per=CHUNK)
    )
    roles: dict[int, list[str]] = {}
    for partition in session.execute(query).partitions():
        ids = [user.id for user, _eid in partition]
        roles = {}
        role_query = select(UserOrganizationRole.user_id, UserOrganizationRole.role).where(
            UserOrganizationRole.user_id.in_(ids)
        )
        for user_id, role in session.execute(role_query):
            roles.setdefault(user_id, []).append(role)
        for user, external_id in partition:
            yield {
                "external_id": external_id or "",
                "email": user.email or "",
                "name": user.name,
                "locale": user.locale or "",
                "roles": "|".join(sorted(roles.get(user.id, []))),
                "created_at": user.created_at.isoformat(timespec="seconds"),
                "confirmed": "yes" if user.confirmed_at else "no",
                "blocked": "yes" if user.blocked else "no",
            }
        session.expunge_all()


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
