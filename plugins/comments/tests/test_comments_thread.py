"""Commenting on a proposal: the thread in its page's slot, replies, alignment, counts."""

from __future__ import annotations

from sqlalchemy import select

from pnyx import api
from pnyx_comments.models import Comment


def test_a_resident_comments_and_replies_without_javascript(
    client, make_user, page, post_url, session
) -> None:
    resident = make_user(email="r@example.test", name="Rene Resident")
    assert "No comment yet." in client.get(page).text
    client.sign_in(resident)
    answer = client.post_form(post_url, {"body": "Yes, and oaks please", "alignment": "for"})
    assert answer.status_code == 302
    comment = session.scalars(select(Comment)).one()
    assert answer.headers["Location"].endswith(f"#comment-{comment.id}")
    reply = client.post_form(post_url, {"body": "Why oaks?", "parent_id": str(comment.id)})
    assert reply.status_code == 302
    text = client.get(page).text
    assert "Yes, and oaks please" in text and "Why oaks?" in text
    assert "1 in favour" in text and "2 comments" in text
    stored = session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [c.depth for c in stored] == [0, 1]
    assert stored[1].root_id == stored[0].id and stored[1].alignment == 0


def test_replies_stop_at_depth_three(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    parent = None
    for level in range(3):
        data = {"body": f"level {level}"}
        if parent:
            data["parent_id"] = str(parent)
        client.post_form(post_url, data)
        parent = session.scalars(select(Comment.id).order_by(Comment.id.desc())).first()
    refused = client.post_form(post_url, {"body": "too deep", "parent_id": str(parent)})
    assert refused.status_code == 422 and "too deep</textarea>" in refused.text
    assert session.scalar(select(Comment).where(Comment.body == "too deep")) is None


def test_anonymous_people_read_but_are_asked_to_sign_in(client, post_url, page) -> None:
    answer = client.post_form(post_url, {"body": "hello"})
    assert answer.status_code == 302 and "sign-in" in answer.headers["Location"]
    assert "Sign in" in client.get(page).text


def test_blocked_comments_stay_readable_and_refuse_new_ones(
    client, make_user, page, post_url, set_step, add_comments
) -> None:
    author = make_user(email="a@example.test")
    add_comments(1, author)
    set_step(comments_blocked=True)
    client.sign_in(make_user(email="r@example.test"))
    text = client.get(page).text
    assert "Comment number 0" in text and "Comments are closed here" in text
    assert client.post_form(post_url, {"body": "late"}).status_code == 403


def test_disabled_comments_hide_the_thread(client, make_user, page, post_url, set_step) -> None:
    set_step(comments_enabled=False)
    client.sign_in(make_user(email="r@example.test"))
    assert 'id="comments"' not in client.get(page).text
    assert client.post_form(post_url, {"body": "nope"}).status_code == 403


def test_text_is_checked(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.post_form(post_url, {"body": "   "})
    refused = client.post_form(post_url, {"body": "y" * 2001, "alignment": "against"})
    assert session.scalar(select(Comment)) is None
    # Refused, the text comes back with the reason and the chosen position: nothing is lost.
    assert refused.status_code == 422
    # ... on an HTML page: as text/plain the browser showed its source.
    assert refused.mimetype == "text/html"
    assert "y" * 2001 in refused.text and 'aria-invalid="true"' in refused.text
    assert 'value="against" checked' in refused.text
    client.post_form(post_url, {"body": "x" * 2000})
    assert session.scalar(select(Comment)) is not None


def test_a_draft_cannot_be_commented(client, make_user, proposal, post_url, session) -> None:
    proposal.published_at = None
    session.commit()
    client.sign_in(make_user(email="r@example.test"))
    assert client.post_form(post_url, {"body": "hello"}).status_code == 404
    assert client.post_form("/comments/nothing_here/1", {"body": "x"}).status_code == 404


def test_list_cards_count_in_one_grouped_query(app, add_comments, make_user, proposal) -> None:
    ids = add_comments(3, make_user(email="a@example.test"))
    with app.test_request_context():
        assert api.comment_counts("proposals_proposal", [proposal.id, 999]) == {proposal.id: 6}
        assert api.comment_counts("meetings_meeting", [1]) == {}
    assert len(ids) == 3


def test_the_proposals_list_shows_the_count(client, add_comments, make_user, component) -> None:
    add_comments(2, make_user(email="a@example.test"), replies=False)
    text = client.get(f"/spaces/{component.space.slug}/proposals/{component.id}/").text
    assert "2 comments" in text


def test_official_answers_by_staff_only(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    client.post_form(post_url, {"body": "mine", "official": "yes"})
    client.sign_in(make_user(email="admin@example.test", roles=["admin"]))
    client.post_form(post_url, {"body": "ours", "official": "yes"})
    official = dict(session.execute(select(Comment.body, Comment.official)).all())
    assert official == {"mine": False, "ours": True}


def test_verifications_attached_to_comments_create_apply(
    client, make_user, post_url, session, component, proposal
) -> None:
    from pnyx.verification.admin.component_permissions import authorizable_actions

    component.permissions = {
        "comments.create": {
            "authorizations": [{"handler": "birth_date", "options": {"minimum_age": 18}}]
        }
    }
    session.commit()
    with client.application.test_request_context():
        offered = [action.name for action in authorizable_actions(component)]
    assert "comments.create" in offered and "comments.vote" in offered
    client.sign_in(make_user(email="r@example.test"))
    assert client.post_form(post_url, {"body": "Unverified"}).status_code == 403
    assert session.scalar(select(Comment)) is None


def test_the_same_comment_sent_again_is_not_published_twice(
    client, make_user, page, post_url, session
) -> None:
    """The back button brings the sent form back filled in: sending it again published the
    comment a second time."""
    client.sign_in(make_user(email="r@example.test"))
    first = client.post_form(post_url, {"body": "Plant oaks, please", "alignment": "for"})
    comment = session.scalars(select(Comment)).one()
    again = client.post_form(post_url, {"body": "  Plant oaks, please ", "alignment": "for"})
    assert again.status_code == 302 and again.location == first.location
    assert session.scalars(select(Comment)).all() == [comment]
    assert "This comment is already published." in client.get(page).text
    # A reply with those words, or other words, are new comments.
    reply = {"body": "Plant oaks, please", "parent_id": str(comment.id)}
    assert client.post_form(post_url, reply).status_code == 302
    assert client.post_form(post_url, {"body": "And limes"}).status_code == 302
    assert len(session.scalars(select(Comment)).all()) == 3


def test_a_reply_too_long_comes_back_as_a_reply_with_its_length(
    client, make_user, post_url, session
) -> None:
    """Without JavaScript there is no counter: "at most 2000" alone left the resident guessing
    how much to cut, and the refused reply came back as "Your comment"."""
    client.sign_in(make_user(email="r@example.test"))
    client.post_form(post_url, {"body": "Plant oaks"})
    parent = session.scalars(select(Comment.id)).one()
    refused = client.post_form(post_url, {"body": "x" * 2400, "parent_id": str(parent)})
    assert refused.status_code == 422
    assert "A comment holds at most 2000 characters; yours has 2400." in refused.text
    assert "<h1>Your reply</h1>" in refused.text and "Publish my reply" in refused.text
    assert f'name="parent_id" value="{parent}"' in refused.text
    french = client.post_form(
        post_url, {"body": "x" * 2001}, headers={"Accept-Language": "fr"}
    ).text
    assert "au plus 2000 caractères\u202f; le vôtre en compte 2001." in french
    assert "<h1>Votre commentaire</h1>" in french
