"""Reports, the space's moderation queue, hiding with a reason, automatic hiding."""

from __future__ import annotations

from sqlalchemy import select

from pnyx import api
from pnyx_comments.models import Comment, Report


def test_reports_then_automatic_hiding_after_n_reports(
    app, client, make_user, add_comments, session, page, proposal, outbox
) -> None:
    app.config["COMMENTS_HIDE_AFTER_REPORTS"] = 2
    author = make_user(email="author2@example.test")
    comment_id = add_comments(1, author, replies=False)[0]
    url = f"/comments/{comment_id}/report"
    client.sign_in(make_user(email="r1@example.test"))
    assert client.get(url).status_code == 200
    assert client.post_form(url, {"reason": "nonsense"}).status_code == 422
    assert client.post_form(url, {"reason": "spam"}).status_code == 302
    assert client.post_form(url, {"reason": "spam"}).status_code == 302  # once per person
    session.expire_all()
    assert session.get(Comment, comment_id).reports_count == 1
    client.sign_in(make_user(email="r2@example.test"))
    client.post_form(url, {"reason": "offensive", "details": "rude"})
    session.expire_all()
    comment = session.get(Comment, comment_id)
    assert comment.hidden_at is not None and comment.reports_count == 2
    assert any("author2@example.test" in str(mail["To"]) for mail in outbox)
    text = client.get(page).text
    assert "Hidden by moderation." in text and "Comment number 0" not in text
    with app.test_request_context():
        assert api.comment_counts("proposals_proposal", [proposal.id]) == {}


def test_the_space_moderation_queue(
    client, make_user, add_comments, session, component, page
) -> None:
    author = make_user(email="author2@example.test")
    comment_id = add_comments(1, author, replies=False)[0]
    session.add(Report(comment_id=comment_id, user_id=author.id, reason="spam"))
    session.get(Comment, comment_id).reports_count = 1
    session.commit()
    queue = f"/admin/spaces/{component.space.slug}/comments/moderation"
    client.sign_in(make_user(email="r@example.test"))
    assert client.get(queue).status_code == 403
    client.sign_in(make_user(email="m@example.test", space_roles={component.space: "moderator"}))
    text = client.get(queue).text
    assert "Comment number 0" in text and "Spam or advertising (1)" in text
    hide = f"/admin/spaces/{component.space.slug}/comments/{comment_id}/hide"
    client.post_form(hide, {"reason": ""})
    session.expire_all()
    assert session.get(Comment, comment_id).hidden_at is None
    client.post_form(hide, {"reason": "Insults"})
    session.expire_all()
    assert session.get(Comment, comment_id).hidden_reason == "Insults"
    client.sign_in(author)
    assert "Reason: Insults" in client.get(page).text
    client.sign_in(make_user(email="m2@example.test", roles=["admin"]))
    unhide = f"/admin/spaces/{component.space.slug}/comments/{comment_id}/unhide"
    assert client.post_form(unhide, {"reason": "ok after all"}).status_code == 302
    session.expire_all()
    comment = session.get(Comment, comment_id)
    assert comment.hidden_at is None and comment.reports_count == 0
    assert session.scalar(select(Report)) is None


def test_another_space_moderator_gets_nothing(
    client, make_user, make_space, add_comments, component
) -> None:
    comment_id = add_comments(1, make_user(email="a@example.test"), replies=False)[0]
    other = make_space()
    client.sign_in(make_user(email="m@example.test", space_roles={other: "moderator"}))
    hide = f"/admin/spaces/{component.space.slug}/comments/{comment_id}/hide"
    assert client.post_form(hide, {"reason": "x"}).status_code == 403
    hide_elsewhere = f"/admin/spaces/{other.slug}/comments/{comment_id}/hide"
    assert client.post_form(hide_elsewhere, {"reason": "x"}).status_code == 404


def test_statistics_leave_hidden_comments_out(
    app, session, make_user, add_comments, component
) -> None:
    from pnyx_comments.statistics import figures

    ids = add_comments(3, make_user(email="a@example.test"), replies=False)
    session.get(Comment, ids[0]).hidden_at = api.utcnow()
    session.commit()
    with app.test_request_context():
        (figure,) = figures([component], session)
    assert figure.kind == "comments" and figure.value == 2
