"""The questionnaire engine offered to other plugins: ``api.service("surveys.questionnaires")``.

Another plugin (meetings' registration forms, say) never imports this
package. It asks the service for a questionnaire attached to one of its
records, sends its staff to the builder, draws the questions inside its own
form, reads and checks the answers with its own POST, and saves them::

    forms = api.service("surveys.questionnaires")      # None without the surveys plugin
    qid = forms.ensure(component, "meetings_meeting", meeting.id)
    builder = forms.builder_url(qid)                   # staff build the questions there
    html = forms.fields(qid, request.form, errors)     # inside the registration <form>
    values, errors = forms.read(qid, request.form)     # {} when nothing is wrong
    forms.save(qid, values, user_id=person.id)         # once per person (AlreadyAnswered)
    forms.answers(qid, user_id=person.id)              # [(question, [lines])] to show back

Every page of the questionnaire is drawn in the one form; a question shown on a
condition is marked so, and its answer is read only when the condition holds
(checked on the server). The owner's table names its records; deleting one,
the owner calls ``forms.delete(owner_type, owner_id)``.
"""

from __future__ import annotations

from typing import Any

import attrs
from flask import render_template, url_for
from markupsafe import Markup
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx_surveys.answering import pages
from pnyx_surveys.answering.saving import AlreadyAnsweredError, find, save
from pnyx_surveys.answering.values import display
from pnyx_surveys.models import Answer, Questionnaire
from pnyx_surveys.questionnaires import create, load, of_owner, questions


@attrs.frozen
class Questionnaires:
    """The service's contract: ids and plain values in, ids, markup and plain values out."""

    #: Raised by :meth:`save` when the person answered this questionnaire already.
    AlreadyAnswered = AlreadyAnsweredError

    def ensure(self, component: api.Component, owner_type: str, owner_id: int) -> int:
        """The id of the questionnaire of ``(owner_type, owner_id)``, created empty if missing.

        ``owner_type`` starts with the calling plugin's name (``meetings_meeting``).
        """
        session = api.db_session()
        found = of_owner(session, owner_type, owner_id)
        if found is None:
            found = create(session, component, owner_type, owner_id)
            session.commit()
        return found.id

    def builder_url(self, questionnaire_id: int) -> str:
        """Where staff build the questions (the component's space admins may)."""
        return url_for("surveys_forms.index", questionnaire_id=questionnaire_id)

    def has_questions(self, questionnaire_id: int) -> bool:
        return bool(questions(self._load(questionnaire_id)))

    def fields(
        self,
        questionnaire_id: int,
        form: MultiDict[str, str] | None = None,
        errors: dict[int, str] | None = None,
    ) -> Markup:
        """The questions of every page, as form fields to put inside the caller's ``<form>``."""
        questionnaire = self._load(questionnaire_id)
        return Markup(
            render_template(
                "surveys/_embedded.html",
                questionnaire=questionnaire,
                form=form if form is not None else MultiDict(),
                errors=errors or {},
            )
        )

    def read(
        self, questionnaire_id: int, form: MultiDict[str, str]
    ) -> tuple[dict[int, Any], dict[int, str]]:
        """``(values, errors)``: the answers read and checked, errors by question id."""
        questionnaire = self._load(questionnaire_id)
        reading = pages.read_pages(questionnaire, form, len(questionnaire.sections) - 1)
        return reading.values, reading.errors

    def save(self, questionnaire_id: int, values: dict[int, Any], *, user_id: int) -> int:
        """Store one person's answers (committed); the submission's id."""
        return save(api.db_session(), self._load(questionnaire_id), values, user_id=user_id).id

    def answers(self, questionnaire_id: int, *, user_id: int) -> list[tuple[str, list[str]]]:
        """What the person answered: ``[(question text, [answer lines])]``, in page order."""
        session = api.db_session()
        questionnaire = self._load(questionnaire_id)
        submission = find(session, questionnaire_id, user_id=user_id)
        if submission is None:
            return []
        by_question: dict[int, list[Answer]] = {}
        for answer in session.scalars(select(Answer).where(Answer.submission_id == submission.id)):
            by_question.setdefault(answer.question_id, []).append(answer)
        return [
            (api.translated(q.text), display(q, by_question[q.id], api.translated))
            for q in questions(questionnaire)
            if q.id in by_question
        ]

    def delete(self, owner_type: str, owner_id: int) -> None:
        """Delete the questionnaire of a record and its answers (the caller commits)."""
        api.db_session().execute(
            delete(Questionnaire).where(
                Questionnaire.owner_type == owner_type, Questionnaire.owner_id == owner_id
            )
        )

    def _load(self, questionnaire_id: int) -> Questionnaire:
        found = load(api.db_session(), questionnaire_id)
        if found is None:
            raise LookupError(f"no questionnaire {questionnaire_id}")
        return found
