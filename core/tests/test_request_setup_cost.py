"""The core's set-up of every request stays cheap (issue 13 item 4, issue 22 item 7).

Before a component page's view runs, the core has loaded the space, its steps and the
component (one query) and the signed-in person with their session record, organization
roles and space roles, and the organization (one query): two statements, where it took
seven. Counts, never times; the checkout benchmark measures the effect
(docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from pnyx import api
from pnyx.db import get_database
from pnyx.testing import install_plugins

pytestmark = pytest.mark.pnyx_plugins("toolkitdemo")


@pytest.fixture(autouse=True)
def toolkit_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(__file__).parent / "toolkit_plugin"
    install_plugins(monkeypatch, {"toolkitdemo": "pnyx_toolkitdemo.plugin"}, path=folder)


@pytest.fixture
def setup_statements(app: Flask) -> Iterator[Callable[[Callable[[], Any]], list[str]]]:
    """``setup_statements(call)``: the SQL run before the app's last ``before_request``
    (the core's set-up: space, component, person), for the request ``call`` makes."""
    seen: list[str] = []
    marks: list[int] = []
    app.before_request(lambda: marks.append(len(seen)))  # after the core's own set-up

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.strip().upper() != "BEGIN":  # SQLite's explicit transaction start
            seen.append(statement)

    engine = get_database(app).engine

    def run(call: Callable[[], Any]) -> list[str]:
        seen.clear()
        marks.clear()
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert call().status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert marks, "the request never reached its view"
        return seen[: marks[0]]

    yield run


def url(component: api.Component) -> str:
    return f"/spaces/{component.space.slug}/toolkitdemo/{component.id}/items"


def test_a_signed_in_component_page_costs_two_setup_statements(
    client, make_user, make_component, setup_statements
) -> None:
    component = make_component("toolkitdemo")
    client.sign_in(make_user())
    statements = setup_statements(lambda: client.get(url(component)))
    assert len(statements) == 2, statements
    assert "FROM spaces" in statements[0] and "components" in statements[0]
    assert "steps" in statements[0]
    assert "FROM user_sessions" in statements[1] and "user_space_roles" in statements[1]
    assert "organization.default_locale" in statements[1]  # the organization comes along


def test_a_signed_in_page_reads_the_organization_with_the_person(
    client, make_user, make_component, app
) -> None:
    """The page's language needs the organization's: read with the person, not again."""
    component = make_component("toolkitdemo")
    client.sign_in(make_user())
    seen: list[str] = []
    engine = get_database(app).engine

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url(component)).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert not [s for s in seen if "FROM organization" in s], seen


def test_an_anonymous_component_page_costs_one_setup_statement(
    client, make_component, setup_statements
) -> None:
    component = make_component("toolkitdemo")
    assert len(setup_statements(lambda: client.get(url(component)))) == 1


def test_space_roles_read_with_the_person_open_an_unpublished_space(
    client, session, make_user, make_space, make_component, setup_statements
) -> None:
    """The roles come with the session's query and the visibility check uses them: a space
    admin sees the unpublished space's component, an outsider gets a 404, and neither costs
    a query more."""
    space = make_space(published=False)
    component = make_component(space, "toolkitdemo")
    client.sign_in(make_user(space_roles={space: "admin"}))
    assert len(setup_statements(lambda: client.get(url(component)))) == 2
    client.sign_in(make_user())
    assert client.get(url(component)).status_code == 404


def test_a_component_of_another_space_is_not_found(client, make_space, make_component) -> None:
    component = make_component("toolkitdemo")
    other = make_space()
    wrong = f"/spaces/{other.slug}/toolkitdemo/{component.id}/items"
    assert client.get(wrong).status_code == 404
    assert client.get(f"/spaces/nowhere/toolkitdemo/{component.id}/items").status_code == 404
