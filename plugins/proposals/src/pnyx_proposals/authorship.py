"""Who a proposal is shown from: a person (or their organization), the organization
itself ("official"), or a meeting (issue 20, item 1).

Staff publish official and meeting proposals from the component's admin pages
(:mod:`pnyx_proposals.admin.official`). Such a proposal has no ``author_id``: it
is never shown under the staff member's name, nor in their activity or
archive; the action log keeps who published it. A meeting proposal names its
meeting twice: ``meeting_id`` (so a page describes all its meetings in one
query) and a resource link ``proposals.authored_by_meeting`` (proposal →
meeting), which the meetings plugin's page reads with ``api.links.links_of``
to list the proposals that came out of the meeting.
"""

from __future__ import annotations

from flask import g
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_proposals import lifecycle
from pnyx_proposals.forms import ProposalData
from pnyx_proposals.models import Proposal

PERSON, OFFICIAL, MEETING = "person", "official", "meeting"
#: The meetings plugin's resource type (described through ``api.links``, never imported).
MEETING_TYPE = "meetings_meeting"
#: Link name: a meeting proposal → its meeting.
MEETING_LINK = "proposals.authored_by_meeting"


def meetings_enabled() -> bool:
    """Whether a plugin describes meetings (else no meeting proposals are offered)."""
    return api.links.resource_type(MEETING_TYPE) is not None


def find_meeting(session: Session, meeting_id: int) -> api.links.ResourceDescription | None:
    """The meeting ``meeting_id`` as the current person sees it, or ``None`` (unknown,
    unpublished, or in a space they may not see)."""
    return api.links.describe(session, MEETING_TYPE, [meeting_id]).get(meeting_id)


def meeting_of(proposal: Proposal) -> api.links.ResourceDescription | None:
    """The meeting a meeting proposal comes from, described by its plugin.

    Described once per request for every meeting proposal already loaded in the
    session, so a list of proposals costs one query, not one per card.
    """
    if proposal.authorship != MEETING or proposal.meeting_id is None:
        return None
    known: dict[int, api.links.ResourceDescription | None] = g.setdefault("proposals_meetings", {})
    if proposal.meeting_id not in known:
        session = api.db_session()
        wanted = {
            item.meeting_id
            for item in session.identity_map.values()
            if isinstance(item, Proposal) and item.authorship == MEETING and item.meeting_id
        } | {proposal.meeting_id}
        wanted -= set(known)
        described = api.links.describe(session, MEETING_TYPE, sorted(wanted))
        known.update({meeting_id: described.get(meeting_id) for meeting_id in wanted})
    return known[proposal.meeting_id]


def publish_as(
    session: Session,
    component: api.Component,
    data: ProposalData,
    authorship: str,
    meeting_id: int | None = None,
) -> Proposal:
    """Create and publish a proposal from the organization or a meeting; the caller commits.

    No per-person limit applies (it is nobody's proposal); the staff member who
    published it is the log entry's actor.
    """
    assert authorship in (OFFICIAL, MEETING)
    proposal = Proposal(
        component_id=component.id, author_id=None, title="", body="", authorship=authorship
    )
    proposal.component = component
    lifecycle.apply(session, proposal, data)
    proposal.meeting_id = meeting_id if authorship == MEETING else None
    proposal.published_at = api.utcnow()
    session.add(proposal)
    session.flush()
    if proposal.meeting_id is not None:
        api.links.link(session, MEETING_LINK, proposal.resource, (MEETING_TYPE, meeting_id))
    api.log_action(
        session,
        f"proposals.published_{authorship}",
        resource=proposal.resource,
        component=component,
        visibility="public",
        extra={"meeting_id": meeting_id} if proposal.meeting_id else None,
    )
    payload = {"proposal_id": proposal.id, "component_id": component.id, "affected_user_ids": []}
    api.publish_event(session, "proposals.published", payload)
    return proposal


def template_helpers() -> dict[str, object]:
    """For the plugin's templates (a context processor of its blueprints)."""
    return {"proposal_meeting": meeting_of}
