"""Telling people about amendments through the core's notifications (``api.notify``).

The proposal's authors (its author and accepted co-authors; the space's admins for an
official or meeting proposal) hear of a new amendment; the amendment's author hears of the
decision. Called after the commit: ``api.notify`` enqueues the fan-out job.
"""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from pnyx import api
from pnyx_proposals.amendments.models import ACCEPTED, Amendment
from pnyx_proposals.coauthors.service import author_ids
from pnyx_proposals.models import RESOURCE, Proposal

PROPOSED = "proposals.amendment_proposed"
DECIDED = "proposals.amendment_decided"

KINDS = [
    api.NotificationKind(
        PROPOSED,
        api._l("New amendment to your proposal"),
        recipients=("authors",),
        description=api._l(
            "Someone proposes a change to a proposal you wrote: accept or reject it."
        ),
    ),
    api.NotificationKind(
        DECIDED,
        api._l("Your amendment was decided on"),
        recipients=("authors",),
        description=api._l("The authors of a proposal accepted or rejected your amendment."),
    ),
]


def _labels(accepted: bool) -> dict[str, str]:
    """ "Accepted" or "Rejected" in every language of the organization."""
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    locales = list(organization.available_locales if organization else []) or ["en"]
    labels = {}
    for locale in locales:
        with force_locale(locale):
            labels[locale] = str(api._("Accepted") if accepted else api._("Rejected"))
    return labels


def deciders(proposal: Proposal) -> list[int]:
    """Who decides on the proposal's amendments: its authors; for an official or meeting
    proposal (a participatory text's article), the space's admins."""
    if proposal.authorship != "person":
        return [user.id for user in api.space_members(proposal.component.space, "admin")]
    return author_ids(api.db_session(), proposal)


def proposed(proposal: Proposal, amendment: Amendment, url: str) -> None:
    api.notify(
        PROPOSED,
        (RESOURCE, proposal.id),
        component=proposal.component,
        title=proposal.title,
        title_language=proposal.language,
        url=url,
        authors=deciders(proposal),
        actor_id=amendment.author_id,
    )


def decided(proposal: Proposal, amendment: Amendment, url: str, actor_id: int) -> None:
    if amendment.author_id is None:
        return
    api.notify(
        DECIDED,
        (RESOURCE, proposal.id),
        component=proposal.component,
        title=proposal.title,
        title_language=proposal.language,
        url=url,
        detail=_labels(amendment.state == ACCEPTED),
        authors=[amendment.author_id],
        actor_id=actor_id,
    )
