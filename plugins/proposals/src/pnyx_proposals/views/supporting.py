"""Supporting a proposal and taking the support back (plain forms, no JavaScript)."""

from __future__ import annotations

from flask import flash, redirect, request
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from pnyx import api
from pnyx_proposals import supports
from pnyx_proposals.permissions import SUPPORT
from pnyx_proposals.views import blueprint
from pnyx_proposals.views.common import load_proposal, proposal_url


def back(proposal_url_: str) -> Response:
    """Back where the person clicked: the list (kept filters) or the proposal's page."""
    return redirect(api.safe_next(request.form.get("next"), proposal_url_))


@blueprint.post("/<int:proposal_id>/support")
@api.requires(SUPPORT)
def support(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(SUPPORT, proposal)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    try:
        added = supports.support(session, proposal, user)
        session.commit()
    except supports.SupportRefusedError as refused:
        session.rollback()
        flash(refused.reason, "error")
        return back(proposal_url(proposal))
    except IntegrityError:
        # A parallel request of the same person won the race: one support stays.
        session.rollback()
        added = False
    if added:
        flash(api._("You support this proposal."), "success")
    return back(proposal_url(proposal))


@blueprint.post("/<int:proposal_id>/unsupport")
@api.requires(SUPPORT)
def unsupport(proposal_id: int) -> Response:
    proposal = load_proposal(proposal_id)
    api.require(SUPPORT, proposal)
    user = api.current_user()
    assert user is not None
    session = api.db_session()
    if supports.unsupport(session, proposal, user):
        session.commit()
        flash(api._("Your support is taken back."), "success")
    return back(proposal_url(proposal))
