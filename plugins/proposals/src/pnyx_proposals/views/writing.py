"""Writing: a new proposal (draft or published at once), editing, publishing, withdrawing.

Every form posts, then redirects (POST → redirect → GET); an invalid form is
shown again with status 400, the errors next to their fields, the text kept.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import select
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.forms import ProposalData, read_form
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.permissions import CREATE, EDIT
from pnyx_proposals.settings import settings_of
from pnyx_proposals.taxonomy import component_terms
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal, proposal_url

Page = str | tuple[str, int] | Response


def render_form(
    data: ProposalData, errors: dict[str, str], proposal: object = None, status: int = 200
) -> tuple[str, int]:
    settings = settings_of()
    page = render_template(
        "proposals/form.html",
        data=data,
        errors=errors,
        proposal=proposal,
        groups=on_behalf_choices() if proposal is None else [],
        terms=component_terms(settings),
        settings=settings,
    )
    return page, status


@blueprint.get("/new")
@api.requires(CREATE)
def new() -> Page:
    return render_form(ProposalData(), {})


@blueprint.post("/new")
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(CREATE)
def create() -> Page:
    settings = settings_of()
    data, errors = read_form(request.form, settings, component_terms(settings))
    check_group(data, errors)
    if errors:
        return render_form(data, errors, status=400)
    session = api.db_session()
    author = api.current_user()
    assert author is not None  # proposals.create is for signed-in people
    sent = just_written(author, data, published=request.form.get("intent") == "publish")
    if sent is not None:
        flash(api._("This proposal is already saved."), "success")
        return redirect(proposal_url(sent))
    api.submissions.claim()  # the same form sent twice at once: one proposal (docs/forms.md)
    proposal = lifecycle.create(session, api.current_component(), author, data)
    session.flush()
    api.submissions.made(proposal_url(proposal))
    if not attach_image(proposal, errors):
        session.rollback()
        return render_form(data, errors, status=400)
    if request.form.get("intent") == "publish":
        try:
            lifecycle.publish(session, proposal)
        except lifecycle.LimitReachedError:
            session.commit()  # the draft is kept: the person may withdraw another one
            flash(limit_message(), "error")
            return redirect(proposal_url(proposal))
        session.commit()
        flash(api._("Your proposal is published."), "success")
    else:
        session.commit()
        flash(api._("Your draft is saved. Only you can see it until you publish it."), "success")
    return redirect(proposal_url(proposal))


#: The same proposal by the same person this recently is the same proposal. Kept beside the
#: one-time token (docs/forms.md, "Sent once"): it catches the same words sent from a new
#: drawing of the form (a new token) or without a token.
SAME_PROPOSAL_WITHIN = dt.timedelta(minutes=10)


def just_written(author: api.User, data: ProposalData, *, published: bool) -> Proposal | None:
    """The proposal ``author`` has just written here with this title and text (published, or
    a draft), if any: the back button brings the sent form back filled in, and sending it
    again made a second one."""
    state = Proposal.published_at.is_not(None) if published else Proposal.published_at.is_(None)
    query = select(Proposal).where(
        state,
        Proposal.component_id == api.current_component().id,
        Proposal.author_id == author.id,
        Proposal.title == data.title,
        Proposal.body == data.body,
        Proposal.created_at > api.utcnow() - SAME_PROPOSAL_WITHIN,
        Proposal.withdrawn_at.is_(None),
    )
    return api.db_session().scalars(query.limit(1)).first()


def attach_image(proposal: Proposal, errors: dict[str, str]) -> bool:
    """The uploaded image as the proposal's cover, its alternative text required
    (``api.attachments``); ``False`` with ``errors["image"]`` when it is refused."""
    upload = request.files.get("image")
    if upload is None or not upload.filename:
        return True
    component = api.current_component()
    alt = {str(get_locale() or "fr"): request.form.get("image_alt", "")}
    try:
        api.attachments.attach(
            upload,
            (RESOURCE, proposal.id),
            space=component.space,
            component=component,
            alt=alt,
            cover=True,
            user=api.current_user(),
        )
    except api.attachments.AttachmentError as error:
        errors["image"] = str(error)
        return False
    return True


def on_behalf_choices() -> list[api.groups.UserGroup]:
    """The organizations the person may write for here (none unless the component's admin
    let groups take part in writing proposals)."""
    if not api.groups.allowed(api.current_component(), CREATE):
        return []
    return api.groups.acting_groups(api.current_user())


def check_group(data: ProposalData, errors: dict[str, str]) -> None:
    if data.user_group_id is None:
        return
    if data.user_group_id not in {group.id for group in on_behalf_choices()}:
        errors["user_group"] = api._("You cannot write on behalf of this organization here.")


def limit_message() -> str:
    limit = settings_of().get("proposal_limit")
    return api.ngettext(
        "You have already published %(num)d proposal here, the most allowed.",
        "You have already published %(num)d proposals here, the most allowed.",
        limit,
    )


@blueprint.get("/<int:proposal_id>/edit")
@api.requires(EDIT)
def edit(proposal_id: int) -> Page:
    proposal = editable_proposal(proposal_id)
    return render_form(ProposalData.of(proposal), {}, proposal)


@blueprint.post("/<int:proposal_id>/edit")
@api.upload_limit("ATTACHMENTS_MAX_BYTES")
@api.requires(EDIT)
def update(proposal_id: int) -> Page:
    proposal = editable_proposal(proposal_id)
    settings = settings_of()
    data, errors = read_form(
        request.form, settings, component_terms(settings), current_language=proposal.language
    )
    if errors:
        return render_form(data, errors, proposal, status=400)
    # Sent twice, an edit counted two versions and two public "updated" entries (docs/forms.md).
    api.submissions.claim()
    lifecycle.update(api.db_session(), proposal, data)
    if not attach_image(proposal, errors):
        api.db_session().rollback()  # the token stays free for the corrected form
        return render_form(data, errors, proposal, status=400)
    api.submissions.made(proposal_url(proposal))
    api.db_session().commit()
    flash(api._("Your changes are saved."), "success")
    return redirect(proposal_url(proposal))


def editable_proposal(proposal_id: int) -> Proposal:
    """The reader's own proposal, while it may still be edited (else back to its page)."""
    proposal = load_proposal(proposal_id)
    api.require(EDIT, proposal)
    if not lifecycle.editable(proposal):
        flash(api._("This proposal can no longer be edited."), "error")
        abort(redirect(proposal_url(proposal)))
    return proposal


