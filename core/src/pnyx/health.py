"""``/healthz``: whether this app process can serve (for load balancers and monitoring).

Checks the database (a ``SELECT 1``), that every migration history is at its
newest revision (an upgrade forgotten before a restart), and Redis when
``PNYX_REDIS_URL`` is configured. Answers ``200`` with each check's state, or
``503`` with the reason of the first failure; never any personal data, and
never cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from pnyx import migrate
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_database
from pnyx.web.guards import requires

log = logging.getLogger(__name__)
blueprint = Blueprint("pnyx_health", __name__)
HEADS = "pnyx.health.heads"
#: Seconds to wait for Redis: a monitor must get an answer, not a hanging request.
REDIS_TIMEOUT = 2


def check_database(app: Flask) -> str:
    with get_database(app).engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return "ok"


def check_migrations(app: Flask) -> str:
    # The scripts do not change while the process runs: read them once.
    if HEADS not in app.extensions:
        app.extensions[HEADS] = migrate.heads(app)
    applied = migrate.current(app)
    behind = [name for name, head in app.extensions[HEADS].items() if applied.get(name) != head]
    if behind:
        raise RuntimeError(f"migrations not applied: {', '.join(behind)}; run pnyx db upgrade")
    return "ok"


def check_redis(app: Flask) -> str:
    url = app.config.get("REDIS_URL")
    if not url:
        return "not configured"
    import redis  # the pnyx[redis] extra, checked at start-up when REDIS_URL is set

    client = redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


CHECKS: dict[str, Callable[[Flask], str]] = {
    "database": check_database,
    "migrations": check_migrations,
    "redis": check_redis,
}


@blueprint.get("/healthz")
@requires(PUBLIC)
def healthz() -> Response:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    report: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            report[name] = check(app)
        except Exception as error:  # any failure is the answer, not a 500
            log.warning("health check %s failed: %s", name, error)
            lines = str(error).strip().splitlines()
            reason = f"{name}: {lines[0] if lines else type(error).__name__}"
            response = jsonify(status="unavailable", reason=reason, checks=report)
            response.status_code = 503
            return no_store(response)
    return no_store(jsonify(status="ok", checks=report))


def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
