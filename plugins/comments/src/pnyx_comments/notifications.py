"""The core's notifications for comments: a reply to one's comment, a mention (``@name``),
a new comment on a record one follows.

The writing request publishes the plugin's events (``comments.created``,
``comments.replied``, ``comments.mentioned``); after its commit they become
notifications through ``api.notify`` (a background job finds the recipients
and keeps only those who may still see the record).
"""

from __future__ import annotations

from flask import current_app, has_request_context
from sqlalchemy import func, select

from pnyx import api
from pnyx_comments import targets
from pnyx_comments.models import Comment

CREATED, REPLIED, MENTIONED = "comments.created", "comments.replied", "comments.mentioned"
#: At most this many people are notified for one comment's mentions.
MENTIONS_MAX = 10

KINDS = [
    api.NotificationKind(
        CREATED,
        api._l("New comment"),
        recipients=("followers",),
        description=api._l("A comment on something you follow."),
    ),
    api.NotificationKind(
        REPLIED,
        api._l("Reply to your comment"),
        recipients=("authors",),
        description=api._l("Someone answered one of your comments."),
    ),
    api.NotificationKind(
        MENTIONED,
        api._l("You were mentioned"),
        recipients=("mentioned",),
        description=api._l("Someone mentioned you with @ and your name in a comment."),
    ),
]


def mentioned_ids(names: list[str]) -> list[int]:
    """People whose name is one of ``names`` (``@Dominique.Habitant`` is "Dominique Habitant")."""
    wanted = {name.replace(".", " ").replace("_", " ").lower() for name in names[:MENTIONS_MAX]}
    query = select(api.User.id).where(func.lower(api.User.name).in_(wanted)).limit(MENTIONS_MAX)
    return list(api.db_session().scalars(query))


def handle(event: api.Event) -> None:
    if event.name not in (CREATED, REPLIED, MENTIONED):
        return
    if has_request_context():
        _notify(event)
        return
    # After the request's commit the request is over: the record's page address needs one.
    with current_app.test_request_context():
        _notify(event)


def _notify(event: api.Event) -> None:
    comment = api.db_session().get(Comment, event.payload.get("comment_id") or 0)
    if comment is None or not comment.visible:
        return
    target = targets.find(comment.resource_type, comment.resource_id)
    if target is None:
        return
    common = {
        "component": target.component,
        "title": target.title,
        "title_language": target.language,
        "url": target.comment_url(comment.id),
        "detail": comment.body[:140],
        "detail_language": comment.language,
        "actor_id": event.actor_id,
    }
    resource = (comment.resource_type, comment.resource_id)
    if event.name == CREATED:
        api.notify(CREATED, resource, **common)
    elif event.name == REPLIED:
        api.notify(REPLIED, resource, authors=[event.payload["to_user_id"]], **common)
    else:
        people = mentioned_ids(list(event.payload.get("names") or []))
        if people:
            api.notify(MENTIONED, resource, mentioned=people, **common)
