"""``/open-data``: the page listing the bundles, and their downloads (linked from the footer)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_file
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.models import Space
from pnyx.open_data.admin import LICENCE_LABELS
from pnyx.open_data.bundle import (
    ORGANIZATION,
    bundle_path,
    generated_at,
    public_spaces,
    write_bundle,
)
from pnyx.open_data.core_resources import public_space
from pnyx.open_data.licences import LICENCE_TEXTS
from pnyx.statistics.settings import open_data_settings
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_open_data", __name__)


@blueprint.get("/open-data")
@requires(PUBLIC)
def index() -> str:
    session = get_session()
    spaces = [(space, generated_at(space)) for space in public_spaces(session)]
    code = open_data_settings(session).licence
    licence = (LICENCE_LABELS[code], LICENCE_TEXTS[code][1])
    return render_template(
        "pnyx/open_data/index.html",
        organization_generated=generated_at(None),
        spaces=spaces,
        licence=licence,
    )


def _space(name: str) -> Space | None:
    """The public space a bundle's name points to; 404 for anything else (a private space's
    name included: an outsider does not learn that it exists)."""
    if name == ORGANIZATION:
        return None
    slug = name.removeprefix("space-")
    query = select(Space).where(Space.slug == slug, public_space())
    space = get_session().scalar(query) if name.startswith("space-") else None
    if space is None:
        abort(404)
    return space


@blueprint.get("/open-data/<name>.zip")
@requires(PUBLIC)
def download(name: str) -> Response:
    space = _space(name)
    path = bundle_path(space)
    if not path.exists():
        write_bundle(get_session(), space)  # never generated yet: made once, now
    response = send_file(path, mimetype="application/zip", as_attachment=True)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
