"""Participation figures of a survey component, for the space page (``StatDefinition``).

Counted over the component's own questionnaire only (not over the forms other
plugins build with the engine). "Participants" and "written contributions"
are the figures of the Nivelles results block.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys.models import COMPONENT_OWNER, Answer, Questionnaire, Submission


def _submissions(component: api.Component) -> Select[tuple[int]]:
    return (
        select(Submission.id)
        .join(Questionnaire, Questionnaire.id == Submission.questionnaire_id)
        .where(Questionnaire.owner_type == COMPONENT_OWNER, Questionnaire.owner_id == component.id)
    )


def participants(session: Session, component: api.Component) -> int:
    query = select(func.count()).select_from(_submissions(component).subquery())
    return session.scalar(query) or 0


def written(session: Session, component: api.Component) -> int:
    query = select(func.count()).where(
        Answer.submission_id.in_(_submissions(component)), Answer.text.is_not(None)
    )
    return session.scalar(query) or 0


STATS = (
    api.StatDefinition("surveys_participants", api._l("People who answered"), participants),
    api.StatDefinition("surveys_written", api._l("Written contributions"), written),
)
