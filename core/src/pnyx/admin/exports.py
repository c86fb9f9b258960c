"""Exports as background jobs (``/admin/exports``): an administrator asks for a file, a job
writes it to ``<instance>/exports/admin/``, the page links it and an e-mail says it is ready.
Downloads are sent from disk, so the first byte leaves at once whatever the file's size."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from pnyx import submissions
from pnyx.admin import blueprint, component_exports
from pnyx.admin.action_log_csv import CsvLanguage, write_csv
from pnyx.admin.action_log_query import parse_filters
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.i18n import organization_locales
from pnyx.jobs import enqueue, job, last_attempt
from pnyx.mail import external_url, send_mail
from pnyx.models import AdminExport, Component, User, utcnow
from pnyx.navigation import admin_link
from pnyx.web.guards import requires

log = logging.getLogger(__name__)
admin_link(lambda: _("Exports"), "pnyx_admin.exports")

PENDING, READY, FAILED = "pending", "ready", "failed"
EXPORT_LIFETIME = dt.timedelta(days=7)


def _write_action_log(session: Session, export: AdminExport, out: IO[str]) -> int:
    filters, _errors = parse_filters(export.parameters)
    default, _available = organization_locales()
    language = CsvLanguage(export.locale, default, _("Deleted participant"))
    return write_csv(session, filters, language, out)


#: What each kind of export writes, and its file name's start.
KINDS: dict[str, tuple[Callable[[Session, AdminExport, IO[str]], int], str]] = {
    "action_log": (_write_action_log, "action-log"),
    component_exports.KIND: (component_exports.write_component_export, "export"),
}
KIND_LABELS = {"action_log": _l("Action log")}


def export_label(export: AdminExport) -> str:
    """What the file holds: "Action log", or a component's export ("Proposals (CSV)")."""
    if export.kind == component_exports.KIND:
        component = get_session().get(Component, int(export.parameters.get("component_id", 0)))
        found = component_exports.definition_of(component, str(export.parameters.get("export")))
        label = str(found.label) if component and found else str(export.parameters.get("export"))
        return f"{label} ({component_exports.file_format(export).upper()})"
    return str(KIND_LABELS.get(export.kind, export.kind))


def file_format(export: AdminExport) -> str:
    if export.kind == component_exports.KIND:
        return component_exports.file_format(export)
    return "csv"


def export_path(export: AdminExport) -> Path:
    folder = Path(current_app.config["INSTANCE_PATH"]) / "exports" / "admin"
    return folder / f"{export.token}.{file_format(export)}"


def request_export(kind: str, parameters: dict[str, Any]) -> AdminExport:
    """Record the request and enqueue its job (it leaves after the request's commit)."""
    session = get_session()
    export = AdminExport(
        token=secrets.token_urlsafe(32),
        kind=kind,
        requested_by_id=g.user.id,
        parameters=parameters,
        locale=str(get_locale()),
        expires_at=utcnow() + EXPORT_LIFETIME,
    )
    session.add(export)
    session.flush()
    enqueue(build_export, export.id)
    return export


@job(retries=2, timeout=3600)
def build_export(export_id: int) -> None:
    """Write the file once; a re-run (worker killed) rewrites it whole, never twice."""
    session = get_session()
    export = session.get(AdminExport, export_id)
    if export is None or export.status != PENDING:
        return
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    write, _name = KINDS[export.kind]
    try:
        with force_locale(export.locale), partial.open("w", newline="", encoding="utf-8") as out:
            rows = write(session, export, out)
    except Exception as error:
        partial.unlink(missing_ok=True)
        if not last_attempt():
            raise
        log.exception("export %s failed", export.id)
        session.rollback()
        export.status, export.error = FAILED, f"{type(error).__name__}: {error}"[:2000]
        session.commit()
        return
    os.replace(partial, path)  # readers never see a half-written file
    export.status, export.rows, export.size = READY, rows, path.stat().st_size
    export.finished_at = utcnow()
    session.commit()
    _tell_requester(session, export)


def _tell_requester(session: Session, export: AdminExport) -> None:
    person = session.get(User, export.requested_by_id)
    if person is None or not person.email:
        return
    send_mail(
        person.email,
        _l("Your export is ready"),
        "export_ready",
        locale=export.locale,
        user=person,
        what=export_label(export),
        rows=export.rows,
        link=external_url("pnyx_admin.exports"),
        days=EXPORT_LIFETIME.days,
    )


@blueprint.post("/log/export")
@requires(ADMIN)
def export_action_log() -> Response:
    filters, errors = parse_filters(request.form)
    if errors:
        abort(400)
    submissions.claim()  # the button clicked twice at once: one file (docs/forms.md)
    request_export("action_log", {k: str(v) for k, v in filters.as_args().items()})
    submissions.made(url_for(".exports"))
    get_session().commit()
    flash(_("Your file is being prepared. We will e-mail you when it is ready."), "success")
    return redirect(url_for(".exports"))


@blueprint.get("/exports")
@requires(ADMIN)
def exports() -> str:
    query = (
        select(AdminExport)
        .where(AdminExport.requested_by_id == g.user.id, AdminExport.expires_at > utcnow())
        .order_by(AdminExport.id.desc())
        .limit(50)
    )
    found = get_session().scalars(query).all()
    return render_template(
        "pnyx/admin/exports.html",
        exports=found,
        labels={export.id: export_label(export) for export in found},
    )


@blueprint.get("/exports/<token>")
@requires(ADMIN)
def download_export(token: str) -> Response:
    export = get_session().scalar(select(AdminExport).where(AdminExport.token == token[:64]))
    if export is None or export.requested_by_id != g.user.id or export.status != READY:
        abort(404)
    path = export_path(export)
    if not path.exists() or export.expires_at <= utcnow():
        abort(404)
    stem = KINDS[export.kind][1]
    if export.kind == component_exports.KIND:
        stem = component_exports.file_stem(export)
    extension = file_format(export)
    name = f"{stem}-{export.created_at.date().isoformat()}.{extension}"
    response = send_file(
        path,
        mimetype=component_exports.FORMATS[extension],
        as_attachment=True,
        download_name=name,
        conditional=True,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
