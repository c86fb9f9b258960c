"""The public directory of assemblies (``/assemblies``), filtered by type, theme, territory.

Lists the published assemblies everyone may see (private ones are left out:
their members reach them from their own links), the top-level ones unless a
filter is chosen, each with its sub-assemblies.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from pnyx import api
from pnyx_assemblies.kinds import KINDS, SPACE_TYPE, kind_labels
from pnyx_assemblies.models import Assembly

blueprint = Blueprint("assemblies", __name__, url_prefix="/assemblies")


def listed() -> Select[tuple[Assembly]]:
    return (
        select(Assembly)
        .join(api.Space, api.Space.id == Assembly.space_id)
        .where(
            api.Space.type == SPACE_TYPE,
            api.Space.published.is_(True),
            api.Space.private.is_(False),
        )
        .options(selectinload(Assembly.space))
    )


def chosen_filters() -> dict[str, object]:
    kind = request.args.get("kind", "")
    return {
        "kind": kind if kind in KINDS else "",
        "theme": api.int_arg("theme"),
        "territory": api.int_arg("territory"),
    }


@blueprint.get("/")
@api.requires(api.actions.PUBLIC)
def index() -> str:
    filters = chosen_filters()
    query = listed()
    if filters["kind"]:
        query = query.where(Assembly.kind == filters["kind"])
    if filters["theme"]:
        query = query.where(Assembly.theme_id == filters["theme"])
    if filters["territory"]:
        query = query.where(Assembly.territory_id == filters["territory"])
    if not any(filters.values()):
        query = query.where(Assembly.parent_space_id.is_(None))
    page = api.paginate(query.order_by(api.Space.position, api.Space.id))
    return render_template(
        "assemblies/index.html",
        page=page,
        children=children_of([row.space_id for row in page.items]),
        filters=filters,
        kinds=kind_labels(),
        themes=api.taxonomy_terms("theme"),
        territories=api.taxonomy_terms("territory"),
        terms=api.term_labels(),
    )


def children_of(space_ids: list[int]) -> dict[int, list[Assembly]]:
    """The listed sub-assemblies of each space, in one query."""
    found: dict[int, list[Assembly]] = {}
    if not space_ids:
        return found
    query = listed().where(Assembly.parent_space_id.in_(space_ids))
    for row in api.db_session().scalars(query.order_by(api.Space.position, api.Space.id)):
        found.setdefault(row.parent_space_id, []).append(row)
    return found
