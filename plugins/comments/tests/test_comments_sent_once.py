"""A comment form sent twice (a double click, the back button) publishes one comment, and an
edit sent twice keeps one version in the history: the form's one-time token is taken in the
same transaction (api.submissions, docs/forms.md)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pnyx.models import FormSubmission
from pnyx.testing import PnyxClient, concurrency
from pnyx.testing.concurrency import post_at_once
from pnyx.testing.submissions import TOKEN as SENT_TOKEN
from pnyx.testing.submissions import sent_twice
from pnyx_comments.models import Comment, Version
from pnyx_proposals.models import Proposal

TOKEN = "Sent-once-token-0123456789"


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PROPAGATE_EXCEPTIONS": False}


def comments(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Comment)) or 0


def test_every_comment_form_carries_a_new_token(client: PnyxClient, page, make_user) -> None:
    client.sign_in(make_user())
    first = client.get(page).get_data(as_text=True)
    second = client.get(page).get_data(as_text=True)
    assert 'name="submission_token"' in first
    tokens = [text.split('name="submission_token" value="')[1][:32] for text in (first, second)]
    assert tokens[0] != tokens[1]


def test_a_form_sent_again_goes_to_the_first_comment(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    client.sign_in(make_user())
    first = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    # The back button, the same form sent again as it was.
    again = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    assert again.status_code == 302 and again.location == first.location
    assert comments(session) == 1
    # One after the other, the lookup of the same text answers first; at once, the token does.
    assert "This comment is already published." in client.get(again.location).text
    stored = session.scalar(select(FormSubmission).where(FormSubmission.token == TOKEN))
    assert stored is not None and stored.location == first.location


def test_the_same_form_with_other_words_is_another_comment(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    """The page the browser kept after a first comment, used to write a second one: its
    token was sent before, but nothing typed is lost."""
    client.sign_in(make_user())
    client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    client.post_form(post_url, {"body": "And benches too.", "submission_token": TOKEN})
    assert comments(session) == 2


def test_the_same_words_from_a_new_drawing_of_the_form_are_one_comment(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    """What the token cannot see, the lookup of the same text kept beside it does: the page
    opened again (a new token) after a slow line seemed to fail, the same words pasted."""
    client.sign_in(make_user())
    first = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    again = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN[::-1]})
    assert again.status_code == 302 and again.location == first.location
    assert comments(session) == 1
    assert "This comment is already published." in client.get(again.location).text


def test_another_form_makes_another_comment(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    client.sign_in(make_user())
    client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    client.post_form(post_url, {"body": "And benches.", "submission_token": TOKEN[::-1]})
    assert comments(session) == 2


def test_a_refused_comment_leaves_its_token_free(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    client.sign_in(make_user())
    refused = client.post_form(post_url, {"body": "  ", "submission_token": TOKEN})
    stored = session.scalar(select(FormSubmission).where(FormSubmission.token == TOKEN))
    assert refused.status_code == 422 and stored is None
    client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    assert comments(session) == 1


def test_a_double_click_at_once_publishes_one_comment(
    app: Flask, session: Session, post_url, make_user, detached
) -> None:
    person = make_user()
    form = {"body": "Yes, trees.", "submission_token": TOKEN}
    statuses = post_at_once(app, [(person, post_url, form)] * 6)
    assert statuses == [302] * 6
    assert comments(session) == 1


def edited(session: Session, post_url: str, client: PnyxClient) -> Comment:
    client.post_form(post_url, {"body": "First words"})
    return session.scalars(select(Comment)).one()


def versions(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(Version.body).order_by(Version.id)))


def test_an_edit_sent_twice_keeps_one_version(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    client.sign_in(make_user())
    comment = edited(session, post_url, client)
    url = f"/comments/{comment.id}/edit"
    first, _again = sent_twice(client, url, {"body": "Better words"})
    assert first.location.endswith(f"#comment-{comment.id}")
    assert versions(session) == ["First words"]
    # The page the browser kept, sent with other words: a new version, nothing typed lost.
    client.post_form(url, {"body": "Best words", "submission_token": SENT_TOKEN})
    assert versions(session) == ["First words", "Better words"]
    assert session.get(Comment, comment.id).body == "Best words"


def test_an_edit_double_clicked_at_once_keeps_one_version(
    app: Flask, client: PnyxClient, session: Session, post_url, make_user
) -> None:
    person = make_user()
    client.sign_in(person)
    comment = edited(session, post_url, client)
    form = {"body": "Better words", "submission_token": TOKEN}
    # Read before: the test's session must not begin a transaction while the requests write.
    url, person_id = f"/comments/{comment.id}/edit", person.id
    with concurrency.detached(app, session):
        statuses = post_at_once(app, [(person_id, url, form)] * 4)
    assert statuses == [302] * 4
    assert versions(session) == ["First words"]


def test_another_persons_token_is_their_own_comment(
    client: PnyxClient, session: Session, post_url, make_user
) -> None:
    """A token is one person's drawing of a form: sent by someone else (copied, forged), it
    makes their comment and never leads them to the first person's."""
    client.sign_in(make_user(email="first@example.test"))
    first = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    client.sign_in(make_user(email="second@example.test"))
    second = client.post_form(post_url, {"body": "Yes, trees.", "submission_token": TOKEN})
    assert second.status_code == 302 and second.location != first.location
    assert comments(session) == 2
    assert "already" not in client.get(second.location).text


def test_a_token_sent_to_another_form_is_another_comment(
    client: PnyxClient, session: Session, post_url, proposal, make_user
) -> None:
    """The same token and words sent to another proposal's form comment there too, instead
    of leading back to the first proposal's comment."""
    other = Proposal(
        component_id=proposal.component_id,
        author_id=proposal.author_id,
        title="Benches",
        body="Benches by the river.",
        summary="Benches by the river.",
        published_at=proposal.published_at,
    )
    session.add(other)
    session.commit()
    client.sign_in(make_user())
    first = client.post_form(post_url, {"body": "Yes, please.", "submission_token": TOKEN})
    elsewhere = f"/comments/proposals_proposal/{other.id}"
    second = client.post_form(elsewhere, {"body": "Yes, please.", "submission_token": TOKEN})
    assert second.status_code == 302 and second.location != first.location
    assert session.scalar(select(func.count()).where(Comment.resource_id == other.id)) == 1
