"""``/spaces`` (every published space by state, with filters) and a group's page."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.inputs import int_arg
from pnyx.models import SpaceGroup
from pnyx.spaces.listing import SpaceFilters, spaces_page, state_counts
from pnyx.spaces.state import STATES
from pnyx.toolkit.taxonomy import taxonomy_terms
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_spaces", __name__)


def read_filters(group: SpaceGroup | None = None) -> SpaceFilters:
    """The filters of the query string; a 400 that says which one is wrong."""
    kind = request.args.get("type") or None
    if kind is not None and kind not in current_app.extensions["pnyx.plugins"].registry.space_types:
        abort(400, description=_("There is no such kind of space."))
    return SpaceFilters(
        group_id=group.id if group is not None else None,
        type=kind,
        theme_id=int_arg("theme", label=_("Theme")),
        territory_id=int_arg("territory", label=_("Territory")),
    )


def read_state(counts: dict[str, int]) -> str:
    """``?state=``, else the first state that holds spaces (open now, when all are empty)."""
    state = request.args.get("state") or next((s for s in STATES if counts[s]), STATES[0])
    if state not in STATES:
        abort(400, description=_("Choose open, upcoming or past spaces."))
    return state


def state_urls(filters: SpaceFilters) -> dict[str, str]:
    """Each state's tab: this page, other state, same filters (no page number)."""
    args = {"type": filters.type, "theme": filters.theme_id, "territory": filters.territory_id}
    values = {**(request.view_args or {}), **args}
    return {state: url_for(request.endpoint or "", state=state, **values) for state in STATES}


def render_listing(template: str, filters: SpaceFilters, **context: object) -> str:
    counts = state_counts(filters)
    state = read_state(counts)
    registry = current_app.extensions["pnyx.plugins"].registry
    return render_template(
        template,
        filters=filters,
        counts=counts,
        state=state,
        state_urls=state_urls(filters),
        page=spaces_page(state, filters),
        space_types=registry.space_types,
        themes=taxonomy_terms("theme"),
        territories=taxonomy_terms("territory"),
        **context,
    )


@blueprint.get("/spaces")
@requires(PUBLIC)
def index() -> str:
    return render_listing("pnyx/spaces/index.html", read_filters())


@blueprint.get("/space-groups/<group_slug>")
@requires(PUBLIC)
def group(group_slug: str) -> str:
    found = get_session().scalar(select(SpaceGroup).where(SpaceGroup.slug == group_slug))
    if found is None:
        abort(404)
    return render_listing("pnyx/spaces/group.html", read_filters(found), group=found)
