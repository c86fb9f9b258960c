"""Safety: the guidance staff edit (shown before a first contact), reports, the moderation
queue (hide, restore, ban), moderators reading a conversation only once reported, and the
optional rule that only verified residents post or contact."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pnyx import api
from pnyx_mutual_aid.models import AidConversation, AidMessage


@pytest.fixture
def admin_url(board) -> str:
    return f"/admin/spaces/{board.space.slug}/mutual_aid/{board.id}/"


def test_staff_edit_the_safety_guidance_shown_before_first_contact(
    client, url, admin_url, make_user, make_post
) -> None:
    client.sign_in(make_user(roles=["admin"]))
    assert client.get(admin_url + "guidance").status_code == 200
    response = client.post_form(
        admin_url + "guidance",
        {"body.fr": "Rencontrez-vous à la mairie.", "body.en": "Meet at the **town hall**."},
    )
    assert response.status_code == 302
    post = make_post(make_user())
    client.sign_in(make_user())
    form = client.get(url + f"posts/{post.id}/contact").text
    assert "<strong>town hall</strong>" in form and "bank card" not in form
    assert "town hall" in client.get(url + "safety").text


def test_a_reported_message_opens_its_conversation_to_moderators_only_then(
    client, session, board, url, admin_url, make_user, make_post
) -> None:
    author, helper = make_user(), make_user(name="Troublemaker")
    moderator = make_user(space_roles={board.space: "moderator"})
    post = make_post(author)
    client.sign_in(helper)
    client.post_form(url + f"posts/{post.id}/contact", {"body": "Give me your bank card."})
    conversation = session.scalar(select(AidConversation))
    message = session.scalar(select(AidMessage))
    moderated = admin_url + f"moderation/conversations/{conversation.token}"
    client.sign_in(moderator)
    assert client.get(moderated).status_code == 404
    assert client.get(url + f"conversations/{conversation.token}").status_code == 404
    client.sign_in(author)
    report = url + f"conversations/{conversation.token}/messages/{message.id}/report"
    assert client.get(report).status_code == 200
    assert client.post_form(report, {"reason": "unsafe", "details": "Scam"}).status_code == 302
    client.sign_in(moderator)
    queue = client.get(admin_url + "moderation").text
    assert "Give me your bank card." in queue and "Scam" in queue
    assert "Give me your bank card." in client.get(moderated).text
    # Still not through the participants' page.
    assert client.get(url + f"conversations/{conversation.token}").status_code == 404
    hidden = client.post_form(admin_url + f"moderation/messages/{message.id}", {"decision": "hide"})
    assert hidden.status_code == 302
    session.refresh(message)
    assert message.hidden_at is not None
    client.sign_in(author)
    thread = client.get(url + f"conversations/{conversation.token}").text
    assert "bank card" not in thread and "hidden by the moderators" in thread
    # Banned: the helper can no longer write, post or contact on this board.
    client.sign_in(moderator)
    asked = client.post_form(admin_url + "moderation/bans", {"user_id": str(helper.id)})
    assert asked.status_code == 200 and "Ban this person" in asked.text
    banned = client.post_form(
        admin_url + "moderation/bans", {"user_id": str(helper.id), "confirmed": "yes"}
    )
    assert banned.status_code == 302
    client.sign_in(helper)
    assert client.get(url + "posts/new").status_code == 403
    assert client.get(url + f"conversations/{conversation.token}").status_code == 403


def test_reported_posts_are_hidden_after_the_threshold_and_restored(
    client, session, board, url, admin_url, make_user, make_post
) -> None:
    board.settings = {**board.settings, "global": {"reports_to_hide": 2}}
    session.commit()
    post = make_post(make_user(), title="Suspicious offer")
    for _ in range(2):
        client.sign_in(make_user())
        answer = client.post_form(url + f"posts/{post.id}/report", {"reason": "spam"})
        assert answer.status_code == 302
    session.refresh(post)
    assert post.hidden_at is not None
    client.sign_in(make_user())
    assert client.get(url + f"posts/{post.id}").status_code == 404
    assert "Suspicious offer" not in client.get(url).text
    client.sign_in(make_user(space_roles={board.space: "moderator"}))
    queue = client.get(admin_url + "moderation").text
    assert "Suspicious offer" in queue
    restored = client.post_form(admin_url + f"moderation/posts/{post.id}", {"decision": "restore"})
    assert restored.status_code == 302
    session.refresh(post)
    assert post.hidden_at is None


def test_only_verified_residents_post_and_contact_when_staff_require_it(
    client, session, board, url, make_user, make_post, territories
) -> None:
    requirement = {"authorizations": [{"handler": "residence", "options": {"territories": []}}]}
    board.permissions = {"mutual_aid.post": requirement, "mutual_aid.contact": requirement}
    session.commit()
    post = make_post(make_user())
    newcomer = make_user()
    client.sign_in(newcomer)
    assert client.get(url + "posts/new").status_code == 403
    assert client.get(url + f"posts/{post.id}/contact").status_code == 403
    assert "/account/verifications/residence" in client.get(url + f"posts/{post.id}").text
    api.verification.grant(
        session, newcomer, "residence", {"territory_id": territories["doutre"].id}
    )
    session.commit()
    assert client.get(url + "posts/new").status_code == 200
    assert client.get(url + f"posts/{post.id}/contact").status_code == 200
