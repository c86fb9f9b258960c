"""Importing projects: from a CSV file, and from the accepted proposals.

**CSV** (comma, semicolon or tab; UTF-8, with or without a byte order mark)::

    code;title_fr;title_en;description_fr;cost;territory_code;theme_codes;address
    P1;Jardin partagé;Shared garden;…;45000;37261;environment;12 rue des Lilas

Idempotent by ``code``: a known code updates its project, a new one creates a
project. ``cost`` is in the currency's units (``45000`` or ``1250,50``);
territories and themes by their taxonomy codes. Lines with an error are
reported with their number and skipped; the other lines are imported.

**Accepted proposals** are read through the ``proposals`` component type's
export (``api.component_type``), never by importing that plugin; each new
project is linked to its proposal (``budgets.from_proposal``), and a proposal
already linked to a project of the budget is not imported twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_budgets import projects
from pnyx_budgets.counting import FROM_PROPOSAL, PROPOSAL_TYPE
from pnyx_budgets.models import PROJECT_RESOURCE, Budget, Project
from pnyx_budgets.money import to_minor

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 5000


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


def terms_by_code(session: Session, kind: str) -> dict[str, api.TaxonomyTerm]:
    query = select(api.TaxonomyTerm).where(api.TaxonomyTerm.kind == kind)
    return {term.code: term for term in session.scalars(query)}


def read_rows(text: str) -> list[dict[str, str]]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


def translated_columns(row: dict[str, str], name: str) -> dict[str, str]:
    prefix = f"{name}_"
    return {k[len(prefix) :]: v for k, v in row.items() if k.startswith(prefix) and v}


def import_csv(session: Session, budget: Budget, content: bytes) -> Report:
    """Create or update the budget's projects from a CSV file (the caller commits)."""
    report = Report()
    rows = read_rows(decode(content))[:MAX_LINES]
    existing = {
        p.code: p for p in session.scalars(select(Project).where(Project.budget_id == budget.id))
    }
    territories, themes = terms_by_code(session, "territory"), terms_by_code(session, "theme")
    for line, row in enumerate(rows, start=2):
        values, problem = csv_values(row, budget, territories, themes)
        if problem or values is None:
            report.errors.append((line, problem or ""))
            continue
        try:
            if values["code"] in existing:
                projects.update(session, budget, existing[values["code"]], values)
                report.updated += 1
            else:
                existing[values["code"]] = projects.create(session, budget, values)
                report.created += 1
        except projects.FrozenError as error:
            report.errors.append((line, str(error)))
    return report


def csv_values(
    row: dict[str, str],
    budget: Budget,
    territories: dict[str, api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
) -> tuple[dict[str, Any] | None, str | None]:
    code = row.get("code", "")
    title = translated_columns(row, "title")
    if not code or not title:
        return None, api._("A line needs a code and a title.")
    try:
        cost = to_minor(row.get("cost", ""), budget.currency)
    except ValueError:
        return None, api._("The cost is not an amount: write it such as 45000 or 1250,50.")
    if cost < 0:
        return None, api._("The cost is not an amount: write it such as 45000 or 1250,50.")
    territory = None
    if row.get("territory_code"):
        territory = territories.get(row["territory_code"])
        if territory is None:
            return None, api._("Unknown territory code: %(code)s.", code=row["territory_code"])
    theme_codes = [c.strip() for c in row.get("theme_codes", "").split(",") if c.strip()]
    unknown = [c for c in theme_codes if c not in themes]
    if unknown:
        return None, api._("Unknown theme codes: %(codes)s.", codes=", ".join(unknown))
    return {
        "code": code[:64],
        "title": title,
        "description": translated_columns(row, "description"),
        "cost": cost,
        "territory_id": territory.id if territory else None,
        "themes": [themes[c].id for c in theme_codes],
        "address": row.get("address") or None,
    }, None


def proposal_components(session: Session, space_id: int) -> list[api.Component]:
    """The space's proposals components, when that plugin is enabled."""
    if api.component_type("proposals") is None:
        return []
    query = select(api.Component).where(
        api.Component.space_id == space_id, api.Component.type == "proposals"
    )
    return list(session.scalars(query.order_by(api.Component.weight, api.Component.id)))


def accepted_proposals(session: Session, component: api.Component) -> list[dict[str, Any]]:
    """The accepted proposals of ``component``, as its type's export gives them."""
    component_type = api.component_type("proposals")
    export = next((e for e in component_type.exports if e.name == "proposals"), None)
    if export is None:
        return []
    return [row for row in export.rows(session, component) if row.get("state") == "accepted"]


def import_proposals(
    session: Session, budget: Budget, component: api.Component, locale: str
) -> Report:
    """Create a project from each accepted proposal not imported yet (the caller commits)."""
    report = Report()
    known = imported_proposal_ids(session, budget)
    territories, themes = terms_by_code(session, "territory"), terms_by_code(session, "theme")
    for row in accepted_proposals(session, component):
        if int(row["id"]) in known:
            continue
        try:
            project = projects.create(
                session, budget, proposal_values(row, budget, locale, territories, themes)
            )
        except projects.FrozenError as error:
            report.errors.append((int(row["id"]), str(error)))
            break
        source, target = (PROJECT_RESOURCE, project.id), (PROPOSAL_TYPE, int(row["id"]))
        api.links.link(session, FROM_PROPOSAL, source, target)
        payload = {
            "project_id": project.id,
            "budget_id": budget.id,
            "proposal_ids": [int(row["id"])],
        }
        api.publish_event(session, "budgets.proposal_imported", payload)
        report.created += 1
    return report


def proposal_values(
    row: dict[str, Any],
    budget: Budget,
    locale: str,
    territories: dict[str, api.TaxonomyTerm],
    themes: dict[str, api.TaxonomyTerm],
) -> dict[str, Any]:
    try:
        cost = to_minor(row.get("cost") or "0", budget.currency)
    except ValueError:
        cost = 0
    territory = territories.get(row.get("territory_code") or "")
    codes = [c for c in str(row.get("theme_codes") or "").split(",") if c in themes]
    return {
        "code": f"proposal-{row['id']}",
        "title": {locale: str(row.get("title") or "")[:200]},
        "description": {locale: str(row.get("body") or "")},
        "cost": cost,
        "territory_id": territory.id if territory else None,
        "themes": [themes[c].id for c in codes],
    }


def imported_proposal_ids(session: Session, budget: Budget) -> set[int]:
    """Proposals already imported in this budget (their projects' codes say so), one query."""
    codes = session.scalars(
        select(Project.code).where(Project.budget_id == budget.id, Project.code.like("proposal-%"))
    )
    return {int(code.removeprefix("proposal-")) for code in codes if code and code[9:].isdigit()}
