"""Telling the other person something happened: an e-mail with a link, never the content.

The message stays on the platform, where the person reads it signed in: an
e-mail could be forwarded, read by someone else, or stored anywhere. A second
message while the first is still unread sends no second e-mail.

The core's notification service (following, notification centre) was not on
main when this was written; switching to it is a change in this module only.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid.models import AidConversation, AidMessage


def conversation_link(conversation: AidConversation) -> str:
    return url_for(
        "mutual_aid.conversation",
        space_slug=conversation.component.space.slug,
        component_id=conversation.component_id,
        token=conversation.token,
        _external=True,
    )


def new_message(conversation: AidConversation, sender_id: int, *, first: bool) -> None:
    """Mail the other participant (after the commit, through the mail queue)."""
    recipient = conversation.other(sender_id)
    if not recipient.email or recipient.deleted_at is not None:
        return
    if not first and not _read_since_previous(conversation, recipient.id):
        return
    subject = (
        api._l("Someone answered your post on the mutual-aid board")
        if first
        else api._l("New message in a mutual-aid conversation")
    )
    api.send_mail(
        recipient.email,
        subject,
        "mutual_aid/mail/new_message.txt",
        locale=recipient.locale,
        first=first,
        post_title=conversation.post.title,
        link=conversation_link(conversation),
    )


def _read_since_previous(conversation: AidConversation, recipient_id: int) -> bool:
    """Whether the recipient had read the conversation before this message (else: no mail)."""
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
