"""Posting a comment or a reply (plain forms; back to the comment's anchor)."""

from __future__ import annotations

from flask import flash, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import targets, writing
from pnyx_comments.actions import CREATE
from pnyx_comments.models import Comment
from pnyx_comments.views.common import back_to, blueprint, refuse_if_blocked


@blueprint.post("/<resource_type>/<int:resource_id>")
@api.requires(CREATE)
def create(resource_type: str, resource_id: int) -> Response | tuple[str, int]:
    target = targets.find_or_404(resource_type, resource_id)
    refuse_if_blocked(target)
    api.require(CREATE, target.record)
    parent = None
    parent_id = api.read_int(request.form, "parent_id", label=api._("comment"))
    if parent_id is not None:
        parent = api.db_session().get(Comment, parent_id)
        if parent is None or (parent.resource_type, parent.resource_id) != (
            resource_type,
            resource_id,
        ):
            parent = None
    user = api.current_user()
    assert user is not None  # the action's audience: signed in
    sent = writing.just_posted(target, user, request.form.get("body", ""), parent)
    if sent is not None:
        flash(api._("This comment is already published."), "success")
        return back_to(target, sent.id)
    language, language_error = api.read_written_language(request.form)
    if language_error:
        # Nothing is published: the text comes back with both reasons, if the text has one.
        body_error = writing.body_error(request.form.get("body", ""))
        return _write_again(target, user, parent, body_error, language, language_error)
    api.submissions.claim()  # the same form sent twice at once: one comment (docs/forms.md)
    try:
        comment = writing.post(
            target,
            user,
            request.form.get("body", ""),
            alignment=request.form.get("alignment", "neutral"),
            parent=parent,
            official=request.form.get("official") == "yes",
            user_group_id=writing.read_group(target, user, request.form.get("user_group")),
            language=language,
        )
    except writing.WriteError as error:
        api.db_session().rollback()
        return _write_again(target, user, parent, str(error), language)
    answer = back_to(target, comment.id)
    api.submissions.made(answer.location)
    api.db_session().commit()
    flash(api._("Your comment is published."), "success")
    return answer


def _write_again(
    target: targets.Target,
    user: api.User,
    parent: Comment | None,
    error: str | None,
    language: str,
    language_error: str | None = None,
) -> tuple[str, int]:
    """The text comes back on a page of its own, with the reason: nothing typed is lost."""
    page = render_template(
        "comments/write.html",
        target=target,
        error=error,
        body=request.form.get("body", ""),
        alignment=request.form.get("alignment", "neutral"),
        parent_id=parent.id if parent else None,
        official=request.form.get("official") == "yes",
        groups=writing.group_choices(target, user),
        user_group=request.form.get("user_group", ""),
        language=language,
        language_error=language_error,
    )
    # A (page, status) tuple: Flask makes it text/html (werkzeug's Response would be
    # text/plain, and the browser would show the page's source).
    return page, 422
