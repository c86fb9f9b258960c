"""The questionnaire engine as another plugin sees it: ``api.service("surveys.questionnaires")``.

The "other plugin" here is played by the test: a questionnaire owned by a
record of its own (``meetings_meeting`` 7), built by the component's space
admins on the ``surveys_forms`` pages, drawn inside a foreign form, read,
saved once per person and shown back.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask_babel import force_locale
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds


def test_a_plugin_builds_draws_reads_and_saves_a_form_through_the_service(
    app: Flask,
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    component: api.Component,
) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        forms = api.service("surveys.questionnaires")
        assert forms is not None and api.service("nobody.offers_this") is None
        qid = forms.ensure(component, "meetings_meeting", 7)
        assert forms.ensure(component, "meetings_meeting", 7) == qid
        builder = forms.builder_url(qid)

    client.sign_in(make_user())
    assert client.get(builder).status_code == 403  # a resident
    client.sign_in(make_user(space_roles={component.space: "admin"}))
    assert client.get(builder).status_code == 200  # the component's space admins build it
    page = client.get(builder).text
    section_id = int(page.split('id="section-')[1].split('"')[0])
    added = client.post_form(
        f"{builder}sections/{section_id}/questions/new?kind={kinds.SHORT_TEXT}",
        {"text.fr": "Régime alimentaire", "text.en": "Diet", "mandatory": "true"},
    )
    assert added.status_code == 302 and added.headers["Location"].startswith(builder)

    ada = make_user()
    with app.test_request_context(), force_locale("en"):
        assert forms.has_questions(qid)
        assert "Diet" in forms.fields(qid)
        values, errors = forms.read(qid, MultiDict())
        assert list(errors.values()) == ["This question needs an answer."]
        question_id = next(iter(errors))
        values, errors = forms.read(qid, MultiDict({f"q{question_id}": "Vegetarian"}))
        assert errors == {}
        forms.save(qid, values, user_id=ada.id)
        with pytest.raises(forms.AlreadyAnswered):
            forms.save(qid, values, user_id=ada.id)
        assert forms.answers(qid, user_id=ada.id) == [("Diet", ["Vegetarian"])]


def test_a_survey_components_own_questionnaire_is_not_served_as_a_form(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    conditional_survey: dict,
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    qid = conditional_survey["questionnaire"].id
    assert client.get(f"/admin/forms/{qid}/").status_code == 404
    assert client.get("/admin/forms/999/").status_code == 404
