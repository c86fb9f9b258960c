"""Reporting a comment to the space's moderators."""

from __future__ import annotations

from flask import abort, flash, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import moderation, text
from pnyx_comments.actions import REPORT
from pnyx_comments.views.common import back_to, blueprint, comment_and_target

DETAILS_MAX = 1000


@blueprint.route("/<int:comment_id>/report", methods=["GET", "POST"])
@api.requires(REPORT)
def report(comment_id: int) -> Response | str | tuple[str, int]:
    comment, target = comment_and_target(comment_id)
    api.require(REPORT, target.record)
    user = api.current_user()
    if user is None or not comment.visible:
        abort(404)
    labels = moderation.reason_labels()
    error = ""
    if request.method == "POST":
        reason = request.form.get("reason", "")
        details = request.form.get("details", "").strip()
        if reason not in labels:
            error = api._("Choose a reason.")
        elif len(details) > DETAILS_MAX:
            error = api.ngettext(
                "At most %(num)d character.",
                "At most %(num)d characters.",
                DETAILS_MAX,
            )
        else:
            new = moderation.report(comment, user, reason, details)
            api.db_session().commit()
            if new:
                flash(api._("Thank you: the moderators will look at it."), "success")
            else:
                flash(api._("You already reported this comment."), "info")
            return back_to(target, comment.id)
    page = render_template(
        "comments/report.html",
        comment=comment,
        target=target,
        labels=labels,
        error=error,
        render_body=text.render,
    )
    return (page, 422) if error else page
