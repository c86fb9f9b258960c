"""Reporting a post or a message to the moderators, with a reason."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import moderation
from pnyx_mutual_aid.models import AidMessage, AidReport
from pnyx_mutual_aid.permissions import REPORT
from pnyx_mutual_aid.views import blueprint
from pnyx_mutual_aid.views.common import clean, load_conversation, load_post

MAX_DETAILS = 1000


def read_report() -> tuple[dict[str, str], dict[str, str]]:
    values = {
        "reason": request.form.get("reason", ""),
        "details": clean(request.form.get("details", "")),
    }
    errors = {}
    if values["reason"] not in AidReport.REASONS:
        errors["reason"] = api._("Choose why you report it.")
    if len(values["details"]) > MAX_DETAILS:
        errors["details"] = api._("Details have at most 1000 characters.")
    return values, errors


def render_report(
    action: str,
    subject: str,
    back: str,
    values: dict[str, Any],
    errors: dict[str, str],
    subject_language: str = "",
) -> str:
    """``subject_language``: the language of ``subject`` when it is a post's title."""
    return render_template(
        "mutual_aid/report.html",
        action=action,
        subject=subject,
        subject_language=subject_language,
        back=back,
        values=values,
        errors=errors,
        reasons=moderation.reason_labels(),
    )


@blueprint.route("/posts/<int:post_id>/report", methods=["GET", "POST"])
@api.requires(REPORT)
def report_post(post_id: int) -> str | tuple[str, int] | Response:
    post = load_post(post_id)
    action = url_for("mutual_aid.report_post", post_id=post.id)
    back = url_for("mutual_aid.show", post_id=post.id)
    if request.method == "GET":
        return render_report(action, post.title, back, {}, {}, post.language)
    values, errors = read_report()
    if errors:
        return render_report(action, post.title, back, values, errors, post.language), 400
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if moderation.report_post(session, post, user, values["reason"], values["details"]):
        session.commit()
        flash(api._("Thank you: the moderators will look at your report."), "success")
    else:
        flash(api._("You have already reported it."), "success")
    return redirect(url_for("mutual_aid.index"))


@blueprint.route("/conversations/<token>/messages/<int:message_id>/report", methods=["GET", "POST"])
@api.requires(REPORT)
def report_message(token: str, message_id: int) -> str | tuple[str, int] | Response:
    conversation = load_conversation(token)
    message = api.db_session().get(AidMessage, message_id)
    if message is None or message.conversation_id != conversation.id:
        abort(404)
    action = url_for("mutual_aid.report_message", token=token, message_id=message.id)
    back = url_for("mutual_aid.conversation", token=token)
    subject = api._(
        "A message in your conversation about “%(title)s”", title=conversation.post.title
    )
    if request.method == "GET":
        return render_report(action, subject, back, {}, {})
    values, errors = read_report()
    if errors:
        return render_report(action, subject, back, values, errors), 400
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if moderation.report_message(session, message, user, values["reason"], values["details"]):
        session.commit()
        flash(api._("Thank you: the moderators will look at your report."), "success")
    else:
        flash(api._("You have already reported it."), "success")
    return redirect(back)
