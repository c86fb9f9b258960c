"""What the public pages share: finding a proposal, asking the engine about it."""

from __future__ import annotations

from typing import NoReturn

from flask import abort, redirect, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import moderates


def load_proposal(proposal_id: int, *, for_update: bool = False) -> Proposal:
    """The proposal of the current component that the reader may see, or 404.

    Drafts are seen by their author only; hidden proposals by moderators only.
    """
    query = (
        select(Proposal)
        .where(Proposal.id == proposal_id, Proposal.component_id == api.current_component().id)
        .options(
            joinedload(Proposal.territory),
            joinedload(Proposal.author),
            selectinload(Proposal.themes),
        )
    )
    if for_update:
        query = query.with_for_update(of=Proposal)
    proposal = api.db_session().scalars(query).unique().first()
    if proposal is None:
        abort(404)
    user = api.current_user()
    if proposal.is_draft and (user is None or proposal.author_id != user.id):
        abort(404)
    if proposal.hidden_at is not None and not moderates(user, api.current_space()):
        abort(404)
    return proposal


def refuse(decision: api.Decision) -> NoReturn:
    """Answer a refused action: sign in if that would help, else a 403 saying why."""
    if decision.missing == "sign_in" and api.current_user() is None:
        abort(redirect(url_for("pnyx_auth.sign_in", next=request.full_path.rstrip("?"))))
    abort(403, description=decision.reason)


def require(action: str, target: object) -> None:
    """Ask the engine again with the resource itself (the route's guard asked for the
    component): a view acting on a proposal checks both."""
    decision = api.decide(api.current_user(), action, target)
    if not decision:
        refuse(decision)


def proposal_url(proposal: Proposal) -> str:
    return url_for("proposals.show", proposal_id=proposal.id)
