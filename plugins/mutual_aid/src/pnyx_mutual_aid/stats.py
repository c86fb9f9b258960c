"""Figures for staff: posts and matches, per category and territory, never a name."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.models import AidConversation, AidPost


def _matched() -> object:
    return AidPost.matched_at.is_not(None)


def posts_count(session: Session, component: api.Component) -> int:
    query = select(func.count()).where(
        AidPost.component_id == component.id, AidPost.hidden_at.is_(None)
    )
    return session.scalar(query) or 0


def matches_count(session: Session, component: api.Component) -> int:
    query = select(func.count()).where(AidPost.component_id == component.id, _matched())
    return session.scalar(query) or 0


def conversations_count(session: Session, component: api.Component) -> int:
    query = select(func.count()).where(AidConversation.component_id == component.id)
    return session.scalar(query) or 0


def by_category_and_territory(
    session: Session, component: api.Component
) -> list[tuple[int, int | None, str, int, int]]:
    """``(category id, territory id, kind, posts, matches)``, most posts first."""
    query = (
        select(
            AidPost.category_id,
            AidPost.territory_id,
            AidPost.kind,
            func.count(),
            func.sum(case((_matched(), 1), else_=0)),
        )
        .where(AidPost.component_id == component.id, AidPost.hidden_at.is_(None))
        .group_by(AidPost.category_id, AidPost.territory_id, AidPost.kind)
        .order_by(func.count().desc(), AidPost.category_id, AidPost.kind)
    )
    return [(row[0], row[1], row[2], row[3], int(row[4] or 0)) for row in session.execute(query)]


STATS = (
    api.StatDefinition("mutual_aid_posts", api._l("Offers and requests of help"), posts_count),
    api.StatDefinition("mutual_aid_matches", api._l("Posts where help was found"), matches_count),
    api.StatDefinition(
        "mutual_aid_conversations", api._l("Conversations between neighbours"), conversations_count
    ),
)
