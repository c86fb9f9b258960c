"""Plugin ``pdsample``: notes people write, and their personal-data hooks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from pnyx import api

#: Tests make a hook fail by naming it here.
FAILING: set[str] = set()
#: Ids of the people whose data the deletion hook handled.
DELETED: list[int] = []


class Note(api.Model):
    __tablename__ = "pdsample_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(String(500))
    #: Personal data the plugin must erase: a phone number to call the author back.
    phone: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[dt.datetime] = mapped_column(default=api.utcnow)


@api.hookimpl
def export_user_data(user):
    if "export" in FAILING:
        raise RuntimeError("pdsample cannot export")
    notes = api.db_session().scalars(select(Note).where(Note.author_id == user.id))
    return {
        "notes.csv": (
            {"id": n.id, "body": n.body, "phone": n.phone, "written_at": n.created_at}
            for n in notes
        ),
        "summary": [{"plugin": "pdsample", "tags": ["a", "b"]}],
        "card.txt": f"Card of person {user.id}",
    }


@api.hookimpl
def delete_user_data(user, session):
    if "delete" in FAILING:
        raise RuntimeError("pdsample cannot delete")
    session.execute(
        update(Note).where(Note.author_id == user.id).values(author_id=None, phone=None)
    )
    DELETED.append(user.id)
