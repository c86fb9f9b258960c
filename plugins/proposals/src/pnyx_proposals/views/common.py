"""What the public pages share: finding a proposal, asking the engine about it."""

from __future__ import annotations

from flask import abort, url_for
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import moderates


def load_proposal(proposal_id: int, *, for_update: bool = False) -> Proposal:
    """The proposal of the current component that the reader may see, or 404.

    Drafts are seen by their author only; hidden proposals by moderators only.
    """
    proposal = api.get_or_404(
        Proposal,
        proposal_id,
        options=[
            joinedload(Proposal.territory),
            # Roles are read only for the signed-in person (loaded with them): not for an author.
            joinedload(Proposal.author).lazyload(api.User.organization_roles),
            selectinload(Proposal.themes),
        ],
        for_update=for_update,
    )
    user = api.current_user()
    if proposal.is_draft and (user is None or proposal.author_id != user.id):
        abort(404)
    if proposal.hidden_at is not None and not moderates(user, api.current_space()):
        abort(404)
    return proposal


def proposal_url(proposal: Proposal) -> str:
    return url_for("proposals.show", proposal_id=proposal.id)
