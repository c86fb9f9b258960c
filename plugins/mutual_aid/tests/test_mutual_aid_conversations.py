"""Private conversations: opening, replying, the e-mail without the content, the contact-details
warning, the rate limit, ending, blocking, marking matched; only the two participants see it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pnyx.notifications.models import Notification, NotificationPreference
from pnyx_mutual_aid.models import AidConversation, AidMessage, AidPost


@pytest.fixture
def people(make_user):
    return {
        "author": make_user(name="Odette", email="odette@example.org"),
        "helper": make_user(name="Yanis", email="yanis@example.org"),
        "stranger": make_user(name="Mallory", email="mallory@example.org"),
    }


def contact(client, url, post, body="Hello, I can do your shopping on Thursday.", **extra):
    return client.post_form(url + f"posts/{post.id}/contact", {"body": body, **extra})


def test_i_can_help_opens_a_conversation_and_notifies_a_link_not_the_content(
    client, session, url, people, make_post, outbox
) -> None:
    post = make_post(people["author"])
    # Odette wants her e-mails at once (the default is a daily summary).
    session.add(NotificationPreference(user_id=people["author"].id, email_frequency="immediately"))
    session.commit()
    client.sign_in(people["helper"])
    form = client.get(url + f"posts/{post.id}/contact")
    assert form.status_code == 200
    assert "Before you write: staying safe" in form.text and "bank card" in form.text
    response = contact(client, url, post, "Secret plan: Thursday at 10.")
    assert response.status_code == 302
    conversation = session.scalar(select(AidConversation))
    assert response.headers["Location"].endswith(f"/conversations/{conversation.token}")
    assert len(conversation.token) >= 20
    notified = session.scalar(
        select(Notification).where(Notification.kind == "mutual_aid.answered")
    )
    assert notified.user_id == people["author"].id
    assert notified.url.endswith(f"/conversations/{conversation.token}")
    assert "Secret plan" not in str(notified.title) + str(notified.detail)
    body = outbox.body(outbox.to("odette@example.org")[-1])
    assert conversation.token in body
    assert "Secret plan" not in body and "yanis@example.org" not in body
    # The author reads and answers; the helper is notified too, once while unread.
    client.sign_in(people["author"])
    page = client.get(response.headers["Location"]).text
    assert "Secret plan: Thursday at 10." in page and "yanis@example.org" not in page
    for text in ("Thank you, see you!", "Ring twice."):
        answer = client.post_form(response.headers["Location"], {"body": text})
        assert answer.status_code == 302
    to_helper = select(Notification).where(Notification.user_id == people["helper"].id)
    assert [n.kind for n in session.scalars(to_helper)] == ["mutual_aid.message"]


def test_a_third_person_gets_404_even_guessing_ids(client, session, url, people, make_post) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    contact(client, url, post)
    conversation = session.scalar(select(AidConversation))
    message = session.scalar(select(AidMessage))
    client.sign_in(people["stranger"])
    base = url + f"conversations/{conversation.token}"
    for path in ("", "/end", "/block", "/matched"):
        answer = client.get(base + path) if not path else client.post_form(base + path)
        assert answer.status_code in (404, 405), path
    assert client.get(base).status_code == 404
    assert client.post_form(base, {"body": "let me in"}).status_code == 404
    assert client.get(base + f"/messages/{message.id}/report").status_code == 404
    # Sequential ids and near guesses lead nowhere.
    for guess in (str(conversation.id), "1", conversation.token[:-1] + "A", "x" * 40):
        assert client.get(url + f"conversations/{guess}").status_code == 404
    # A moderator of the space reads it neither, until a message is reported.
    assert session.scalar(select(func.count()).select_from(AidMessage)) == 1


def test_contact_details_need_a_warning_first(client, session, url, people, make_post) -> None:
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    warned = contact(client, url, post, "Call me at 06 12 34 56 78")
    assert warned.status_code == 200
    assert "contains an e-mail address or a phone number" in warned.text
    assert session.scalar(select(func.count()).select_from(AidConversation)) == 0
    sent = contact(client, url, post, "Call me at 06 12 34 56 78", contact_details="yes")
    assert sent.status_code == 302
    conversation = session.scalar(select(AidConversation))
    thread = url + f"conversations/{conversation.token}"
    warned = client.post_form(thread, {"body": "or write to me: yanis (at) example.org"})
    assert warned.status_code == 200 and "I understand" in warned.text


def test_messages_are_rate_limited(client, session, board, url, people, make_post) -> None:
    board.settings = {**board.settings, "global": {"messages_per_hour": 2}}
    session.commit()
    post = make_post(people["author"])
    client.sign_in(people["helper"])
    assert contact(client, url, post).status_code == 302
    conversation = session.scalar(select(AidConversation))
    thread = url + f"conversations/{conversation.token}"
    assert client.post_form(thread, {"body": "Second"}).status_code == 302
    limited = client.post_form(thread, {"body": "Third"})
    assert limited.status_code == 429 and "please wait" in limited.text
    assert session.scalar(select(func.count()).select_from(AidMessage)) == 2


def test_ending_and_blocking(client, session, url, people, make_post) -> None:
    post = make_post(people["author"])
    other_post = make_post(people["author"], title="Another request")
    client.sign_in(people["helper"])
    contact(client, url, post)
    conversation = session.scalar(select(AidConversation))
    thread = url + f"conversations/{conversation.token}"
    client.sign_in(people["author"])
    assert client.post_form(thread + "/end").status_code == 302
    client.sign_in(people["helper"])
    assert client.post_form(thread, {"body": "Still there?"}).status_code == 403
    # The author blocks the helper (after a confirmation): no new conversation either.
    client.sign_in(people["author"])
    asked = client.post_form(thread + "/block")
    assert asked.status_code == 200 and "Block this person?" in asked.text
    assert client.post_form(thread + "/block", {"confirmed": "yes"}).status_code == 302
    client.sign_in(people["helper"])
    refused = contact(client, url, other_post)
    assert refused.status_code == 403 and "cannot contact" in refused.text


def test_two_helpers_each_get_a_conversation_and_matching_is_idempotent(
    client, session, url, people, make_post
) -> None:
    post = make_post(people["author"])
    for helper in ("helper", "stranger"):
        client.sign_in(people[helper])
        assert contact(client, url, post).status_code == 302
        assert contact(client, url, post, "Once more").status_code == 302  # same conversation
    assert session.scalar(select(func.count()).select_from(AidConversation)) == 2
    first = session.scalar(select(AidConversation).order_by(AidConversation.id))
    client.sign_in(people["helper"])
    refused = client.post_form(url + f"conversations/{first.token}/matched")
    assert refused.status_code == 302
    assert session.get(AidPost, post.id).status == "open"
    client.sign_in(people["author"])
    for _ in range(2):
        assert client.post_form(url + f"conversations/{first.token}/matched").status_code == 302
    session.expire_all()
    post = session.get(AidPost, post.id)
    assert post.status == "matched"
    from pnyx.models import ActionLog

    logged = select(func.count()).where(ActionLog.action == "mutual_aid.post_matched")
    assert session.scalar(logged.select_from(ActionLog)) == 1
    # A matched post takes no new answer.
    client.sign_in(people["helper"])
    assert client.get(url + f"posts/{post.id}/contact").status_code == 403


def test_one_cannot_answer_ones_own_post(client, url, people, make_post) -> None:
    post = make_post(people["author"])
    client.sign_in(people["author"])
    assert contact(client, url, post).status_code == 403


def test_my_conversations_lists_only_mine(client, session, url, people, make_post) -> None:
    post = make_post(people["author"], title="Walk my dog")
    client.sign_in(people["helper"])
    contact(client, url, post)
    assert "Walk my dog" in client.get(url + "conversations").text
    client.sign_in(people["stranger"])
    assert "Walk my dog" not in client.get(url + "conversations").text
