"""The public statistics pages: the organization's and each space's.

``/statistics`` counts the published components of published public spaces, the
same for everyone; ``/spaces/<slug>/statistics`` counts what the reader may see
of that space (the core's loader answers 404 for a private space to outsiders
before this view runs). Staff (organization admins; the space's admins) also see
age groups, never a group of fewer than ten people.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, g, render_template

from pnyx.core_hooks import PUBLIC, VIEW
from pnyx.db import get_session
from pnyx.i18n import translated
from pnyx.models import Component, Space, TaxonomyTerm
from pnyx.permissions import runs_space, visibility
from pnyx.statistics.charts import line_chart
from pnyx.statistics.collect import Report, build_report, public_components
from pnyx.statistics.people import age_groups
from pnyx.statistics.settings import open_data_settings
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_statistics", __name__)


def territory_rows(report: Report) -> list[tuple[str, dict[str, int]]]:
    """``(territory name, kind → count)``, by name; rows without a territory last."""
    table = report.by_territory()
    ids = [territory for territory in table if territory is not None]
    names = {}
    if ids:
        terms = get_session().query(TaxonomyTerm).filter(TaxonomyTerm.id.in_(ids))
        names = {term.id: translated(term.name) for term in terms}
    rows = sorted(
        (names.get(territory, ""), counts) for territory, counts in table.items() if territory
    )
    return [*rows, *([("", table[None])] if None in table else [])]


def page(report: Report, *, staff: bool, space: Space | None = None) -> str:
    session = get_session()
    settings = open_data_settings(session)
    charts = {kind: line_chart(daily) for kind, daily in report.daily_by_kind().items()}
    context: dict[str, Any] = {
        "report": report,
        "space": space,
        "charts": {kind: chart for kind, chart in charts.items() if chart is not None},
        "territories": territory_rows(report) if settings.territory_statistics else None,
        "age_groups": age_groups(session, report.people, dt.date.today()) if staff else None,
        "staff": staff,
    }
    return render_template("pnyx/statistics/page.html", **context)


@blueprint.get("/statistics")
@requires(PUBLIC)
def organization() -> str:
    report = build_report(public_components(get_session()), get_session())
    return page(report, staff=bool(g.user is not None and g.user.is_admin))


@blueprint.get("/spaces/<space_slug>/statistics")
@requires(VIEW)
def space() -> str:
    space: Space = g.space
    components: list[Component] = [c for c in space.components if visibility(g.user, c)]
    report = build_report(components, get_session())
    staff = g.user is not None and runs_space(g.user, space)
    return page(report, staff=staff, space=space)
