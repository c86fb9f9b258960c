"""Private files: sent by one person, read only by them and by staff (a survey's file answers).

A private attachment carries ``readers_action``: besides the person who sent it,
only people allowed that action on its component (or space) may download it; it is
never cached and never listed with the owner's public files.

A form of several pages (no JavaScript) cannot send a file twice, and a browser
never fills a file field again after a refused page: so a file is **held** as soon
as it arrives (stored, owned by ``("held", <sender's id>)``), the page carries its
key in a hidden field, and the last page **claims** it for the record it belongs to.
Only its sender can claim a held file (a key typed into someone else's form claims
nothing). Held files nobody claimed go after a day (:func:`forget_stale`, called at
each :func:`hold`), and with their sender's account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from pnyx.attachments.models import FILE, Attachment
from pnyx.attachments.service import _next_position, _store, remove
from pnyx.attachments.upload import receive
from pnyx.db import get_session
from pnyx.models import Component, Space, User, utcnow
from pnyx.permissions import decide

#: The owner type of a file waiting for its form's last page.
HELD = "held"
#: How long a held file waits for its form's last page.
HELD_FOR = dt.timedelta(days=1)


def hold(
    upload: FileStorage,
    *,
    user: User,
    space: Space | None,
    component: Component | None,
    readers_action: str,
    limit: int | None = None,
    accepted: Collection[str] | None = None,
) -> Attachment:
    """Check and store ``upload`` as a private file of ``user``, waiting to be claimed.

    Raises :class:`AttachmentError` (too large for ``limit``, not one of the ``accepted``
    kinds, refused by content or by the antivirus). No alt text is asked: the file is never
    shown to the public. Added to the session, not committed.
    """
    received = receive(upload, limit=limit, accepted=accepted)
    try:
        attachment = _store(received, (HELD, user.id), space, component, user)
    finally:
        received.content.close()
    attachment.readers_action = readers_action
    attachment.purpose = FILE
    forget_stale(user)
    get_session().add(attachment)
    return attachment


def held(key: str, user: User | None) -> Attachment | None:
    """The file ``user`` holds under ``key`` (``None`` for anyone else, or when it is gone)."""
    if user is None or not key:
        return None
    query = select(Attachment).where(
        Attachment.key == key, Attachment.owner_type == HELD, Attachment.owner_id == user.id
    )
    return get_session().scalar(query)


def claim(attachment: Attachment, owner: tuple[str, int]) -> None:
    """Make a held file ``owner``'s (in the caller's transaction)."""
    attachment.owner_type, attachment.owner_id = owner
    attachment.position = _next_position(get_session(), owner)


def private_files_of(owner_type: str, owner_id: int) -> list[Attachment]:
    """An owner's private files (a submission's answers), in their order."""
    query = (
        select(Attachment)
        .where(
            Attachment.owner_type == owner_type,
            Attachment.owner_id == owner_id,
            Attachment.readers_action.is_not(None),
        )
        .order_by(Attachment.position, Attachment.id)
    )
    return list(get_session().scalars(query))


def forget_stale(user: User | None = None) -> int:
    """Remove held files older than :data:`HELD_FOR` (of ``user``, or everyone's)."""
    query = select(Attachment).where(
        Attachment.owner_type == HELD, Attachment.created_at < utcnow() - HELD_FOR
    )
    if user is not None:
        query = query.where(Attachment.owner_id == user.id)
    stale = list(get_session().scalars(query))
    for attachment in stale:
        remove(attachment)
    return len(stale)


def may_read(user: User | None, attachment: Attachment, target: object) -> bool:
    """Whether ``user`` may download the private ``attachment`` (its sender, or staff)."""
    if user is None:
        return False
    if attachment.uploaded_by_id == user.id:
        return True
    if attachment.owner_type == HELD or attachment.readers_action is None:
        return False
    return bool(decide(user, attachment.readers_action, target))
