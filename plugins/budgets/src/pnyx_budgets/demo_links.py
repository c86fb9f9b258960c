"""After ``pnyx demo`` seeded every plugin: tie demo projects to demo proposals.

Handled on the core's ``pnyx.demo_seeded`` event, when every plugin's demo
rows exist. Proposals are read through the ``proposals`` type's export (no
import of that plugin); each demo project of the open vote is linked to a
published proposal of its commune, when one exists, so both pages show the
link.
"""

from __future__ import annotations

from sqlalchemy import select

from pnyx import api
from pnyx_budgets.counting import FROM_PROPOSAL, PROPOSAL_TYPE
from pnyx_budgets.imports import proposal_components
from pnyx_budgets.models import PROJECT_RESOURCE, Budget, Project

PREFIX = "touraine-"


def link_demo_projects() -> int:
    """Link demo projects to proposals of the same commune; returns how many links."""
    if api.component_type("proposals") is None:
        return 0
    session = api.db_session()
    query = (
        select(Project, Budget.component_id)
        .join(Budget, Budget.id == Project.budget_id)
        .where(Project.code.like(f"{PREFIX}%"))
        .order_by(Project.id)
    )
    rows = list(session.execute(query))
    if not rows:
        return 0
    component = session.get(api.Component, rows[0][1])
    proposals_by_commune: dict[str, list[int]] = {}
    for source in proposal_components(session, component.space_id):
        export = next(e for e in api.component_type("proposals").exports if e.name == "proposals")
        for row in export.rows(session, source):
            code = str(row.get("territory_code") or "")
            proposals_by_commune.setdefault(code, []).append(int(row["id"]))
    linked = 0
    for project, _component_id in rows:
        candidates = proposals_by_commune.get(project.territory.code if project.territory else "")
        if candidates:
            target = (PROPOSAL_TYPE, candidates.pop(0))
            api.links.link(session, FROM_PROPOSAL, (PROJECT_RESOURCE, project.id), target)
            linked += 1
    session.commit()
    return linked
