"""The language a person writes their free-text answers in (pnyx.written_language, WCAG 3.1.2):
asked once per answer set on the page that sends it, stored, marked with ``lang`` where the
answers show on a page in another language, and exported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx_surveys import kinds, personal_data
from pnyx_surveys.answering.saving import save
from pnyx_surveys.models import Answer, Submission
from pnyx_surveys.questionnaires import of_component

from .conftest import question_with_other, reloaded

CORSICAN = "Ci vole più bus a sera."
REFUSED = "Choisissez la langue de votre texte dans la liste."
LABEL = '<label for="language">Langue de vos réponses écrites</label>'


@pytest.fixture(autouse=True)
def bilingual(make_organization: Callable[..., api.Organization]) -> api.Organization:
    """Smart Isula's case: French first, Corsican offered (made before the component)."""
    return make_organization(default_locale="fr", available_locales=["fr", "co"])


def reading(client: PnyxClient, language: str) -> PnyxClient:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def submissions(session: Session) -> list[Submission]:
    session.expire_all()
    return list(session.scalars(select(Submission).order_by(Submission.id)))


def cyclist(survey: dict[str, Any], remark: str = CORSICAN, **more: str) -> dict[str, str]:
    """The last page's form of a cyclist who writes a remark."""
    mode, written = survey["mode"], survey["remark"]
    bike = str(mode.choices[1].id)
    return {"page": "1", f"q{mode.id}": bike, f"q{written.id}": remark, **more}


def test_the_page_that_sends_the_answers_asks_their_language_once(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
) -> None:
    mode = conditional_survey["mode"]
    client.sign_in(make_user())
    first = reading(client, "fr").get(urls("surveys.answer_form")).text
    assert LABEL not in first  # not on the first page
    car = str(mode.choices[0].id)
    last = client.post_form(urls("surveys.answer"), {"page": "0", f"q{mode.id}": car}).text
    assert last.count(LABEL) == 1
    assert '<option value="fr" lang="fr" selected>' in last

    back = client.post_form(
        urls("surveys.answer"), cyclist(conditional_survey, language="co", move="previous")
    ).text
    assert '<input type="hidden" name="language" value="co">' in back  # kept on the way back

    refused = client.post_form(urls("surveys.answer"), cyclist(conditional_survey, language="de"))
    assert refused.status_code == 400 and REFUSED in refused.text
    assert f">{CORSICAN}</textarea>" in refused.text  # nothing lost
    assert '<a href="#language">' in refused.text
    assert submissions(session) == []

    sent = client.post_form(urls("surveys.answer"), cyclist(conditional_survey, language="co"))
    assert sent.status_code == 302
    assert [s.language for s in submissions(session)] == ["co"]
    own = client.get(urls("surveys.index")).text
    assert f'<dd lang="co">{CORSICAN}</dd>' in own
    assert '<dd lang="co">' not in own.replace(f'<dd lang="co">{CORSICAN}</dd>', "")  # a choice


def test_a_questionnaire_without_free_text_does_not_ask(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
    new_question: Callable[..., Any],
) -> None:
    questionnaire = of_component(session, component)
    new_question(session, questionnaire.sections[0], kinds.SINGLE, "Bus?", ("Yes", "No"))
    session.commit()
    client.sign_in(make_user())
    page = reading(client, "fr").get(urls("surveys.answer_form")).text
    assert "Send my answers" in page or "Envoyer mes réponses" in page
    assert 'name="language"' not in page


def test_changing_ones_answers_starts_from_their_language(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    conditional_survey: dict[str, Any],
    editable_answers: None,
) -> None:
    client.sign_in(make_user())
    reading(client, "fr").post_form(
        urls("surveys.answer"), cyclist(conditional_survey, language="co")
    )
    form = client.get(urls("surveys.answer_form")).text
    assert '<input type="hidden" name="language" value="co">' in form  # to the last page
    again = client.post_form(urls("surveys.answer"), cyclist(conditional_survey, "Plus de bus."))
    assert again.status_code == 302
    assert [s.language for s in submissions(session)] == ["fr"]  # nothing chosen: the page's


