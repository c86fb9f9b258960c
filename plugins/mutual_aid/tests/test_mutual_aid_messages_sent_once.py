"""A first message or a reply sent twice (a double click, a phone sending again on a slow
line) is one message: the message form's one-time token is taken in the message's
transaction (api.submissions, docs/forms.md). SQLite here, PostgreSQL with
PNYX_TEST_DATABASE_URL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx import api
from pnyx.models import FormSubmission
from pnyx.testing import concurrency
from pnyx_mutual_aid.models import AidConversation, AidMessage

TOKEN = "Aid-message-sent-once-0123456789"
AGAIN = "This form was already sent: what it made is saved once."


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    # Flask's test client is not a server: keep each thread's errors visible.
    return {"PROPAGATE_EXCEPTIONS": False}


@pytest.fixture
def people(make_user):
    return {"author": make_user(name="Odette"), "helper": make_user(name="Yanis")}


def messages(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AidMessage)) or 0


def token_in(page: str) -> str:
    return page.split('name="submission_token" value="')[1].split('"')[0]


def test_the_contact_and_reply_forms_carry_a_new_token(
    client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    contact_page = client.get(url + f"posts/{post.id}/contact").text
    assert token_in(contact_page) != token_in(client.get(url + f"posts/{post.id}/contact").text)
    sent = client.post_form(url + f"posts/{post.id}/contact", {"body": "I can help."})
    thread = client.get(sent.location).text
    assert token_in(thread) != token_in(client.get(sent.location).text)


def test_a_contact_form_sent_again_is_one_message(client, session, url, people, make_post) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    form = {"body": "I can do your shopping on Thursday.", "submission_token": TOKEN}
    first = client.post_form(url + f"posts/{post.id}/contact", form)
    again = client.post_form(url + f"posts/{post.id}/contact", form)
    assert again.status_code == 302 and again.location == first.location
    assert AGAIN in client.get(again.location).text
    assert messages(session) == 1
    stored = session.scalar(select(FormSubmission).where(FormSubmission.token == TOKEN))
    assert stored is not None and stored.location == first.location


def test_a_reply_sent_again_is_one_message_and_other_words_another(
    client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    thread = client.post_form(url + f"posts/{post.id}/contact", {"body": "I can help."}).location
    client.sign_in(people["author"])
    form = {"body": "Thank you, see you Thursday!", "submission_token": TOKEN}
    first = client.post_form(thread, form)
    again = client.post_form(thread, form)
    assert again.status_code == 302 and again.location == first.location
    assert messages(session) == 2  # the first contact and one reply
    # The page the browser kept, used to write another reply: nothing typed is lost.
    client.post_form(thread, {"body": "Ring twice.", "submission_token": TOKEN})
    assert messages(session) == 3


def test_a_refused_reply_leaves_its_token_free(client, session, url, people, make_post) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    thread = client.post_form(url + f"posts/{post.id}/contact", {"body": "I can help."}).location
    conversation = session.scalar(select(AidConversation))
    conversation.ended_at = api.utcnow()
    session.commit()
    form = {"body": "Are you there?", "submission_token": TOKEN}
    assert client.post_form(thread, form).status_code == 403
    assert session.scalar(select(FormSubmission).where(FormSubmission.token == TOKEN)) is None
    conversation.ended_at = None
    session.commit()
    assert client.post_form(thread, form).status_code == 302
    assert messages(session) == 2


def test_a_contact_double_click_at_once_is_one_message(
    app, session, url, people, make_post, detached
) -> None:
    post = make_post(people["author"])
    form = {"body": "I can do it on Thursday.", "submission_token": TOKEN}
    sending = (people["helper"], url + f"posts/{post.id}/contact", form)
    statuses = concurrency.post_at_once(app, [sending] * 4)
    assert statuses == [302] * 4
    session.commit()  # a fresh read of what the threads wrote
    assert session.scalar(select(func.count()).select_from(AidConversation)) == 1
    assert messages(session) == 1


def test_a_reply_double_click_at_once_is_one_message(
    app, client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    thread = client.post_form(url + f"posts/{post.id}/contact", {"body": "I can help."}).location
    form = {"body": "Thank you, see you Thursday!", "submission_token": TOKEN}
    with concurrency.detached(app, session):
        statuses = concurrency.post_at_once(app, [(people["author"], thread, form)] * 4)
    assert statuses == [302] * 4
    session.commit()  # a fresh read of what the threads wrote
    assert messages(session) == 2  # the first contact and one reply
