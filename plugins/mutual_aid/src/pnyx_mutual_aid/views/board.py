"""Reading: the board (filters, "near me", pages), a post's page, the safety guidance."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid import categories, guidance
from pnyx_mutual_aid.models import POST_RESOURCE, AidConversation
from pnyx_mutual_aid.permissions import CONTACT, EDIT, REPORT
from pnyx_mutual_aid.queries import Filters, page_of, residence_territory
from pnyx_mutual_aid.views import blueprint
from pnyx_mutual_aid.views.common import load_post


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    component = api.current_component()
    filters = Filters.from_args(request.args)
    near = residence_territory(api.current_user())
    posts = page_of(component.id, filters, near)
    return render_template(
        "mutual_aid/index.html",
        posts=posts,
        # Counted (one grouped query) only where staff turned comments on.
        comments=api.comment_counts(POST_RESOURCE, posts)
        if api.current_settings().get("comments_enabled")
        else {},
        filters=filters,
        near_territory=near,
        categories=categories.categories_of(component),
        territories=api.taxonomy_terms("territory"),
    )


@blueprint.get("/posts/<int:post_id>")
@api.requires(api.actions.VIEW)
def show(post_id: int) -> str:
    post = load_post(post_id)
    user = api.current_user()
    mine = user is not None and post.author_id == user.id
    return render_template(
        "mutual_aid/show.html",
        post=post,
        mine=mine,
        conversations=post_conversations(post.id) if mine else [],
        my_conversation=my_conversation(post.id),
        may_contact=api.decide(user, CONTACT, post),
        may_edit=api.decide(user, EDIT, post),
        may_report=api.decide(user, REPORT, post),
    )


def post_conversations(post_id: int) -> list[AidConversation]:
    query = (
        select(AidConversation)
        .where(AidConversation.post_id == post_id)
        .order_by(AidConversation.last_message_at.desc(), AidConversation.id.desc())
        .limit(200)
    )
    return list(api.db_session().scalars(query))


def my_conversation(post_id: int) -> AidConversation | None:
    user = api.current_user()
    if user is None:
        return None
    query = select(AidConversation).where(
        AidConversation.post_id == post_id, AidConversation.responder_id == user.id
    )
    return api.db_session().scalar(query)


@blueprint.get("/safety")
@api.requires(api.actions.VIEW)
def safety() -> str:
    return render_template(
        "mutual_aid/safety.html", staff_text=guidance.staff_text(api.current_component())
    )
