"""The moderation queue: reported posts and messages; hide, restore, dismiss, ban.

Moderators read a conversation only once one of its messages was reported,
and only from here.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import moderation
from pnyx_mutual_aid.admin import blueprint
from pnyx_mutual_aid.models import AidMessage, AidPost

MODERATE = api.actions.MODERATE_SPACE


@blueprint.get("/moderation")
@api.requires(MODERATE)
def moderation_queue() -> str:
    component = api.current_component()
    return render_template(
        "mutual_aid/admin/moderation.html",
        reports=moderation.open_reports(component.id),
        hidden=hidden_posts(component.id),
        bans=moderation.bans(component.id),
        reasons=moderation.reason_labels(),
    )


def hidden_posts(component_id: int) -> list[AidPost]:
    query = (
        select(AidPost)
        .where(AidPost.component_id == component_id, AidPost.hidden_at.is_not(None))
        .order_by(AidPost.hidden_at.desc(), AidPost.id.desc())
        .limit(100)
    )
    return list(api.db_session().scalars(query))


@blueprint.get("/moderation/conversations/<token>")
@api.requires(MODERATE)
def reported_conversation(token: str) -> str:
    conversation = moderation.reported_conversation(api.current_component().id, token)
    if conversation is None:
        abort(404)
    query = (
        select(AidMessage)
        .where(AidMessage.conversation_id == conversation.id)
        .order_by(AidMessage.created_at, AidMessage.id)
    )
    return render_template(
        "mutual_aid/admin/conversation.html",
        conversation=conversation,
        messages=api.paginate(query, size=100),
    )


def _post(post_id: int) -> AidPost:
    return api.get_or_404(AidPost, post_id)


def _message(message_id: int) -> AidMessage:
    message = api.db_session().get(AidMessage, message_id)
    if message is None or message.conversation.component_id != api.current_component().id:
        abort(404)
    return message


def _done(text: str) -> Response:
    api.db_session().commit()
    flash(text, "success")
    return redirect(url_for("mutual_aid_admin.moderation_queue"))


@blueprint.post("/moderation/posts/<int:post_id>")
@api.requires(MODERATE)
def moderate_post(post_id: int) -> Response:
    post = _post(post_id)
    session = api.db_session()
    decision = request.form.get("decision", "")
    if decision == "hide":
        post.hidden_at = post.hidden_at or api.utcnow()
        moderation.resolve(session, post_id=post.id)
        api.log_action(
            session, "mutual_aid.post_hidden", resource=post.resource, component=post.component
        )
        return _done(api._("The post is hidden."))
    if decision in ("restore", "dismiss"):
        post.hidden_at = None
        post.reports_count = 0
        moderation.resolve(session, post_id=post.id)
        api.log_action(
            session, "mutual_aid.post_restored", resource=post.resource, component=post.component
        )
        return _done(api._("The post is shown again and its reports are dismissed."))
    abort(400)


@blueprint.post("/moderation/messages/<int:message_id>")
@api.requires(MODERATE)
def moderate_message(message_id: int) -> Response:
    message = _message(message_id)
    session = api.db_session()
    decision = request.form.get("decision", "")
    if decision == "hide":
        message.hidden_at = message.hidden_at or api.utcnow()
        moderation.resolve(session, message_id=message.id)
        api.log_action(session, "mutual_aid.message_hidden", component=api.current_component())
        return _done(api._("The message is hidden."))
    if decision == "dismiss":
        moderation.resolve(session, message_id=message.id)
        return _done(api._("The report is dismissed."))
    abort(400)


@blueprint.post("/moderation/bans")
@api.requires(MODERATE)
def ban() -> Response:
    user_id = api.int_field("user_id")
    if user_id is None or api.db_session().get(api.User, user_id) is None:
        abort(404)
    session = api.db_session()
    if request.form.get("decision") == "unban":
        moderation.unban(session, api.current_component(), user_id)
        return _done(api._("The person may take part again."))
    asked = api.confirm_first(
        title=api._("Ban this person from the board?"),
        consequence=api._(
            "They will no longer post, answer or write in conversations here. You can lift "
            "the ban later from this page."
        ),
        button=api._("Yes, ban them"),
        cancel_url=url_for("mutual_aid_admin.moderation_queue"),
    )
    if asked is not None:
        return asked  # type: ignore[return-value]
    moderation.ban(session, api.current_component(), user_id)
    return _done(api._("The person is banned from this board."))
