"""The survey builder's "add a question" form and "add a page" button sent twice (a double
click, the back button) add one question, one page: their one-time token is taken in the
item's transaction (api.submissions, docs/forms.md "Sent once"). Answers need none: a
person's answers are once per person already (pnyx_surveys.answering.saving)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.submissions import sent_twice
from pnyx_surveys import kinds
from pnyx_surveys.models import Question, Section
from pnyx_surveys.questionnaires import of_component


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_question_form_sent_again_adds_one_question(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    section = of_component(session, component).sections[0]
    new = urls("surveys_admin.new_question", section_id=section.id, kind=kinds.SHORT_TEXT)
    sent_twice(client, new, {"text.fr": "Régime alimentaire", "text.en": "Diet"})
    assert count(session, Question) == 1
    edit = urls("surveys_admin.edit_question", question_id=session.scalar(select(Question.id)))
    assert 'name="submission_token"' not in client.get(edit).text


def test_the_add_a_page_button_clicked_twice_adds_one_page(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    of_component(session, component)
    session.commit()
    pages = count(session, Section)
    builder = client.get(urls("surveys_admin.index")).text
    token = builder.split('name="submission_token" value="')[1].split('"')[0]
    first = client.post_form(urls("surveys_admin.add_section"), {"submission_token": token})
    again = client.post_form(urls("surveys_admin.add_section"), {"submission_token": token})
    assert again.status_code == 302 and again.location == first.location
    assert count(session, Section) == pages + 1
