"""The one-click unsubscribe page (RFC 8058), reached from any notification or newsletter.

``GET`` shows what the link stops and a button (link checkers and mail scanners
follow links: a ``GET`` changes nothing); ``POST`` does it — from that button,
or from the mail program's own unsubscribe button, which posts
``List-Unsubscribe=One-Click`` without cookies, so this view needs neither a
session nor a CSRF token: the signed token is the proof.
"""

from __future__ import annotations

from flask import render_template, request
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import PUBLIC
from pnyx.db import get_session
from pnyx.models import User
from pnyx.notifications.models import NEVER
from pnyx.notifications.preferences import set_newsletter_consent
from pnyx.notifications.preferences_store import preference_of
from pnyx.notifications.unsubscribe_tokens import NOTIFICATIONS, read_token
from pnyx.notifications.views import blueprint
from pnyx.web.csrf import exempt_from_csrf
from pnyx.web.guards import requires


def _checked(token: str) -> tuple[User, str] | None:
    data = read_token(token)
    if data is None:
        return None
    user_id, scope, serial = data
    session = get_session()
    user = session.get(User, user_id)
    if user is None or user.deleted_at is not None:
        return None
    if preference_of(session, user).unsubscribe_serial != serial:
        return None  # used already, or a newer link was used
    return user, scope


@blueprint.route("/unsubscribe/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def unsubscribe(token: str) -> str | Response | tuple[str, int]:
    checked = _checked(token)
    if checked is None:
        get_session().rollback()
        return render_template("pnyx/notifications/unsubscribe.html", state="invalid"), 404
    user, scope = checked
    if request.method == "GET":
        get_session().rollback()
        return render_template("pnyx/notifications/unsubscribe.html", state="ask", scope=scope)
    session = get_session()
    preference = preference_of(session, user)
    if scope == NOTIFICATIONS:
        preference.email_frequency = NEVER
        preference.kind_frequencies = {}
    else:
        set_newsletter_consent(preference, False)
    preference.unsubscribe_serial += 1
    log_action(
        session,
        "pnyx.account.unsubscribed",
        resource=("user", user.id),
        visibility="private",
        extra={"scope": scope},
    )
    session.commit()
    return render_template("pnyx/notifications/unsubscribe.html", state="done", scope=scope)


exempt_from_csrf("pnyx_notifications.unsubscribe")
