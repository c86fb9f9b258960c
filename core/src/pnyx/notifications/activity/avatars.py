"""Avatars on public profiles (issue 19 item 4): a picture a person chose, or their initials.

The picture is an attachment owned by ``("user", id)`` (checked by content,
re-encoded without metadata, alt text required), public like the profile's
name. Its key is copied on ``users.avatar_key`` so that every page showing
names (comments, proposals, posts) shows avatars without one more query per
name. A person without a picture gets their initials, drawn in CSS and hidden
from screen readers (their name is right next to it). Deleting the account
removes the picture (:mod:`pnyx.personal_data.deletion`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import url_for
from werkzeug.datastructures import FileStorage

from pnyx.attachments.service import attach, cover, remove
from pnyx.models import User
from pnyx.personal_data.names import person_name

OWNER = "user"


def save_avatar(user: User, upload: FileStorage, alt: Mapping[str, str]) -> tuple[str, ...]:
    """Store ``upload`` as ``user``'s avatar (replacing the previous one); the notes of what was
    made safe. Raises ``AttachmentError`` (not an image, too large, no alt text...)."""
    attachment, notes = attach(upload, (OWNER, user.id), space=None, alt=alt, cover=True, user=user)
    user.avatar_key = attachment.key
    return notes


def remove_avatar(user: User) -> None:
    current = cover(OWNER, user.id)
    if current is not None:
        remove(current)
    user.avatar_key = None


def avatar_url(user: User | None) -> str | None:
    """The address of the person's picture (small thumbnail), or ``None``: show initials."""
    if user is None or user.deleted_at is not None or not user.avatar_key:
        return None
    return url_for("pnyx_attachments.thumbnail", key=user.avatar_key, size="small")


def initials(user: User | None) -> str:
    """Up to two letters of the name shown for ``user`` ("Ada Lovelace" → "AL")."""
    words = [word for word in person_name(user).split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"
