"""A thread's page costs the same queries with 1 or 200 comments (each with a reply);
replies stay with their parent across pages; newest, oldest and best orders."""

from __future__ import annotations

import re

from sqlalchemy import update

from pnyx.testing.queries import recorded_statements
from pnyx_comments.models import Comment


def test_the_first_page_costs_the_same_queries_with_1_or_200_comments(
    client, make_user, add_comments, page, count_queries
) -> None:
    author = make_user(email="a@example.test")
    client.sign_in(make_user(email="reader@example.test"))
    add_comments(1, author)
    with_one = count_queries(page)
    add_comments(199, author)
    with_many = count_queries(page)
    assert with_one == with_many


def test_the_thread_reads_comments_with_their_authors_in_one_statement_per_level(
    app, client, make_user, add_comments, page
) -> None:
    """Rows with the author's name joined in, not ORM objects with eager loads of people."""
    add_comments(3, make_user(email="a@example.test", name="Ada Writer"))
    with recorded_statements(app) as statements:
        text = client.get(page).text
    assert "Ada Writer" in text and "Reply to 2<" in text
    reads = [s for s in statements if "FROM comments_comments LEFT OUTER JOIN users" in s]
    assert len(reads) == 2  # the page's top-level comments, then their replies


def test_replies_travel_with_their_parent(client, make_user, add_comments, page) -> None:
    ids = add_comments(45, make_user(email="a@example.test"))
    first = client.get(page).text
    second = client.get(f"{page}?comments_page=2").text
    third = client.get(f"{page}?comments_page=3").text
    for text, expected in ((first, ids[-20:]), (second, ids[-40:-20]), (third, ids[:5])):
        shown = {int(n) for n in re.findall(r"Comment number (\d+)<", text)}
        assert shown == {ids.index(i) for i in expected}
        replies = {int(n) for n in re.findall(r"Reply to (\d+)<", text)}
        assert replies == set(expected)
    assert "More comments" in first and "More comments" not in third


def test_orders(client, make_user, add_comments, page, session) -> None:
    ids = add_comments(3, make_user(email="a@example.test"), replies=False)
    session.execute(update(Comment).where(Comment.id == ids[1]).values(up_votes=5))
    session.commit()

    def order(name: str) -> list[str]:
        text = client.get(f"{page}?comments_order={name}").text
        return re.findall(r"Comment number (\d+)<", text)

    assert order("newest") == ["2", "1", "0"]
    assert order("oldest") == ["0", "1", "2"]
    assert order("best") == ["1", "2", "0"]
    assert order("nonsense") == ["2", "1", "0"]
