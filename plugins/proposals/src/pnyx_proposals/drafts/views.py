"""The pages of collaborative drafts (under the component's ``drafts/``).

Plain forms, POST → redirect → GET. A save that collides with another
co-writer's answers 409 with the form again: the person's text kept as typed,
the version saved meanwhile shown beside it with the differences marked.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.amendments.diff import word_diff
from pnyx_proposals.drafts import notify, writing
from pnyx_proposals.drafts.models import OPEN, REQUESTED, CollaborativeDraft
from pnyx_proposals.drafts.permissions import COLLABORATE, DRAFT_EDIT, DRAFT_LEAD
from pnyx_proposals.forms import _check_body, _check_title, clean_text
from pnyx_proposals.markdown import render
from pnyx_proposals.settings import settings_of
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.writing import limit_message

Page = str | tuple[str, int] | Response
PAGE_SIZE = 20


def draft_url(draft: CollaborativeDraft) -> str:
    return url_for("proposals.draft", draft_id=draft.id)


def load_draft(draft_id: int) -> CollaborativeDraft:
    """A draft of the current component (any reader sees open, published and withdrawn ones)."""
    return api.get_or_404(CollaborativeDraft, draft_id)


def read_text(current_language: str | None = None) -> tuple[str, str, str, dict[str, str]]:
    """The posted title, body (cleaned) and language, and the errors by field.
    ``current_language``: the edited draft's, kept when the form has no language field."""
    title = " ".join(clean_text(request.form.get("title", "")).split())
    body = clean_text(request.form.get("body", ""))
    errors: dict[str, str] = {}
    language, language_error = api.read_written_language(request.form, current=current_language)
    if language_error:
        errors["language"] = language_error
    settings = settings_of()
    _check_title(title, settings, errors)
    _check_body(body, settings, errors)
    return title, body, language, errors


