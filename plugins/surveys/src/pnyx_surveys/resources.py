"""What other plugins may know of a survey: its results, a record people comment on.

The resource type ``surveys_results`` names a survey component's questionnaire
(never another plugin's form, such as a meeting's registration form). It is
described — so linkable and commentable — only while the active phase makes
the results public: people discuss the results once they can read them, and a
thread never opens on a page they cannot reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from pnyx import api
from pnyx_surveys.models import COMPONENT_OWNER, Questionnaire

RESOURCE_TYPE = "surveys_results"


def load(session: Session, questionnaire_id: int) -> Questionnaire | None:
    """A survey's questionnaire by id, for comments (they ask permissions on it)."""
    questionnaire = session.get(Questionnaire, questionnaire_id)
    if questionnaire is None or questionnaire.owner_type != COMPONENT_OWNER:
        return None
    return questionnaire


def describe(session: Session, ids: Sequence[int]) -> dict[int, tuple[dict[str, Any], str]]:
    """``{id: (title, results url)}`` of surveys whose results are public now, in spaces the
    reader may see, in one query (the translatable title as it is: the core shows it in the
    reader's language)."""
    query = (
        select(Questionnaire)
        .where(Questionnaire.id.in_(list(ids)), Questionnaire.owner_type == COMPONENT_OWNER)
        .options(joinedload(Questionnaire.component).joinedload(api.Component.space))
    )
    described = {}
    for questionnaire in session.scalars(query).unique():
        component = questionnaire.component
        if not api.current_settings(component).get("results_public"):
            continue
        if not api.links.readable(component):
            continue  # an unpublished or private space: its title stays there
        url = url_for("surveys.results", space_slug=component.space.slug, component_id=component.id)
        title = questionnaire.title if api.translated(questionnaire.title) else component.name
        described[questionnaire.id] = (title, url)
    return described


def resource_type() -> api.ResourceType:
    return api.ResourceType(
        name=RESOURCE_TYPE,
        label=api._l("Survey results"),
        describe=describe,
        commentable=True,
        load=load,
    )
