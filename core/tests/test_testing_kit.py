"""The test kit itself: plugin selection, isolation, CSRF forms, signing in, factories, CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import func, select
from sqlalchemy.orm import Mapped, mapped_column

from pnyx.db import get_database
from pnyx.errors import SettingsError
from pnyx.models import Component, Model, Organization, Space, User, UserSpaceRole
from pnyx.testing import install_plugins
from pnyx.testing.database import ENV_VAR
from pnyx.testing.plugin import split_names

pytest_plugins = ["pytester"]

FOLDER = Path(__file__).parent / "contract_plugins"


@pytest.fixture(autouse=True)
def goodboard(monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugins(monkeypatch, {"goodboard": "pnyx_goodboard.plugin"}, path=FOLDER)


# --- Choosing plugins --------------------------------------------------------------


def test_no_marker_no_ini_enables_nothing(app, pnyx_plugins) -> None:
    assert pnyx_plugins == []
    assert list(app.extensions["pnyx.plugins"].plugins) == []


@pytest.mark.pnyx_plugins("goodboard")
def test_marker_selects_plugins(app, pnyx_plugins) -> None:
    assert pnyx_plugins == ["goodboard"]
    assert list(app.extensions["pnyx.plugins"].plugins) == ["goodboard"]
    assert "goodboard" in app.extensions["pnyx.plugins"].registry.component_types


@pytest.mark.pnyx_plugins("goodboard")
class TestMarkerOnAClass:
    def test_applies_to_each_method(self, pnyx_plugins) -> None:
        assert pnyx_plugins == ["goodboard"]


def test_names_split_on_spaces_and_commas() -> None:
    assert split_names("a, b  c,,a") == ["a", "b", "c"]
    assert split_names(["a", ("b", "c d")]) == ["a", "b", "c", "d"]


def test_ini_option_and_fixture_override(pytester: pytest.Pytester, monkeypatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    pytester.makeini("[pytest]\npnyx_plugins = one, two three\n")
    pytester.makepyfile(
        test_ini="""
        import pytest

        def test_ini(request):
            assert request.getfixturevalue("pnyx_plugins") == ["one", "two", "three"]

        @pytest.mark.pnyx_plugins("four")
        def test_marker_wins(pnyx_plugins):
            assert pnyx_plugins == ["four"]
        """,
        test_override="""
        import pytest

        @pytest.fixture
        def pnyx_plugins():
            return ["mine"]

        def test_override(pnyx_plugins):
            assert pnyx_plugins == ["mine"]
        """,
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


@pytest.fixture
def pnyx_config() -> dict[str, object]:
    return {"PAGE_SIZE": 7}


def test_app_configuration(app, database_url, tmp_path) -> None:
    assert app.config["TESTING"] is True
    assert app.config["DATABASE_URL"] == database_url
    assert app.config["INSTANCE_PATH"] == str(tmp_path)
    assert app.config["PAGE_SIZE"] == 7  # from pnyx_config
    assert app.config["SECRET_KEY"]


# --- Isolation between tests -------------------------------------------------------


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_starts_from_empty_tables(run, session, make_user, make_component) -> None:
    tables = Model.metadata.sorted_tables
    counts = {t.name: session.scalar(select(func.count()).select_from(t)) for t in tables}
    assert set(counts.values()) == {0}, counts
    # Ids restart too, so the second run makes exactly the same rows.
    assert make_user().id == 1


_late_models: list[type] = []


def late_model() -> type:
    """A model defined after the app was built (a plugin importing its models lazily)."""
    if not _late_models:

        class LateThing(Model):
            __tablename__ = "kittest_late_things"
            id: Mapped[int] = mapped_column(primary_key=True)

        _late_models.append(LateThing)
    return _late_models[0]


def test_tables_of_models_imported_later_are_created(client, session) -> None:
    thing = late_model()
    assert client.get("/").status_code == 200  # the kit creates missing tables before requests
    session.add(thing())
    session.commit()
    assert session.scalar(select(func.count()).select_from(thing)) == 1


_kept: list[object] = []


def test_app_engine_is_used(app, client) -> None:
    assert client.get("/").status_code == 200
    _kept.append(app)


def test_app_engine_was_disposed_after_the_previous_test() -> None:
    [previous_app] = _kept
    pool = get_database(previous_app).engine.pool
    assert pool.checkedout() == 0 and pool.checkedin() == 0


def test_default_database_is_a_sqlite_file(database_url) -> None:
    if ENV_VAR in __import__("os").environ:
        pytest.skip(f"{ENV_VAR} is set")
    assert database_url.startswith("sqlite:///") and database_url.endswith(".sqlite3")


def test_unreachable_database_skips_locally_and_fails_on_ci(pytester, monkeypatch) -> None:
    pytester.makepyfile(test_db="def test_needs_db(app):\n    pass\n")
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://nobody@127.0.0.1:1/nowhere")
    monkeypatch.delenv("CI", raising=False)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*PNYX_TEST_DATABASE_URL=*127.0.0.1:1/nowhere is unreachable*"])
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*is unreachable*On CI (CI=true) the database must answer*"])


# --- Client: forms, signing in, separate contexts ----------------------------------


def test_post_form_sends_the_session_csrf_token(client) -> None:
    assert client.post("/locale", data={"locale": "en"}).status_code == 400
    response = client.post_form("/locale", data={"locale": "en", "next": "/"})
    assert response.status_code == 302
    assert "pnyx_locale=en" in response.headers["Set-Cookie"]
    with client.session_transaction() as cookie_session:
        assert cookie_session["csrf_token"] == client.csrf_token()


def test_post_form_keeps_a_given_token_and_follows_redirects(client) -> None:
    assert client.post_form("/locale", data={"csrf_token": "forged"}).status_code == 400
    response = client.post_form("/locale", data={"locale": "en"}, follow_redirects=True)
    assert response.status_code == 200 and response.request.path == "/"


def test_sign_in(client, sign_in, make_user) -> None:
    user = make_user(name="Dominique Habitant")
    assert "Dominique Habitant" not in client.get("/").get_data(as_text=True)
    sign_in(client, user)
    assert "Dominique Habitant" in client.get("/").get_data(as_text=True)
    # Signed in, the sign-out form (an ACCOUNT action) works with post_form.
    assert client.post_form("/sign-out").status_code == 302
    assert "Dominique Habitant" not in client.get("/").get_data(as_text=True)


def test_client_sign_in_method_and_default_password(client, make_user) -> None:
    user = make_user(email="camille@example.org")
    client.sign_in(user)
    with client.session_transaction() as cookie_session:
        assert cookie_session["user_id"] == user.id
    client.sign_out()
    form = {"email": "camille@example.org", "password": "pnyx-test-password"}
    assert client.post_form("/sign-in", data=form).status_code == 302


def test_requests_see_test_writes_and_test_sees_request_writes(client, session, make_user) -> None:
    user = make_user()
    assert user.locale is None  # the test's session reads: on SQLite it holds no write lock
    client.sign_in(user)
    g.marker = "test"
    assert client.post_form("/locale", data={"locale": "en"}).status_code == 302
    assert user.locale == "en"  # written by the request, read again by the test
    assert g.marker == "test" and "user" not in g  # the request had its own context


# --- Factories ---------------------------------------------------------------------


def test_make_space_defaults(session, make_space) -> None:
    space = make_space()
    assert space.type == "process" and space.published and not space.private
    assert [step.active for step in space.steps] == [True, False, False]
    assert space.steps[0].start_date <= dt.date.today() <= space.steps[0].end_date
    assert space.title["fr"] and space.title["en"]
    organization = session.scalar(select(Organization))
    assert organization.available_locales == ["fr", "en"]


def test_active_step_stays_active_when_the_space_is_served(client, session, make_space) -> None:
    space = make_space(steps=["One", {"fr": "Deux", "en": "Two"}, "Three"], active=1, slug="s")
    assert client.get("/spaces/s").status_code == 200
    assert [step.active for step in space.steps] == [False, True, False]
    assert space.steps[1].title == {"fr": "Deux", "en": "Two"}
    assert make_space(steps=0).steps == []
    assert not any(step.active for step in make_space(active=None).steps)


def test_make_user_roles(session, make_user, make_space) -> None:
    space = make_space()
    admin = make_user(roles=["admin"])
    moderator = make_user(space_roles={space: ["moderator", "valuator"]})
    assert admin.is_admin and not moderator.is_admin
    roles = session.scalars(select(UserSpaceRole.role).where(UserSpaceRole.user_id == moderator.id))
    assert sorted(roles) == ["moderator", "valuator"]
    with pytest.raises(ValueError, match="unknown OrganizationRole 'boss'"):
        make_user(roles=["boss"])
    assert make_user(password=None).password_hash is None


@pytest.mark.pnyx_plugins("goodboard")
def test_make_component_validates_settings(session, make_space, make_component) -> None:
    space = make_space()
    component = make_component(space, "goodboard", settings={"global": {"heading": "Hi"}})
    assert component.space is space and component.published
    assert component.settings["global"] == {"heading": "Hi"}
    assert component.settings["default_step"] == {"notes_enabled": True}
    alone = make_component("goodboard")
    assert alone.space.id != space.id and session.scalar(select(func.count(Space.id))) == 2
    with pytest.raises(SettingsError):
        make_component(space, "goodboard", settings={"global": {"heading": 3}})
    session.rollback()
    with pytest.raises(ValueError, match="no component type 'budgets' is registered"):
        make_component(space, "budgets")
    assert session.scalar(select(func.count(Component.id))) == 2


def test_factories_commit(app, make_user) -> None:
    user = make_user()
    with app.app_context():
        from pnyx.db import get_session

        assert get_session().get(User, user.id) is not None


# --- CLI -----------------------------------------------------------------------------


@pytest.mark.pnyx_plugins("goodboard")
def test_cli_runner_runs_pnyx_commands(cli_runner, make_space) -> None:
    make_space()
    result = cli_runner.invoke(args=["steps", "activate"])
    assert result.exit_code == 0, result.output
    result = cli_runner.invoke(args=["goodboard", "hello"])
    assert result.output == "hello from goodboard\n"


def test_post_form_sends_a_file_given_as_a_pair(app, client) -> None:
    import io

    from flask import request

    received = {}

    @app.route("/_kit_upload", methods=["POST"])
    def upload():
        received["file"] = request.files["document"].read()
        received["name"] = request.files["document"].filename
        received["tags"] = request.form.getlist("tag")
        return "ok"

    upload.pnyx_action = "pnyx.public"
    client.post_form(
        "/_kit_upload", data={"document": (io.BytesIO(b"a;b\n"), "x.csv"), "tag": ["a", "b"]}
    )
    assert received == {"file": b"a;b\n", "name": "x.csv", "tags": ["a", "b"]}
