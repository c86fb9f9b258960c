"""The app's own cache of public anonymous pages (pnyx.page_cache, docs/caching.md): hits
skip the app, languages and people never mix, every public write is seen at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event, select, update

from pnyx.db import get_database, get_session
from pnyx.models import Organization, Space
from pnyx.page_cache import EXTENSION_KEY
from pnyx.testing import PnyxClient

CACHE = "X-Pnyx-Cache"


@pytest.fixture
def space(make_organization, make_space) -> Space:
    make_organization()
    return make_space(slug="budget", title={"fr": "Budget", "en": "Budget"}, published=True)


@pytest.fixture
def anonymous(app: Flask) -> PnyxClient:
    """A second browser, never signed in (the ``client`` fixture may sign in)."""
    return app.test_client()  # type: ignore[return-value]


@contextmanager
def counted_statements(app: Flask) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = get_database(app).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_a_repeated_anonymous_view_is_served_without_the_app(app, anonymous, space) -> None:
    first = anonymous.get("/spaces/budget")
    assert first.status_code == 200 and first.headers[CACHE] == "miss"
    with counted_statements(app) as statements:
        again = anonymous.get("/spaces/budget")
    assert again.headers[CACHE] == "hit" and statements == []
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert again.cache_control.public and int(again.headers["Age"]) <= 60
    assert "Set-Cookie" not in again.headers


def test_head_and_if_none_match_come_from_the_stored_page(app, anonymous, space) -> None:
    etag = anonymous.get("/spaces/budget").headers["ETag"]
    with counted_statements(app) as statements:
        head = anonymous.head("/spaces/budget")
        not_modified = anonymous.get("/spaces/budget", headers={"If-None-Match": etag})
        other = anonymous.get("/spaces/budget", headers={"If-None-Match": '"other"'})
    assert statements == []
    assert head.status_code == 200 and head.data == b"" and head.headers[CACHE] == "hit"
    assert int(head.headers["Content-Length"]) > 0
    assert not_modified.status_code == 304 and not_modified.data == b""
    assert not_modified.headers["ETag"] == etag and "Content-Type" not in not_modified.headers
    assert other.status_code == 200 and other.data


def test_languages_are_stored_apart(anonymous, space) -> None:
    english = anonymous.get("/spaces/budget", headers={"Accept-Language": "en"})
    french = anonymous.get("/spaces/budget", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="en">' in english.text and '<html lang="fr">' in french.text
    assert french.headers[CACHE] == "miss"
    # Another header naming the same language shares its page; an unknown one gets the default.
    assert anonymous.get("/spaces/budget", headers={"Accept-Language": "fr"}).headers[CACHE] == (
        "hit"
    )
    german = anonymous.get("/spaces/budget", headers={"Accept-Language": "de"})
    assert german.headers[CACHE] == "hit" and '<html lang="fr">' in german.text
    anonymous.set_cookie("pnyx_locale", "en")
    chosen = anonymous.get("/spaces/budget", headers={"Accept-Language": "fr"})
    assert chosen.headers[CACHE] == "hit" and '<html lang="en">' in chosen.text


def test_signed_in_pages_are_neither_served_nor_stored(client, anonymous, space, make_user) -> None:
    client.sign_in(make_user(name="Alice Martin"))
    mine = client.get("/spaces/budget")
    assert CACHE not in mine.headers and "Alice Martin" in mine.text
    assert CACHE not in client.get("/spaces/budget").headers
    public = anonymous.get("/spaces/budget")
    assert public.headers[CACHE] == "miss" and "Alice Martin" not in public.text
    assert CACHE not in client.get("/spaces/budget").headers  # stored, yet not for her


@pytest.mark.parametrize(
    ("cookies", "headers"),
    [
        ({"session": "abc"}, {}),
        ({"pnyx_locale": "en", "other": "1"}, {}),
        ({}, {"Authorization": "x"}),
    ],
)
def test_other_cookies_and_credentials_bypass_the_cache(app, anonymous, space, cookies, headers):
    anonymous.get("/spaces/budget")
    visitor = app.test_client()
    for name, value in cookies.items():
        visitor.set_cookie(name, value)
    response = visitor.get("/spaces/budget", headers=headers)
    assert response.status_code == 200 and CACHE not in response.headers


def test_pages_that_are_not_public_are_not_stored(anonymous, space) -> None:
    sign_in = anonymous.get("/sign-in")  # its form made a CSRF token: a session cookie
    assert "Set-Cookie" in sign_in.headers and CACHE not in sign_in.headers
    assert anonymous.get("/nowhere").status_code == 404
    assert CACHE not in anonymous.get("/nowhere").headers


def admin_client(app: Flask, make_user: Callable[..., object]) -> PnyxClient:
    staff = app.test_client()
    staff.sign_in(make_user(roles=["admin"]))
    return staff  # type: ignore[return-value]


def test_an_admin_changing_a_space_is_seen_by_the_next_view(app, anonymous, space, make_user):
    assert "Renamed budget" not in anonymous.get("/spaces/budget").text
    edited = {"slug": "budget", "title.fr": "Budget", "title.en": "Renamed budget"}
    assert admin_client(app, make_user).post_form("/admin/spaces/budget/edit", edited).status_code
    page = anonymous.get("/spaces/budget")
    assert page.headers[CACHE] == "miss" and "Renamed budget" in page.text


def test_a_phase_activated_by_staff_is_seen_by_the_next_view(app, anonymous, space, make_user):
    anonymous.get("/spaces/budget")
    staff = admin_client(app, make_user)
    staff.post_form(f"/admin/spaces/budget/steps/{space.steps[1].id}/activate")
    assert anonymous.get("/spaces/budget").headers[CACHE] == "miss"


def test_an_organization_setting_is_seen_by_the_next_view(app, anonymous, space, make_user):
    assert "City of Ajaccio" not in anonymous.get("/").text
    settings = [
        ("name.fr", "Ville d'Ajaccio"),
        ("name.en", "City of Ajaccio"),
        ("available_locales", "fr"),
        ("available_locales", "en"),
        ("default_locale", "fr"),
        ("time_zone", "Europe/Paris"),
        ("primary_color", "#1d4e89"),
    ]
    assert (
        admin_client(app, make_user).post_form("/admin/organization", settings).status_code == 302
    )
    assert "City of Ajaccio" in anonymous.get("/").text


def test_a_write_that_rolls_back_keeps_the_pages(app, anonymous, space) -> None:
    anonymous.get("/spaces/budget")
    with app.app_context():
        session = get_session()
        session.get(Space, space.id).title = {"en": "Never saved"}
        session.flush()
        session.rollback()
    assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"


def test_bulk_statements_and_jobs_outside_requests_renew_the_generation(app, anonymous, space):
    anonymous.get("/")
    with app.app_context():  # a CLI command or a job: the same session factories
        session = get_session()
        session.execute(update(Organization).values(name={"en": "Bulk city", "fr": "Bulk"}))
        session.commit()
    assert "Bulk city" in anonymous.get("/").text


def test_private_tables_keep_the_pages(app, anonymous, space, make_user) -> None:
    person = make_user()
    anonymous.get("/spaces/budget")
    app.test_client().sign_in(person)  # a session record: no public page shows it
    assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"


def test_only_public_action_log_entries_renew_the_pages(app, anonymous, space) -> None:
    """A row can say it is private (``private_to_anonymous()``): staff-only log entries do."""
    from pnyx.action_log import log_action

    anonymous.get("/spaces/budget")
    with app.app_context():
        session = get_session()
        log_action(session, "demo.checked", visibility="admin")
        session.commit()
    assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"
    with app.app_context():
        session = get_session()
        log_action(session, "demo.published", visibility="public")
        session.commit()
    assert anonymous.get("/spaces/budget").headers[CACHE] == "miss"


def test_actions_written_at_once_and_private_bulk_writes_keep_the_pages(app, anonymous, space):
    """``write_action`` (one INSERT, no ORM object) renews the pages only for a public
    entry; a bulk write may say its rows are private (``pnyx_private``)."""
    from pnyx.action_log import write_action
    from pnyx.models import ActionLog

    anonymous.get("/spaces/budget")
    with app.app_context():
        session = get_session()
        write_action(session, "demo.checked", resource=("demo", 7), visibility="private")
        session.commit()
        entry = session.scalars(select(ActionLog).where(ActionLog.action == "demo.checked")).one()
        assert (entry.resource_type, entry.resource_id, entry.visibility) == ("demo", 7, "private")
        assert entry.created_at is not None and entry.extra == {}
    assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"
    with app.app_context():
        session = get_session()
        session.execute(
            update(Space).where(Space.id == space.id).values(position=3),
            execution_options={"pnyx_private": True},
        )
        session.commit()
    assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"  # what it claimed
    with app.app_context():
        session = get_session()
        write_action(session, "demo.published", visibility="public")
        session.commit()
    assert anonymous.get("/spaces/budget").headers[CACHE] == "miss"


def second_process(app: Flask) -> Flask:
    """Another app process of the same instance: same database, instance folder, Redis."""
    from pnyx import create_app

    config = {key: app.config[key] for key in ("DATABASE_URL", "INSTANCE_PATH", "SECRET_KEY")}
    other = create_app(
        {
            **config,
            "PLUGINS": app.config["PLUGINS"],
            "TESTING": True,
            "JOBS": "inline",
            "REDIS_URL": app.config.get("REDIS_URL"),
        }
    )
    other.test_client_class = PnyxClient
    return other


def check_writes_of_another_process(app: Flask, anonymous: PnyxClient, space: Space) -> None:
    other = second_process(app)
    try:
        assert anonymous.get("/spaces/budget").headers[CACHE] == "miss"
        assert anonymous.get("/spaces/budget").headers[CACHE] == "hit"
        with other.app_context():
            session = get_session()
            session.scalar(select(Space).where(Space.slug == "budget")).title = {"en": "From B"}
            session.commit()
        page = anonymous.get("/spaces/budget")
        assert page.headers[CACHE] == "miss" and "From B" in page.text
    finally:
        get_database(other).engine.dispose()


def test_a_write_in_another_process_is_seen_by_this_one(app, anonymous, space) -> None:
    check_writes_of_another_process(app, anonymous, space)


REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def redis_server() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis server at 127.0.0.1:6379")


@pytest.mark.parametrize("pnyx_config", [{"REDIS_URL": REDIS_URL}])
def test_with_redis_the_generation_is_shared_there(redis_server, app, anonymous, space) -> None:
    from pnyx.page_cache.generation import RedisGeneration

    assert isinstance(app.extensions[EXTENSION_KEY].generations, RedisGeneration)
    check_writes_of_another_process(app, anonymous, space)


def test_the_bound_in_bytes_evicts_the_least_recent_pages(app, anonymous, space) -> None:
    cache = app.extensions[EXTENSION_KEY]
    anonymous.get("/spaces/budget?view=0")
    (page,) = cache.pages.values()
    cache.pages._Cache__maxsize = page.size * 10  # room for ten pages of this size
    for view in range(1, 13):
        anonymous.get(f"/spaces/budget?view={view}")
    assert page.size * 9 <= cache.pages.currsize <= page.size * 10
    assert anonymous.get("/spaces/budget?view=12").headers[CACHE] == "hit"
    assert anonymous.get("/spaces/budget?view=0").headers[CACHE] == "miss"


@pytest.mark.parametrize("pnyx_config", [{"PAGE_CACHE_MB": 0}, {"PUBLIC_CACHE_SECONDS": 0}])
def test_the_cache_can_be_turned_off(app, anonymous, space) -> None:
    assert EXTENSION_KEY not in app.extensions
    anonymous.get("/spaces/budget")
    assert CACHE not in anonymous.get("/spaces/budget").headers


def test_pages_varying_with_other_headers_are_not_stored() -> None:
    from pnyx.page_cache.middleware import _varies_only_with_the_key

    assert _varies_only_with_the_key("Accept-Language, Cookie")
    assert _varies_only_with_the_key("")
    assert not _varies_only_with_the_key("Accept-Language, Accept")
    assert not _varies_only_with_the_key("*")
