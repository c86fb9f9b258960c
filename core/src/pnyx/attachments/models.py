"""Attachments and their collections: files attached to a space, a component or a resource.

An attachment belongs to an *owner*, named as ``(owner_type, owner_id)``:
``("space", 3)``, ``("component", 12)`` or a resource type that opts in
(``("pages.page", 5)``). Its ``space_id`` (and ``component_id``) say whose
visibility governs who may download it. The file itself lives in the storage
(``pnyx.attachments.storage``) under ``key``, a generated name: nothing the
uploader typed reaches a path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.models.base import Model, utcnow

#: The purpose of an ordinary file; a ``cover`` is the owner's image on cards and banners.
FILE = "file"
COVER = "cover"


class AttachmentCollection(Model):
    """A named group of an owner's files ("Documents of the first workshop")."""

    __tablename__ = "attachment_collections"
    __table_args__ = (Index("ix_attachment_collections_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[int]
    space_id: Mapped[int | None] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[dict[str, Any]]
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Attachment(Model):
    """One stored file, with its translated title (and alt text, for an image)."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The generated storage name (``<32 hex>.<extension>``); also the file's address.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    owner_type: Mapped[str] = mapped_column(String(64))
    owner_id: Mapped[int]
    space_id: Mapped[int | None] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), index=True
    )
    component_id: Mapped[int | None] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), index=True
    )
    collection_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachment_collections.id", ondelete="SET NULL"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(16), default=FILE)
    title: Mapped[dict[str, Any]] = mapped_column(default=dict)
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    alt: Mapped[dict[str, Any]] = mapped_column(default=dict)
    #: The uploaded name, cleaned: shown to readers and offered when saving, never a path.
    filename: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    #: ``{"small": key, "medium": key}`` for images.
    thumbnails: Mapped[dict[str, Any]] = mapped_column(default=dict)
    position: Mapped[int] = mapped_column(default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: Set for a private file (a survey respondent's): only its sender and the people allowed
    #: this action on its component (or space) may download it; never cached, never listed.
    readers_action: Mapped[str | None] = mapped_column(String(64), default=None)

    @property
    def is_image(self) -> bool:
        return bool(self.thumbnails)
