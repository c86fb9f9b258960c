"""Anonymous answers: one per browser session, a sum against robots, nothing identifying."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys.models import Submission


@pytest.fixture
def open_to_anyone(session: Session, component: api.Component) -> None:
    component.settings = {"global": {"anonymous_answers": True}}
    session.commit()


def _sum(page: str) -> str:
    match = re.search(r"how much is (\d+) plus (\d+)\?", page)
    assert match, "the last page asks the sum"
    return str(int(match.group(1)) + int(match.group(2)))


def _token(page: str) -> str:
    match = re.search(r'name="proof_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def _answer(client: PnyxClient, urls: Callable[..., str], survey: dict[str, Any]) -> Any:
    mode = survey["mode"]
    bike = str(mode.choices[1].id)
    last = client.post_form(urls("surveys.answer"), {"page": "0", f"q{mode.id}": bike}).text
    return client.post_form(
        urls("surveys.answer"),
        {
            "page": "1",
            f"q{mode.id}": bike,
            "proof": _sum(last),
            "proof_token": _token(last),
        },
    )


def test_an_anonymous_person_answers_once_per_browser_session(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    open_to_anyone: None,
) -> None:
    assert "You may answer without an account" in client.get(urls("surveys.index")).text
    assert _answer(client, urls, conditional_survey).status_code == 302
    page = client.get(urls("surveys.index")).text
    assert "Your answers" in page and "Bike" in page
    _answer(client, urls, conditional_survey)  # same browser: refused
    submissions = session.scalars(select(Submission)).all()
    assert len(submissions) == 1
    stored = submissions[0]
    assert stored.user_id is None and stored.anonymous_key is not None
    assert len(stored.anonymous_key) == 64  # a keyed hash: no address, no id, no token
    assert "127.0.0.1" not in stored.anonymous_key


def test_another_browser_session_answers_again(
    app: Any,
    session: Session,
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    open_to_anyone: None,
) -> None:
    for _ in range(2):
        browser: PnyxClient = app.test_client()
        browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        assert _answer(browser, urls, conditional_survey).status_code == 302
    assert len(session.scalars(select(Submission)).all()) == 2


def test_a_wrong_sum_is_refused_with_a_message(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    open_to_anyone: None,
) -> None:
    mode = conditional_survey["mode"]
    bike = str(mode.choices[1].id)
    last = client.post_form(urls("surveys.answer"), {"page": "0", f"q{mode.id}": bike}).text
    wrong = client.post_form(
        urls("surveys.answer"),
        {
            "page": "1",
            f"q{mode.id}": bike,
            "proof": "1000",
            "proof_token": _token(last),
        },
    )
    assert wrong.status_code == 400 and "That is not the right sum" in wrong.text
    forged = client.post_form(
        urls("surveys.answer"),
        {
            "page": "1",
            f"q{mode.id}": bike,
            "proof": "4",
            "proof_token": "forged",
        },
    )
    assert forged.status_code == 400
    assert session.scalars(select(Submission)).all() == []


def test_anonymous_answers_are_rate_limited(
    client: PnyxClient,
    app: Any,
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    open_to_anyone: None,
) -> None:
    app.config["SURVEYS_RATE_LIMIT_ANSWERS"] = "3/minute"
    statuses = [
        client.post_form(urls("surveys.answer"), {"page": "0"}).status_code for _ in range(4)
    ]
    assert statuses == [400, 400, 400, 429]


def test_a_verification_on_answering_asks_anonymous_people_to_sign_in(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    component: api.Component,
    conditional_survey: dict[str, Any],
    open_to_anyone: None,
) -> None:
    component.permissions = {
        "surveys.answer": {"authorizations": [{"handler": "birth_date", "options": {}}]}
    }
    session.commit()
    response = client.get(urls("surveys.answer_form"))
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_signed_in_person_must_verify_when_staff_require_it(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    component: api.Component,
    make_user: Callable[..., api.User],
    conditional_survey: dict[str, Any],
) -> None:
    component.permissions = {
        "surveys.answer": {"authorizations": [{"handler": "birth_date", "options": {}}]}
    }
    session.commit()
    client.sign_in(make_user())
    assert client.get(urls("surveys.answer_form")).status_code == 403
    assert "Verify your eligibility" in client.get(urls("surveys.index")).text
