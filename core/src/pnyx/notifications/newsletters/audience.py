"""Who receives a newsletter: one query, ordered by id for the sending batches."""

from __future__ import annotations

from sqlalchemy import Select, exists, func, or_, select

from pnyx.db import get_session
from pnyx.models import ActionLog, Authorization, User
from pnyx.notifications.models import Follow, Newsletter, NotificationPreference
from pnyx.toolkit.taxonomy import subtree

ALL, SPACES, TERRITORIES = "all", "spaces", "territories"
AUDIENCES = (ALL, SPACES, TERRITORIES)


def _in_spaces(space_ids: list[int]) -> object:
    follows = exists().where(Follow.user_id == User.id, Follow.space_id.in_(space_ids))
    took_part = exists().where(ActionLog.actor_id == User.id, ActionLog.space_id.in_(space_ids))
    return or_(follows, took_part)


def _in_territories(term_ids: list[int]) -> object:
    terms = set()
    for term_id in term_ids:
        terms |= set(get_session().scalars(subtree(term_id)))
    territory = Authorization.data["territory_id"].as_integer()
    return exists().where(
        Authorization.user_id == User.id,
        Authorization.status == "granted",
        territory.in_(sorted(terms) or [0]),
    )


def recipients(newsletter: Newsletter) -> Select[tuple[int]]:
    """``SELECT users.id`` of the newsletter's recipients, by id."""
    query = (
        select(User.id)
        .join(NotificationPreference, NotificationPreference.user_id == User.id)
        .where(
            NotificationPreference.newsletter_consent_at.is_not(None),
            NotificationPreference.bounced_at.is_(None),
            User.email.is_not(None),
            User.deleted_at.is_(None),
            User.blocked.is_(False),
        )
    )
    if newsletter.audience == SPACES:
        query = query.where(_in_spaces([int(i) for i in newsletter.space_ids] or [0]))
    elif newsletter.audience == TERRITORIES:
        query = query.where(_in_territories([int(i) for i in newsletter.term_ids]))
    return query.order_by(User.id)


def count_recipients(newsletter: Newsletter) -> int:
    counting = select(func.count()).select_from(recipients(newsletter).order_by(None).subquery())
    return int(get_session().scalar(counting) or 0)


__all__ = ["AUDIENCES", "count_recipients", "recipients"]
