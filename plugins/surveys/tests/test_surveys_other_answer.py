"""The "Other, please specify" text counts when typed without ticking "Other": Nivelles' survey
saved a resident's "Bibliothèque" without it (another service ticked), or answered "This
question needs an answer" (nothing ticked), and the text was lost either way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds
from pnyx_surveys.models import Answer

from .conftest import question_with_other


def saved(session: Session) -> list[tuple[int | None, str | None]]:
    """The stored answer rows as ``(choice id, text)``: an option, or the "Other" text."""
    session.commit()  # see the request's write
    rows = session.execute(select(Answer.choice_id, Answer.text).order_by(Answer.id))
    return [(choice, text) for choice, text in rows]


@pytest.mark.parametrize("ticked", [[], ["first"]])
def test_a_typed_other_is_an_answer_to_a_multiple_choice(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
    ticked: list[str],
) -> None:
    question = question_with_other(session, component, kinds.MULTIPLE)
    choices = [str(question.choices[0].id)] if ticked else []
    client.sign_in(make_user())
    done = client.post_form(
        urls("surveys.answer"),
        {"page": "0", f"q{question.id}": choices, f"q{question.id}_other": " Library "},
    )
    assert done.status_code == 302
    assert saved(session) == [(int(c), None) for c in choices] + [(None, "Library")]


def test_a_typed_other_answers_a_single_choice_left_empty(
    client, session, make_user, urls, component
) -> None:
    question = question_with_other(session, component, kinds.SINGLE)
    client.sign_in(make_user())
    done = client.post_form(
        urls("surveys.answer"), {"page": "0", f"q{question.id}_other": "Library"}
    )
    assert done.status_code == 302
    assert saved(session) == [(None, "Library")]


def test_a_single_choice_answered_with_an_option_keeps_it_over_a_left_over_text(
    client, session, make_user, urls, component
) -> None:
    """The person typed, then chose an option: the radio buttons untick "Other" but the text
    stays in its field; the option chosen last is the answer."""
    question = question_with_other(session, component, kinds.SINGLE)
    taxes = str(question.choices[1].id)
    client.sign_in(make_user())
    done = client.post_form(
        urls("surveys.answer"),
        {"page": "0", f"q{question.id}": taxes, f"q{question.id}_other": "Library"},
    )
    assert done.status_code == 302
    assert saved(session) == [(int(taxes), None)]
