"""Up and down votes on a comment (one per person: ``votes.py``)."""

from __future__ import annotations

from flask import abort, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import votes
from pnyx_comments.actions import VOTE
from pnyx_comments.views.common import back_to, blueprint, comment_and_target, refuse_if_blocked

VALUES = {"up": 1, "down": -1, "clear": 0}


@blueprint.post("/<int:comment_id>/vote")
@api.requires(VOTE)
def vote(comment_id: int) -> Response:
    comment, target = comment_and_target(comment_id)
    refuse_if_blocked(target)
    api.require(VOTE, target.record)
    value = VALUES.get(request.form.get("value", ""))
    user = api.current_user()
    if value is None or user is None or not comment.visible or comment.author_id == user.id:
        abort(400)
    votes.vote(comment, user, value)
    api.db_session().commit()
    return back_to(target, comment.id)
