"""The core's notifications for proposals: kinds, and telling followers (issue 19).

Authors follow the proposal they publish (:func:`pnyx_proposals.lifecycle.publish`);
anyone may follow it with the button on its page. When an answer is published
(the proposal's state changes), its followers — and the followers of the
component and the space — are notified; the author is left out here because
:mod:`pnyx_proposals.events` already writes to them.
"""

from __future__ import annotations

from flask import current_app, has_request_context
from flask_babel import force_locale
from sqlalchemy import select

from pnyx import api
from pnyx_proposals.models import RESOURCE, Proposal
from pnyx_proposals.states import answer_choices

ANSWERED = "proposals.answered"

KINDS = [
    api.NotificationKind(
        ANSWERED,
        api._l("Proposal answered"),
        recipients=("followers",),
        description=api._l("An answer to a proposal you follow, with its new state."),
    )
]


def proposal_path(proposal: Proposal) -> str:
    if has_request_context():
        return api.component_url(proposal.component, "show", proposal_id=proposal.id) or ""
    with current_app.test_request_context():
        return api.component_url(proposal.component, "show", proposal_id=proposal.id) or ""


def state_labels(proposal: Proposal) -> dict[str, str]:
    """The proposal's new state in every language of the organization."""
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    locales = list(organization.available_locales if organization else []) or ["en"]
    labels = {}
    for locale in locales:
        with force_locale(locale):
            choices = {
                choice.code: choice.label for choice in answer_choices(proposal.component_id)
            }
            labels[locale] = str(choices.get(proposal.state, proposal.state))
    return labels


def tell_followers(event: api.Event) -> None:
    """``proposals.answered`` → a notification for the proposal's followers."""
    if event.name != ANSWERED or not isinstance(event.payload.get("proposal_id"), int):
        return
    proposal = api.db_session().get(Proposal, event.payload["proposal_id"])
    if proposal is None or proposal.hidden_at is not None:
        return
    api.notify(
        ANSWERED,
        (RESOURCE, proposal.id),
        component=proposal.component,
        title=proposal.title,
        title_language=proposal.language,
        url=proposal_path(proposal),
        detail=state_labels(proposal),
        actor_id=event.actor_id,
        exclude=[proposal.author_id] if proposal.author_id else [],
    )
