"""Writing comments: post, reply, edit (keeping the history), delete (a tombstone).

Each function validates, writes in the request's session and returns what to
tell the person; the views commit. A person may post ``COMMENTS_RATE_LIMIT``
comments a minute (default 5), counted in the database, so the limit holds
across every app process.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import func, select

from pnyx import api
from pnyx_comments import text
from pnyx_comments.actions import CREATE
from pnyx_comments.models import (
    AGAINST,
    FOR,
    MAX_DEPTH,
    MAX_LENGTH,
    NEUTRAL,
    RESOURCE,
    Comment,
    Version,
)
from pnyx_comments.targets import Target

ALIGNMENTS = {"for": FOR, "against": AGAINST, "neutral": NEUTRAL}


class WriteError(Exception):
    """A comment that cannot be written, with the message for the person."""


def _messages() -> dict[str, str]:
    return {
        "empty": api._("Write something first."),
        "rate": api._("You are commenting very fast: wait a minute, then try again."),
        "depth": api._("This conversation is too deep: answer an earlier comment."),
        "group": api._("You cannot comment on behalf of this organization here."),
    }


def body_error(body: str) -> str | None:
    """Why ``body`` cannot be published, or ``None`` (to show with another refusal).

    A text too long says its length: without JavaScript there is no counter, and "at most
    2000" alone leaves the person guessing how much to cut.
    """
    cleaned = text.clean(body)
    problem = text.problem(cleaned)
    if problem == "too_long":
        return api.ngettext(
            "A comment holds at most %(num)d character; yours has %(length)d.",
            "A comment holds at most %(num)d characters; yours has %(length)d.",
            MAX_LENGTH,
            length=len(cleaned),
        )
    return _messages()[problem] if problem else None


def _check_body(body: str) -> str:
    error = body_error(body)
    if error:
        raise WriteError(error)
    return text.clean(body)


def _check_rate(user: api.User) -> None:
    limit = int(current_app.config.get("COMMENTS_RATE_LIMIT", 5))
    since = api.utcnow() - dt.timedelta(minutes=1)
    query = select(func.count()).where(Comment.author_id == user.id, Comment.created_at > since)
    if (api.db_session().scalar(query) or 0) >= limit:
        raise WriteError(_messages()["rate"])


#: The same text by the same person in the same place this recently is the same comment.
#: Kept beside the one-time token (docs/forms.md, "Sent once"): a token knows one drawing of
#: the form, and this catches the same words sent from a new one (the page opened again after
#: a slow line seemed to fail, a page the browser drew again on "back") or without a token.
SAME_COMMENT_WITHIN = dt.timedelta(minutes=10)


def just_posted(
    target: Target, user: api.User, body: str, parent: Comment | None
) -> Comment | None:
    """The comment ``user`` has just published here with this text, if any: the back button
    brings the sent form back filled in, and sending it again published it twice."""
    cleaned = text.clean(body)
    if text.problem(cleaned):
        return None
    query = select(Comment).where(
        Comment.resource_type == target.resource_type,
        Comment.resource_id == target.resource_id,
        Comment.author_id == user.id,
        Comment.parent_id == (parent.id if parent else None),
        Comment.body == cleaned,
        Comment.created_at > api.utcnow() - SAME_COMMENT_WITHIN,
        Comment.deleted_at.is_(None),
    )
    return api.db_session().scalars(query.limit(1)).first()


def _log(action: str, comment: Comment, visibility: str = "admin") -> None:
    api.log_action(
        api.db_session(),
        action,
        resource=(RESOURCE, comment.id),
        component=comment.component,
        visibility=visibility,
        # Written for an organization: the log keeps the person (actor) and the group.
        extra={"user_group_id": comment.user_group_id} if comment.user_group_id else None,
    )


def group_choices(target: Target, user: api.User | None) -> list[api.groups.UserGroup]:
    """The organizations ``user`` may comment for here: none unless the component's admin
    let groups take part in commenting (docs/groups.md), then the groups they belong to."""
    if user is None or not api.groups.allowed(target.component, CREATE):
        return []
    return api.groups.acting_groups(user)


def read_group(target: Target, user: api.User, raw: str | None) -> int | None:
    """The chosen organization's id (empty: as oneself); refused unless one may act for it."""
    if not raw:
        return None
    group_id = api.as_int(raw)
    if group_id is None or group_id not in {group.id for group in group_choices(target, user)}:
        raise WriteError(_messages()["group"])
    return group_id


def is_staff(user: api.User, target: Target) -> bool:
    """Organization admins and the space's admins and moderators may answer officially."""
    if user.is_admin:
        return True
    return bool(api.space_roles(user, target.component.space) & {"admin", "moderator"})


def post(
    target: Target,
    user: api.User,
    body: str,
    *,
    alignment: str = "neutral",
    parent: Comment | None = None,
    official: bool = False,
    user_group_id: int | None = None,
    language: str = "",
) -> Comment:
    """Write a comment or a reply; ``user_group_id`` was checked by :func:`read_group`,
    ``language`` by ``api.read_written_language``."""
    cleaned = _check_body(body)
    _check_rate(user)
    if parent is not None and parent.depth >= MAX_DEPTH:
        raise WriteError(_messages()["depth"])
    session = api.db_session()
    comment = Comment(
        resource_type=target.resource_type,
        resource_id=target.resource_id,
        component_id=target.component.id,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_id=user.id,
        user_group_id=user_group_id,
        body=cleaned,
        language=language,
        # Replies answer a comment: only top-level comments take a side on the record.
        alignment=ALIGNMENTS.get(alignment, NEUTRAL) if parent is None else NEUTRAL,
        official=official and is_staff(user, target),
    )
    session.add(comment)
    session.flush()
    if comment.root_id is None:
        comment.root_id = comment.id
    # People who take part follow the conversation (unless their preferences say no).
    api.follow(
        user,
        (target.resource_type, target.resource_id),
        component=target.component,
        reason="commented",
    )
    _log("comments.created", comment, "public")
    payload = {
        "comment_id": comment.id,
        "resource_type": target.resource_type,
        "resource_id": target.resource_id,
        "url": target.comment_url(comment.id),
    }
    if parent is not None and parent.author_id and parent.author_id != user.id:
        api.publish_event(
            session, "comments.replied", {**payload, "to_user_id": parent.author_id}, user.id
        )
    names = text.mentions(cleaned)
    if names:
        api.publish_event(session, "comments.mentioned", {**payload, "names": names}, user.id)
    api.publish_event(session, "comments.created", payload, user.id)
    return comment


def edit(comment: Comment, body: str, language: str | None = None) -> None:
    """A new text (the old one goes to the history); a new ``language`` alone is no new
    version (the words are the same)."""
    cleaned = _check_body(body)
    if language is not None:
        comment.language = language
    if cleaned == comment.body:
        return
    written_at = comment.edited_at or comment.created_at
    api.db_session().add(Version(comment_id=comment.id, body=comment.body, written_at=written_at))
    comment.body = cleaned
    comment.edited_at = api.utcnow()
    _log("comments.edited", comment)


def delete(comment: Comment) -> None:
    """The author deletes: the text goes, a tombstone keeps the replies' place."""
    comment.deleted_at = api.utcnow()
    comment.body = ""
    _log("comments.deleted", comment)


def history(comment: Comment) -> list[Version]:
    query = select(Version).where(Version.comment_id == comment.id).order_by(Version.id)
    return list(api.db_session().scalars(query))
