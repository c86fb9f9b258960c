"""Telling authors what happens to their proposal: e-mails, and relaying other plugins' news.

The plugin's own events (``proposals.answered``...) name the author in
``payload["affected_user_ids"]`` for the core's notifications, and, after the
commit, :func:`notify` writes to the author in their language.

Other plugins do not know who wrote a proposal. Their events reach the
authors two ways: an event whose payload holds ``proposal_ids`` (a list of
ids), or one of :data:`RELAYED` (a meeting's minutes published, a budget
project's progress changed), whose resource's links lead to the proposals.
Either becomes ``proposals.linked_resource_changed`` for each author.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlalchemy import select

from pnyx import api
from pnyx_proposals import followers
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.queries import visible

log = logging.getLogger(__name__)

LINKED = "proposals.linked_resource_changed"
#: Other plugins' events about a resource that proposals may be linked to:
#: event name → (resource type, payload key of its id).
RELAYED = {
    "meetings.closed": ("meetings_meeting", "meeting_id"),
    "budgets.progress_changed": ("budgets_project", "project_id"),
    "budgets.project_selected": ("budgets_project", "project_id"),
}
#: The author's e-mail for each of the plugin's events: subject, template.
NOTICES = {
    "proposals.answered": (api._l("Your proposal has an answer"), "proposals/mail/answered.txt"),
    LINKED: (api._l("News about your proposal"), "proposals/mail/linked.txt"),
    "proposals.threshold_reached": (
        api._l("Your proposal reached its supports threshold"),
        "proposals/mail/threshold.txt",
    ),
    "proposals.hidden": (api._l("Your proposal was hidden"), "proposals/mail/hidden.txt"),
}


def handle(event: api.Event) -> None:
    """The ``on_event`` hook: relay other plugins' news, write to authors about ours."""
    if event.name.startswith("proposals."):
        notify(event)
        followers.tell_followers(event)
    else:
        relay(event)


def mentioned_proposals(event: api.Event) -> list[int]:
    ids = [i for i in event.payload.get("proposal_ids") or () if isinstance(i, int)]
    known = RELAYED.get(event.name)
    resource_id = event.payload.get(known[1]) if known else None
    if known and isinstance(resource_id, int):
        links = api.links.links_of(api.db_session(), (known[0], resource_id))
        ids += [link.id for link in links if link.type == RESOURCE]
    return list(dict.fromkeys(ids))[:1000]


def relay(event: api.Event) -> int:
    """Publish one event per visible proposal the other plugin's event concerns; how many."""
    ids = mentioned_proposals(event)
    if not ids:
        return 0
    session = api.db_session()
    query = select(Proposal.id, Proposal.component_id, Proposal.author_id).where(
        Proposal.id.in_(ids), visible()
    )
    relayed = 0
    for proposal_id, component_id, author_id in session.execute(query).all():
        payload = {
            "proposal_id": proposal_id,
            "component_id": component_id,
            "cause": event.name,
            "affected_user_ids": [author_id] if author_id else [],
        }
        api.publish_event(session, LINKED, payload, actor_id=event.actor_id)
        relayed += 1
    session.commit()
    return relayed


def notify(event: api.Event) -> bool:
    """E-mail the author of the event's proposal, in their language; whether it went."""
    notice = NOTICES.get(event.name)
    proposal_id = event.payload.get("proposal_id")
    if notice is None or not isinstance(proposal_id, int):
        return False
    proposal = api.db_session().get(Proposal, proposal_id)
    author = proposal.author if proposal is not None else None
    if proposal is None or author is None or not author.email or author.deleted_at:
        return False
    subject, template = notice
    locale = recipient_locale(author)
    return api.send_mail(
        author.email,
        subject,
        template,
        locale=locale,
        user=author,
        proposal=proposal,
        url=proposal_link(proposal),
        answer=api.translated(proposal.answer_text, locale),
    )


def recipient_locale(user: api.User) -> str | None:
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    if organization is None:
        return user.locale
    if user.locale in organization.available_locales:
        return user.locale
    return organization.default_locale


def proposal_link(proposal: Proposal) -> str:
    """The proposal's address for an e-mail: only with the instance's ``PUBLIC_URL``
    (after the request, nothing else says where the site lives; and a request's
    ``Host`` header could be forged)."""
    base: Any = current_app.config.get("PUBLIC_URL")
    if not base:
        return ""
    with current_app.test_request_context(base_url=str(base)):
        path = api.component_url(proposal.component, "show", proposal_id=proposal.id) or ""
    return str(base).rstrip("/") + path
