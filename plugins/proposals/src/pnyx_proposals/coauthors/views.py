"""The co-authors of a proposal: the author invites and removes them; the invited accept or
decline. Plain forms, POST → redirect → GET."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals.coauthors import service
from pnyx_proposals.coauthors.models import Coauthor
from pnyx_proposals.coauthors.permissions import COAUTHOR, invites
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import CREATE, EDIT
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal, proposal_url

Page = str | tuple[str, int] | Response


def group_choices() -> list[api.groups.UserGroup]:
    """The organizations a co-author may sign for: where groups may write proposals."""
    if not api.groups.allowed(api.current_component(), CREATE):
        return []
    return api.groups.acting_groups(api.current_user())


def page_context(proposal: Proposal) -> dict[str, object]:
    """What the proposal's page shows about co-authors (one query)."""
    user = api.current_user()
    rows = service.rows(api.db_session(), proposal.id) if not proposal.is_draft else []
    mine = next((row for row in rows if user is not None and row.user_id == user.id), None)
    return {
        "coauthors": [row for row in rows if row.accepted],
        "invitation": mine if mine is not None and not mine.accepted else None,
        "coauthoring": mine if mine is not None and mine.accepted else None,
        "coauthor_groups": group_choices() if mine is not None and not mine.accepted else [],
        "may_invite": invites(user, proposal),
    }


def render_page(proposal: Proposal, errors: dict[str, str], status: int = 200) -> Page:
    page = render_template(
        "proposals/coauthors.html",
        proposal=proposal,
        rows=service.rows(api.db_session(), proposal.id),
        errors=errors,
        email=request.form.get("email", ""),
    )
    return page, status


def invited_proposal(proposal_id: int) -> Proposal:
    proposal = load_proposal(proposal_id)
    api.require(EDIT, proposal)
    if not invites(api.current_user(), proposal):
        abort(403)
    return proposal


@blueprint.get("/<int:proposal_id>/coauthors")
@api.requires(EDIT)
def coauthors(proposal_id: int) -> Page:
    return render_page(invited_proposal(proposal_id), {})


@blueprint.post("/<int:proposal_id>/coauthors")
@api.requires(EDIT)
def invite_coauthor(proposal_id: int) -> Page:
    proposal = invited_proposal(proposal_id)
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    try:
        invitee = service.invite(session, proposal, user, request.form.get("email", ""))
    except service.InvitationError as error:
        session.rollback()
        return render_page(proposal, {"email": error.reason}, status=400)
    session.commit()
    service.tell_invitee(proposal, invitee, proposal_url(proposal))
    flash(api._("The invitation is sent."), "success")
    return redirect(url_for("proposals.coauthors", proposal_id=proposal.id))


@blueprint.post("/<int:proposal_id>/coauthors/<int:coauthor_id>/remove")
@api.requires(EDIT)
def remove_coauthor(proposal_id: int, coauthor_id: int) -> Response:
    proposal = invited_proposal(proposal_id)
    session = api.db_session()
    row = session.get(Coauthor, coauthor_id)
    if row is None or row.proposal_id != proposal.id:
        abort(404)
    if service.leave(session, proposal, row.user_id, "proposals.coauthor_removed"):
        session.commit()
        flash(api._("This person is no longer a co-author."), "success")
    return redirect(url_for("proposals.coauthors", proposal_id=proposal.id))


@blueprint.post("/<int:proposal_id>/coauthorship/accept")
@api.requires(COAUTHOR)
def accept_coauthorship(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(COAUTHOR, proposal)
    group_id = api.read_int(request.form, "user_group", label=api._("On behalf of"))
    if group_id is not None and group_id not in {group.id for group in group_choices()}:
        flash(api._("You cannot write on behalf of this organization here."), "error")
        return redirect(proposal_url(proposal))
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    if service.accept(session, proposal, user, group_id):
        session.commit()
        flash(api._("You are now a co-author of this proposal."), "success")
    return redirect(proposal_url(proposal))


@blueprint.post("/<int:proposal_id>/coauthorship/decline")
@api.requires(COAUTHOR)
def decline_coauthorship(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(COAUTHOR, proposal)
    session = api.db_session()
    user = api.current_user()
    assert user is not None
    if service.leave(session, proposal, user.id, "proposals.coauthor_left"):
        session.commit()
        flash(api._("You are not a co-author of this proposal."), "success")
    return redirect(proposal_url(proposal))
