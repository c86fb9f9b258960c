"""The board's list: filters read from the query string, one page of posts."""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_mutual_aid.models import KINDS, AidPost


@attrs.frozen
class Filters:
    kind: str = ""
    category: int | None = None
    territory: int | None = None
    #: Open posts only (the default); ``all=1`` shows matched, done and expired ones too.
    open_only: bool = True
    near: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        kind = args.get("kind", "")
        return cls(
            kind=kind if kind in KINDS else "",
            category=api.int_arg("category"),
            territory=api.int_arg("territory"),
            open_only=args.get("all") != "1",
            near=args.get("near") == "1",
        )


def residence_territory(user: api.User | None) -> int | None:
    """The territory of the person's verified residence, or ``None``."""
    data = api.verification.data(user, "residence") if user is not None else None
    territory = (data or {}).get("territory_id")
    return territory if isinstance(territory, int) else None


def shown(component_id: int) -> list[object]:
    """What every reader sees: the component's posts not hidden nor withdrawn."""
    return [
        AidPost.component_id == component_id,
        AidPost.hidden_at.is_(None),
        AidPost.status != "withdrawn",
    ]


def listing(component_id: int, filters: Filters, near_territory: int | None) -> Select:
    query = select(AidPost).where(*shown(component_id))
    if filters.open_only:
        query = query.where(AidPost.status == "open", AidPost.expires_at > api.utcnow())
    if filters.kind:
        query = query.where(AidPost.kind == filters.kind)
    if filters.category is not None:
        query = query.where(AidPost.category_id == filters.category)
    if filters.territory is not None:
        query = query.where(AidPost.territory_id.in_(api.subtree(filters.territory)))
    if filters.near and near_territory is not None:
        query = query.where(AidPost.territory_id.in_(api.subtree(near_territory)))
    options = (
        joinedload(AidPost.category),
        joinedload(AidPost.territory),
        joinedload(AidPost.author),
    )
    return query.options(*options).order_by(AidPost.created_at.desc(), AidPost.id.desc())


def page_of(component_id: int, filters: Filters, near_territory: int | None) -> api.Page[AidPost]:
    return api.paginate(listing(component_id, filters, near_territory))
