"""Figures for staff: posts and matches, per category and territory, never a name.

Posts and matches are counted once, by :func:`figures` (the ``statistics`` hook); the space
page and the admin page read them for one component.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_mutual_aid.models import AidConversation, AidPost

#: Each figure's label, written once: the statistics pages (:func:`figures`) and the space
#: page's box (:data:`STATS`) show the same words.
LABELS = {
    "mutual_aid.posts": api._l("Offers and requests of help"),
    "mutual_aid.matches": api._l("Posts where help was found"),
}


def _matched() -> object:
    return AidPost.matched_at.is_not(None)


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


def figures(
    components: list[api.Component], session: Session
) -> list[api.statistics.Figure] | None:
    """The ``statistics`` hook's figures: posts and matches, over time and by territory.

    Posts count as contributions (their authors as participants); matches are their own
    kind (``other``), never added to another plugin's figures. No name, no message.
    """
    ids = api.statistics.ids_of(components, "mutual_aid")
    if not ids:
        return None
    shown = (AidPost.component_id.in_(ids), AidPost.hidden_at.is_(None))
    matched = (*shown, _matched())
    return [
        api.statistics.Figure(
            name="mutual_aid.posts",
            label=str(LABELS["mutual_aid.posts"]),
            kind=api.statistics.CONTRIBUTIONS,
            value=session.scalar(select(func.count()).where(*shown)) or 0,
            daily=api.statistics.daily_counts(session, AidPost.created_at, *shown),
            by_territory=api.statistics.territory_counts(session, AidPost.territory_id, *shown),
            people=select(AidPost.author_id).where(*shown),
        ),
        api.statistics.Figure(
            name="mutual_aid.matches",
            label=str(LABELS["mutual_aid.matches"]),
            kind=api.statistics.OTHER,
            value=session.scalar(select(func.count()).where(*matched)) or 0,
            daily=api.statistics.daily_counts(session, AidPost.matched_at, *matched),
            by_territory=api.statistics.territory_counts(session, AidPost.territory_id, *matched),
        ),
    ]


STATS = (
    api.StatDefinition(
        "mutual_aid_posts",
        LABELS["mutual_aid.posts"],
        api.statistics.figure_value(figures, "mutual_aid.posts"),
    ),
    api.StatDefinition(
        "mutual_aid_matches",
        LABELS["mutual_aid.matches"],
        api.statistics.figure_value(figures, "mutual_aid.matches"),
    ),
    # Only this box counts conversations: the statistics pages count what is public.
    api.StatDefinition(
        "mutual_aid_conversations", api._l("Conversations between neighbours"), conversations_count
    ),
)
