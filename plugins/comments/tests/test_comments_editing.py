"""Editing (an "edited" mark, a history for moderators), deleting with a tombstone, mentions."""

from __future__ import annotations

from sqlalchemy import select

from pnyx_comments.models import Comment, Version


def _post(client, post_url, session, body: str, **extra: str) -> Comment:
    client.post_form(post_url, {"body": body, **extra})
    return session.scalars(select(Comment).order_by(Comment.id.desc())).first()


def test_editing_keeps_the_history_for_moderators(
    client, make_user, post_url, page, session, component
) -> None:
    author = make_user(email="r@example.test")
    client.sign_in(author)
    comment = _post(client, post_url, session, "First words")
    assert "First words" in client.get(f"/comments/{comment.id}/edit").text
    answer = client.post_form(f"/comments/{comment.id}/edit", {"body": "Better words"})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"#comment-{comment.id}")
    text = client.get(page).text
    assert "Better words" in text and "(edited)" in text and "First words" not in text
    assert [v.body for v in session.scalars(select(Version))] == ["First words"]
    assert client.get(f"/comments/{comment.id}/history").status_code == 403
    moderator = make_user(email="m@example.test", space_roles={component.space: "moderator"})
    client.sign_in(moderator)
    history = client.get(f"/comments/{comment.id}/history")
    assert history.status_code == 200 and "First words" in history.text


def test_only_the_author_edits(client, make_user, post_url, session) -> None:
    client.sign_in(make_user(email="r@example.test"))
    comment = _post(client, post_url, session, "Mine")
    client.sign_in(make_user(email="other@example.test"))
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    assert client.post_form(f"/comments/{comment.id}/edit", {"body": "x"}).status_code == 403
    deleting = client.post_form(f"/comments/{comment.id}/delete", {"confirmed": "yes"})
    assert deleting.status_code == 403


def test_a_deleted_comment_with_replies_keeps_a_tombstone(
    client, make_user, post_url, page, session
) -> None:
    author = make_user(email="r@example.test")
    client.sign_in(author)
    parent = _post(client, post_url, session, "Parent text")
    client.sign_in(make_user(email="other@example.test"))
    _post(client, post_url, session, "A reply", parent_id=str(parent.id))
    client.sign_in(author)
    asked = client.post_form(f"/comments/{parent.id}/delete")
    assert asked.status_code == 200 and "Delete your comment?" in asked.text
    done = client.post_form(f"/comments/{parent.id}/delete", {"confirmed": "yes"})
    assert done.status_code == 302
    text = client.get(page).text
    assert "Deleted by its author." in text and "A reply" in text and "Parent text" not in text
    assert "1 comment" in text  # the deleted one no longer counts


def test_mentions_and_replies_publish_events(
    app, client, make_user, post_url, session, monkeypatch
) -> None:
    seen = []
    monkeypatch.setattr("pnyx_comments.plugin.seed.seed_demo_comments", lambda: 0)
    from pnyx_comments import plugin

    original = plugin.on_event

    def spy(event) -> None:
        seen.append((event.name, event.payload))
        original(event)

    pm = app.extensions["pnyx.plugins"].pm
    for impl in pm.hook.on_event.get_hookimpls():
        if impl.plugin_name == "comments":
            monkeypatch.setattr(impl, "function", spy)
    alix = make_user(email="a@example.test")
    client.sign_in(alix)
    first = _post(client, post_url, session, "Hello")
    client.sign_in(make_user(email="b@example.test"))
    _post(client, post_url, session, "Agreed, @Camille.D", parent_id=str(first.id))
    names = [name for name, _ in seen]
    assert "comments.replied" in names and "comments.mentioned" in names
    mentioned = next(payload for name, payload in seen if name == "comments.mentioned")
    assert mentioned["names"] == ["Camille.D"]
    replied = next(payload for name, payload in seen if name == "comments.replied")
    assert replied["to_user_id"] == alix.id


def test_a_person_posting_too_fast_is_slowed_down(
    app, client, make_user, post_url, session
) -> None:
    app.config["COMMENTS_RATE_LIMIT"] = 2
    client.sign_in(make_user(email="r@example.test"))
    for number in range(2):
        client.post_form(post_url, {"body": f"number {number}"})
    slowed = client.post_form(post_url, {"body": "number 2"})
    assert [c.body for c in session.scalars(select(Comment))] == ["number 0", "number 1"]
    assert slowed.status_code == 422 and "number 2</textarea>" in slowed.text


def test_replies_and_mentions_become_notifications(client, make_user, post_url, session) -> None:
    from pnyx.notifications.models import Notification

    alix = make_user(email="a@example.test", name="Alix Martin")
    camille = make_user(email="c@example.test", name="Camille Durand")
    client.sign_in(alix)
    first = _post(client, post_url, session, "Hello")
    client.sign_in(make_user(email="b@example.test"))
    _post(client, post_url, session, "Agreed, @Camille.Durand", parent_id=str(first.id))
    kinds = {(n.user_id, n.kind) for n in session.scalars(select(Notification))}
    assert (alix.id, "comments.replied") in kinds
    assert (camille.id, "comments.mentioned") in kinds
