"""Staff choose the licence of the organization's open data and whether public
statistics show figures per territory (``/admin/open-data``)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate
from werkzeug.wrappers import Response

from pnyx.admin.editing import log_admin, render_form, submitted_for_saving
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.forms import Form
from pnyx.jobs import enqueue
from pnyx.models.open_data import LICENCES
from pnyx.navigation import admin_link
from pnyx.open_data.generation import generate_bundles
from pnyx.statistics.settings import open_data_settings
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_open_data_admin", __name__, url_prefix="/admin/open-data")
admin_link(lambda: _("Open data"), "pnyx_open_data_admin.settings")

LICENCE_LABELS = {
    "etalab-2.0": _l("Open Licence 2.0 (Etalab)"),
    "odbl-1.0": _l("Open Database License 1.0 (ODbL)"),
}


class OpenDataSchema(Schema):
    licence = fields.String(
        required=True,
        validate=validate.OneOf(LICENCES, labels=[LICENCE_LABELS[code] for code in LICENCES]),
        metadata={
            "label": _l("Licence of the open data"),
            "description": _l("The open-data files and the API say that their data is under it."),
        },
    )
    territory_statistics = fields.Boolean(
        load_default=False,
        metadata={
            "label": _l("Show the statistics by territory"),
            "description": _l(
                "The public statistics pages then count contributions, votes and "
                "registrations per territory."
            ),
        },
    )


@blueprint.route("", methods=["GET", "POST"])
@requires(ADMIN)
def settings() -> tuple[str, int] | Response:
    session = get_session()
    row = open_data_settings(session)
    values: dict[str, Any] = {
        "licence": row.licence,
        "territory_statistics": row.territory_statistics,
    }
    form = Form(OpenDataSchema(), values)
    if submitted_for_saving(form):
        changed = sorted(key for key, value in form.data.items() if getattr(row, key) != value)
        for key, value in form.data.items():
            setattr(row, key, value)
        session.add(row)
        session.flush()
        log_admin(
            session, "pnyx.open_data.update", ("open_data", row.id), extra={"changed": changed}
        )
        session.commit()
        flash(_("The open-data settings are saved."), "success")
        return redirect(url_for("pnyx_open_data_admin.settings"))
    return render_form("pnyx/admin/open_data.html", form)


@blueprint.post("/generate")
@requires(ADMIN)
def generate() -> Response:
    """Write the bundles now (a background job), besides the nightly run."""
    enqueue(generate_bundles)
    flash(
        _("The open-data files are being written: they will be ready in a few minutes."), "success"
    )
    return redirect(url_for("pnyx_open_data_admin.settings"))
