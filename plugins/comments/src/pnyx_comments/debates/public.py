"""Residents' pages: the list (filters, counts), a debate (framing, conclusion, comments),
opening one when the phase allows it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments.debates import forms, lifecycle, queries
from pnyx_comments.debates.common import blueprint, debate_or_404
from pnyx_comments.debates.models import RESOURCE
from pnyx_comments.debates.permissions import CREATE


@blueprint.get("/")
@api.requires(api.actions.VIEW)
def index() -> str:
    component = api.current_component()
    filters = queries.read_filters()
    page = api.paginate(queries.listing(component, filters), count=True)
    return render_template(
        "comments/debates/index.html",
        page=page,
        filters=filters,
        comments=api.comment_counts(RESOURCE, page.items),
        people=api.comment_counts(RESOURCE, page.items, people=True),
        themes=api.taxonomy_terms("theme"),
        territories=api.taxonomy_terms("territory"),
        may_open=api.can(CREATE),
    )


@blueprint.get("/<int:debate_id>")
@api.requires(api.actions.VIEW)
def show(debate_id: int) -> str:
    debate = debate_or_404(debate_id)
    return render_template(
        "comments/debates/show.html",
        debate=debate,
        linked=lifecycle.concluded_with(api.db_session(), debate),
    )


@blueprint.route("/new", methods=["GET", "POST"])
@api.requires(CREATE)
def new() -> str | tuple[str, int] | Response:
    on_behalf = api.groups.field(api.current_user(), api.current_component(), CREATE)
    form = api.Form(forms.debate_schema(on_behalf))
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        user = api.current_user()
        assert user is not None
        session = api.db_session()
        api.submissions.claim()  # the same form sent twice at once: one debate
        debate = lifecycle.open_debate(
            session, api.current_component(), user, form.data, official=False
        )
        session.flush()
        location = url_for("comments_debates.show", debate_id=debate.id)
        api.submissions.made(location)
        session.commit()
        flash(api._("Your debate is open."), "success")
        return redirect(location)
    return render_template("comments/debates/form.html", form=form), 400 if form.has_errors else 200
