"""Checks shared by every message form."""

from __future__ import annotations

from pnyx import api
from pnyx_mutual_aid.conversations import MAX_MESSAGE


def message_error(body: str) -> str | None:
    """Why ``body`` cannot be sent, or ``None``."""
    if not body:
        return api._("Write a message first.")
    if len(body) > MAX_MESSAGE:
        return api.ngettext(
            "A message has at most %(num)d character; yours has %(length)d.",
            "A message has at most %(num)d characters; yours has %(length)d.",
            MAX_MESSAGE,
            length=len(body),
        )
    return None
