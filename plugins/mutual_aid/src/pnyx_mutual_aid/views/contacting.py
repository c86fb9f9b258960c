"""Answering a post: the safety guidance first, then the first message of a conversation.

"I can help" (on a request) and "I need this" (on an offer) lead here. The
form is the page: no script, and the guidance cannot be skipped.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import conversations, guidance, notify
from pnyx_mutual_aid.contact_details import has_contact_details
from pnyx_mutual_aid.models import AidPost
from pnyx_mutual_aid.permissions import CONTACT
from pnyx_mutual_aid.views import blueprint
from pnyx_mutual_aid.views.common import clean, load_post
from pnyx_mutual_aid.views.writing import message_error


def render_contact(
    post: AidPost,
    body: str = "",
    error: str | None = None,
    warn: bool = False,
    language: str = "",
    language_error: str | None = None,
) -> str:
    return render_template(
        "mutual_aid/contact.html",
        post=post,
        body=body,
        error=error,
        warn_contact_details=warn,
        language=language,
        language_error=language_error,
        staff_text=guidance.staff_text(api.current_component()),
        existing=conversations.find(api.db_session(), post, api.current_user()),
    )


@blueprint.get("/posts/<int:post_id>/contact")
@api.requires(CONTACT)
def contact_form(post_id: int) -> str:
    post = load_post(post_id)
    api.require(CONTACT, post)
    return render_contact(post)


@blueprint.post("/posts/<int:post_id>/contact")
@api.requires(CONTACT)
def contact(post_id: int) -> str | tuple[str, int] | Response:
    post = load_post(post_id)
    api.require(CONTACT, post)
    body = clean(request.form.get("body", ""))
    error = message_error(body)
    language, language_error = api.read_written_language(request.form)
    if error or language_error:
        return render_contact(post, body, error, False, language, language_error), 400
    if has_contact_details(body) and request.form.get("contact_details") != "yes":
        return render_contact(post, body, warn=True, language=language), 200
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    api.submissions.claim()  # the same form sent twice at once: one message (docs/forms.md)
    try:
        conversation, first = conversations.open_conversation(session, post, user, body, language)
    except conversations.RefusedError as refused:
        session.rollback()  # the token too: the person may send the form again later
        return render_contact(post, body, str(refused), language=language), refused.status
    api.submissions.made(url_for("mutual_aid.conversation", token=conversation.token))
    notify.new_message(conversation, user.id, first=first)
    session.commit()
    flash(api._("Your message is sent. You will get an e-mail when they answer."), "success")
    return redirect(url_for("mutual_aid.conversation", token=conversation.token))
