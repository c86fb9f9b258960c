"""``/api/v1/``: the read-only API (JSON), its OpenAPI document and its browsable page.

Every route answers as an anonymous visitor would see the pages (the session is
not read), with ``Cache-Control``, an ``ETag`` (``If-None-Match`` → 304),
``Access-Control-Allow-Origin: *`` (GET only; nothing here depends on cookies)
and JSON errors. Requests are limited per client address (``PNYX_API_RATE_LIMIT``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.wrappers import Response

from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.open_data.listing import BadParameterError, list_page, one_row
from pnyx.open_data.resources import ApiResource, api_resources
from pnyx.open_data.schemas import OrganizationSchema
from pnyx.open_data.spec import openapi_document
from pnyx.organization import current_organization
from pnyx.ratelimit import by_address
from pnyx.statistics.settings import open_data_settings
from pnyx.web.errors import handle_unexpected as log_and_page
from pnyx.web.guards import requires

PREFIX = "/api/v1"
MAX_AGE = 60


def json_error(code: int, message: str) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = code
    return response


def handle_http_error(error: HTTPException) -> Response:
    response = json_error(error.code or 500, error.description or error.name)
    if error.code == 429:
        response.headers["Retry-After"] = "60"
    return response


def handle_unexpected(error: Exception) -> Response:
    """A JSON 500 (logged by the core's handler first): clients of the API read JSON."""
    _page, code, _headers = log_and_page(error)
    return json_error(code, "The server could not answer; the error was logged.")


def finish(response: Response) -> Response:
    """Cache headers, ETag and CORS on every answer of the API."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Expose-Headers"] = "ETag"
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = MAX_AGE
        response.add_etag()
        response.make_conditional(request)
    return response


def list_view(resource: ApiResource) -> Callable[[], Response]:
    @requires(PUBLIC)
    def view() -> Response:
        try:
            page = list_page(get_session(), resource, request.args)
        except BadParameterError as error:
            return json_error(400, str(error))
        following = None
        if page.next_cursor is not None:
            args = {**request.args.to_dict(), "cursor": page.next_cursor}
            following = url_for(request.endpoint or "", _external=True, **args)
        data = resource.schema().dump(page.rows, many=True)
        return jsonify({"data": data, "next": following})

    return view


def item_view(resource: ApiResource) -> Callable[..., Response]:
    @requires(PUBLIC)
    def view(**values: int) -> Response:
        row = one_row(get_session(), resource, values[resource.id_argument])
        if row is None:
            raise NotFound(f"No such {resource.name} here.")
        return jsonify(resource.schema().dump(row))

    return view


@requires(PUBLIC)
def organization() -> Response:
    current = current_organization()
    if current is None:
        raise NotFound("The organization is not set up yet.")
    settings = open_data_settings(get_session())
    values: dict[str, Any] = {
        "name": current.name,
        "default_locale": current.default_locale,
        "available_locales": current.available_locales,
        "time_zone": current.time_zone,
        "licence": settings.licence,
    }
    return jsonify(OrganizationSchema().dump(values))


@requires(PUBLIC)
def openapi() -> Response:
    return jsonify(openapi_document(current_app))


@requires(PUBLIC)
def browse() -> str:
    return render_template("pnyx/open_data/api.html", spec=openapi_document(current_app))


def make_blueprint(app: Flask) -> Blueprint:
    """One blueprint per app: its routes depend on the plugins this app enabled."""
    blueprint = Blueprint("pnyx_api", __name__, url_prefix=PREFIX)
    blueprint.add_url_rule("/", "browse", browse)
    blueprint.add_url_rule("/openapi.json", "openapi", openapi)
    blueprint.add_url_rule("/organization", "organization", organization)
    for name, resource in api_resources(app).items():
        blueprint.add_url_rule(f"/{name}", f"{name}_list", list_view(resource))
        item_rule = f"/{name}/<int:{resource.id_argument}>"
        blueprint.add_url_rule(item_rule, f"{name}_item", item_view(resource))
    blueprint.after_request(finish)
    blueprint.register_error_handler(HTTPException, handle_http_error)
    blueprint.register_error_handler(Exception, handle_unexpected)
    return blueprint


def limit_api(app: Flask, blueprint: Blueprint) -> None:
    limiter = app.extensions.get("pnyx.limiter")
    if limiter is None:
        return
    limit = lambda: str(current_app.config["API_RATE_LIMIT"])  # noqa: E731
    # One allowance per address for the whole API, whichever routes it reads.
    limiter.shared_limit(limit, scope="pnyx_api", key_func=by_address)(blueprint)