@blueprint.post("/<int:proposal_id>/publish")
@api.requires(CREATE)
def publish(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(EDIT, proposal)
    if not proposal.is_draft:
        return redirect(proposal_url(proposal))
    session = api.db_session()
    try:
        lifecycle.publish(session, proposal)
    except lifecycle.LimitReachedError:
        session.rollback()
        flash(limit_message(), "error")
        return redirect(proposal_url(proposal))
    session.commit()
    flash(api._("Your proposal is published."), "success")
    return redirect(proposal_url(proposal))


@blueprint.post("/<int:proposal_id>/withdraw")
@api.requires(EDIT)
def withdraw(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(EDIT, proposal)
    if not proposal.is_draft and not proposal.is_withdrawn:
        lifecycle.withdraw(api.db_session(), proposal)
        api.db_session().commit()
        flash(api._("Your proposal is withdrawn: it can no longer be supported."), "success")
    return redirect(proposal_url(proposal))


@blueprint.post("/<int:proposal_id>/discard")
@api.requires(EDIT)
def discard(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(EDIT, proposal)
    if proposal.is_draft:
        lifecycle.discard(api.db_session(), proposal)
        api.db_session().commit()
        flash(api._("Your draft is deleted."), "success")
        return redirect(url_for("proposals.index"))
    return redirect(proposal_url(proposal))
