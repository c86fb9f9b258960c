"""Operations on many proposals: publish the answers, answer from CSV, merge, import."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import answers, bulk, merge, states
from pnyx_proposals.admin import blueprint
from pnyx_proposals.admin.common import locales
from pnyx_proposals.permissions import MANAGE, manages
from pnyx_proposals.settings import settings_of
from pnyx_proposals.texts.models import TextVersion

Page = str | tuple[str, int] | Response


@blueprint.post("/answers/publish")
@api.requires(MANAGE)
def publish_answers() -> Response:
    session = api.db_session()
    count = answers.publish_pending(session, api.current_component())
    session.commit()
    flash(api.ngettext("%(num)d answer published.", "%(num)d answers published.", count), "success")
    return redirect(url_for("proposals_admin.index"))


@blueprint.get("/answers/import")
@api.requires(MANAGE)
def answers_form() -> str:
    return render_template("proposals/admin/bulk.html", problems=(), locales=locales())


@blueprint.post("/answers/import")
@api.upload_limit(bulk.MAX_BYTES)
@api.requires(MANAGE)
def import_answers() -> Page:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        problems = (api._("Choose a CSV file."),)
        return render_template(
            "proposals/admin/bulk.html", problems=problems, locales=locales()
        ), 400
    session = api.db_session()
    component = api.current_component()
    allowed = [choice.code for choice in states.answer_choices(component.id)]
    publish = bool(settings_of().get("publish_answers_immediately"))
    # The same file sent twice published every answer twice, each author told twice.
    api.submissions.claim()
    result = bulk.import_answers(
        session, component, upload.read(bulk.MAX_BYTES + 1), allowed, locales(), publish
    )
    if result.problems:
        session.rollback()
        page = render_template(
            "proposals/admin/bulk.html", problems=result.problems, locales=locales()
        )
        return page, 400
    api.submissions.made(url_for("proposals_admin.index"))
    session.commit()
    flash(api.ngettext("%(num)d answer saved.", "%(num)d answers saved.", result.saved), "success")
    return redirect(url_for("proposals_admin.index"))


@blueprint.post("/merge")
@api.requires(MANAGE)
def merge_proposals() -> Page:
    ids = [n for n in (api.as_int(v) for v in request.form.getlist("ids")) if n is not None]
    target = request.form.get("target", "").strip().lstrip("#")
    session = api.db_session()
    if api.as_int(target) not in ids:
        flash(api._("Tick the proposals to merge and give the number of the one to keep."), "error")
        return redirect(url_for("proposals_admin.index"))
    asked = api.confirm_first(
        title=api.ngettext(
            "Merge %(num)d proposal into proposal #%(target)s?",
            "Merge %(num)d proposals into proposal #%(target)s?",
            len(ids) - 1,
            target=target,
        ),
        consequence=api._(
            "The other proposals leave the lists and point to proposal #%(target)s, which "
            "receives their supports. A merge cannot be undone.",
            target=target,
        ),
        button=api._("Yes, merge them"),
        cancel_url=url_for("proposals_admin.index"),
    )
    if asked is not None:
        return asked
    try:
        count = merge.merge(session, api.current_component(), ids, int(target))
    except merge.MergeRefusedError as refused:
        session.rollback()
        flash(refused.reason, "error")
        return redirect(url_for("proposals_admin.index"))
    session.commit()
    flash(api.ngettext("%(num)d proposal merged.", "%(num)d proposals merged.", count), "success")
    return redirect(url_for("proposals_admin.index"))


def sources() -> list[api.Component]:
    """Other proposals components the person manages (where to import from). Not those that
    hold a participatory text: its articles belong to the text's versions, and copied here
    they became proposals titled "Article 2 — ..." cut off from their text."""
    query = select(api.Component).where(
        api.Component.type == "proposals",
        api.Component.id != api.current_component().id,
        api.Component.id.not_in(select(TextVersion.component_id)),
    )
    user = api.current_user()
    return [c for c in api.db_session().scalars(query) if manages(user, c.space)]


@blueprint.get("/import")
@api.requires(MANAGE)
def import_form() -> str:
    return render_template("proposals/admin/import.html", sources=sources(), error="")


@blueprint.post("/import")
@api.upload_limit(bulk.MAX_BYTES)
@api.requires(MANAGE)
def import_proposals() -> Page:
    choices = {str(component.id): component for component in sources()}
    source = choices.get(request.form.get("source", ""))
    if source is None:
        error = api._("Choose the component to import from.")
        page = render_template(
            "proposals/admin/import.html", sources=list(choices.values()), error=error
        )
        return page, 400
    session = api.db_session()
    only_accepted = request.form.get("only_accepted") == "1"
    count = merge.import_from(session, source, api.current_component(), only_accepted)
    session.commit()
    flash(
        api.ngettext("%(num)d proposal imported.", "%(num)d proposals imported.", count), "success"
    )
    return redirect(url_for("proposals_admin.index"))
