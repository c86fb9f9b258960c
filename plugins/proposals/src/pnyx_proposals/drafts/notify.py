"""Telling people about collaborative drafts through the core's notifications.

The draft's author hears that someone asks to co-write it; the person who asked
hears the answer, and a co-writer the author removes hears it too. ``api.notify``
runs its fan-out as a job after the commit.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from sqlalchemy import select

from pnyx import api
from pnyx_proposals.drafts.models import CollaborativeDraft

ACCESS_REQUESTED = "proposals.draft_access_requested"
ACCESS_DECIDED = "proposals.draft_access_decided"

KINDS = [
    api.NotificationKind(
        ACCESS_REQUESTED,
        api._l("Someone asks to co-write your draft"),
        recipients=("authors",),
        description=api._l("A request to write one of your collaborative drafts with you."),
    ),
    api.NotificationKind(
        ACCESS_DECIDED,
        api._l("Your request to co-write a draft was answered"),
        recipients=("authors",),
        description=api._l(
            "The author of a collaborative draft accepted you, turned you down or removed you."
        ),
    ),
]


#: What the person who asked hears, by answer.
ANSWERS = {
    "accepted": api._l("Accepted"),
    "rejected": api._l("Turned down"),
    "removed": api._l("Removed from the co-writers"),
}


def _labels(answer: str) -> dict[str, str]:
    """The answer (:data:`ANSWERS`) in every language of the organization."""
    organization = api.db_session().scalar(select(api.Organization).limit(1))
    locales = list(organization.available_locales if organization else []) or ["en"]
    labels = {}
    for locale in locales:
        with force_locale(locale):
            labels[locale] = str(ANSWERS[answer])
    return labels


def access_requested(draft: CollaborativeDraft, user_id: int) -> None:
    if draft.author_id is None:
        return
    api.notify(
        ACCESS_REQUESTED,
        draft.resource,
        component=draft.component,
        title=draft.title,
        title_language=draft.language,
        url=url_for("proposals.draft", draft_id=draft.id),
        authors=[draft.author_id],
        actor_id=user_id,
    )


def access_decided(draft: CollaborativeDraft, user_id: int, answer: str) -> None:
    """Tell ``user_id`` the author's answer (:data:`ANSWERS`: accepted, rejected, or removed
    from the co-writers later)."""
    api.notify(
        ACCESS_DECIDED,
        draft.resource,
        component=draft.component,
        title=draft.title,
        title_language=draft.language,
        url=url_for("proposals.draft", draft_id=draft.id),
        detail=_labels(answer),
        authors=[user_id],
        actor_id=draft.author_id,
    )
