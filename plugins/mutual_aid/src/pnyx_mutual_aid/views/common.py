"""What the public pages share: finding a post or a conversation the reader may see."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from pnyx import api
from pnyx_mutual_aid.models import AidConversation, AidPost
from pnyx_mutual_aid.permissions import moderates


def clean(text: str) -> str:
    """Browsers send CRLF line breaks; people paste spaces around their text."""
    return text.replace("\r\n", "\n").strip()


def load_post(post_id: int, *, for_update: bool = False) -> AidPost:
    """The current board's post the reader may see, or 404.

    Hidden posts are seen by their author and moderators, withdrawn ones by their author.
    """
    post = api.get_or_404(
        AidPost,
        post_id,
        options=[
            joinedload(AidPost.category),
            joinedload(AidPost.territory),
            joinedload(AidPost.author),
        ],
        for_update=for_update,
    )
    user = api.current_user()
    mine = user is not None and post.author_id == user.id
    if post.status == "withdrawn" and not mine:
        abort(404)
    if post.hidden_at is not None and not (mine or moderates(user, api.current_space())):
        abort(404)
    return post


def load_conversation(token: str) -> AidConversation:
    """The conversation of the current board whose participant the reader is, or 404.

    404 and not 403 for anyone else, so an outsider cannot even tell it exists.
    """
    user = api.current_user()
    if user is None or len(token) > 32:
        abort(404)
    query = select(AidConversation).where(
        AidConversation.token == token,
        AidConversation.component_id == api.current_component().id,
    )
    conversation = api.db_session().scalar(query)
    if conversation is None or not conversation.involves(user.id):
        abort(404)
    return conversation
