"""The CSV import page of a taxonomy, and the report of each import.

The report is kept in the import's action-log entry (counts, and the errors
with their line numbers), so the page after the redirect can show it and the
log keeps a trace of who imported what.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.admin.editing import log_admin
from pnyx.admin.taxonomy import KIND_LABELS, term_kind
from pnyx.admin.taxonomy_csv import ImportFileError, import_terms
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.i18n import organization_locales
from pnyx.inputs import upload_limit
from pnyx.models import ActionLog
from pnyx.web.guards import requires

IMPORT_ACTION = "pnyx.taxonomy.import"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@blueprint.route("/taxonomies/<kind>/import", methods=["GET", "POST"])
@upload_limit("TAXONOMY_IMPORT_MAX_BYTES")
@requires(ADMIN)
def taxonomy_import(kind: str) -> tuple[str, int] | Response:
    term_kind(kind)
    error = None
    if request.method == "POST":
        error, log_id = run_import(kind)
        if error is None:
            return redirect(url_for("pnyx_admin.taxonomy_import_report", kind=kind, log_id=log_id))
    default_locale, locales = organization_locales()
    page = render_template(
        "pnyx/admin/taxonomy_import.html",
        kind=kind,
        kind_labels=KIND_LABELS,
        error=error,
        default_locale=default_locale,
        locales=locales,
    )
    return page, 400 if error else 200


def run_import(kind: str) -> tuple[str | None, int | None]:
    """Import the uploaded file: the error to show, or the id of the log entry that holds
    the report."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _("Choose a CSV file to import."), None
    limit = int(current_app.config.get("TAXONOMY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        return _("The file is too large: at most %(size)d MB.", size=limit // (1024 * 1024)), None
    session = get_session()
    default_locale, locales = organization_locales()
    try:
        report = import_terms(session, kind, data, locales, default_locale)
    except ImportFileError as failure:
        session.rollback()
        return str(failure), None
    extra = {"kind": kind, "file": (upload.filename or "")[:200], **report.as_dict()}
    entry = log_admin(session, IMPORT_ACTION, None, extra=extra)
    session.commit()
    return None, entry.id


@blueprint.get("/taxonomies/<kind>/imports/<int:log_id>")
@requires(ADMIN)
def taxonomy_import_report(kind: str, log_id: int) -> str:
    entry = get_session().get(ActionLog, log_id)
    if entry is None or entry.action != IMPORT_ACTION or entry.extra.get("kind") != term_kind(kind):
        abort(404)
    return render_template(
        "pnyx/admin/taxonomy_import_report.html",
        kind=kind,
        kind_labels=KIND_LABELS,
        report=entry.extra,
        entry=entry,
    )
