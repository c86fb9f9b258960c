"""Demo content for ``pnyx demo``: a few messages on a new board."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_hello.models import Message

DEMO_AUTHOR_EMAIL = "hello@demo.pnyx.test"
#: In the order they were posted, an hour apart.
DEMO_MESSAGES = (
    "Hello everyone! Who is coming to the neighbourhood meeting on Thursday?",
    "The new bike lane on the riverside is great. Thanks to whoever proposed it.",
    "Could the library stay open later on Saturdays?",
)


def seed(session: Session, component: api.Component) -> None:
    """Add the demo messages to ``component`` (the caller commits)."""
    author = demo_author(session)
    first = api.utcnow() - dt.timedelta(hours=len(DEMO_MESSAGES))
    for position, body in enumerate(DEMO_MESSAGES):
        created_at = first + dt.timedelta(hours=position)
        session.add(
            Message(component_id=component.id, author=author, body=body, created_at=created_at)
        )
    session.flush()


def demo_author(session: Session) -> api.User:
    """The demo resident who signs the messages, created the first time."""
    author = session.scalar(select(api.User).where(api.User.email == DEMO_AUTHOR_EMAIL))
    if author is None:
        # No password: this account exists to sign demo content, nobody signs in with it.
        author = api.User(email=DEMO_AUTHOR_EMAIL, name="Sam Voisin", password_hash=None)
        session.add(author)
    return author
