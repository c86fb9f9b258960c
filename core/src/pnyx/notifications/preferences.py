"""The page "Notifications I receive": how often by e-mail (for all, and per kind),
following what one takes part in, and newsletters (explicit consent, dated)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from pnyx.action_log import log_action
from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.models import User, utcnow
from pnyx.notifications.kinds import notification_kinds
from pnyx.notifications.models import FREQUENCIES, NotificationPreference
from pnyx.notifications.preferences_store import preference_of
from pnyx.notifications.views import blueprint
from pnyx.web.guards import requires

FREQUENCY_LABELS = {
    "immediately": _l("At once, one e-mail each"),
    "daily": _l("A daily summary"),
    "weekly": _l("A weekly summary"),
    "never": _l("No e-mail (only on the site)"),
}


def set_newsletter_consent(preference: NotificationPreference, wanted: bool) -> None:
    """Record consent (with its date) or its withdrawal; nothing changes when it is the same."""
    if wanted and preference.newsletter_consent_at is None:
        preference.newsletter_consent_at = utcnow()
        preference.newsletter_withdrawn_at = None
    elif not wanted and preference.newsletter_consent_at is not None:
        preference.newsletter_consent_at = None
        preference.newsletter_withdrawn_at = utcnow()


def record_newsletter_consent(user: User) -> None:
    """Consent given at sign-up, with its date (commits)."""
    session = get_session()
    set_newsletter_consent(preference_of(session, user), True)
    session.commit()


def _save(preference: NotificationPreference) -> None:
    chosen = request.form.get("email_frequency", "")
    if chosen in FREQUENCIES:
        preference.email_frequency = chosen
    per_kind = {}
    for name in notification_kinds():
        value = request.form.get(f"kind-{name}", "")
        if value in FREQUENCIES:
            per_kind[name] = value
    preference.kind_frequencies = per_kind
    preference.follow_when_participating = request.form.get("follow_when_participating") == "yes"
    set_newsletter_consent(preference, request.form.get("newsletters") == "yes")
    preference.updated_at = utcnow()


@blueprint.route("/account/notifications", methods=["GET", "POST"])
@requires(ACCOUNT)
def preferences() -> str | Response:
    session = get_session()
    preference = preference_of(session, g.user)
    if request.method == "POST":
        _save(preference)
        log_action(
            session,
            "pnyx.account.notification_preferences_updated",
            resource=("user", g.user.id),
            visibility="private",
            extra={"email_frequency": preference.email_frequency},
        )
        session.commit()
        flash(_("Your notification choices are saved."), "success")
        return redirect(url_for(".preferences"), 303)
    return render_template(
        "pnyx/notifications/preferences.html",
        preference=preference,
        kinds=sorted(notification_kinds().values(), key=lambda kind: kind.name),
        frequencies=FREQUENCY_LABELS,
    )
