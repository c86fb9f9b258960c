"""Results (charts with tables, public or staff-only per phase), moderation, exports."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import Answer
from pnyx_surveys.questionnaires import load

from .conftest import reloaded


@pytest.fixture
def answered(
    session: Session, conditional_survey: dict[str, Any], make_user: Callable[..., api.User]
) -> dict[str, Any]:
    """Three drivers and one cyclist answered; two wrote a remark; one is a named person."""
    questionnaire = reloaded(session, conditional_survey)
    mode, parking, remark = (conditional_survey[k] for k in ("mode", "parking", "remark"))
    car, bike = (c.id for c in mode.choices)
    alice = make_user(name="Alice Martin", email="alice@example.org")
    for number, choice in enumerate((car, car, car, bike)):
        values: dict[int, Any] = {mode.id: {"choices": [choice], "other": ""}}
        if choice == car:
            values[parking.id] = '=HYPERLINK("evil")' if number == 0 else "Castle"
        if number < 2:
            values[remark.id] = f"Remark {number}"
        save(
            session,
            questionnaire,
            values,
            user_id=alice.id if number == 3 else None,
            anonymous_key=None if number == 3 else f"key-{number}",
        )
    return conditional_survey


def test_results_are_hidden_from_residents_until_the_phase_makes_them_public(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    component: api.Component,
    answered: dict[str, Any],
) -> None:
    assert client.get(urls("surveys.results")).status_code == 404
    assert "See the results" not in client.get(urls("surveys.index")).text
    component.settings = {"default_step": {"results_public": True}}
    session.commit()
    page = client.get(urls("surveys.results")).text
    assert "4 people answered." in page  # the travel question
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<caption>How do you travel?</caption>" in page
    assert '<th scope="row">Car</th><td>3</td><td>75%</td>' in page
    assert "Participants" in page and "Last updated on" in page


def test_staff_see_the_results_of_a_closed_phase_with_a_notice(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    page = client.get(urls("surveys.results")).text
    assert "only the survey&#39;s managers see them" in page or "only the survey's managers" in page


def test_written_answers_appear_once_staff_publish_them(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
    answered: dict[str, Any],
) -> None:
    component.settings = {"default_step": {"results_public": True}}
    session.commit()
    assert "Remark 0" not in client.get(urls("surveys.results")).text
    client.sign_in(make_user(roles=["admin"]))
    queue = client.get(urls("surveys_admin.texts_moderation")).text
    assert "Remark 0" in queue
    remark = session.scalars(select(Answer).where(Answer.text == "Remark 0")).one()
    client.post_form(urls("surveys_admin.publish_text", answer_id=remark.id), {"publish": "yes"})
    client.sign_out()
    page = client.get(urls("surveys.results")).text
    assert "Remark 0" in page and "Remark 1" not in page


def test_the_csv_export_has_one_row_per_person_and_no_names_by_default(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    response = client.get(urls("surveys_admin.export_csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4
    assert "Alice" not in response.text and "alice@example.org" not in response.text
    travel = next(key for key in rows[0] if key.startswith("Q1 "))
    assert [row[travel] for row in rows] == ["Car", "Car", "Car", "Bike"]
    assert "'=HYPERLINK" in response.text  # a formula is never run by a spreadsheet


def test_names_are_exported_for_organization_admins_only(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(space_roles={component.space: "admin"}))
    assert client.get(urls("surveys_admin.export_csv", personal=1)).status_code == 403
    client.sign_in(make_user(roles=["admin"]))
    named = client.get(urls("surveys_admin.export_csv", personal=1)).text
    assert "alice@example.org" in named and "Alice Martin" in named


def test_the_json_export_is_valid_json(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    records = json.loads(client.get(urls("surveys_admin.export_json")).text)
    assert len(records) == 4 and records[3]["submission"] == 4


def test_every_question_kind_is_counted(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    new_question: Callable[..., Any],
) -> None:
    add_question = new_question
    questionnaire = reloaded(session, conditional_survey)
    page = questionnaire.sections[0]
    scale = add_question(session, page, kinds.SCALE, "Easy?", options={"scale": 5})
    rank = add_question(session, page, kinds.RANKING, "Rank", ("Bikes", "Buses"))
    grid = add_question(session, page, kinds.MATRIX, "Grid", ("Yes", "No"), rows=("Day", "Night"))
    number = add_question(session, page, kinds.NUMBER, "How many cars?")
    when = add_question(session, page, kinds.DATE, "Since when?")
    session.commit()
    questionnaire = load(session, questionnaire.id)
    assert questionnaire is not None
    day, night = grid.choices_of("row")
    yes, no = grid.choices_of("choice")
    for key, first in (("a", 0), ("b", 1)):
        save(
            session,
            questionnaire,
            {
                scale.id: 4,
                rank.id: {"ranking": [rank.choices[first].id, rank.choices[1 - first].id]},
                grid.id: {"rows": {day.id: [yes.id], night.id: [no.id]}},
                number.id: decimal.Decimal(first + 1),
                when.id: dt.date(2020 + first, 1, 1),
            },
            anonymous_key=key,
        )
    client.sign_in(make_user(roles=["admin"]))
    text = client.get(urls("surveys.results")).text
    assert "<caption>Day</caption>" in text and "<caption>Night</caption>" in text
    assert "Mean rank (1 is best)" in text
    assert "<dt>Mean</dt><dd>1.5</dd>" in text
    assert "January 1, 2020" in text and "January 1, 2021" in text
    assert '<th scope="row">4</th><td>2</td><td>100%</td>' in text


def test_the_results_page_reads_a_fixed_number_of_statements(
    session: Session,
    count_queries: Callable[[str], int],
    make_user: Callable[..., api.User],
    client: PnyxClient,
    urls: Callable[..., str],
    component: api.Component,
    answered: dict[str, Any],
) -> None:
    component.settings = {"default_step": {"results_public": True}}
    session.commit()
    before = count_queries(urls("surveys.results"))
    questionnaire = reloaded(session, answered)
    mode = answered["mode"]
    for number in range(10):
        save(
            session,
            questionnaire,
            {mode.id: {"choices": [mode.choices[1].id], "other": ""}},
            anonymous_key=f"more-{number}",
        )
    assert count_queries(urls("surveys.results")) == before


def test_the_space_statistics_page_counts_answer_sets_and_written_answers(
    client: PnyxClient, component: api.Component, answered: dict[str, Any]
) -> None:
    page = client.get(f"/spaces/{component.space.slug}/statistics").text
    assert "Answers to surveys" in page and "Written answers to surveys" in page


def test_the_statistics_hook_counts_answer_sets_texts_and_signed_in_people(
    app: Any, session: Session, component: api.Component, answered: dict[str, Any]
) -> None:
    from pnyx_surveys.statistics import figures

    with app.test_request_context():
        found = {figure.name: figure for figure in figures([component], session) or []}
        assert found["surveys.answers"].value == 4 and found["surveys.answers"].kind == "answers"
        assert found["surveys.written"].value == 5  # three parking places, two remarks
        people = session.scalars(found["surveys.answers"].people).all()
        assert len(people) == 1  # Alice; anonymous answer sets have nobody behind them
        assert figures([], session) is None


def test_the_spreadsheet_export_holds_the_same_rows_as_text_never_formulas(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    import zipfile

    client.sign_in(make_user(roles=["admin"]))
    assert "Export (spreadsheet)" in client.get(urls("surveys_admin.index")).text
    response = client.get(urls("surveys_admin.export_xlsx"))
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Cache-Control"] == "private, no-store"
    with zipfile.ZipFile(io.BytesIO(response.data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == 5  # the header and four answer sets
    assert "Bike" in sheet and "=HYPERLINK" in sheet and "<f>" not in sheet  # text, not a formula
    assert "alice@example.org" not in sheet
