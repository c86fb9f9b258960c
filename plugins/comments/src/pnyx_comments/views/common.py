"""What the comment pages share: the blueprints, finding a comment and its record."""

from __future__ import annotations

from flask import Blueprint, abort, redirect
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import targets
from pnyx_comments.models import Comment
from pnyx_comments.targets import Target

blueprint = Blueprint("comments", __name__, url_prefix="/comments")
moderation_blueprint = Blueprint(
    "comments_moderation", __name__, url_prefix="/admin/spaces/<space_slug>/comments"
)


def comment_and_target(comment_id: int) -> tuple[Comment, Target]:
    """The comment and its record, or a 404 when either may not be shown to the person."""
    comment = api.db_session().get(Comment, comment_id)
    if comment is None:
        abort(404)
    target = targets.find_or_404(comment.resource_type, comment.resource_id)
    return comment, target


def back_to(target: Target, comment_id: int | None = None) -> Response:
    """Back to the record's page, at the comment (or the thread)."""
    url = target.comment_url(comment_id) if comment_id else target.anchor
    return redirect(api.safe_next(url))


def refuse_if_blocked(target: Target) -> None:
    if not targets.enabled(target) or targets.blocked(target):
        abort(403)


def moderates(target: Target) -> bool:
    return bool(api.decide(api.current_user(), api.actions.MODERATE_SPACE, target.component))
