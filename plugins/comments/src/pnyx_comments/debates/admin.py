"""Staff pages: the debates of the component, opening and editing one, closing it with a
conclusion (and reopening it)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_comments.debates import forms, lifecycle, queries
from pnyx_comments.debates.common import admin_blueprint as blueprint
from pnyx_comments.debates.common import debate_or_404

MANAGE = api.actions.ADMIN_SPACE


def _index_url() -> str:
    return url_for("comments_debates_admin.index")


@blueprint.get("/")
@api.requires(MANAGE)
def index() -> str:
    query = queries.listing(api.current_component(), queries.Filters())
    return render_template("comments/debates/admin/index.html", page=api.paginate(query))


@blueprint.route("/new", methods=["GET", "POST"])
@api.requires(MANAGE)
def new() -> str | tuple[str, int] | Response:
    form = api.Form(forms.debate_schema())
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        user = api.current_user()
        assert user is not None
        session = api.db_session()
        api.submissions.claim()  # the same form sent twice at once: one debate
        lifecycle.open_debate(session, api.current_component(), user, form.data, official=True)
        api.submissions.made(_index_url())
        session.commit()
        flash(api._("The debate is open."), "success")
        return redirect(_index_url())
    page = render_template("comments/debates/admin/form.html", form=form, debate=None)
    return page, 400 if form.has_errors else 200


@blueprint.route("/<int:debate_id>/edit", methods=["GET", "POST"])
@api.requires(MANAGE)
def edit(debate_id: int) -> str | tuple[str, int] | Response:
    debate = debate_or_404(debate_id)
    values = {name: getattr(debate, name) for name in lifecycle.FIELDS}
    form = api.Form(forms.debate_schema(), values)
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        lifecycle.update(api.db_session(), debate, form.data)
        api.db_session().commit()
        flash(api._("The debate is saved."), "success")
        return redirect(_index_url())
    page = render_template("comments/debates/admin/form.html", form=form, debate=debate)
    return page, 400 if form.has_errors else 200


@blueprint.route("/<int:debate_id>/close", methods=["GET", "POST"])
@api.requires(MANAGE)
def close(debate_id: int) -> str | tuple[str, int] | Response:
    debate = debate_or_404(debate_id)
    form = api.Form(forms.conclusion_schema(), {"conclusion": debate.conclusion})
    if (
        request.method == "POST"
        and not form.previewing(request.form)
        and form.validate(request.form)
    ):
        unknown = lifecycle.close(api.db_session(), debate, form.data)
        api.db_session().commit()
        flash(api._("The debate is closed with its conclusion."), "success")
        if unknown:
            flash(api._("Not found, not linked: %(ids)s", ids=", ".join(unknown)), "error")
        return redirect(_index_url())
    page = render_template("comments/debates/admin/close.html", form=form, debate=debate)
    return page, 400 if form.has_errors else 200


@blueprint.post("/<int:debate_id>/reopen")
@api.requires(MANAGE)
def reopen(debate_id: int) -> Response:
    debate = debate_or_404(debate_id)
    lifecycle.reopen(api.db_session(), debate)
    api.db_session().commit()
    flash(api._("The debate is open again."), "success")
    return redirect(_index_url())
