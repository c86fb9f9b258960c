"""Resource links: how plugins relate their records without importing each other."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pnyx.models import ResourceLink


def link_resources(
    session: Session, name: str, source: tuple[str, int], target: tuple[str, int]
) -> None:
    """Record that ``source`` relates to ``target`` as ``name`` (idempotent).

    ``source`` and ``target`` are ``(resource type, id)`` pairs, e.g.
    ``link_resources(s, "proposals.included_in", ("proposals_proposal", 4),
    ("budgets_project", 9))``.
    """
    values = {
        "name": name,
        "from_type": source[0],
        "from_id": source[1],
        "to_type": target[0],
        "to_id": target[1],
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(ResourceLink).values(**values).on_conflict_do_nothing())


def unlink_resources(
    session: Session, name: str, source: tuple[str, int], target: tuple[str, int]
) -> None:
    for link in session.scalars(_query(name, source, target)):
        session.delete(link)


def _query(name: str, source: tuple[str, int], target: tuple[str, int]):  # type: ignore[no-untyped-def]
    return select(ResourceLink).where(
        ResourceLink.name == name,
        ResourceLink.from_type == source[0],
        ResourceLink.from_id == source[1],
        ResourceLink.to_type == target[0],
        ResourceLink.to_id == target[1],
    )


def linked_ids(
    session: Session,
    name: str,
    *,
    source: tuple[str, int] | None = None,
    target: tuple[str, int] | None = None,
) -> Sequence[int]:
    """Ids on the other side of ``name`` links from ``source`` (or to ``target``)."""
    if (source is None) == (target is None):
        raise ValueError("give exactly one of source or target")
    if source is not None:
        query = select(ResourceLink.to_id).where(
            ResourceLink.from_type == source[0], ResourceLink.from_id == source[1]
        )
    else:
        assert target is not None
        query = select(ResourceLink.from_id).where(
            ResourceLink.to_type == target[0], ResourceLink.to_id == target[1]
        )
    return session.scalars(query.where(ResourceLink.name == name).order_by(ResourceLink.id)).all()
