"""The action log admin page (``/admin/log``) and its CSV export (``/admin/log.csv``).

Admins see every entry, whatever its visibility. The log never holds a
ballot's content (``pnyx.action_log.log_action`` is for ids and plain facts,
see ``docs/action-log.md``), so neither page can show one.
"""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from pnyx.admin import blueprint
from pnyx.admin.action_log_csv import CsvLanguage, csv_lines
from pnyx.admin.action_log_query import load_page, parse_filters, visibility_labels
from pnyx.core_hooks import ADMIN
from pnyx.db import get_database, get_session
from pnyx.i18n import organization_locales
from pnyx.inputs import int_arg
from pnyx.models import Space
from pnyx.navigation import admin_link
from pnyx.web.guards import requires

admin_link(lambda: _("Action log"), "pnyx_admin.action_log")


def csv_language() -> CsvLanguage:
    """What the CSV's names are written in: the admin's language, decided now."""
    default, _available = organization_locales()
    return CsvLanguage(str(get_locale()), default, _("Deleted participant"))


def _cursor(name: str) -> int | None:
    return int_arg(name)


@blueprint.get("/log")
@requires(ADMIN)
def action_log() -> tuple[str, int]:
    filters, errors = parse_filters(request.args)
    size = current_app.config["PAGE_SIZE"]
    session = get_session()
    page = None
    if not errors:
        page = load_page(session, filters, size, _cursor("before"), _cursor("after"))
    spaces = session.scalars(select(Space).order_by(Space.position, Space.id)).all()
    html = render_template(
        "pnyx/admin/action_log.html",
        page=page,
        filters=filters,
        form={key: request.args.get(key, "") for key in request.args},
        errors=errors,
        spaces=spaces,
        visibilities=visibility_labels(),
        filter_args=filters.as_args(),
    )
    return html, 400 if errors else 200


@blueprint.get("/log.csv")
@requires(ADMIN)
def action_log_csv() -> Response:
    filters, errors = parse_filters(request.args)
    if errors:
        abort(400)
    name = f"action-log-{dt.date.today().isoformat()}.csv"
    # A session of its own: the lines are read after the request's session is closed,
    # and a reading one holds no write lock on SQLite.
    session = get_database().sessionmaker()
    return Response(
        csv_lines(session, filters, csv_language()),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
