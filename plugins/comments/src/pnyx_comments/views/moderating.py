"""The space's moderation queue: reported and hidden comments; hide, unhide, dismiss."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import moderation, targets, text
from pnyx_comments.models import Comment
from pnyx_comments.views.common import moderation_blueprint as blueprint

REASON_MAX = 500


@blueprint.get("/moderation")
@api.requires(api.actions.MODERATE_SPACE)
def moderation_queue() -> str:
    space = api.current_space()
    comments = moderation.queue(space)
    return render_template(
        "comments/moderation.html",
        space=space,
        comments=comments,
        reasons=moderation.reasons_of([c.id for c in comments]),
        labels=moderation.reason_labels(),
        render=text.render,
        record_url=record_url,
    )


def _comment_of_space(comment_id: int) -> Comment:
    comment = api.db_session().get(Comment, comment_id)
    if comment is None or comment.component.space_id != api.current_space().id:
        abort(404)
    return comment


def _back() -> Response:
    return redirect(moderation.queue_url(api.current_space()))


@blueprint.post("/<int:comment_id>/hide")
@api.requires(api.actions.MODERATE_SPACE)
def hide(comment_id: int) -> Response:
    comment = _comment_of_space(comment_id)
    reason = request.form.get("reason", "").strip()[:REASON_MAX]
    if not reason:
        flash(api._("Give the reason: its author reads it."), "error")
        return _back()
    if comment.hidden_at is None:
        moderation.hide(comment, reason)
        api.db_session().commit()
        flash(api._("The comment is hidden; its author is told why."), "success")
    return _back()


@blueprint.post("/<int:comment_id>/unhide")
@api.requires(api.actions.MODERATE_SPACE)
def unhide(comment_id: int) -> Response:
    comment = _comment_of_space(comment_id)
    if comment.hidden_at is not None:
        moderation.unhide(comment, request.form.get("reason", "").strip()[:REASON_MAX])
        api.db_session().commit()
        flash(api._("The comment is shown again."), "success")
    return _back()


@blueprint.post("/<int:comment_id>/dismiss")
@api.requires(api.actions.MODERATE_SPACE)
def dismiss(comment_id: int) -> Response:
    comment = _comment_of_space(comment_id)
    moderation.dismiss(comment)
    api.db_session().commit()
    flash(api._("The reports are dismissed."), "success")
    return _back()


def record_url(comment: Comment) -> str:
    target = targets.find(comment.resource_type, comment.resource_id)
    return target.comment_url(comment.id) if target else ""
