"""Writing a post, and what its author does with it: renew, mark matched or done, withdraw."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_mutual_aid import lifecycle
from pnyx_mutual_aid.forms import post_schema
from pnyx_mutual_aid.models import AidPost
from pnyx_mutual_aid.permissions import EDIT, POST
from pnyx_mutual_aid.views import blueprint
from pnyx_mutual_aid.views.common import load_post


@blueprint.route("/posts/new", methods=["GET", "POST"])
@api.requires(POST)
def new() -> str | tuple[str, int] | Response:
    component = api.current_component()
    form = api.Form(post_schema(component), values={"kind": request.args.get("kind", "")})
    language, language_error = "", None
    if request.method == "POST":
        valid = form.validate(request.form)
        # The language of the title and details (pnyx.written_language), beside the schema.
        language, language_error = api.read_written_language(request.form)
        if language_error:
            # In the summary above the form too, linked to the field as the others are.
            form.form_errors.append(api.Markup('<a href="#language">{}</a>').format(language_error))
        elif valid:
            sent = just_posted(component, form.data)
            if sent is not None:
                flash(api._("This post is already up."), "success")
                return redirect(url_for("mutual_aid.show", post_id=sent.id))
            api.submissions.claim()  # the same form sent twice at once: one post (docs/forms.md)
            post = add_post(component, {**form.data, "language": language})
            flash(api._("Your post is up. You will get an e-mail when someone answers."), "success")
            return redirect(url_for("mutual_aid.show", post_id=post.id))
    status = 400 if form.has_errors else 200
    page = render_template(
        "mutual_aid/form.html", form=form, language=language, language_error=language_error
    )
    return page, status


#: The same post by the same person this recently is the same post. Kept beside the
#: one-time token (docs/forms.md, "Sent once"): it catches the same words sent from a new
#: drawing of the form (a new token) or without a token.
SAME_POST_WITHIN = dt.timedelta(minutes=10)


def just_posted(component: api.Component, data: dict) -> AidPost | None:
    """The post the current person has just published on this board with this title and
    text, if any: the back button brings the sent form back filled in, and sending it again
    published the post twice."""
    author = api.current_user()
    assert author is not None  # mutual_aid.post is for signed-in people
    query = select(AidPost).where(
        AidPost.component_id == component.id,
        AidPost.author_id == author.id,
        AidPost.kind == data["kind"],
        AidPost.title == data["title"],
        AidPost.body == data["body"],
        AidPost.created_at > api.utcnow() - SAME_POST_WITHIN,
    )
    return api.db_session().scalars(query.limit(1)).first()


def add_post(component: api.Component, data: dict) -> AidPost:
    session = api.db_session()
    author = api.current_user()
    assert author is not None  # mutual_aid.post is for signed-in people
    post = AidPost(
        component_id=component.id,
        author_id=author.id,
        kind=data["kind"],
        category_id=data["category"],
        territory_id=data.get("territory"),
        title=data["title"],
        body=data["body"],
        language=data.get("language", ""),
        available_from=data.get("available_from"),
        available_until=data.get("available_until"),
        expires_at=lifecycle.expiry_from_now(component),
    )
    session.add(post)
    session.flush()
    api.submissions.made(url_for("mutual_aid.show", post_id=post.id))
    api.log_action(
        session,
        "mutual_aid.post_created",
        resource=post.resource,
        component=component,
        visibility="public",
    )
    api.publish_event(
        session,
        "mutual_aid.post_created",
        {"post_id": post.id, "component_id": component.id},
        actor_id=author.id,
    )
    session.commit()
    return post


def _own_post(post_id: int) -> AidPost:
    post = load_post(post_id, for_update=True)
    api.require(EDIT, post)
    return post


@blueprint.post("/posts/<int:post_id>/renew")
@api.requires(EDIT)
def renew(post_id: int) -> Response:
    post = _own_post(post_id)
    if post.status in ("open", "expired"):
        lifecycle.renew(api.db_session(), post)
        api.db_session().commit()
        flash(api._("Your post is up again."), "success")
    return redirect(url_for("mutual_aid.show", post_id=post.id))


#: The statuses an author may set from the post's page, and what they are told.
STATUS_MESSAGES = {
    "matched": api._l("Marked as matched: well done! Others will see help was found."),
    "done": api._l("Marked as done. Thank you for helping each other."),
    "withdrawn": api._l("Your post is withdrawn."),
}


@blueprint.post("/posts/<int:post_id>/status")
@api.requires(EDIT)
def set_status(post_id: int) -> Response:
    post = _own_post(post_id)
    status = request.form.get("status", "")
    if status not in STATUS_MESSAGES:
        flash(api._("Choose what happened to your post."), "error")
    else:
        lifecycle.change_status(api.db_session(), post, status)
        api.db_session().commit()
        # Whether this request or an earlier one changed it, the outcome is the same.
        flash(str(STATUS_MESSAGES[status]), "success")
    if status == "withdrawn":
        return redirect(url_for("mutual_aid.index"))
    return redirect(url_for("mutual_aid.show", post_id=post.id))
