"""Account deletion: after confirming with the password, the person becomes a "deleted
participant"; no e-mail or name of theirs remains anywhere in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from pnyx.db import get_database
from pnyx.models import ActionLog, Authorization, DataExport, User, UserSpaceRole
from pnyx.testing import DEFAULT_PASSWORD, install_plugins

PLUGINS = Path(__file__).parent / "personal_data_plugins"
NAME = "Zéphyrine Quillebœuf"
EMAIL = "zephyrine.quillebeuf@example.org"


@pytest.fixture
def pnyx_plugins(monkeypatch):
    install_plugins(monkeypatch, {"pdsample": "pnyx_pdsample"}, path=PLUGINS)
    return ["pdsample"]


@pytest.fixture
def pdsample(app):
    import pnyx_pdsample

    pnyx_pdsample.FAILING.clear()
    pnyx_pdsample.DELETED.clear()
    yield pnyx_pdsample
    pnyx_pdsample.FAILING.clear()


@pytest.fixture
def person(session, make_user, make_space, pdsample):
    """Someone whose data is everywhere: roles, verification, log, a plugin's notes."""
    space = make_space()
    user = make_user(name=NAME, email=EMAIL, roles=["moderator"], space_roles={space: "admin"})
    session.add(Authorization(user_id=user.id, handler="birth_date", data={"year": 2001}))
    session.add(pdsample.Note(author_id=user.id, body="Un composteur", phone="0611223344"))
    # A detail that should never have been logged, but was.
    session.add(
        ActionLog(action="test.email_changed", actor_id=user.id, extra={"old": EMAIL.upper()})
    )
    session.commit()
    return user


def delete(client, password=DEFAULT_PASSWORD, **kwargs):
    return client.post_form("/account/delete", data={"password": password}, **kwargs)


def database_dump(app) -> str:
    """Every row of every table, as text."""
    engine = get_database(app).engine
    if engine.dialect.name == "sqlite":
        connection = engine.raw_connection()
        try:
            return "\n".join(connection.driver_connection.iterdump())
        finally:
            connection.close()
    lines = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                lines.append(f"{table}: {tuple(row)!r}")
    return "\n".join(lines)


def test_the_database_keeps_neither_email_nor_name(app, client, person) -> None:
    client.sign_in(person)
    client.post_form("/account/data")  # an archive on disk and in the database
    dump = database_dump(app)
    assert EMAIL in dump and NAME in dump  # the dump does see them before
    assert delete(client).status_code == 302
    dump = database_dump(app)
    assert EMAIL.lower() not in dump.lower()
    assert NAME not in dump and "Quillebœuf" not in dump


def test_deletion_erases_the_person_and_keeps_content(
    app, client, session, person, pdsample
) -> None:
    their_phone = app.test_client()
    their_phone.sign_in(person)
    client.sign_in(person)
    client.post_form("/account/data")
    response = delete(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    user = session.get(User, person.id)
    assert (user.email, user.password_hash, user.locale) == (None, None, None)
    assert user.deleted_at is not None and user.organization_roles == []
    assert session.scalars(select(UserSpaceRole)).all() == []
    assert session.scalars(select(Authorization)).all() == []
    assert session.scalars(select(DataExport)).all() == []
    assert list((Path(app.config["INSTANCE_PATH"]) / "exports").iterdir()) == []
    # The plugin detached its content: the note stays, without its author or phone number.
    assert [person.id] == pdsample.DELETED
    note = session.scalar(select(pdsample.Note))
    assert (note.body, note.author_id, note.phone) == ("Un composteur", None, None)
    # The log keeps the actor's id; the entry about the deletion is the person's own.
    entry = session.scalar(select(ActionLog).where(ActionLog.action == "pnyx.account.deleted"))
    assert (entry.actor_id, entry.resource_id) == (person.id, person.id)
    # Every session has ended, this one and the other device's.
    for browser in (client, their_phone):
        response = browser.get("/account/data")
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_deleted_participant_is_named_so_in_the_admin(client, make_user, person) -> None:
    client.sign_in(person)
    delete(client)
    client.sign_in(make_user(roles=["admin"]))
    page = client.get(f"/admin/users/{person.id}", headers={"Accept-Language": "en"})
    assert "<h1>Deleted participant</h1>" in page.get_data(as_text=True)
    page = client.get(f"/admin/users/{person.id}", headers={"Accept-Language": "fr"})
    assert NAME not in page.get_data(as_text=True)


def test_a_wrong_password_deletes_nothing(client, session, person) -> None:
    client.sign_in(person)
    response = delete(client, password="not my password")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'aria-describedby="password-error"' in page
    session.refresh(person)
    assert person.email == EMAIL and person.deleted_at is None


def test_a_failing_plugin_rolls_the_whole_deletion_back(client, session, person, pdsample) -> None:
    pdsample.FAILING.add("delete")
    client.sign_in(person)
    response = delete(client)
    assert response.status_code == 500
    assert "could not be deleted" in response.get_data(as_text=True)
    session.refresh(person)
    assert person.email == EMAIL and person.has_role("moderator")
    assert session.scalars(select(Authorization)).all() != []


def test_the_last_administrator_cannot_delete_their_account(
    client, session, make_user, pdsample
) -> None:
    admin = make_user(roles=["admin"])
    client.sign_in(admin)
    response = delete(client)
    assert response.status_code == 400
    assert "last administrator" in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.deleted_at is None and admin.is_admin
    make_user(roles=["admin"])
    assert delete(client).status_code == 302


def test_guessing_the_password_is_rate_limited(app, client, session, person) -> None:
    app.config["RATE_LIMIT_SIGN_IN"] = "2/minute"
    client.sign_in(person)
    assert [delete(client, password=f"guess {n}").status_code for n in range(3)] == [400, 400, 429]
    assert delete(client).status_code == 429  # even the right one, until the limit resets
    session.refresh(person)
    assert person.deleted_at is None
