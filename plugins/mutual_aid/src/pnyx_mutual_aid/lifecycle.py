"""A post's life: open → matched → done, or expired / withdrawn; renewing reopens it.

Every change is one conditional ``UPDATE`` (``WHERE status IN (...)``), so two
requests at once cannot both apply it: marking a post matched twice changes it
once and logs it once (idempotent).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.models import AidPost

#: Which statuses each change starts from.
FROM = {
    "matched": ("open", "expired"),
    "done": ("open", "matched", "expired"),
    "withdrawn": ("open", "matched", "expired"),
}


def expiry_from_now(component: api.Component) -> dt.datetime:
    days = api.current_settings(component).get("expiry_days")
    return api.utcnow() + dt.timedelta(days=days)


def change_status(session: Session, post: AidPost, status: str) -> bool:
    """Move ``post`` to ``status`` if it may go there; ``True`` when this call changed it."""
    now = api.utcnow()
    values: dict[str, Any] = {"status": status}
    if status == "matched":
        values["matched_at"] = now
    else:
        values["closed_at"] = now
    result = session.execute(
        update(AidPost)
        .where(AidPost.id == post.id, AidPost.status.in_(FROM[status]))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:
        return False
    api.log_action(
        session,
        f"mutual_aid.post_{status}",
        resource=post.resource,
        component=post.component,
        visibility="private",
    )
    session.expire(post)
    return True


def renew(session: Session, post: AidPost) -> None:
    """Put an open or expired post up again for the component's number of days."""
    post.expires_at = expiry_from_now(post.component)
    if post.status == "expired":
        post.status = "open"
    api.log_action(
        session,
        "mutual_aid.post_renewed",
        resource=post.resource,
        component=post.component,
        visibility="private",
    )


def expire_due(session: Session, now: dt.datetime | None = None) -> int:
    """Mark every open post past its expiry date expired; how many were."""
    result = session.execute(
        update(AidPost)
        .where(AidPost.status == "open", AidPost.expires_at <= (now or api.utcnow()))
        .values(status="expired", closed_at=now or api.utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
