"""What the admin pages share: which proposals a person may handle."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import joinedload, selectinload

from pnyx import api
from pnyx_proposals.models import Proposal, ValuatorAssignment
from pnyx_proposals.permissions import manages


def is_manager() -> bool:
    return manages(api.current_user(), api.current_space())


def assigned_to_me() -> ColumnElement[bool]:
    """All proposals for managers; for a valuator, those assigned to them."""
    user = api.current_user()
    if is_manager() or user is None:
        return true()
    return exists().where(
        ValuatorAssignment.proposal_id == Proposal.id, ValuatorAssignment.user_id == user.id
    )


def admin_proposal(proposal_id: int) -> Proposal:
    """A published proposal of the current component the person may handle, or 404."""
    return api.get_or_404(
        Proposal,
        proposal_id,
        where=[Proposal.published_at.is_not(None), assigned_to_me()],
        options=[
            joinedload(Proposal.territory),
            joinedload(Proposal.author),
            selectinload(Proposal.themes),
        ],
    )


def locales() -> list[str]:
    """The organization's languages, default first (answers are written in each)."""
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    if organization is None:
        return ["en"]
    others = [
        lang for lang in organization.available_locales if lang != organization.default_locale
    ]
    return [organization.default_locale, *others]


def page_number() -> int:
    return api.page_arg()
