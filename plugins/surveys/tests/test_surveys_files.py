"""The file-upload question (issue 15): off by default per survey; private files (only the
respondent and the survey's staff open them); size and kind limits with clear errors; the file
travels across pages and survives a page shown again with errors (no JavaScript); it goes with
the answer and with the person's data; anonymous respondents never see file questions."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.testing import PnyxClient
from pnyx.testing.files import PDF, PHP, png
from pnyx_surveys import kinds
from pnyx_surveys.models import Answer, Section, Submission
from pnyx_surveys.personal_data import delete_data
from pnyx_surveys.questionnaires import of_component

from .conftest import add_question

Attachment = api.attachments.Attachment


@pytest.fixture
def component(make_component: Callable[..., api.Component]) -> api.Component:
    return make_component(
        "surveys", settings={"global": {"file_uploads": True, "editable_answers": True}}
    )


@pytest.fixture
def survey(session: Session, component: api.Component) -> dict[str, Any]:
    """Page 1: a CV (PDF and documents, at most 1 MB, required) and a required name; page 2:
    a remark."""
    questionnaire = of_component(session, component)
    first = questionnaire.sections[0]
    second = Section(questionnaire_id=questionnaire.id, position=1)
    questionnaire.sections.append(second)
    session.flush()
    cv = add_question(
        session,
        first,
        kinds.FILE,
        "Your CV",
        mandatory=True,
        options={"max_mb": 1, "accept": "documents"},
    )
    name = add_question(session, first, kinds.SHORT_TEXT, "Your name", mandatory=True)
    remark = add_question(session, second, kinds.LONG_TEXT, "A remark?")
    session.commit()
    return {"cv": cv, "name": name, "remark": remark}


def send(client: PnyxClient, url: str, form: dict[str, Any]) -> Any:
    return client.post_form(url, form, content_type="multipart/form-data")


def stored_files(session: Session) -> list[Attachment]:
    session.expire_all()
    return list(session.scalars(select(Attachment)))


def test_a_file_travels_across_pages_and_errors_and_stays_private(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    survey: dict[str, Any],
    make_user: Callable[..., api.User],
) -> None:
    cv, name, remark = survey["cv"], survey["name"], survey["remark"]
    ada = make_user(name="Ada")
    client.sign_in(ada)
    url = urls("surveys.answer")
    page = client.get(url).text
    assert 'enctype="multipart/form-data"' in page and f'name="q{cv.id}_file"' in page
    assert "Accepted: DOCX, ODP, ODS, ODT, PDF, PPTX, XLSX, at most 1 MB." in page

    # Limits, explained next to the question; what was typed is kept.
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
    refused = send(
        client,
        url,
        {"page": "0", f"q{name.id}": "Ada", f"q{cv.id}_file": (io.BytesIO(big), "cv.pdf")},
    )
    assert refused.status_code == 400 and "The file is too large: at most 1 MB." in refused.text
    assert 'value="Ada"' in refused.text
    image = send(client, url, {"page": "0", f"q{cv.id}_file": (io.BytesIO(png()), "cv.png")})
    assert image.status_code == 400 and "This kind of file is not accepted here." in image.text
    script = send(client, url, {"page": "0", f"q{cv.id}_file": (io.BytesIO(PHP), "cv.pdf")})
    assert script.status_code == 400 and "named like a PDF file" in script.text
    assert stored_files(session) == []

    # A good file with another answer missing: the page comes back with the file received.
    again = send(client, url, {"page": "0", f"q{cv.id}_file": (io.BytesIO(PDF), "../cv.pdf")})
    assert again.status_code == 400 and "Received: cv.pdf" in again.text
    [held] = stored_files(session)
    assert held.owner_type == api.attachments.HELD and held.readers_action == "surveys.manage"
    assert f'name="q{cv.id}" value="{held.key}"' in again.text
    # Next page: the file's key travels in a hidden field; Previous shows it again.
    second = send(client, url, {"page": "0", f"q{cv.id}": held.key, f"q{name.id}": "Ada"})
    assert second.status_code == 200 and f'name="q{cv.id}" value="{held.key}"' in second.text
    back = send(
        client, url, {"page": "1", "move": "previous", f"q{cv.id}": held.key, f"q{name.id}": "Ada"}
    )
    assert "Received: cv.pdf" in back.text
    done = send(
        client,
        url,
        {"page": "1", f"q{cv.id}": held.key, f"q{name.id}": "Ada", f"q{remark.id}": "Hi"},
    )
    assert done.status_code == 302
    [claimed] = stored_files(session)
    submission = session.scalar(select(Submission))
    assert (claimed.owner_type, claimed.owner_id) == ("surveys_submission", submission.id)
    answer = session.scalar(select(Answer).where(Answer.question_id == cv.id))
    assert answer.text == claimed.key

    # Private: the respondent and the survey's staff open it; nobody else, never cached.
    assert client.get(f"/files/{claimed.key}").status_code == 200
    client.sign_in(make_user(name="Bob"))
    assert client.get(f"/files/{claimed.key}").status_code == 404
    client.sign_out()
    assert client.get(f"/files/{claimed.key}").status_code == 302  # sign in first
    client.sign_in(make_user(name="Staff", roles=["admin"]))
    opened = client.get(f"/files/{claimed.key}")
    assert opened.status_code == 200 and opened.headers["Cache-Control"] == "private, no-store"
    export = client.get(urls("surveys_admin.export_csv")).text
    assert f"/files/{claimed.key}" in export


def test_someone_elses_key_claims_nothing(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    survey: dict[str, Any],
    make_user: Callable[..., api.User],
) -> None:
    cv, name = survey["cv"], survey["name"]
    url = urls("surveys.answer")
    client.sign_in(make_user(name="Ada"))
    send(client, url, {"page": "0", f"q{cv.id}_file": (io.BytesIO(PDF), "cv.pdf")})
    [held] = stored_files(session)
    client.sign_in(make_user(name="Mallory"))
    stolen = send(client, url, {"page": "0", f"q{cv.id}": held.key, f"q{name.id}": "M"})
    assert stolen.status_code == 400 and "The file was not received: send it again." in stolen.text
    assert held.key not in stolen.text


def test_changing_answers_and_deleting_ones_data_remove_the_files(
    client: PnyxClient,
    session: Session,
    urls: Callable[..., str],
    survey: dict[str, Any],
    make_user: Callable[..., api.User],
) -> None:
    cv, name = survey["cv"], survey["name"]
    url = urls("surveys.answer")
    ada = make_user(name="Ada")
    client.sign_in(ada)

    def answer_with(data: bytes, filename: str) -> str:
        send(client, url, {"page": "0", f"q{cv.id}_file": (io.BytesIO(data), filename)})
        key = session.scalars(
            select(Attachment.key).where(Attachment.owner_type == api.attachments.HELD)
        ).one()
        send(client, url, {"page": "1", f"q{cv.id}": key, f"q{name.id}": "Ada"})
        return key

    first = answer_with(PDF, "one.pdf")
    # Editing: the stored file is shown again, then replaced; the old one goes.
    assert "Received: one.pdf" in client.get(url).text
    second = answer_with(PDF + b"\n%more", "two.pdf")
    assert [a.key for a in stored_files(session)] == [second]
    assert first != second
    with client.application.test_request_context():
        delete_data(session, session.get(api.User, ada.id))
        session.commit()
    assert stored_files(session) == []


def test_file_questions_are_off_by_default_and_never_asked_anonymously(
    client: PnyxClient,
    session: Session,
    make_component: Callable[..., api.Component],
    make_user: Callable[..., api.User],
    app: Any,
) -> None:
    off = make_component("surveys")
    builder = f"/admin/spaces/{off.space.slug}/surveys/{off.id}/"
    client.sign_in(make_user(roles=["admin"]))
    assert "File upload" not in client.get(builder).text
    section = of_component(session, off).sections[0]
    refused = client.get(f"{builder}sections/{section.id}/questions/new?kind=file_upload")
    assert refused.status_code == 302
    assert "File questions are off for this survey" in client.get(builder).text

    anonymous = make_component(
        "surveys", settings={"global": {"file_uploads": True, "anonymous_answers": True}}
    )
    questionnaire = of_component(session, anonymous)
    file_question = add_question(
        session, questionnaire.sections[0], kinds.FILE, "A photo", mandatory=True
    )
    text = add_question(session, questionnaire.sections[0], kinds.SHORT_TEXT, "A word")
    session.commit()
    client.sign_out()
    url = f"/spaces/{anonymous.space.slug}/surveys/{anonymous.id}/answer"
    page = client.get(url).text
    assert "A word" in page and "A photo" not in page
    assert f'name="q{file_question.id}' not in page and text.id
