"""A person's conversations: the list, one thread, replying, marking matched, ending, blocking.

Every page loads the conversation through :func:`load_conversation`: a third
person gets a 404, whatever public id they try.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import conversations, lifecycle, notify
from pnyx_mutual_aid.contact_details import has_contact_details
from pnyx_mutual_aid.models import AidConversation, AidMessage
from pnyx_mutual_aid.permissions import CONVERSE
from pnyx_mutual_aid.views import blueprint
from pnyx_mutual_aid.views.common import clean, load_conversation
from pnyx_mutual_aid.views.writing import message_error


@blueprint.get("/conversations")
@api.requires(CONVERSE)
def my_conversations() -> str:
    user = api.current_user()
    assert user is not None
    page = api.paginate(conversations.mine(api.current_component().id, user))
    return render_template(
        "mutual_aid/conversations.html", conversations=page, unread=conversations.unread
    )


def render_thread(
    conversation: AidConversation,
    body: str = "",
    error: str | None = None,
    warn: bool = False,
    language: str = "",
    language_error: str | None = None,
) -> str:
    user = api.current_user()
    assert user is not None
    query = (
        select(AidMessage)
        .where(AidMessage.conversation_id == conversation.id)
        .order_by(AidMessage.created_at, AidMessage.id)
    )
    return render_template(
        "mutual_aid/conversation.html",
        conversation=conversation,
        messages=api.paginate(query, size=100),
        other=conversation.other(user.id),
        is_author=conversation.author_id == user.id,
        blocked=conversations.blocked_between(
            api.db_session(), conversation.author_id, conversation.responder_id
        ),
        body=body,
        error=error,
        warn_contact_details=warn,
        language=language,
        language_error=language_error,
    )


@blueprint.get("/conversations/<token>")
@api.requires(CONVERSE)
def conversation(token: str) -> str:
    found = load_conversation(token)
    user = api.current_user()
    assert user is not None
    if conversations.unread(found, user.id):
        conversations.mark_read(found, user.id)
        api.db_session().commit()
    return render_thread(found)


@blueprint.post("/conversations/<token>")
@api.requires(CONVERSE)
def reply(token: str) -> str | tuple[str, int] | Response:
    found = load_conversation(token)
    user = api.current_user()
    assert user is not None
    body = clean(request.form.get("body", ""))
    error = message_error(body)
    language, language_error = api.read_written_language(request.form)
    if error or language_error:
        return render_thread(found, body, error, False, language, language_error), 400
    if has_contact_details(body) and request.form.get("contact_details") != "yes":
        return render_thread(found, body, warn=True, language=language), 200
    session = api.db_session()
    api.submissions.claim()  # the same reply sent twice at once: one message (docs/forms.md)
    try:
        conversations.send(session, found, user, body, language)
    except conversations.RefusedError as refused:
        session.rollback()  # the token too: the person may send the form again later
        return render_thread(found, body, str(refused), language=language), refused.status
    api.submissions.made(url_for("mutual_aid.conversation", token=found.token))
    notify.new_message(found, user.id, first=False)
    session.commit()
    flash(api._("Your message is sent."), "success")
    return redirect(url_for("mutual_aid.conversation", token=found.token))


@blueprint.post("/conversations/<token>/matched")
@api.requires(CONVERSE)
def matched(token: str) -> Response:
    """The post's author says help was found here (a second click changes nothing)."""
    found = load_conversation(token)
    user = api.current_user()
    assert user is not None
    if found.author_id != user.id:
        flash(api._("Only the person who posted can say help was found."), "error")
    else:
        lifecycle.change_status(api.db_session(), found.post, "matched")
        api.db_session().commit()
        flash(api._("Marked as matched: well done! Others will see help was found."), "success")
    return redirect(url_for("mutual_aid.conversation", token=found.token))


@blueprint.post("/conversations/<token>/end")
@api.requires(CONVERSE)
def end(token: str) -> Response:
    found = load_conversation(token)
    user = api.current_user()
    assert user is not None
    conversations.end(api.db_session(), found, user)
    api.db_session().commit()
    flash(api._("The conversation has ended: no one can write in it any more."), "success")
    return redirect(url_for("mutual_aid.conversation", token=found.token))


@blueprint.post("/conversations/<token>/block")
@api.requires(CONVERSE)
def block(token: str) -> Response:
    found = load_conversation(token)
    user = api.current_user()
    assert user is not None
    asked = api.confirm_first(
        title=api._("Block this person?"),
        consequence=api._(
            "They will no longer be able to write to you or answer your posts. "
            "This conversation ends."
        ),
        button=api._("Yes, block them"),
        cancel_url=url_for("mutual_aid.conversation", token=found.token),
        admin=False,
    )
    if asked is not None:
        return asked  # type: ignore[return-value]
    conversations.block(api.db_session(), found, user)
    api.log_action(
        api.db_session(),
        "mutual_aid.blocked",
        component=api.current_component(),
        visibility="private",
    )
    api.db_session().commit()
    flash(api._("You have blocked this person."), "success")
    return redirect(url_for("mutual_aid.my_conversations"))
