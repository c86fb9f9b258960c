"""A person's answers in their archive; deleting the account keeps the counts, not the texts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx_surveys import personal_data
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import Answer, Submission
from pnyx_surveys.questionnaires import load


def _answered(session: Session, survey: dict[str, Any], user: api.User) -> None:
    questionnaire = load(session, survey["questionnaire"].id)
    assert questionnaire is not None
    mode, remark = survey["mode"], survey["remark"]
    save(
        session,
        questionnaire,
        {
            mode.id: {"choices": [mode.choices[1].id], "other": ""},
            remark.id: "I live at 3 rue X",
        },
        user_id=user.id,
    )


def test_the_archive_lists_each_answer(
    app: Flask,
    session: Session,
    make_user: Callable[..., api.User],
    conditional_survey: dict[str, Any],
) -> None:
    ada = make_user()
    assert personal_data.export(session, ada) is None
    _answered(session, conditional_survey, ada)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        files = personal_data.export(session, ada)
        assert files is not None
        rows = list(files["answers.csv"])
    assert [(row["question"], row["answer"]) for row in rows] == [
        ("How do you travel?", "Bike"),
        ("A remark?", "I live at 3 rue X"),
    ]


def test_deleting_the_account_keeps_the_choices_and_erases_the_texts(
    session: Session,
    make_user: Callable[..., api.User],
    conditional_survey: dict[str, Any],
) -> None:
    ada = make_user()
    _answered(session, conditional_survey, ada)
    personal_data.delete_data(session, ada)
    session.commit()
    submission = session.scalars(select(Submission)).one()
    assert submission.user_id is None
    texts = session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all()
    assert texts == [] and len(session.scalars(select(Answer)).all()) == 1
