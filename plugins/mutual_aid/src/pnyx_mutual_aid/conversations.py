"""Private conversations: opening one about a post, writing in it, ending, blocking.

Two helpers answering the same request at once each get their own
conversation; one helper answering twice (a double click, two tabs) gets the
same one: the unique ``(post, responder)`` decides, inside a savepoint.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_mutual_aid.models import AidBlock, AidConversation, AidMessage, AidPost

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
MAX_MESSAGE = 2000


class RefusedError(Exception):
    """Why a message or a conversation cannot be written now (shown to the person).

    ``status``: 403 (ended, blocked) or 429 (too many, for now).
    """

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


def blocked_between(session: Session, one: int, other: int) -> bool:
    query = select(AidBlock.blocker_id).where(
        or_(
            (AidBlock.blocker_id == one) & (AidBlock.blocked_id == other),
            (AidBlock.blocker_id == other) & (AidBlock.blocked_id == one),
        )
    )
    return session.scalar(query.limit(1)) is not None


def find(session: Session, post: AidPost, responder: api.User) -> AidConversation | None:
    query = select(AidConversation).where(
        AidConversation.post_id == post.id, AidConversation.responder_id == responder.id
    )
    return session.scalar(query)


def check_conversation_quota(session: Session, user: api.User, component: api.Component) -> None:
    limit = api.current_settings(component).get("conversations_per_day")
    since = api.utcnow() - DAY
    query = select(func.count()).where(
        AidConversation.responder_id == user.id, AidConversation.created_at > since
    )
    if (session.scalar(query) or 0) >= limit:
        raise RefusedError(
            api._("You have opened many conversations today: please wait until tomorrow."),
            429,
        )


def check_message_quota(session: Session, user: api.User, component: api.Component) -> None:
    limit = api.current_settings(component).get("messages_per_hour")
    query = select(func.count()).where(
        AidMessage.sender_id == user.id, AidMessage.created_at > api.utcnow() - HOUR
    )
    if (session.scalar(query) or 0) >= limit:
        raise RefusedError(
            api._("You have sent many messages in the last hour: please wait a little."), 429
        )


def open_conversation(
    session: Session, post: AidPost, responder: api.User, body: str, language: str = ""
) -> tuple[AidConversation, bool]:
    """The responder's conversation about ``post`` with its first message; ``True`` if new.

    An existing conversation gets the message instead (unless it was ended). ``language``:
    the one the message is written in (``api.read_written_language``).
    """
    if blocked_between(session, post.author_id, responder.id):
        raise RefusedError(api._("You cannot contact this person."))
    existing = find(session, post, responder)
    if existing is not None:
        send(session, existing, responder, body, language)
        return existing, False
    check_conversation_quota(session, responder, post.component)
    check_message_quota(session, responder, post.component)
    conversation = AidConversation(
        component_id=post.component_id,
        post_id=post.id,
        author_id=post.author_id,
        responder_id=responder.id,
    )
    try:
        with session.begin_nested():
            session.add(conversation)
            session.flush()
    except IntegrityError:  # the same person, at the same time, in another request
        existing = find(session, post, responder)
        assert existing is not None
        send(session, existing, responder, body, language)
        return existing, False
    _add_message(session, conversation, responder, body, language)
    api.log_action(
        session,
        "mutual_aid.conversation_opened",
        resource=post.resource,
        component=post.component,
        visibility="private",
    )
    return conversation, True


def send(
    session: Session,
    conversation: AidConversation,
    sender: api.User,
    body: str,
    language: str = "",
) -> AidMessage:
    if conversation.ended_at is not None:
        raise RefusedError(api._("This conversation has ended."))
    other = (
        conversation.responder_id if sender.id == conversation.author_id else conversation.author_id
    )
    if blocked_between(session, sender.id, other):
        raise RefusedError(api._("You cannot write to this person."))
    check_message_quota(session, sender, conversation.component)
    return _add_message(session, conversation, sender, body, language)


def _add_message(
    session: Session, conversation: AidConversation, sender: api.User, body: str, language: str
) -> AidMessage:
    now = api.utcnow()
    message = AidMessage(
        conversation_id=conversation.id,
        sender_id=sender.id,
        body=body,
        language=language,
        created_at=now,
    )
    session.add(message)
    conversation.last_message_at = now
    mark_read(conversation, sender.id, now)
    session.flush()
    return message


def mark_read(conversation: AidConversation, user_id: int, now: dt.datetime | None = None) -> None:
    if user_id == conversation.author_id:
        conversation.author_read_at = now or api.utcnow()
    elif user_id == conversation.responder_id:
        conversation.responder_read_at = now or api.utcnow()


def unread(conversation: AidConversation, user_id: int) -> bool:
    seen = (
        conversation.author_read_at
        if user_id == conversation.author_id
        else conversation.responder_read_at
    )
    return seen is None or seen < conversation.last_message_at


def end(session: Session, conversation: AidConversation, user: api.User) -> None:
    if conversation.ended_at is None:
        conversation.ended_at = api.utcnow()
        conversation.ended_by_id = user.id


def block(session: Session, conversation: AidConversation, user: api.User) -> None:
    """``user`` blocks the other participant, which also ends the conversation."""
    other = conversation.other(user.id)
    exists = session.get(AidBlock, (user.id, other.id))
    if exists is None:
        try:
            with session.begin_nested():
                session.add(AidBlock(blocker_id=user.id, blocked_id=other.id))
                session.flush()
        except IntegrityError:
            pass
    end(session, conversation, user)


def mine(component_id: int, user: api.User) -> Select[tuple[AidConversation]]:
    """The person's conversations in the component, latest activity first (to paginate)."""
    return (
        select(AidConversation)
        .where(
            AidConversation.component_id == component_id,
            or_(AidConversation.author_id == user.id, AidConversation.responder_id == user.id),
        )
        .options(
            joinedload(AidConversation.post),
            joinedload(AidConversation.author),
            joinedload(AidConversation.responder),
        )
        .order_by(AidConversation.last_message_at.desc(), AidConversation.id.desc())
    )
