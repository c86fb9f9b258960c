"""Demo content for notifications: the resident follows the demo space and has a few
notifications; a draft newsletter waits for staff (so every page has something to show)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx.models import Space, User, utcnow
from pnyx.notifications.following import follow
from pnyx.notifications.kinds import notification_kinds
from pnyx.notifications.models import Newsletter, Notification

NEWSLETTER_SUBJECT = {
    "fr": "Le budget participatif est ouvert",
    "en": "The participatory budget is open",
}
NEWSLETTER_BODY = {
    "fr": "Proposez vos projets pour le quartier **jusqu’au 30 avril**.",
    "en": "Propose your projects for the neighbourhood **until April 30**.",
}


def seed_notifications_demo(session: Session, space_slug: str, resident_email: str) -> None:
    """Called once, when the core's demo is seeded (the ``pnyx.demo_seeded`` event)."""
    space = session.scalar(select(Space).where(Space.slug == space_slug))
    resident = session.scalar(select(User).where(User.email == resident_email))
    if space is None or resident is None:
        return
    follow(resident, space)
    kinds = sorted(notification_kinds())
    for number, kind in enumerate(kinds[:3]):
        session.add(
            Notification(
                user_id=resident.id,
                kind=kind,
                target_type="space",
                target_id=space.id,
                space_id=space.id,
                title=dict(space.title),
                url=f"/spaces/{space.slug}",
                created_at=utcnow(),
                read_at=utcnow() if number else None,
            )
        )
    session.add(Newsletter(subject=NEWSLETTER_SUBJECT, body=NEWSLETTER_BODY))
    session.commit()
