"""The action log admin page: filters, keyset pages with a constant query count, the
operator shown, a streamed CSV export; admins only."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io

import pytest
from sqlalchemy import event

from pnyx.db import get_database
from pnyx.models import ActionLog, Component


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements:`` records the SQL the app runs."""
    engine = get_database(app).engine

    @contextlib.contextmanager
    def counting():
        statements: list[str] = []

        def record(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


@pytest.fixture
def admin(client, make_user):
    person = make_user(roles=["admin"], name="Anne Admin", email="anne@example.org")
    client.sign_in(person)
    return person


def add_entry(session, action, **fields) -> ActionLog:
    fields.setdefault("visibility", "admin")
    entry = ActionLog(action=action, extra=fields.pop("extra", {}), **fields)
    session.add(entry)
    session.commit()
    return entry


def test_lists_entries_newest_first_with_names_and_operator(
    client, session, admin, make_user, make_space
) -> None:
    resident = make_user(name="Rémi Résident")
    staff = make_user(name="Sophie Staff", roles=["user_manager"])
    space = make_space(title={"fr": "Budget 2026", "en": "Budget 2026"})
    add_entry(session, "pnyx.account.signed_up", actor_id=resident.id)
    add_entry(
        session,
        "budgets.vote",
        actor_id=resident.id,
        operator_id=staff.id,
        space_id=space.id,
        visibility="private",
        extra={"budget_id": 3},
    )
    page = client.get("/admin/log", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert page.index("budgets.vote") < page.index("pnyx.account.signed_up")
    assert "Rémi Résident" in page and "assisted by Sophie Staff" in page
    assert "Budget 2026" in page and "budget_id: 3" in page and "Private" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=bob", {"budgets.vote"}),
        ("actor=ALICE@EXAMPLE", {"pnyx.roles.grant", "pnyx.account.signed_in"}),
        ("action=pnyx.roles", {"pnyx.roles.grant"}),
        ("action=pnyx.", {"pnyx.roles.grant", "pnyx.account.signed_in"}),
        ("action=pnyx_", set()),  # "_" is a letter here, not a wildcard
        ("visibility=private", {"pnyx.account.signed_in"}),
        ("component=voting", {"budgets.vote"}),
        ("from=2026-03-02", {"budgets.vote", "pnyx.account.signed_in"}),
        ("from=2026-03-02&to=2026-03-02", {"pnyx.account.signed_in"}),
        ("to=2026-03-01", {"pnyx.roles.grant"}),
    ],
)
def test_filters(client, session, admin, make_user, make_space, query, expected) -> None:
    alice = make_user(name="Alice", email="alice@example.org")
    bob = make_user(name="Bob", email="bob@example.org")
    space = make_space()
    voting = Component(space=space, type="budgets", name={"en": "Vote"})
    session.add(voting)
    session.commit()
    paris = dt.timezone(dt.timedelta(hours=1))  # the organization is in Europe/Paris (winter)
    add_entry(
        session,
        "pnyx.roles.grant",
        actor_id=alice.id,
        created_at=dt.datetime(2026, 3, 1, 23, 30, tzinfo=paris),
    )
    add_entry(
        session,
        "pnyx.account.signed_in",
        actor_id=alice.id,
        visibility="private",
        created_at=dt.datetime(2026, 3, 2, 0, 30, tzinfo=paris),
    )
    add_entry(
        session,
        "budgets.vote",
        actor_id=bob.id,
        space_id=space.id,
        component_id=voting.id,
        created_at=dt.datetime(2026, 3, 3, 12, 0, tzinfo=paris),
    )
    query = query.replace("component=voting", f"component={voting.id}")
    response = client.get(f"/admin/log.csv?{query}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {row["action"] for row in rows} == expected
    page = client.get(f"/admin/log?{query}").get_data(as_text=True)
    assert all(f"<code>{action}</code>" in page for action in expected)


def test_space_filter(client, session, admin, make_space) -> None:
    one, other = make_space(), make_space()
    add_entry(session, "a.one", space_id=one.id)
    add_entry(session, "a.other", space_id=other.id)
    page = client.get(f"/admin/log?space={one.id}").get_data(as_text=True)
    assert "a.one" in page and "a.other" not in page


def test_invalid_filters_are_shown_next_to_their_fields(client, admin) -> None:
    response = client.get("/admin/log?from=31/03/2026&to=2026-01-01&component=x&visibility=all")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for field in ("from", "component", "visibility"):
        assert f'aria-describedby="{field}-error"' in page
    assert 'value="31/03/2026"' in page  # what was typed is kept
    assert client.get("/admin/log.csv?from=yesterday").status_code == 400


def test_keyset_pages_cost_the_same_queries(
    app, client, session, admin, make_user, make_space, count_queries
) -> None:
    app.config["PAGE_SIZE"] = 5
    spaces = [make_space() for _ in range(3)]
    people = [make_user() for _ in range(6)]
    for number in range(23):
        add_entry(
            session,
            f"test.action{number}",
            actor_id=people[number % 6].id,
            operator_id=people[(number + 1) % 6].id,
            space_id=spaces[number % 3].id,
        )
    client.get("/admin/log")  # warm up: what is read once per process is not counted
    with count_queries() as first:
        page = client.get("/admin/log").get_data(as_text=True)
    assert "test.action22" in page and "test.action18" in page and "test.action17" not in page
    oldest_shown = 19
    with count_queries() as second:
        page = client.get(f"/admin/log?before={oldest_shown}").get_data(as_text=True)
    assert "test.action17" in page and "test.action13" in page and "test.action18" not in page
    assert len(first) == len(second)
    assert 'rel="prev"' in page and 'rel="next"' in page
    newer = client.get("/admin/log?after=14").get_data(as_text=True)
    assert "test.action14" in newer and "test.action18" in newer and "test.action19" not in newer


def test_csv_streams_every_matching_entry_with_names(
    client, session, admin, make_user, monkeypatch
) -> None:
    import pnyx.admin.action_log_csv as action_log_csv

    monkeypatch.setattr(action_log_csv, "BATCH", 4)  # several batches
    person = make_user(name="=HYPERLINK(evil)")
    for number in range(10):
        add_entry(session, f"test.csv{number}", actor_id=person.id, extra={"n": number})
    response = client.get("/admin/log.csv?action=test.csv")
    assert response.is_streamed
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["action"] for row in rows] == [f"test.csv{n}" for n in reversed(range(10))]
    assert rows[0]["actor"] == "'=HYPERLINK(evil)"  # a spreadsheet will not run it
    assert rows[0]["details"] == '{"n": 9}'


def test_only_admins_see_the_log(client, make_user, make_space) -> None:
    space = make_space()
    assert client.get("/admin/log").status_code == 302
    for person in (make_user(), make_user(space_roles={space: "admin"})):
        client.sign_in(person)
        assert client.get("/admin/log").status_code == 403
        assert client.get("/admin/log.csv").status_code == 403
