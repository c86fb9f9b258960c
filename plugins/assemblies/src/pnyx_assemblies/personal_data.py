"""A person's data in assemblies: the assemblies they are a member of.

Deleting an account removes the person from every assembly (a membership is
personal data; the assembly's name-only members are not people with accounts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete as delete_rows
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pnyx import api
from pnyx_assemblies.kinds import MEMBER_RESOURCE
from pnyx_assemblies.models import Assembly, Member


def export(user: api.User) -> dict[str, Any] | None:
    query = (
        select(Member)
        .where(Member.user_id == user.id)
        .options(selectinload(Member.assembly).selectinload(Assembly.space))
        .order_by(Member.id)
    )
    rows = list(api.db_session().scalars(query))
    if not rows:
        return None
    return {
        "memberships.csv": [
            {
                "assembly": member.assembly.space.slug,
                "position": member.position,
                "position_label": api.translated(member.position_label),
                "since": member.created_at,
            }
            for member in rows
        ]
    }


def delete(user: api.User, session: Session) -> None:
    ids = session.scalars(select(Member.id).where(Member.user_id == user.id)).all()
    for member_id in ids:  # their photos go with them
        api.attachments.remove_all(MEMBER_RESOURCE, member_id)
    session.execute(delete_rows(Member).where(Member.user_id == user.id))
