"""Publishing a notification: ``api.notify(kind, target, ...)``.

The call only enqueues :func:`fan_out` (after the request's commit), so a
space with thousands of followers costs the request nothing. The job finds the
recipients the kind names (followers, authors, staff, mentioned people), keeps
those who may still see the place, stores one row each in a bulk insert, and
hands the people who want it at once to the e-mail job in batches.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from flask import has_request_context
from sqlalchemy import exists, insert, select

from pnyx.db import get_session
from pnyx.jobs import enqueue, job
from pnyx.models import Component, Space, User, UserSpaceRole, utcnow
from pnyx.notifications import delivery
from pnyx.notifications.audience import still_described, visible_to
from pnyx.notifications.following import Target, follower_ids, target_of
from pnyx.notifications.kinds import AUTHORS, FOLLOWERS, MENTIONED, STAFF, kind_named
from pnyx.notifications.models import DIGESTS, IMMEDIATELY, Notification
from pnyx.notifications.preferences_store import frequencies_for

log = logging.getLogger(__name__)

STAFF_ROLES = ("admin", "moderator")


def as_translations(value: Any, language: str = "") -> dict[str, str]:
    """A content field (``{locale: text}``) as is; any other text as ``{language: text}``:
    a resident's text under the language it was written in (``{"co": text}``, read in any
    language and marked with ``lang`` where it is not the page's), ``{"": text}`` when unknown."""
    if value is None or value == "":
        return {}
    if isinstance(value, Mapping):
        return {str(key): str(text) for key, text in value.items()}
    return {str(language or ""): str(value)}


def notify(
    kind: str,
    target: Any,
    *,
    component: Component | int | None = None,
    space: Space | int | None = None,
    title: Any = "",
    url: str = "",
    detail: Any = "",
    authors: Iterable[int] = (),
    mentioned: Iterable[int] = (),
    actor_id: int | None = None,
    exclude: Iterable[int] = (),
    title_language: str = "",
    detail_language: str = "",
) -> None:
    """Tell the people ``kind`` names that something happened to ``target``.

    ``target`` is a space, a component or ``(resource type, id)`` with its
    ``component``; ``title`` (text or ``{locale: text}``) and ``url`` (a path of
    this site) describe it; ``detail`` adds a short line (a new state). A plain-text
    ``title`` or ``detail`` a resident wrote (a proposal's title, a comment's first words)
    takes the language it was written in, ``title_language=proposal.language``,
    ``detail_language=comment.language``, so that the notification centre marks it with
    ``lang`` for readers of another language (WCAG 3.1.2); ``''`` marks nothing. The
    person who acted (``actor_id``) and the ids in ``exclude`` (people the plugin already
    wrote to itself) are not notified. Runs in a background job
    after the current transaction commits; outside a request (a command), the
    session is committed first, since the job then runs at once.
    """
    kind_named(kind)  # an undeclared kind is a programming error: say so now
    found = target_of(target, component, space)
    if not has_request_context():
        # A command (or an event delivered at its end): the job runs at once, in its own
        # session; it must see what this one wrote, and SQLite's write lock must be free.
        get_session().commit()
    enqueue(
        fan_out,
        kind,
        attrs.asdict(found),
        as_translations(title, title_language),
        str(url)[:500],
        as_translations(detail, detail_language),
        sorted({int(i) for i in authors}),
        sorted({int(i) for i in mentioned}),
        actor_id,
        uuid.uuid4().hex,
        sorted({int(i) for i in exclude}),
    )


def candidate_ids(
    kind_recipients: tuple[str, ...], target: Target, authors: list[int], mentioned: list[int]
) -> set[int]:
    found: set[int] = set()
    if FOLLOWERS in kind_recipients:
        found |= follower_ids(target)
    if AUTHORS in kind_recipients:
        found |= set(authors)
    if MENTIONED in kind_recipients:
        found |= set(mentioned)
    if STAFF in kind_recipients and target.space_id is not None:
        query = select(UserSpaceRole.user_id).where(
            UserSpaceRole.space_id == target.space_id, UserSpaceRole.role.in_(STAFF_ROLES)
        )
        found |= set(get_session().scalars(query))
    return found


def active_people(ids: set[int]) -> set[int]:
    if not ids:
        return set()
    query = select(User.id).where(
        User.id.in_(ids), User.deleted_at.is_(None), User.blocked.is_(False)
    )
    return set(get_session().scalars(query))


def mail_due(frequency: str | None) -> str | None:
    return frequency if frequency in (IMMEDIATELY, *DIGESTS) else None


@job()
def fan_out(
    kind: str,
    target: dict[str, Any],
    title: dict[str, str],
    url: str,
    detail: dict[str, str],
    authors: list[int],
    mentioned: list[int],
    actor_id: int | None,
    key: str,
    exclude: list[int] | None = None,
) -> int:
    """Store the notification for each recipient; mail those who want it now. Returns how many."""
    session = get_session()
    if session.scalar(select(exists().where(Notification.batch_key == key))):
        return 0  # this job already ran (a worker died after its commit)
    place = Target(**target)
    declared = kind_named(kind)
    ids = candidate_ids(declared.recipients, place, authors, mentioned)
    ids -= {actor_id, *(exclude or ())}
    ids = visible_to(session, place.space_id, place.component_id, active_people(ids))
    if not ids or not still_described(session, place.type, [place.id]):
        return 0
    frequencies = frequencies_for(session, ids, kind) if declared.email else {}
    now = utcnow()
    rows = [
        {
            "user_id": user_id,
            "kind": kind,
            "target_type": place.type,
            "target_id": place.id,
            "space_id": place.space_id,
            "component_id": place.component_id,
            "title": title,
            "url": url,
            "detail": detail,
            "created_at": now,
            "mail_due": mail_due(frequencies.get(user_id)),
            "batch_key": key,
        }
        for user_id in sorted(ids)
    ]
    session.execute(insert(Notification), rows)
    session.commit()
    now_wanted = [row["user_id"] for row in rows if row["mail_due"] == IMMEDIATELY]
    delivery.enqueue_batches(IMMEDIATELY, now_wanted)
    log.info("notification %s stored for %d people", kind, len(rows))
    return len(rows)
