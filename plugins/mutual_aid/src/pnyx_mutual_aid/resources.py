"""What other plugins may know of the board: posts, a record people may comment on.

Posts opt in to comments (``commentable=True``) but **start with comments off**
(``comments_by_default=False``): a post is answered in a private conversation,
reached by a random token, with a warning before anyone shares an e-mail
address or a phone number, and with "end" and "block" at hand. A public thread
under a request for help would invite the opposite — contact details, a
person's situation and their neighbours' remarks in the open, where blocking
the other person protects nothing. Staff who want public exchanges (a
skills-swap board, questions about an offer of tools) turn "Comments enabled"
on for the component or one phase; bans from the board apply to comments too
(``permissions.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_mutual_aid.models import POST_RESOURCE, AidPost


def load(session: Session, post_id: int) -> AidPost | None:
    """A post by id, for comments (they ask permissions on it)."""
    return session.get(AidPost, post_id)


def describe(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str, str, str]]:
    """``{id: (title, url, "", language)}`` of the posts the reader may read (not hidden, not
    withdrawn, on a board they may see); the language the title is written in lets pages mark
    it (``|in_language``)."""
    query = (
        select(AidPost)
        .where(
            AidPost.id.in_(list(ids)),
            AidPost.hidden_at.is_(None),
            AidPost.status != "withdrawn",
        )
        .options(joinedload(AidPost.component).joinedload(api.Component.space))
    )
    described = {}
    visible = api.links.ReadableComponents()
    for post in session.scalars(query).unique():
        if not visible(post.component):
            continue  # a board of an unpublished or private space
        url = url_for(
            "mutual_aid.show",
            space_slug=post.component.space.slug,
            component_id=post.component_id,
            post_id=post.id,
        )
        described[post.id] = (post.title, url, "", post.language)
    return described


def resource_type() -> api.ResourceType:
    return api.ResourceType(
        name=POST_RESOURCE,
        label=api._l("Offer or request of help"),
        describe=describe,
        commentable=True,
        comments_by_default=False,
        load=load,
    )