@blueprint.get("/drafts/")
@api.requires(api.actions.VIEW)
def drafts() -> str:
    page = api.page_arg()
    query = select(CollaborativeDraft).where(
        CollaborativeDraft.component_id == api.current_component().id,
        CollaborativeDraft.state == OPEN,
    )
    session = api.db_session()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(
        query.order_by(CollaborativeDraft.updated_at.desc(), CollaborativeDraft.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return render_template(
        "proposals/drafts/index.html",
        drafts=items,
        total=total,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        may_start=api.can(COLLABORATE),
    )


def render_form(
    draft: CollaborativeDraft | None,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    conflict: writing.ConflictError | None = None,
) -> tuple[str, int]:
    # A conflict compares the saved version with the person's text, each in its own language.
    saved = conflict.current.language if conflict else ""
    typed = values.get("language") or saved
    page = render_template(
        "proposals/drafts/form.html",
        draft=draft,
        values=values,
        errors=errors,
        settings=settings_of(),
        conflict=conflict,
        conflict_diff=(
            word_diff(conflict.current.body, values.get("body", ""), saved, typed).html
            if conflict
            else None
        ),
        conflict_language=typed,
    )
    return page, status


@blueprint.get("/drafts/new")
@api.requires(COLLABORATE)
def new_draft() -> Page:
    return render_form(None, {"title": "", "body": "", "language": ""}, {})


@blueprint.post("/drafts/new")
@api.requires(COLLABORATE)
def create_draft() -> Page:
    title, body, language, errors = read_text()
    if errors:
        values = {"title": title, "body": body, "language": language}
        return render_form(None, values, errors, 400)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    api.submissions.claim()  # the same form sent twice at once: one draft (docs/forms.md)
    draft = writing.start(session, api.current_component(), user, title, body, language)
    session.flush()
    api.submissions.made(draft_url(draft))
    session.commit()
    flash(
        api._("Your collaborative draft is open: others may ask to write it with you."), "success"
    )
    return redirect(draft_url(draft))


@blueprint.get("/drafts/<int:draft_id>/")
@api.requires(api.actions.VIEW)
def draft(draft_id: int) -> str:
    item = load_draft(draft_id)
    session = api.db_session()
    user = api.current_user()
    mine = writing.membership(session, item.id, user.id) if user else None
    lead = api.can(DRAFT_LEAD, item)
    return render_template(
        "proposals/drafts/show.html",
        draft=item,
        body=render(item.body),
        membership=mine,
        co_writers=writing.collaborators(session, item.id),
        requests=writing.collaborators(session, item.id, REQUESTED) if lead else [],
        may_edit=api.can(DRAFT_EDIT, item),
        may_lead=lead,
        may_join=api.can(COLLABORATE, item),
        revisions_count=writing.revisions_count(session, item.id),
    )


@blueprint.get("/drafts/<int:draft_id>/edit")
@api.requires(DRAFT_EDIT)
def edit_draft(draft_id: int) -> Page:
    item = load_draft(draft_id)
    api.require(DRAFT_EDIT, item)
    values = {
        "title": item.title,
        "body": item.body,
        "language": item.language,
        "version": str(item.version),
    }
    return render_form(item, values, {})


@blueprint.post("/drafts/<int:draft_id>/edit")
@api.requires(DRAFT_EDIT)
def save_draft(draft_id: int) -> Page:
    item = load_draft(draft_id)
    api.require(DRAFT_EDIT, item)
    title, body, language, errors = read_text(current_language=item.language)
    base = api.as_int(request.form.get("version"))
    values = {
        "title": title,
        "body": body,
        "language": language,
        "version": str(base or item.version),
    }
    if base is None:
        errors["version"] = api._("The form is incomplete: open the draft again.")
    if errors:
        return render_form(item, values, errors, 400)
    user = api.current_user()
    assert user is not None and base is not None
    session = api.db_session()
    # The same save sent twice (a double click, a resend): one version, and the second
    # sending is not shown as a conflict with itself (docs/forms.md). A refused save rolls
    # back, its token with it.
    api.submissions.claim()
    try:
        number = writing.save(session, item, user, title, body, base, language)
    except writing.ClosedError:
        flash(api._("This draft is closed: it can no longer be changed."), "error")
        return redirect(draft_url(item))
    except writing.ConflictError as conflict:
        # The form now builds on the version saved meanwhile: saving again is a choice.
        values["version"] = str(conflict.current.version)
        return render_form(conflict.current, values, {}, 409, conflict)
    api.submissions.made(draft_url(item))
    session.commit()
    flash(api._("Version %(number)d is saved.", number=number), "success")
    return redirect(draft_url(item))


@blueprint.post("/drafts/<int:draft_id>/access")
@api.requires(COLLABORATE)
def request_access(draft_id: int) -> Response:
    item = load_draft(draft_id)
    api.require(COLLABORATE, item)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if writing.request_access(session, item, user):
        session.commit()
        notify.access_requested(item, user.id)
        flash(api._("Your request is sent: the draft's author will answer it."), "success")
    else:
        flash(api._("You have already asked to write this draft."), "success")
    return redirect(draft_url(item))


@blueprint.post("/drafts/<int:draft_id>/requests")
@api.requires(DRAFT_LEAD)
def answer_request(draft_id: int) -> Response:
    """The author's answer to a request: the form names the person (``user_id``) and the
    ``answer``, ``accept`` or ``reject``."""
    item = load_draft(draft_id)
    api.require(DRAFT_LEAD, item)
    answer = request.form.get("answer", "")
    user_id = api.as_int(request.form.get("user_id"))
    if answer not in ("accept", "reject") or user_id is None:
        flash(api._("Choose whether to accept or turn down the request."), "error")
        return redirect(draft_url(item))
    session = api.db_session()
    if not writing.decide_request(session, item, user_id, accept=answer == "accept"):
        flash(api._("This request was already answered."), "error")
        return redirect(draft_url(item))
    session.commit()
    notify.access_decided(item, user_id, "accepted" if answer == "accept" else "rejected")
    if answer == "accept":
        flash(api._("Accepted: this person now writes the draft with you."), "success")
    else:
        flash(api._("The request is turned down."), "success")
    return redirect(draft_url(item))


@blueprint.post("/drafts/<int:draft_id>/co-writers/remove")
@api.requires(DRAFT_LEAD)
def remove_co_writer(draft_id: int) -> Response:
    """The author takes the co-writer named by ``user_id`` off the draft."""
    item = load_draft(draft_id)
    api.require(DRAFT_LEAD, item)
    user_id = api.as_int(request.form.get("user_id"))
    session = api.db_session()
    if user_id is None or not writing.remove_co_writer(session, item, user_id):
        flash(api._("This person does not write the draft with you."), "error")
        return redirect(draft_url(item))
    session.commit()
    notify.access_decided(item, user_id, "removed")
    flash(api._("This person no longer writes the draft with you."), "success")
    return redirect(draft_url(item))


@blueprint.post("/drafts/<int:draft_id>/leave")
@api.requires(DRAFT_EDIT)
def leave_draft(draft_id: int) -> Response:
    """A co-writer stops writing the draft (its author withdraws it instead)."""
    item = load_draft(draft_id)
    api.require(DRAFT_EDIT, item)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if not writing.leave(session, item, user):
        flash(api._("As its author, you withdraw the draft rather than leave it."), "error")
        return redirect(draft_url(item))
    session.commit()
    flash(
        api._("You no longer write this draft. Your saved versions stay in its history."), "success"
    )
    return redirect(draft_url(item))


@blueprint.post("/drafts/<int:draft_id>/publish")
@api.requires(DRAFT_LEAD)
def publish_draft(draft_id: int) -> Response:
    item = load_draft(draft_id)
    api.require(DRAFT_LEAD, item)
    api.require("proposals.create", api.current_component())
    session = api.db_session()
    try:
        proposal = writing.publish(session, item)
    except lifecycle.LimitReachedError:
        session.rollback()
        flash(limit_message(), "error")
        return redirect(draft_url(item))
    session.commit()
    flash(api._("The draft is published as a proposal, with all its co-authors."), "success")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@blueprint.post("/drafts/<int:draft_id>/withdraw")
@api.requires(DRAFT_LEAD)
def withdraw_draft(draft_id: int) -> Response:
    item = load_draft(draft_id)
    api.require(DRAFT_LEAD, item)
    writing.withdraw(api.db_session(), item)
    api.db_session().commit()
    flash(api._("The draft is withdrawn: it can no longer be changed."), "success")
    return redirect(draft_url(item))


@blueprint.get("/drafts/<int:draft_id>/history")
@api.requires(api.actions.VIEW)
def draft_history(draft_id: int) -> str:
    item = load_draft(draft_id)
    return render_template(
        "proposals/drafts/history.html",
        draft=item,
        revisions=writing.revisions(api.db_session(), item.id),
    )


@blueprint.get("/drafts/<int:draft_id>/compare")
@api.requires(api.actions.VIEW)
def compare_draft(draft_id: int) -> Page:
    """Version ``from`` against version ``to`` (default: the one before ``to``, the last)."""
    item = load_draft(draft_id)
    session = api.db_session()
    to = api.int_arg("to") or item.version
    start = api.int_arg("from") or max(to - 1, 1)
    before, after = (
        writing.revision(session, item.id, start),
        writing.revision(session, item.id, to),
    )
    if before is None or after is None:
        abort(404)
    return render_template(
        "proposals/drafts/compare.html",
        draft=item,
        before=before,
        after=after,
        # Each side in its own language: the diff in the later one's, removed words in theirs.
        title_diff=word_diff(before.title, after.title, before.language, after.language).html,
        body_diff=word_diff(before.body, after.body, before.language, after.language).html,
    )
