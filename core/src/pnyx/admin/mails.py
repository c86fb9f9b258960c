"""Mails not delivered (``/admin/mails``): every message the mail job could not send,
kept with its last error, and a button to send it again (docs/jobs.md)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx.admin import blueprint
from pnyx.core_hooks import ADMIN
from pnyx.db import get_session
from pnyx.mail_delivery import FAILED, RETRYING, send_again
from pnyx.models import OutgoingMail
from pnyx.navigation import admin_link
from pnyx.web.guards import requires

admin_link(lambda: _("Mails not delivered"), "pnyx_admin.mails")
UNDELIVERED = (FAILED, RETRYING)


def _before() -> int | None:
    raw = request.args.get("before", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@blueprint.get("/mails")
@requires(ADMIN)
def mails() -> str:
    session = get_session()
    size = current_app.config["PAGE_SIZE"]
    # Keyset pagination (newest first): the page costs the same however many failed.
    query = select(OutgoingMail).where(OutgoingMail.status.in_(UNDELIVERED))
    before = _before()
    if before is not None:
        query = query.where(OutgoingMail.id < before)
    rows = list(session.scalars(query.order_by(OutgoingMail.id.desc()).limit(size + 1)))
    total = session.scalar(
        select(func.count(OutgoingMail.id)).where(OutgoingMail.status.in_(UNDELIVERED))
    )
    return render_template(
        "pnyx/admin/mails.html",
        mails=rows[:size],
        next_before=rows[size - 1].id if len(rows) > size else None,
        total=total or 0,
    )


@blueprint.post("/mails/<int:mail_id>/send-again")
@requires(ADMIN)
def send_mail_again(mail_id: int) -> Response:
    session = get_session()
    record = session.get(OutgoingMail, mail_id)
    if record is None or record.status not in UNDELIVERED:
        abort(404)
    send_again(record)
    session.commit()
    flash(_("The message to %(email)s will be sent again.", email=record.recipient), "success")
    return redirect(url_for(".mails"))
