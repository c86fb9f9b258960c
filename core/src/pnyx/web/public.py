"""The core's public pages: home, a space with its phases, the language switcher."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, request
from werkzeug.wrappers import Response

from pnyx.core_hooks import PUBLIC, VIEW
from pnyx.db import get_session
from pnyx.home.composition import shown_blocks
from pnyx.i18n import LOCALE_COOKIE, organization_locales, translated
from pnyx.organization import current_organization
from pnyx.permissions import visibility
from pnyx.web.auth import safe_next
from pnyx.web.components import load_space
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx", __name__)


@blueprint.route("/")
@requires(PUBLIC)
def home() -> str:
    return render_template("pnyx/home.html", blocks=shown_blocks())


@blueprint.route("/terms")
@requires(PUBLIC)
def terms() -> str:
    """The terms of use staff wrote (admin: organization settings)."""
    organization = current_organization()
    text = translated(organization.terms) if organization is not None else ""
    return render_template("pnyx/terms.html", text=text)


@blueprint.url_value_preprocessor
def pull_space(endpoint: str | None, values: dict[str, str] | None) -> None:
    if values and "slug" in values:
        g.space, _none = load_space(values.pop("slug"))


@blueprint.route("/spaces/<slug>")
@requires(VIEW)
def space(**_values: str) -> str:
    space = g.space
    registry = current_app.extensions["pnyx.plugins"].registry
    space_type = registry.space_types.get(space.type)
    if space_type is None:
        abort(404)
    components = [c for c in space.components if visibility(g.user, c)]
    context = dict(space_type.page_context(space)) if space_type.page_context else {}
    return render_template(
        space_type.template, space=space, components=components, space_type=space_type, **context
    )


@blueprint.route("/locale", methods=["GET", "POST"])
@requires(PUBLIC)
def switch_locale() -> Response:
    """The language switcher. Visitors use it as a GET form: it only sets the language
    cookie, so anonymous pages need no session (nor CSRF token) and stay cacheable.
    Signed-in people post it (with their token) and their account keeps the choice."""
    _default, available = organization_locales()
    values = request.form if request.method == "POST" else request.args
    locale = values.get("locale", "")
    response = redirect(safe_next(values.get("next")))
    if locale in available:
        response.set_cookie(
            LOCALE_COOKIE,
            locale,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],  # True in production
        )
        if g.user is not None and request.method == "POST":
            g.user.locale = locale
            get_session().commit()
    return response
