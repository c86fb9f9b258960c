"""Reading the board: anyone who may see it, newest first, a page at a time."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import event

from pnyx import api
from pnyx.db import get_database
from pnyx.testing import PnyxClient


def test_anyone_reads_the_messages_newest_first(
    client: PnyxClient,
    board_url: str,
    add_message: Callable[..., object],
    make_user: Callable[..., api.User],
) -> None:
    add_message("First!", author=make_user(name="Ada"), minutes_ago=10)
    add_message("Second.", minutes_ago=5)

    page = client.get(board_url).text

    assert page.index("Second.") < page.index("First!")
    assert "Ada" in page
    assert "Deleted participant" in page  # a message whose author is gone
    # Anonymous: no form, but the reason and a way to sign in.
    assert 'name="body"' not in page
    assert "Sign in to do this." in page


def test_an_empty_board_says_so(client: PnyxClient, board_url: str) -> None:
    assert "No message yet." in client.get(board_url).text


def test_messages_come_a_page_at_a_time(
    app: Flask, client: PnyxClient, board_url: str, add_message: Callable[..., object]
) -> None:
    app.config["PAGE_SIZE"] = 2
    for number in range(1, 4):
        add_message(f"Message {number}", minutes_ago=10 - number)

    first = client.get(board_url).text
    older = re.search(r'rel="next" href="([^"]+)"', first)
    assert older is not None
    second = client.get(html.unescape(older.group(1))).text

    assert "Message 3" in first and "Message 2" in first and "Message 1" not in first
    assert "Message 1" in second and "Message 3" not in second
    assert 'rel="next"' not in second
    assert f'href="{board_url}"' in second  # "newest messages" goes back to the first page


def test_a_message_posted_meanwhile_does_not_repeat_one(
    app: Flask, client: PnyxClient, board_url: str, add_message: Callable[..., object]
) -> None:
    app.config["PAGE_SIZE"] = 2
    for number in range(1, 4):
        add_message(f"Message {number}", minutes_ago=10 - number)
    first = client.get(board_url).text
    older = re.search(r'rel="next" href="([^"]+)"', first)
    assert older is not None

    add_message("Message 4", minutes_ago=0)  # the list grows at the top
    second = client.get(html.unescape(older.group(1))).text

    assert "Message 1" in second
    assert "Message 2" not in second and "Message 4" not in second


def test_the_page_is_translated(
    client: PnyxClient, board_url: str, add_message: Callable[..., object]
) -> None:
    add_message("Bonjour !")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert "Participant supprimé" in client.get(board_url).text


@pytest.fixture
def count_queries(app: Flask, client: PnyxClient) -> Callable[[str], int]:
    """``count_queries(url)``: how many SQL statements a GET of ``url`` runs."""

    def count(url: str) -> int:
        statements: list[str] = []

        def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            statements.append(statement)

        engine = get_database(app).engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        return len(statements)

    return count


def test_query_count_does_not_grow_with_the_page(
    client: PnyxClient,
    board_url: str,
    add_message: Callable[..., object],
    make_user: Callable[..., api.User],
    count_queries: Callable[[str], int],
) -> None:
    client.sign_in(make_user())
    add_message("One message", author=make_user())
    with_one = count_queries(board_url)

    for number in range(19):  # a full page, each message by someone else
        add_message(f"Message {number}", author=make_user())
    with_twenty = count_queries(board_url)

    assert with_twenty == with_one
