"""``/admin/verifications/census``: the identifier columns, and uploading the census file.

Only keyed hashes of each line are stored; the file itself is read in memory
and never written anywhere.
"""

from __future__ import annotations

import re

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.inputs import upload_limit
from pnyx.verification.blueprints import admin
from pnyx.verification.handlers.census import KINDS, NAME, census_columns, census_size
from pnyx.verification.handlers.census_import import (
    CensusFileError,
    ImportReport,
    import_census,
)
from pnyx.verification.org_settings import save_handler_options
from pnyx.web.guards import requires

#: Rows of the columns form (empty rows are ignored).
COLUMN_ROWS = 3
COLUMN_NAME = re.compile(r"^[\w .-]{1,64}$")


def render_census(errors: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    columns = census_columns()
    rows = [
        {
            "name": request.form.get(f"name{i}", columns[i].name if i < len(columns) else ""),
            "kind": request.form.get(f"kind{i}", columns[i].kind if i < len(columns) else "text"),
            "label": request.form.get(f"label{i}", columns[i].label if i < len(columns) else ""),
        }
        for i in range(COLUMN_ROWS)
    ]
    page = render_template(
        "pnyx/verification/admin/census.html",
        rows=rows,
        kinds=KINDS,
        columns=columns,
        size=census_size(),
        errors=errors or {},
    )
    return page, status


@admin.route("/verifications/census")
@requires(ADMIN)
def census() -> tuple[str, int]:
    return render_census()


def read_columns() -> tuple[list[dict[str, str]], dict[str, str]]:
    columns, errors = [], {}
    for i in range(COLUMN_ROWS):
        name = request.form.get(f"name{i}", "").strip()
        kind = request.form.get(f"kind{i}", "text")
        if not name:
            continue
        if not COLUMN_NAME.match(name):
            errors[f"name{i}"] = _("Write the column's name as in the file's first line.")
        elif name.casefold() in {column["name"].casefold() for column in columns}:
            # The file's header is matched without case: residents would type it twice.
            errors[f"name{i}"] = _("This column is already named above.")
        if kind not in KINDS:
            errors[f"kind{i}"] = _("Choose from the list.")
        label = request.form.get(f"label{i}", "").strip()[:120]
        columns.append({"name": name, "kind": kind, "label": label})
    if not columns and not errors:
        errors["name0"] = _("Give at least one column.")
    return columns, errors


@admin.route("/verifications/census/columns", methods=["POST"])
@requires(ADMIN)
def census_columns_save() -> Response | tuple[str, int]:
    columns, errors = read_columns()
    if errors:
        return render_census(errors, status=400)
    session = get_session()
    save_handler_options(session, NAME, {"columns": columns})
    log_action(
        session,
        "pnyx.census.columns_changed",
        visibility="admin",
        extra={"columns": [c["name"] for c in columns]},
    )
    session.commit()
    flash(_("The census columns are saved."), "success")
    return redirect(url_for("pnyx_verification_admin.census"))


@admin.route("/verifications/census/upload", methods=["POST"])
@upload_limit("CENSUS_IMPORT_MAX_BYTES")
@requires(ADMIN)
def census_upload() -> Response | tuple[str, int]:
    upload = request.files.get("file")
    replace = request.form.get("mode", "replace") != "append"
    if upload is None or not upload.filename:
        return render_census({"file": _("Choose the census file.")}, status=400)
    limit = int(current_app.config["CENSUS_IMPORT_MAX_BYTES"])
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        message = _("The file is too large: at most %(size)d MB.", size=limit // (1024 * 1024))
        return render_census({"file": message}, status=400)
    session = get_session()
    try:
        report = import_census(session, data, census_columns(session), replace)
    except CensusFileError as error:
        session.rollback()
        return render_census({"file": str(error)}, status=400)
    extra = {
        "mode": "replace" if replace else "append",
        "lines": report.lines,
        "added": report.added,
        "invalid": report.invalid,
    }
    log_action(session, "pnyx.census.imported", visibility="admin", extra=extra)
    session.commit()
    flash_report(report)
    return redirect(url_for("pnyx_verification_admin.census"))


def flash_report(report: ImportReport) -> None:
    flash(ngettext("%(num)s line read.", "%(num)s lines read.", report.lines), "success")
    flash(
        ngettext(
            "%(num)s person added to the census.",
            "%(num)s people added to the census.",
            report.added,
        ),
        "success",
    )
    not_added = report.lines - report.invalid - report.added
    if not_added:
        flash(
            ngettext(
                "%(num)s line was already in the census or repeated in the file.",
                "%(num)s lines were already in the census or repeated in the file.",
                not_added,
            ),
            "success",
        )
    if report.invalid:
        lines = ", ".join(str(n) for n in report.invalid_lines)
        flash(
            ngettext(
                "%(num)s line has an empty or unreadable identifier (line %(lines)s).",
                "%(num)s lines have an empty or unreadable identifier (lines %(lines)s).",
                report.invalid,
                lines=lines,
            ),
            "error",
        )
