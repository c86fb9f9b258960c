"""What the board holds about a person, for their "download my data" archive.

Messages stay when their author deletes their account (they are shown from
"Deleted participant"), so the plugin needs no ``delete_user_data`` hook.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from pnyx import api
from pnyx_hello.models import Message


def messages_of(user: api.User) -> dict[str, Iterator[dict[str, Any]]] | None:
    """The person's messages as CSV rows, or ``None`` when they posted none."""
    session = api.db_session()
    query = select(Message).where(Message.author_id == user.id).order_by(Message.id)
    messages = session.scalars(query).all()
    if not messages:
        return None
    rows = (
        {"id": m.id, "component_id": m.component_id, "posted_at": m.created_at, "body": m.body}
        for m in messages
    )
    return {"messages.csv": rows}
