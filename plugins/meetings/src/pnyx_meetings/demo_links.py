"""After ``pnyx demo`` seeded every plugin: tie the demo minutes to demo proposals.

The meetings plugin is seeded before the proposals plugin, so its minutes find
no proposal then; on the core's ``pnyx.demo_seeded`` event every plugin's demo
rows exist, and the published minutes without links get a few.
"""

from __future__ import annotations

from sqlalchemy import select

from pnyx import api
from pnyx_meetings import minutes_form
from pnyx_meetings.models import Meeting, Minutes
from pnyx_meetings.seed import existing_proposals


def link_demo_minutes() -> int:
    """Link published minutes that have no proposal yet; returns how many links."""
    session = api.db_session()
    proposals = existing_proposals(session)
    if not proposals:
        return 0
    linked = 0
    query = select(Meeting.id).join(Minutes, Minutes.meeting_id == Meeting.id)
    for meeting_id in session.scalars(query.where(Minutes.published.is_(True))):
        source = ("meetings_meeting", meeting_id)
        if api.links.linked_ids(session, minutes_form.PROPOSAL_LINK, source=source):
            continue
        for proposal_id in proposals:
            target = (minutes_form.PROPOSAL_TYPE, proposal_id)
            api.links.link(session, minutes_form.PROPOSAL_LINK, source, target)
            linked += 1
    session.commit()
    return linked
