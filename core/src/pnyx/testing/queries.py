"""Counting SQL statements: lists must not run more queries when they grow (DESIGN.md §9)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event

from pnyx.db import get_database
from pnyx.testing.client import PnyxClient


@pytest.fixture
def count_queries(app: Flask, client: PnyxClient) -> Callable[[str], int]:
    """``count_queries(url)``: how many SQL statements a GET of ``url`` runs (it must answer 200).

    Assert that the count is the same with 1 and with many rows, not a number of
    milliseconds.
    """

    read = _statements_reader(app, client)
    return lambda url: len(read(url))


@pytest.fixture
def sql_statements(app: Flask, client: PnyxClient) -> Callable[[str], list[str]]:
    """``sql_statements(url)``: the SQL statements a GET of ``url`` runs (it must answer 200),
    each on one line: assert what a page does not read, or reads once."""
    return _statements_reader(app, client)


@contextmanager
def recorded_statements(app: Flask) -> Iterator[list[str]]:
    """``with recorded_statements(app) as statements:`` every SQL statement the app's engine
    runs inside the block, each on one line (what a job, a command or a page did)."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()))

    engine = get_database(app).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _statements_reader(app: Flask, client: PnyxClient) -> Callable[[str], list[str]]:
    def read(url: str) -> list[str]:
        with recorded_statements(app) as statements:
            assert client.get(url).status_code == 200
        return statements

    return read
