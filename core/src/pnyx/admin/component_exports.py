"""A component's exports (its type's :class:`~pnyx.manifests.ExportDefinition`) as jobs.

The component's admin page lists its type's exports; the administrator asks for one in a
format the definition offers, and :mod:`pnyx.admin.exports` records it and enqueues the job,
which writes the definition's rows to a file (a ``.part`` file renamed when complete) and
e-mails a link to **Admin → Exports**. Without Redis (the embedded default) the job runs in
the same process once the response is sent, so the page says the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin import blueprint
from pnyx.admin.action_log_csv import safe_cell
from pnyx.admin.editing import admin_component, registry
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.manifests import ExportDefinition
from pnyx.models import AdminExport, Component
from pnyx.web.guards import requires

KIND = "component"
#: Each format's media type (the download's) and file name ending.
FORMATS = {"csv": "text/csv", "json": "application/json"}


def definitions(component: Component) -> tuple[ExportDefinition, ...]:
    component_type = registry().component_type(component.type)
    return component_type.exports if component_type else ()


def definition_of(component: Component, name: str) -> ExportDefinition | None:
    return next((d for d in definitions(component) if d.name == name), None)


def file_format(export: AdminExport) -> str:
    found = str(export.parameters.get("format", "csv"))
    return found if found in FORMATS else "csv"


def file_stem(export: AdminExport) -> str:
    """``proposals-12``: the export's name and its component's id."""
    parameters = export.parameters
    return f"{parameters.get('export', 'export')}-{parameters.get('component_id', '')}"


def write_component_export(session: Session, export: AdminExport, out: IO[str]) -> int:
    """The job's writer: the definition's rows as CSV or JSON; returns how many."""
    parameters = export.parameters
    component = session.get(Component, int(parameters["component_id"]))
    definition = definition_of(component, str(parameters["export"])) if component else None
    if component is None or definition is None:
        raise LookupError("the component or its export no longer exists")
    rows = definition.rows(session, component)
    if file_format(export) == "json":
        return write_json(rows, out)
    return write_csv(rows, out)


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """The first row's keys are the header; no cell runs as a spreadsheet formula."""
    writer = csv.writer(out)
    header: list[str] | None = None
    count = 0
    for row in rows:
        if header is None:
            header = list(row)
            writer.writerow(header)
        writer.writerow([safe_cell(_plain(row.get(column))) for column in header])
        count += 1
    return count


def write_json(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A JSON array, one object per line, written as the rows come."""
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=_json_value))
        count += 1
    out.write("\n]\n")
    return count


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


@blueprint.post("/components/<int:component_id>/exports")
@requires(ADMIN)
def request_component_export(component_id: int) -> Response:
    from pnyx.admin.exports import request_export

    component = admin_component(component_id)
    name, chosen = request.form.get("export", ""), request.form.get("format", "csv")
    definition = definition_of(component, name)
    if definition is None or chosen not in definition.formats or chosen not in FORMATS:
        flash(_("This export does not exist: choose one of the list."), "error")
        return redirect(url_for(".component", component_id=component.id))
    submissions.claim()  # the button clicked twice at once: one file (docs/forms.md)
    request_export(KIND, {"component_id": component.id, "export": name, "format": chosen})
    submissions.made(url_for(".exports"))
    get_session().commit()
    flash(_("Your file is being prepared. We will e-mail you when it is ready."), "success")
    return redirect(url_for(".exports"))
