"""Answering page by page on the server: conditions, errors, one answer set per person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys.models import Answer, Submission


def _count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_driver_is_asked_where_they_park_and_the_answers_are_saved(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    mode, parking = conditional_survey["mode"], conditional_survey["parking"]
    client.sign_in(make_user())
    page = client.get(urls("surveys.answer_form")).text
    assert "How do you travel?" in page and "Where do you park?" not in page

    car = str(mode.choices[0].id)
    second = client.post_form(urls("surveys.answer"), {"page": "0", f"q{mode.id}": car})
    assert second.status_code == 200
    assert "Where do you park?" in second.text and "Send my answers" in second.text
    assert f'name="q{mode.id}" value="{car}"' in second.text  # carried in a hidden field

    done = client.post_form(
        urls("surveys.answer"),
        {"page": "1", f"q{mode.id}": car, f"q{parking.id}": "Under the castle"},
    )
    assert done.status_code == 302
    mine = client.get(urls("surveys.index")).text
    assert "Your answers" in mine and "Under the castle" in mine and "Car" in mine
    assert _count(session, Submission) == 1 and _count(session, Answer) == 2


def test_a_cyclist_is_not_asked_where_they_park(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    mode = conditional_survey["mode"]
    client.sign_in(make_user())
    bike = str(mode.choices[1].id)
    second = client.post_form(urls("surveys.answer"), {"page": "0", f"q{mode.id}": bike})
    assert "Where do you park?" not in second.text and "A remark?" in second.text
    # The mandatory hidden question does not block; a forged answer to it is dropped.
    done = client.post_form(
        urls("surveys.answer"),
        {"page": "1", f"q{mode.id}": bike, f"q{conditional_survey['parking'].id}": "forged"},
    )
    assert done.status_code == 302
    assert "forged" not in client.get(urls("surveys.index")).text


def test_a_missing_mandatory_answer_is_explained_next_to_the_question(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    client.sign_in(make_user())
    response = client.post_form(urls("surveys.answer"), {"page": "0"})
    assert response.status_code == 400
    assert "How do you travel?: This question needs an answer." in response.text
    assert 'aria-invalid="true"' in response.text


def test_previous_goes_back_with_the_answers_kept(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    mode = conditional_survey["mode"]
    client.sign_in(make_user())
    car = str(mode.choices[0].id)
    back = client.post_form(
        urls("surveys.answer"), {"page": "1", "move": "previous", f"q{mode.id}": car}
    )
    assert "How do you travel?" in back.text
    assert f'value="{car}" checked' in back.text


def test_a_second_answer_set_is_refused(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    mode = conditional_survey["mode"]
    client.sign_in(make_user())
    bike = str(mode.choices[1].id)
    for _ in range(2):
        client.post_form(urls("surveys.answer"), {"page": "1", f"q{mode.id}": bike})
    assert _count(session, Submission) == 1
    again = client.get(urls("surveys.answer_form"), follow_redirects=True)
    assert "You have answered this survey already." in again.text


def test_answers_can_be_changed_when_the_survey_allows_it(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    editable_answers: None,
) -> None:
    mode, remark = conditional_survey["mode"], conditional_survey["remark"]
    client.sign_in(make_user())
    bike = str(mode.choices[1].id)
    client.post_form(
        urls("surveys.answer"), {"page": "1", f"q{mode.id}": bike, f"q{remark.id}": "First"}
    )
    form = client.get(urls("surveys.answer_form")).text
    assert f'value="{bike}" checked' in form  # the stored answers fill the form
    client.post_form(
        urls("surveys.answer"), {"page": "1", f"q{mode.id}": bike, f"q{remark.id}": "Second"}
    )
    page = client.get(urls("surveys.index")).text
    assert "Second" in page and "First" not in page and "Change my answers" in page
    assert _count(session, Submission) == 1


def test_anonymous_people_are_sent_to_sign_in_unless_the_survey_allows_them(
    client: PnyxClient,
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    page = client.get(urls("surveys.index")).text
    assert "Sign in to answer this survey." in page
    assert client.get(urls("surveys.answer_form")).status_code == 403


def test_answering_closes_with_the_phase(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
    conditional_survey: dict[str, Any],
) -> None:
    component.settings = {"default_step": {"answers_enabled": False}}
    session.commit()
    client.sign_in(make_user())
    assert client.get(urls("surveys.answer_form")).status_code == 403
    assert "Answer the survey" not in client.get(urls("surveys.index")).text
