"""Editing and deleting one's own comment; its history, for moderators."""

from __future__ import annotations

from flask import abort, flash, render_template, request
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments import text, writing
from pnyx_comments.actions import EDIT, READ
from pnyx_comments.models import Comment
from pnyx_comments.targets import Target
from pnyx_comments.views.common import (
    back_to,
    blueprint,
    comment_and_target,
    moderates,
    refuse_if_blocked,
)


def _own(comment_id: int) -> tuple[Comment, Target]:
    comment, target = comment_and_target(comment_id)
    user = api.current_user()
    if user is None or comment.author_id != user.id or comment.deleted_at or comment.hidden_at:
        abort(403)
    refuse_if_blocked(target)
    return comment, target


@blueprint.route("/<int:comment_id>/edit", methods=["GET", "POST"])
@api.requires(EDIT)
def edit(comment_id: int) -> Response | str | tuple[str, int]:
    comment, target = _own(comment_id)
    error = ""
    body = comment.body
    # No field (one language offered) keeps the stored language.
    language, language_error = comment.language, None
    if request.method == "POST":
        body = request.form.get("body", "")
        language, language_error = api.read_written_language(request.form, current=comment.language)
        if language_error:
            error = writing.body_error(body) or ""
        else:
            # The same edit sent twice at once: one version in the history (docs/forms.md).
            api.submissions.claim()
            try:
                writing.edit(comment, body, language)
            except writing.WriteError as problem:
                api.db_session().rollback()  # the token stays free for the corrected text
                error = str(problem)
            else:
                answer = back_to(target, comment.id)
                api.submissions.made(answer.location)
                api.db_session().commit()
                flash(api._("Your comment is saved."), "success")
                return answer
    page = render_template(
        "comments/edit.html",
        comment=comment,
        target=target,
        body=body,
        error=error,
        language=language,
        language_error=language_error,
    )
    return (page, 422) if error or language_error else page


@blueprint.post("/<int:comment_id>/delete")
@api.requires(EDIT)
def delete(comment_id: int) -> Response | tuple[str, int]:
    comment, target = _own(comment_id)
    page = api.confirm_first(
        title=api._("Delete your comment?"),
        consequence=api._("Its text is removed for good; replies stay, under a mark."),
        button=api._("Yes, delete my comment"),
        cancel_url=target.comment_url(comment.id),
        admin=False,
    )
    if page is not None:
        return page
    writing.delete(comment)
    api.db_session().commit()
    flash(api._("Your comment is deleted."), "success")
    return back_to(target, comment.id)


@blueprint.get("/<int:comment_id>/history")
@api.requires(READ)
def history(comment_id: int) -> str:
    comment, target = comment_and_target(comment_id)
    if not moderates(target):
        abort(403)
    return render_template(
        "comments/history.html",
        comment=comment,
        target=target,
        versions=writing.history(comment),
        render=text.render,
    )
