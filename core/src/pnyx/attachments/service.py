"""Attaching, listing and removing files: what ``api.attachments`` offers plugins."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from pnyx.attachments.models import COVER, FILE, Attachment, AttachmentCollection
from pnyx.attachments.storage import storage
from pnyx.attachments.upload import AttachmentError, Received, receive
from pnyx.db import get_session
from pnyx.models import Component, Space, User

#: Owner types every instance has; plugins add theirs with ``ResourceType(attachable=True)``.
#: A group of spaces (``space_group``) has a cover image too (docs/spaces.md); a person
#: (``user``) has an avatar (docs/accounts.md).
CORE_OWNERS = ("space", "component", "space_group", "user")


def attachable_types() -> frozenset[str]:
    """``space``, ``component`` and every resource type declared ``attachable``."""
    registry = current_app.extensions["pnyx.plugins"].registry
    types = (*registry.component_types.values(), *registry.space_types.values())
    names = {
        resource.name
        for owner_type in types
        for resource in owner_type.resource_types
        if resource.attachable
    }
    return frozenset(CORE_OWNERS) | names


def _texts(value: Mapping[str, Any] | None) -> dict[str, str]:
    return {locale: text.strip() for locale, text in (value or {}).items() if text and text.strip()}


def attach(
    upload: FileStorage,
    owner: tuple[str, int],
    *,
    space: Space | None,
    component: Component | None = None,
    title: Mapping[str, str] | None = None,
    description: Mapping[str, str] | None = None,
    alt: Mapping[str, str] | None = None,
    collection: AttachmentCollection | None = None,
    cover: bool = False,
    user: User | None = None,
) -> tuple[Attachment, tuple[str, ...]]:
    """Check and store ``upload`` as a file of ``owner``; the new attachment (added to the
    session, not committed) and notes for the uploader about what was made safe.

    Raises :class:`AttachmentError` with a reason for the uploader: too large, empty, not an
    accepted kind (by content), an unreadable image, an image without alternative text, a
    refusal of the ``scan_upload`` hook. ``cover=True`` makes it the owner's image on cards
    and banners (images only), replacing the previous one.
    """
    owner_type, owner_id = owner
    if owner_type not in attachable_types():
        raise ValueError(f"{owner_type!r} does not accept attachments (ResourceType.attachable)")
    alt_texts = _texts(alt)
    received = receive(upload, images_only=cover)
    try:
        if received.kind.image and not alt_texts:
            raise AttachmentError(
                _("Describe the image in a few words for people who cannot see it (alt text).")
            )
        attachment = _store(received, owner, space, component, user)
    finally:
        received.content.close()
    attachment.title = _texts(title)
    attachment.description = _texts(description)
    attachment.alt = alt_texts
    attachment.collection_id = collection.id if collection is not None else None
    attachment.purpose = COVER if cover else FILE
    session = get_session()
    if cover:
        for previous in covers(owner_type, [owner_id]).values():
            remove(previous)
    attachment.position = _next_position(session, owner)
    session.add(attachment)
    return attachment, received.notes


def _store(
    received: Received,
    owner: tuple[str, int],
    space: Space | None,
    component: Component | None,
    user: User | None,
) -> Attachment:
    name = secrets.token_hex(16)
    key = f"{name}.{received.kind.extension}"
    backend = storage()
    backend.save(key, received.content, received.kind.content_type)
    thumbnails = {}
    for size, data in received.thumbnails.items():
        thumbnails[size] = f"{name}-{size}.webp"
        backend.save(thumbnails[size], data, "image/webp")
    return Attachment(
        key=key,
        owner_type=owner[0],
        owner_id=owner[1],
        space_id=space.id if space is not None else None,
        component_id=component.id if component is not None else None,
        filename=received.filename,
        kind=received.kind.name,
        content_type=received.kind.content_type,
        size=received.size,
        width=received.width,
        height=received.height,
        thumbnails=thumbnails,
        uploaded_by_id=user.id if user is not None else None,
    )


def _next_position(session: Session, owner: tuple[str, int]) -> int:
    positions = session.scalars(
        select(Attachment.position).where(
            Attachment.owner_type == owner[0], Attachment.owner_id == owner[1]
        )
    ).all()
    return max(positions, default=-1) + 1


def files_of(owner_type: str, owner_id: int) -> list[Attachment]:
    """The owner's files (not its cover image, nor private files), in their order."""
    query = (
        select(Attachment)
        .where(
            Attachment.owner_type == owner_type,
            Attachment.owner_id == owner_id,
            Attachment.purpose == FILE,
            Attachment.readers_action.is_(None),
        )
        .order_by(Attachment.position, Attachment.id)
    )
    return list(get_session().scalars(query))


