"""The board's page: read the messages, post one (POST → redirect → GET)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_hello.models import Message

#: Mounted by the core at /spaces/<space_slug>/hello/<component_id>/.
blueprint = Blueprint("hello", __name__)


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    return render_board()


@blueprint.post("/")
@api.requires("hello.post")
def post() -> str | tuple[str, int] | Response:
    body = clean(request.form.get("body", ""))
    error = body_error(body, api.current_settings().get("max_length"))
    if error:
        # Shown again with the error next to the field and the text kept.
        return render_board(body=body, error=error), 400
    add_message(body)
    flash(api._("Your message is posted."), "success")
    return redirect(url_for("hello.index"))


def clean(body: str) -> str:
    # Browsers send line breaks as CRLF but count them as one character:
    # normalize so the limit means what the person sees.
    return body.replace("\r\n", "\n").strip()


def body_error(body: str, max_length: int) -> str | None:
    """Why ``body`` cannot be posted, or ``None``."""
    if not body:
        return api._("Write a message first.")
    if len(body) > max_length:
        return api.ngettext(
            "A message has at most %(num)d character; yours has %(length)d.",
            "A message has at most %(num)d characters; yours has %(length)d.",
            max_length,
            length=len(body),
        )
    return None


def add_message(body: str) -> Message:
    """Store the message, its action-log entry and its event in one transaction."""
    session = api.db_session()
    component = api.current_component()
    author = api.current_user()
    assert author is not None  # "hello.post" is for signed-in people
    message = Message(component_id=component.id, author_id=author.id, body=body)
    session.add(message)
    session.flush()  # gives the message its id
    resource = ("hello_message", message.id)
    api.log_action(
        session, "hello.post", resource=resource, component=component, visibility="public"
    )
    payload = {"message_id": message.id, "component_id": component.id}
    api.publish_event(session, "hello.message_posted", payload, actor_id=author.id)
    session.commit()
    return message


def render_board(body: str = "", error: str | None = None) -> str:
    return render_template(
        "hello/index.html",
        component=api.current_component(),
        messages=messages_page(),
        body=body,
        error=error,
        max_length=api.current_settings().get("max_length"),
    )


def messages_page() -> api.Page[Message]:
    """One page of the board's messages, newest first, with their authors.

    The authors come in the same query (a join), so a page costs the same
    number of queries whether it shows one message or a hundred. The board
    grows at the top: pages continue "after" the last message seen (keyset),
    so a message posted meanwhile neither repeats nor hides one.
    """
    query = (
        select(Message)
        .where(Message.component_id == api.current_component().id)
        .options(joinedload(Message.author))
    )
    return api.paginate_keyset(query, (Message.created_at, Message.id))
