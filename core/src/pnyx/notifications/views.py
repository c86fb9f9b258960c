"""Pages: follow and unfollow, the notification centre, marking as read."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from werkzeug.wrappers import Response

from pnyx.core_hooks import ACCOUNT
from pnyx.db import get_session
from pnyx.models import Component, Space, utcnow
from pnyx.notifications.follow_forms import read_target
from pnyx.notifications.following import follow, unfollow
from pnyx.notifications.messages import describe
from pnyx.notifications.models import Notification
from pnyx.permissions import visibility
from pnyx.redirects import safe_next
from pnyx.toolkit.pagination import paginate
from pnyx.web.guards import requires

blueprint = Blueprint("pnyx_notifications", __name__)


def _back() -> Response:
    return redirect(safe_next(request.form.get("next")), 303)


def _place(space_id: int | None, component_id: int | None) -> Space | Component | None:
    session = get_session()
    if component_id is not None:
        return session.get(Component, component_id)
    return session.get(Space, space_id) if space_id is not None else None


@blueprint.post("/follow")
@requires(ACCOUNT)
def follow_view() -> Response:
    target = read_target(request.form.get("target", ""))
    if target is None:
        abort(400, description=_("This button is out of date: reload the page."))
    place = _place(target.space_id, target.component_id)
    if place is not None and not visibility(g.user, place):
        abort(404)
    if follow(g.user, target):
        get_session().commit()
    flash(_("You follow it now: you will be notified of what happens to it."), "success")
    return _back()


@blueprint.post("/unfollow")
@requires(ACCOUNT)
def unfollow_view() -> Response:
    target = read_target(request.form.get("target", ""))
    if target is None:
        abort(400, description=_("This button is out of date: reload the page."))
    if unfollow(g.user, target):
        get_session().commit()
    flash(_("You no longer follow it."), "success")
    return _back()


def unread_count() -> int:
    """The signed-in person's unread notifications (the header's badge), read once a request."""
    user = g.get("user")
    if user is None:
        return 0
    if "pnyx_unread" not in g:
        query = select(func.count()).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
        g.pnyx_unread = int(get_session().scalar(query) or 0)
    return int(g.pnyx_unread)


@blueprint.get("/notifications")
@requires(ACCOUNT)
def centre() -> str:
    query = (
        select(Notification)
        .where(Notification.user_id == g.user.id)
        .order_by(Notification.id.desc())
    )
    page = paginate(query)
    items = [(note, describe(note, None)) for note in page.items]
    return render_template("pnyx/notifications/centre.html", page=page, items=items)


@blueprint.post("/notifications/read")
@requires(ACCOUNT)
def mark_read() -> Response:
    query = update(Notification).where(
        Notification.user_id == g.user.id, Notification.read_at.is_(None)
    )
    chosen = request.form.get("notification", "")
    if chosen:
        if not chosen.isdigit():
            abort(400, description=_("Unknown notification."))
        query = query.where(Notification.id == int(chosen))
    get_session().execute(query.values(read_at=utcnow()))
    get_session().commit()
    flash(
        _("Marked as read.") if chosen else _("All your notifications are marked as read."),
        "success",
    )
    return redirect(safe_next(request.form.get("next"), url_for(".centre")), 303)
