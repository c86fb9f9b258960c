"""The amendments' actions, their rules in the permission engine, and who sees what.

``proposals.amend`` (write an amendment; withdraw or promote one's own) is gated
by the phase's ``amendments_enabled``; ``proposals.support_amendment`` by
``supports_enabled``; both may require verifications. Deciding
(``proposals.decide_amendment``) belongs to the proposal's authors: its author,
its accepted co-authors, and managers for an official or meeting proposal.
"""

from __future__ import annotations

from pnyx import api
from pnyx_proposals import states
from pnyx_proposals.amendments.models import ACCEPTED, PENDING, REJECTED, Amendment
from pnyx_proposals.models import Proposal
from pnyx_proposals.permissions import is_author, manages, moderates, rules
from pnyx_proposals.settings import settings_of

AMEND = "proposals.amend"
SUPPORT_AMENDMENT = "proposals.support_amendment"
DECIDE_AMENDMENT = "proposals.decide_amendment"

ACTIONS = (
    api.Action(
        AMEND,
        api._l("Propose an amendment to a proposal"),
        step_setting="amendments_enabled",
        groups=True,
    ),
    api.Action(SUPPORT_AMENDMENT, api._l("Support an amendment"), step_setting="supports_enabled"),
    api.Action(
        DECIDE_AMENDMENT,
        api._l("Accept or reject the amendments of one's own proposal"),
        verifiable=False,
    ),
)


def amendable(proposal: Proposal) -> bool:
    """Published and still open: not withdrawn, hidden, merged or rejected."""
    if proposal.is_draft or proposal.is_withdrawn:
        return False
    if proposal.hidden_at is not None or proposal.merged_into_id is not None:
        return False
    return states.supportable_state(proposal.state)


@rules.on(AMEND, Proposal)
def _amendable(user: api.User | None, proposal: Proposal) -> bool:
    # The authors change their own text directly.
    return amendable(proposal) and not is_author(user, proposal)


@rules.on(AMEND, Amendment)
def _own_amendment(user: api.User | None, amendment: Amendment) -> bool:
    return user is not None and amendment.author_id == user.id


@rules.on(SUPPORT_AMENDMENT, Amendment)
def _supportable(user: api.User | None, amendment: Amendment) -> bool:
    return amendment.state == PENDING and amendment.author_id != getattr(user, "id", None)


@rules.on(DECIDE_AMENDMENT, Amendment)
def _deciders(user: api.User | None, amendment: Amendment) -> bool:
    proposal = api.db_session().get(Proposal, amendment.proposal_id)
    return proposal is not None and amendment.state == PENDING and is_author(user, proposal)


def authors_only(component: api.Component) -> bool:
    """The phase shows amendments to the proposal's authors only, until accepted."""
    return settings_of(component).get("amendments_visibility") == "authors"


def sees(user: api.User | None, amendment: Amendment, proposal: Proposal) -> bool:
    """Whether the reader may see this amendment (its page, its line in the list)."""
    if amendment.state == ACCEPTED or not authors_only(proposal.component):
        return True
    if user is None:
        return False
    if amendment.author_id == user.id or is_author(user, proposal):
        return True
    space = api.space_of(proposal)
    return manages(user, space) or moderates(user, space)


def promotable(user: api.User | None, amendment: Amendment) -> bool:
    return user is not None and amendment.author_id == user.id and amendment.state == REJECTED
