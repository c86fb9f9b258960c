"""Exports (streamed CSV and JSON) and statistics of the component."""

from __future__ import annotations

from flask import Response, render_template

from pnyx import api
from pnyx_proposals import stats
from pnyx_proposals.admin import blueprint
from pnyx_proposals.exports import download
from pnyx_proposals.permissions import MANAGE
from pnyx_proposals.taxonomy import term_labels


@blueprint.get("/export.csv")
@api.requires(MANAGE)
def export_csv() -> Response:
    return export("csv")


@blueprint.get("/export.json")
@api.requires(MANAGE)
def export_json() -> Response:
    return export("json")


def export(fmt: str) -> Response:
    """The export, logged: who downloaded what is part of the audit trail."""
    component = api.current_component()
    session = api.db_session()
    api.log_action(session, "proposals.exported", component=component, extra={"format": fmt})
    session.commit()
    return download(component, fmt)


@blueprint.get("/statistics")
@api.requires(MANAGE)
def statistics() -> str:
    session = api.db_session()
    component = api.current_component()
    return render_template(
        "proposals/admin/statistics.html",
        figures=[(stat.label, stat.compute(session, component)) for stat in stats.STATS],
        territories=stats.by_territory(session, component),
        themes=stats.by_theme(session, component),
        labels=term_labels(),
    )
