"""The plugin's actions and its opinion in the permission engine (DESIGN.md §5).

``mutual_aid.post`` and ``mutual_aid.contact`` are verifiable: staff may
require the core's ``residence`` verification (only verified residents post or
contact). Banned people do nothing in the component; only a post's author
manages it.
"""

from __future__ import annotations

from typing import Any

from flask import g
from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid.models import AidBan, AidPost

POST = "mutual_aid.post"
CONTACT = "mutual_aid.contact"
CONVERSE = "mutual_aid.converse"
EDIT = "mutual_aid.edit"
REPORT = "mutual_aid.report"

ACTIONS = (
    api.Action(POST, api._l("Post an offer or a request of help"), step_setting="posting_enabled"),
    api.Action(
        CONTACT,
        api._l("Answer a post: open a private conversation"),
        step_setting="contact_enabled",
    ),
    api.Action(CONVERSE, api._l("Read and write in one's own conversations"), verifiable=False),
    api.Action(EDIT, api._l("Renew, close or withdraw one's own post"), verifiable=False),
    api.Action(REPORT, api._l("Report a post or a message"), verifiable=False),
)


def banned(user: api.User | None, component: api.Component | None) -> bool:
    """Whether a moderator banned ``user`` from ``component`` (read once per request)."""
    if user is None or component is None:
        return False
    cache: dict[tuple[int, int], bool] = g.setdefault("mutual_aid_bans", {})
    key = (user.id, component.id)
    if key not in cache:
        query = select(AidBan.user_id).where(
            AidBan.user_id == user.id, AidBan.component_id == component.id
        )
        cache[key] = api.db_session().scalar(query) is not None
    return cache[key]


def moderates(user: api.User | None, space: api.Space | None) -> bool:
    """Organization admins and moderators; the space's admins and moderators."""
    if user is None:
        return False
    if user.is_admin or user.has_role("moderator"):  # type: ignore[arg-type]
        return True
    return space is not None and bool({"admin", "moderator"} & api.space_roles(user, space))


#: The comments plugin's actions, when staff turn comments on: a ban holds there too.
COMMENT = "comments.create"
COMMENT_VOTE = "comments.vote"

rules = api.PermissionRules()


@rules.on(POST)
@rules.on(CONTACT)
@rules.on(CONVERSE)
@rules.on(REPORT)
@rules.on(COMMENT, AidPost)
@rules.on(COMMENT_VOTE, AidPost)
def _not_banned(user: api.User | None, target: Any) -> bool:
    return not banned(user, api.component_of(target))


@rules.on(EDIT, AidPost)
def _author_only(user: api.User | None, post: AidPost) -> bool:
    return user is not None and post.author_id == user.id


@rules.on(CONTACT, AidPost)
def _open_post_of_someone_else(user: api.User | None, post: AidPost) -> bool:
    return post.is_open and post.hidden_at is None and (user is None or post.author_id != user.id)
