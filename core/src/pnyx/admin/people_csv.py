"""``/admin/users.csv``: the people as CSV, for organization administrators (docs/imports.md).

The columns of ``pnyx export people``, without secrets; streamed from a
session of its own (the request's is closed before the last line is sent);
each download is logged (``pnyx.export.people``, visibility ``admin``).
"""

from __future__ import annotations

import datetime as dt

from flask import Response

from pnyx.action_log import log_action
from pnyx.admin import blueprint
from pnyx.core_hooks import ADMIN
from pnyx.db import get_database, get_session
from pnyx.importing.people_export import csv_text
from pnyx.web.guards import requires


@blueprint.get("/users.csv")
@requires(ADMIN)
def people_csv() -> Response:
    session = get_session()
    log_action(session, "pnyx.export.people", extra={"via": "admin"})
    session.commit()
    name = f"people-{dt.date.today().isoformat()}.csv"
    return Response(
        csv_text(get_database().sessionmaker()),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
