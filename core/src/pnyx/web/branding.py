"""The organization's branding on every page: its colour (``/theme.css``) and its logo.

The Content-Security-Policy forbids inline styles, so the colour an admin
chose is served as a tiny stylesheet that the layout links after
``pnyx.css``; its URL carries the colour, so browsers may keep it for a day
and still see a change at once. The logo lives in ``<instance>/uploads/``
under a name made from its content, and only the current one is served.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    request,
    send_from_directory,
    url_for,
)

from pnyx.core_hooks import PUBLIC
from pnyx.organization import current_organization
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_branding", __name__)

DEFAULT_PRIMARY_COLOR = "#1d4e89"
HEX_COLOR = re.compile(r"^#[0-9a-f]{6}$")
#: An SVG opened on its own must not run anything: no script, no request, a sandbox.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
ONE_DAY = 24 * 3600
ONE_YEAR = 365 * ONE_DAY


def uploads_folder(app: Flask | None = None) -> Path:
    """``<instance>/uploads``, where uploaded files are kept."""
    return Path((app or current_app).config["INSTANCE_PATH"]) / "uploads"


def primary_color() -> str:
    """The organization's colour; the default when unset or not a plain hex colour."""
    organization = current_organization()
    color = (organization.primary_color or "").lower() if organization else ""
    return color if HEX_COLOR.match(color) else DEFAULT_PRIMARY_COLOR


@blueprint.get("/theme.css")
@requires(PUBLIC)
def organization_css() -> Response:
    color = primary_color()
    css = f":root {{ --primary: {color}; }}\n"
    response = Response(css, mimetype="text/css")
    fresh = request.args.get("v") == color.lstrip("#")
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY if fresh else 0
    return response


@blueprint.get("/logo/<name>")
@requires(PUBLIC)
def logo(name: str) -> Response:
    organization = current_organization()
    if organization is None or not organization.logo or organization.logo != name:
        abort(404)
    # The name changes with the content, so the file can be kept for a year.
    response = send_from_directory(uploads_folder(), name, max_age=ONE_YEAR)
    if name.endswith(".svg"):
        response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


def organization_css_url() -> str:
    """Template helper: the URL of ``/theme.css`` for the current colour."""
    return url_for("pnyx_branding.organization_css", v=primary_color().lstrip("#"))


def logo_url() -> str | None:
    """Template helper: the URL of the organization's logo, or ``None``."""
    organization = current_organization()
    if organization is None or not organization.logo:
        return None
    return url_for("pnyx_branding.logo", name=organization.logo)


def init_branding(app: Flask) -> None:
    app.register_blueprint(blueprint)
    app.jinja_env.globals.update(organization_css_url=organization_css_url, logo_url=logo_url)
