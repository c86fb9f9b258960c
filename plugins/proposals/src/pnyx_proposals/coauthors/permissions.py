"""The co-authorship action and its rule (inviting and removing use ``proposals.edit``)."""

from __future__ import annotations

from pnyx import api
from pnyx_proposals.coauthors.service import invitation_of
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import rules

COAUTHOR = "proposals.coauthor"

ACTIONS = (
    api.Action(
        COAUTHOR,
        api._l("Accept or decline an invitation to co-author a proposal, or stop co-authoring it"),
        verifiable=False,
    ),
)


@rules.on(COAUTHOR, Proposal)
def _invited(user: api.User | None, proposal: Proposal) -> bool:
    return invitation_of(api.db_session(), proposal.id, user) is not None


def invites(user: api.User | None, proposal: Proposal) -> bool:
    """Only the proposal's first author invites and removes co-authors."""
    return (
        user is not None
        and proposal.author_id == user.id
        and proposal.authorship == "person"
        and not proposal.is_draft
    )
