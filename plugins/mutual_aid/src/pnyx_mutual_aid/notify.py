"""Telling the other person something happened: the core's notifications, never the content.

``api.notify`` stores a notification for the other participant (the
notification centre) and e-mails it at the frequency they chose (at once or in
a summary): the post's title and a link to the conversation, never the
message, which stays on the platform where the person reads it signed in. A
second message while the first is still unread notifies nobody again.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid.models import POST_RESOURCE, AidConversation, AidMessage

ANSWERED = "mutual_aid.answered"
MESSAGE = "mutual_aid.message"

KINDS = (
    api.NotificationKind(
        ANSWERED,
        api._l("Someone answered your post"),
        recipients=("authors",),
        description=api._l("Someone offers help or asks for yours on the mutual-aid board."),
    ),
    api.NotificationKind(
        MESSAGE,
        api._l("New message in a mutual-aid conversation"),
        recipients=("authors",),
        description=api._l("The person you talk with wrote again (never the message itself)."),
    ),
)


def conversation_path(conversation: AidConversation) -> str:
    return url_for(
        "mutual_aid.conversation",
        space_slug=conversation.component.space.slug,
        component_id=conversation.component_id,
        token=conversation.token,
    )


def new_message(conversation: AidConversation, sender_id: int, *, first: bool) -> None:
    """Notify the other participant (after the commit, through the core's job)."""
    recipient = conversation.other(sender_id)
    if recipient.deleted_at is not None:
        return
    if not first and not _read_since_previous(conversation, recipient.id):
        return
    api.notify(
        ANSWERED if first else MESSAGE,
        (POST_RESOURCE, conversation.post_id),
        component=conversation.component,
        title=conversation.post.title,
        title_language=conversation.post.language,
        url=conversation_path(conversation),
        authors=[recipient.id],
        actor_id=sender_id,
    )


def _read_since_previous(conversation: AidConversation, recipient_id: int) -> bool:
    """Whether the recipient had read the conversation before this message (else: no news)."""
    seen = (
        conversation.author_read_at
        if recipient_id == conversation.author_id
        else conversation.responder_read_at
    )
    previous = api.db_session().scalar(
        select(AidMessage.created_at)
        .where(AidMessage.conversation_id == conversation.id)
        .order_by(AidMessage.created_at.desc(), AidMessage.id.desc())
        .offset(1)
        .limit(1)
    )
    return previous is None or (seen is not None and seen >= previous)
