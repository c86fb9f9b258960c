"""The mail provider's bounce and complaint reports (``POST /mail/bounces``), and the
person's "my address works again" button (docs/notifications.md#bounces)."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT, PUBLIC
from pnyx.db import get_session
from pnyx.notifications.bounces import MAX_EVENTS, mail_works_again, record, secret, signed
from pnyx.notifications.views import blueprint
from pnyx.web.csrf import exempt_from_csrf
from pnyx.web.guards import requires


def _events(body: bytes) -> list[dict[str, Any]] | None:
    """The report's events, or ``None`` when it is not the documented JSON."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        return None
    if not all(isinstance(event, dict) for event in events):
        return None
    return events


@blueprint.post("/mail/bounces")
@requires(PUBLIC)  # no session: the shared-secret signature below is the proof (the body is
# limited like every request's, MAX_REQUEST_BYTES)
def bounces() -> tuple[Response, int] | Response:
    key = secret()
    if key is None:
        abort(404)  # not configured: the address does not exist
    body = request.get_data(cache=False)
    timestamp = request.headers.get("X-Pnyx-Timestamp", "")
    if not signed(key, timestamp, request.headers.get("X-Pnyx-Signature", ""), body):
        return jsonify(error="the signature or the timestamp is not right"), 401
    events = _events(body)
    if events is None:
        message = f'expected {{"events": [...]}} with at most {MAX_EVENTS} objects'
        return jsonify(error=message), 400
    counts = record(events)
    get_session().commit()
    return jsonify(counts)


exempt_from_csrf("pnyx_notifications.bounces")


@blueprint.post("/account/notifications/mail-works")
@requires(ACCOUNT)
def mail_works() -> Response:
    """The person says mail reaches them again: notifications and newsletters resume."""
    session = get_session()
    mail_works_again(g.user)
    log_action(
        session, "pnyx.account.mail_works_again", resource=("user", g.user.id), visibility="private"
    )
    session.commit()
    flash(_("Thank you: we send e-mails to your address again."), "success")
    return redirect(url_for(".preferences"), 303)