def collections_of(owner_type: str, owner_id: int) -> list[AttachmentCollection]:
    query = (
        select(AttachmentCollection)
        .where(
            AttachmentCollection.owner_type == owner_type,
            AttachmentCollection.owner_id == owner_id,
        )
        .order_by(AttachmentCollection.position, AttachmentCollection.id)
    )
    return list(get_session().scalars(query))


def grouped(
    owner_type: str, owner_id: int
) -> list[tuple[AttachmentCollection | None, list[Attachment]]]:
    """The owner's files by collection: first those in no collection, then each collection
    that holds files, in the collections' order (two queries; one when no file is in a
    collection, as on most pages: an empty collection is not shown)."""
    files = files_of(owner_type, owner_id)
    groups: list[tuple[AttachmentCollection | None, list[Attachment]]] = []
    loose = [item for item in files if item.collection_id is None]
    if loose:
        groups.append((None, loose))
    if len(loose) == len(files):
        return groups
    for collection in collections_of(owner_type, owner_id):
        inside = [item for item in files if item.collection_id == collection.id]
        if inside:
            groups.append((collection, inside))
    return groups


def covers(owner_type: str, owner_ids: Iterable[int]) -> dict[int, Attachment]:
    """The cover image of each owner that has one, in one query (for list cards)."""
    ids = list(owner_ids)
    if not ids:
        return {}
    query = select(Attachment).where(
        Attachment.owner_type == owner_type,
        Attachment.owner_id.in_(ids),
        Attachment.purpose == COVER,
    )
    return {item.owner_id: item for item in get_session().scalars(query)}


def cover(owner_type: str, owner_id: int) -> Attachment | None:
    """The owner's cover image, or ``None``."""
    return covers(owner_type, [owner_id]).get(owner_id)


def add_collection(
    owner: tuple[str, int],
    title: Mapping[str, str],
    *,
    space: Space | None,
    description: Mapping[str, str] | None = None,
) -> AttachmentCollection:
    """A new collection of ``owner`` (added to the session, not committed)."""
    session = get_session()
    positions = session.scalars(
        select(AttachmentCollection.position).where(
            AttachmentCollection.owner_type == owner[0], AttachmentCollection.owner_id == owner[1]
        )
    ).all()
    collection = AttachmentCollection(
        owner_type=owner[0],
        owner_id=owner[1],
        space_id=space.id if space is not None else None,
        title=_texts(title),
        description=_texts(description),
        position=max(positions, default=-1) + 1,
    )
    session.add(collection)
    return collection


def remove(attachment: Attachment) -> None:
    """Delete ``attachment``; its files leave the storage once the transaction commits."""
    session = get_session()
    _forget_after_commit(session, [attachment.key, *attachment.thumbnails.values()])
    session.delete(attachment)


def remove_all(owner_type: str, owner_id: int) -> None:
    """Delete every file and collection of an owner (call it when deleting the owner)."""
    session = get_session()
    query = select(Attachment).where(
        Attachment.owner_type == owner_type, Attachment.owner_id == owner_id
    )
    for attachment in session.scalars(query):
        remove(attachment)
    session.execute(
        delete(AttachmentCollection).where(
            AttachmentCollection.owner_type == owner_type,
            AttachmentCollection.owner_id == owner_id,
        )
    )


def _forget_after_commit(session: Session, keys: list[str]) -> None:
    backend = storage()

    def forget(_session: Session) -> None:
        for key in keys:
            backend.delete(key)

    event.listen(session, "after_commit", forget, once=True)


def url(attachment: Attachment) -> str:
    """The address that serves the file (with its name, for people saving it)."""
    return url_for("pnyx_attachments.file", key=attachment.key)


def thumbnail_url(attachment: Attachment, size: str = "small") -> str:
    """The address of an image's thumbnail (``small``: 480 px wide, ``medium``: 1200 px)."""
    if size not in attachment.thumbnails:
        return url(attachment)
    return url_for("pnyx_attachments.thumbnail", key=attachment.key, size=size)


def orphan_keys() -> list[str]:
    """Stored files no attachment refers to (left by deleted spaces or failed requests)."""
    session = get_session()
    known: set[str] = set()
    for key, thumbnails in session.execute(select(Attachment.key, Attachment.thumbnails)):
        known.add(key)
        known.update((thumbnails or {}).values())
    return sorted(key for key in storage().list_keys() if key not in known)
