"""The export download: ``/export.csv`` or ``/export.json``, streamed (see :mod:`exports`),
or ``/export.xlsx``, a spreadsheet built in bounded memory (see :mod:`spreadsheet`)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Response, abort, request, send_file
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import exports, spreadsheet
from pnyx_surveys.blueprints import admin as blueprint
from pnyx_surveys.permissions import MANAGE
from pnyx_surveys.questionnaires import of_component

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def personal_allowed() -> bool:
    """Respondents' names and e-mails: organization admins only, when they ask for them."""
    user = api.current_user()
    return request.args.get("personal") == "1" and user is not None and user.is_admin


@blueprint.get("/export.csv")
@api.requires(MANAGE)
def export_csv() -> Response:
    return _export("csv")


@blueprint.get("/export.json")
@api.requires(MANAGE)
def export_json() -> Response:
    return _export("json")


@blueprint.get("/export.xlsx")
@api.requires(MANAGE)
def export_xlsx() -> Response:
    return _export("xlsx")


def _export(format: str) -> Response:
    if request.args.get("personal") == "1" and not personal_allowed():
        abort(403, description=api._("Only organization admins may export respondents' names."))
    session = api.db_session()
    component = api.current_component()
    questionnaire = of_component(session, component)
    personal = personal_allowed()
    cols = exports.columns(questionnaire, api.translated)
    headers = ["submission", "created_at", "updated_at", "language"]
    headers += ["user_id", "name", "email"] if personal else []
    headers += [header for header, _ in cols]
    engine, questionnaire_id = session.get_bind(), questionnaire.id
    name = f"survey-{component.id}-answers.{format}"
    api.log_action(session, "surveys.exported", component=component, extra={"personal": personal})
    session.commit()

    if format == "xlsx":  # built whole in bounded memory, then sent (spreadsheet.py)
        records = exports.records(session, questionnaire_id, cols, personal)
        response = send_file(
            spreadsheet.workbook(records, headers),
            mimetype=TYPES[format],
            as_attachment=True,
            download_name=name,
        )
        response.headers["Cache-Control"] = "private, no-store"
        return response

    def body() -> Iterator[str]:
        # Written after the request's context is gone: a session of its own, closed at the end.
        with Session(engine) as own:
            records = exports.records(own, questionnaire_id, cols, personal)
            if format == "csv":
                yield from exports.csv_chunks(records, headers)
            else:
                yield from exports.json_chunks(records)

    response = Response(body(), mimetype=TYPES[format])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