@pytest.fixture
def answered(session: Session, conditional_survey: dict[str, Any]) -> dict[str, Any]:
    """A Corsican and a French remark, both published; results public."""
    questionnaire = reloaded(session, conditional_survey)
    mode, remark = conditional_survey["mode"], conditional_survey["remark"]
    bike = mode.choices[1].id
    for number, (text, language) in enumerate(((CORSICAN, "co"), ("Plus de bus.", "fr"))):
        values = {mode.id: {"choices": [bike], "other": ""}, remark.id: text}
        save(session, questionnaire, values, anonymous_key=f"k{number}", language=language)
    for answer in session.scalars(select(Answer).where(Answer.text.is_not(None))):
        answer.published = True
    questionnaire.component.settings = {"default_step": {"results_public": True}}
    session.commit()
    return conditional_survey


def test_results_and_written_answers_mark_each_text_with_its_language(
    client: PnyxClient,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    results = reading(client, "fr").get(urls("surveys.results")).text
    assert f'<li lang="co">{CORSICAN}</li>' in results
    assert "<li>Plus de bus.</li>" in results
    in_corsican = reading(client, "co").get(urls("surveys.results")).text
    assert f"<li>{CORSICAN}</li>" in in_corsican
    assert '<li lang="fr">Plus de bus.</li>' in in_corsican

    client.sign_in(make_user(roles=["admin"]))
    queue = reading(client, "fr").get(urls("surveys_admin.texts_moderation", show="all")).text
    assert f'<p lang="co">{CORSICAN}</p>' in queue and "<p>Plus de bus.</p>" in queue


def test_the_written_answers_page_reads_their_languages_with_them(
    make_user: Callable[..., api.User],
    client: PnyxClient,
    count_queries: Callable[[str], int],
    session: Session,
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    url = urls("surveys_admin.texts_moderation", show="all")
    before = count_queries(url)
    questionnaire = reloaded(session, answered)
    remark = answered["remark"]
    for number in range(2, 8):
        values = {remark.id: f"Remark {number}"}
        save(session, questionnaire, values, anonymous_key=f"k{number}", language="co")
    assert count_queries(url) == before  # one query for the texts and their sets


def test_exports_and_personal_data_say_the_language(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    answered: dict[str, Any],
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    rows = list(csv.DictReader(io.StringIO(client.get(urls("surveys_admin.export_csv")).text)))
    assert [row["language"] for row in rows] == ["co", "fr"]
    records = json.loads(client.get(urls("surveys_admin.export_json")).text)
    assert [record["language"] for record in records] == ["co", "fr"]

    person = make_user(name="Ada")
    questionnaire = reloaded(session, answered)
    save(
        session, questionnaire, {answered["remark"].id: CORSICAN}, user_id=person.id, language="co"
    )
    exported = personal_data.export(session, person)
    assert exported is not None
    assert [row["language"] for row in exported["answers.csv"]] == ["co"]
    assert session.scalar(select(func.count()).select_from(Submission)) == 3


def test_an_other_typed_in_another_language_is_marked_in_ones_answers(
    client: PnyxClient,
    session: Session,
    make_user: Callable[..., api.User],
    urls: Callable[..., str],
    component: api.Component,
) -> None:
    """ "Other, please specify" is written by the person (the questionnaire asks its language
    for it): their answers mark it, not the chosen options' labels, which are the page's."""
    where = question_with_other(session, component, kinds.MULTIPLE)
    client.sign_in(make_user())
    form = {"page": "0", f"q{where.id}": [str(where.choices[0].id), "other"]}
    form |= {f"q{where.id}_other": "A spiaggia", "language": "co"}
    assert client.post_form(urls("surveys.answer"), form).status_code == 302
    own = reading(client, "fr").get(urls("surveys.index")).text
    assert '<dd lang="co">A spiaggia</dd>' in own
    assert "<dd>Town planning</dd>" in own
