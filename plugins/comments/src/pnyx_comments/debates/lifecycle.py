"""Opening, editing and closing debates (each with its action-log entry and event)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pnyx import api
from pnyx_comments.debates.forms import id_list
from pnyx_comments.debates.models import CONCLUDED_WITH, RESOURCE, Debate

PROPOSAL = "proposals_proposal"
MEETING = "meetings_meeting"
FIELDS = ("title", "framing", "opens_on", "closes_on", "theme_id", "territory_id")


def _log(session: Session, action: str, debate: Debate) -> None:
    api.log_action(
        session,
        action,
        resource=(RESOURCE, debate.id),
        component=debate.component,
        visibility="public",
        # Opened for an organization: the log keeps the person (actor) and the group.
        extra={"user_group_id": debate.user_group_id} if debate.user_group_id else None,
    )


def open_debate(
    session: Session,
    component: api.Component,
    author: api.User,
    data: dict[str, Any],
    *,
    official: bool,
) -> Debate:
    debate = Debate(
        component_id=component.id,
        author_id=author.id,
        official=official,
        # Only offered (and validated: one of the person's organizations) where groups may
        # open debates; never for staff's official debates.
        user_group_id=None if official else data.get("user_group_id"),
        **{name: data.get(name) for name in FIELDS},
    )
    session.add(debate)
    session.flush()
    _log(session, "comments.debate_opened", debate)
    api.publish_event(session, "comments.debate_opened", {"debate_id": debate.id}, author.id)
    return debate


def update(session: Session, debate: Debate, data: dict[str, Any]) -> None:
    for name in FIELDS:
        setattr(debate, name, data.get(name))
    _log(session, "comments.debate_edited", debate)


def close(session: Session, debate: Debate, data: dict[str, Any]) -> list[str]:
    """Close with the conclusion; link the proposals and meetings that exist.

    Returns the ids typed that match nothing visible, for the admin to check.
    """
    debate.conclusion = data["conclusion"]
    debate.closed_at = debate.closed_at or api.utcnow()
    unknown = []
    source = (RESOURCE, debate.id)
    typed_ids = ((PROPOSAL, data.get("proposal_ids", "")), (MEETING, data.get("meeting_ids", "")))
    for type_name, typed in typed_ids:
        ids = id_list(typed)
        found = api.links.describe(session, type_name, ids)
        for resource_id in ids:
            if resource_id in found:
                api.links.link(session, CONCLUDED_WITH, source, (type_name, resource_id))
            else:
                unknown.append(str(resource_id))
    _log(session, "comments.debate_closed", debate)
    api.publish_event(session, "comments.debate_closed", {"debate_id": debate.id})
    return unknown


def reopen(session: Session, debate: Debate) -> None:
    debate.closed_at = None
    _log(session, "comments.debate_reopened", debate)


def concluded_with(session: Session, debate: Debate) -> list[api.links.ResourceDescription]:
    """What the conclusion links to, described by the plugins that own it (when enabled)."""
    described = []
    for linked in api.links.links_of(session, (RESOURCE, debate.id)):
        if linked.name != CONCLUDED_WITH or not linked.outgoing:
            continue
        found = api.links.describe(session, linked.type, [linked.id]).get(linked.id)
        if found is not None:
            described.append(found)
    return described
