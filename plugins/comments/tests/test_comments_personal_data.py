"""A person's comments, votes and reports in their archive; a deleted account's comments stay,
signed "Deleted participant"."""

from __future__ import annotations

from sqlalchemy import select

from pnyx.personal_data.deletion import delete_account
from pnyx_comments.models import Comment, Report, Vote
from pnyx_comments.plugin import export_user_data


def test_the_archive_holds_comments_votes_and_reports(
    app, session, make_user, add_comments
) -> None:
    ada, other = make_user(email="ada@example.test"), make_user(email="o@example.test")
    mine = add_comments(1, ada, replies=False)[0]
    theirs = add_comments(1, other, replies=False)[0]
    session.add(Vote(comment_id=theirs, user_id=ada.id, value=1))
    session.add(Report(comment_id=theirs, user_id=ada.id, reason="spam", details="ads"))
    session.commit()
    with app.test_request_context():
        files = export_user_data(ada)
        assert files is not None
        assert [row["id"] for row in files["comments.csv"]] == [mine]
        assert [row["comment_id"] for row in files["votes.csv"]] == [theirs]
        assert [row["details"] for row in files["reports.csv"]] == ["ads"]
        assert export_user_data(make_user(email="n@example.test")) is None


def test_a_deleted_account_keeps_its_comments_signed_deleted_participant(
    client, session, make_user, add_comments, page
) -> None:
    ada = make_user(email="ada@example.test", name="Ada Lovelace")
    comment_id = add_comments(1, ada, replies=False)[0]
    other = add_comments(1, make_user(email="o@example.test"), replies=False)[0]
    session.add(Report(comment_id=other, user_id=ada.id, reason="spam"))
    session.commit()
    delete_account(session, ada)
    session.commit()
    assert session.get(Comment, comment_id).body == "Comment number 0"
    assert session.scalar(select(Report)) is None
    text = client.get(page).text
    assert "Ada Lovelace" not in text and "Deleted participant" in text
