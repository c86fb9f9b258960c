"""The contract suite catches each kind of breakage, and passes a well-behaved plugin.

The in-test plugins live in ``contract_plugins/``: ``goodboard`` keeps every
rule; each other one breaks one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from pnyx.app import build_app, create_app
from pnyx.db import get_database
from pnyx.errors import StartupError
from pnyx.testing import install_plugins
from pnyx.testing.checks import (
    check_names_prefixed,
    check_settings_defaults,
    check_templates_compile,
    check_views_declare_actions,
)
from pnyx.testing.database import ENV_VAR
from pnyx.testing.declarations import ContractError, declarations_of, required_plugins
from pnyx.testing.migrations import check_migrations, migrate_module, nothing_to_migrate
from pnyx.testing.routes import check_routes, check_seed, seed_plugin

pytest_plugins = ["pytester"]

FOLDER = Path(__file__).parent / "contract_plugins"
PLUGINS = (
    "goodboard",
    "badnames",
    "badtemplate",
    "crashroute",
    "badsettings",
    "noaction",
    "emptyseed",
    "drift",
    "sneaky",
    "clumsy",
)
needs_migrate = pytest.mark.skipif(migrate_module() is None, reason="pnyx.migrate is missing")


@pytest.fixture(autouse=True)
def contract_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    modules = {name: f"pnyx_{name}" for name in PLUGINS}
    modules["goodboard"] = "pnyx_goodboard.plugin"
    install_plugins(monkeypatch, modules, path=FOLDER)


def migration_config(app, tmp_path: Path) -> dict[str, object]:
    keys = ("PLUGINS", "SECRET_KEY", "TESTING")
    return {**{key: app.config[key] for key in keys}, "INSTANCE_PATH": str(tmp_path)}


# --- A well-behaved plugin passes every check --------------------------------------


@pytest.mark.pnyx_plugins("goodboard")
def test_good_plugin_passes_the_static_checks(app) -> None:
    decl = declarations_of("goodboard")
    check_names_prefixed(decl, app)
    check_settings_defaults(decl)
    check_templates_compile(app, decl)
    check_views_declare_actions(app, decl)
    assert decl.commands == ("goodboard",)
    assert decl.template_names() == ["goodboard/index.html", "goodboard/note.html"]
    assert decl.endpoints(app) == [
        "goodboard.index",
        "goodboard.note",
        "goodboard.write",
        "goodboard_admin.manage",
    ]


@pytest.mark.pnyx_plugins("goodboard")
def test_good_plugin_seeds_and_every_route_answers(app, session) -> None:
    components = check_seed(session, declarations_of("goodboard"))
    report = check_routes(app, session, declarations_of("goodboard"), components)
    # index, a note (its id found among the seeded rows) and the admin page; not the POST.
    assert len(report.checked) == 3 and report.requests == 6
    assert report.skipped == [] and report.failures == []
    assert any("/notes/" in line for line in report.checked)
    assert report.summary().startswith("goodboard: 3 GET route(s) checked (6 requests)")


@needs_migrate
@pytest.mark.pnyx_plugins("goodboard")
def test_good_plugin_migrates_up_and_down_on_a_fresh_database(app, database_url, tmp_path) -> None:
    check_migrations(
        declarations_of("goodboard"), migration_config(app, tmp_path), database_url, tmp_path
    )
    # The shared test database was left alone.
    assert "goodboard_alembic_version" not in inspect(get_database(app).engine).get_table_names()


# --- Each broken plugin fails, with a message that says what to do -----------------


def test_unprefixed_names_are_all_listed() -> None:
    with pytest.raises(ContractError) as failure:
        check_names_prefixed(declarations_of("badnames"))
    message = str(failure.value)
    assert message.startswith("Plugin 'badnames' breaks the contract (every name starts with")
    assert "action (of component type 'badnames') 'post' does not start with 'badnames'" in message
    assert "rename it 'badnames_post' (or 'badnames.post')" in message
    assert "CLI command group 'oops' does not start with 'badnames'" in message
    assert "template 'misplaced.html' is outside templates/badnames/" in message


@pytest.mark.pnyx_plugins("badtemplate")
def test_template_that_does_not_compile(app) -> None:
    with pytest.raises(ContractError, match="templates compile") as failure:
        check_templates_compile(app, declarations_of("badtemplate"))
    assert "template 'badtemplate/index.html', line 4: Encountered unknown tag 'endblock'" in str(
        failure.value
    )


@pytest.mark.pnyx_plugins("crashroute")
def test_public_route_that_raises(app, session) -> None:
    decl = declarations_of("crashroute")
    [component] = seed_plugin(session, decl)
    with pytest.raises(ContractError) as failure:
        check_routes(app, session, decl, [component])
    message = str(failure.value)
    url = f"/spaces/crashroute-contract/crashroute/{component.id}/"
    assert f"GET {url} as anonymous answered 500: RuntimeError: crashroute exploded at " in message
    assert f"GET {url} as admin answered 500" in message and "in index" in message
    assert "crashroute: 1 GET route(s) checked (2 requests), 0 skipped, 2 failing" in message


def test_settings_schema_whose_default_fails() -> None:
    with pytest.raises(ContractError) as failure:
        check_settings_defaults(declarations_of("badsettings"))
    message = str(failure.value)
    assert "'badsettings': the global settings schema GlobalSettings fails" in message
    assert "budget" in message and "give every required field a load_default" in message


def test_view_without_declared_action(tmp_path) -> None:
    with pytest.raises(StartupError, match=r"Plugin 'noaction': view 'noaction\.bare'"):
        create_app({"PLUGINS": "noaction", "INSTANCE_PATH": str(tmp_path)})
    app = build_app({"PLUGINS": "noaction", "INSTANCE_PATH": str(tmp_path)})
    with pytest.raises(ContractError) as failure:
        check_views_declare_actions(app, declarations_of("noaction"))
    message = str(failure.value)
    rule = "/spaces/<space_slug>/noaction/<int:component_id>/"
    bare = f"view 'noaction.bare' ({rule}) declares no action"
    assert bare in message
    assert "@api.requires(...)" in message
    assert (
        "view 'noaction.ghost' (/spaces/<space_slug>/noaction/<int:component_id>/ghost)" in message
    )
    assert "requires action 'noaction.ghost', which no plugin registers" in message


@pytest.mark.pnyx_plugins("emptyseed")
def test_seed_that_adds_no_row(session) -> None:
    with pytest.raises(ContractError, match=r"added no row to its tables \(emptyseed_items\)"):
        check_seed(session, declarations_of("emptyseed"))


@needs_migrate
@pytest.mark.pnyx_plugins("emptyseed")
def test_tables_without_migrations(app, database_url, tmp_path) -> None:
    with pytest.raises(ContractError, match="defines tables \\(emptyseed_items\\) but ships no"):
        check_migrations(
            declarations_of("emptyseed"), migration_config(app, tmp_path), database_url, tmp_path
        )


@needs_migrate
@pytest.mark.pnyx_plugins("drift")
def test_migrations_that_miss_a_column(app, database_url, tmp_path) -> None:
    with pytest.raises(ContractError) as failure:
        check_migrations(
            declarations_of("drift"), migration_config(app, tmp_path), database_url, tmp_path
        )
    message = str(failure.value)
    assert "the migrated schema differs from the models after the upgrade" in message
    assert "add_column" in message and "title" in message


@needs_migrate
@pytest.mark.pnyx_plugins("sneaky")
def test_migrations_that_touch_the_core_or_leave_things_behind(app, database_url, tmp_path):
    """Issue 11, item 3: what the migrations do, not only that they run."""
    with pytest.raises(ContractError) as failure:
        check_migrations(
            declarations_of("sneaky"), migration_config(app, tmp_path), database_url, tmp_path
        )
    message = str(failure.value)
    assert "its migrations create table 'audit_entries' without its prefix" in message
    assert "change a table that is not its own: column 'users.nickname' added" in message


@needs_migrate
@pytest.mark.pnyx_plugins("clumsy")
def test_a_downgrade_must_give_back_the_schema_from_before(app, database_url, tmp_path):
    with pytest.raises(ContractError) as failure:
        check_migrations(
            declarations_of("clumsy"), migration_config(app, tmp_path), database_url, tmp_path
        )
    assert (
        "the downgrade to base leaves the schema changed: indexes of table "
        "'user_space_roles' changed"
    ) in str(failure.value)


@needs_migrate
@pytest.mark.pnyx_plugins("goodboard")
def test_a_good_plugins_migrations_pass_every_check(app, database_url, tmp_path) -> None:
    check_migrations(
        declarations_of("goodboard"), migration_config(app, tmp_path), database_url, tmp_path
    )


def test_schema_differences_are_told_in_words() -> None:
    from pnyx.testing.migrations import differences

    table = {"columns": {"id": ("INTEGER", False)}, "indexes": [], "unique": []}
    widened = {**table, "columns": {"id": ("INTEGER", False), "nickname": ("VARCHAR", True)}}
    assert differences({"users": table}, {"users": widened}) == ["column 'users.nickname' added"]
    assert differences({"users": table}, {}) == ["table 'users' dropped"]


def test_nothing_to_migrate_for_a_plugin_without_tables() -> None:
    assert nothing_to_migrate(declarations_of("badtemplate")) is not None
    assert nothing_to_migrate(declarations_of("goodboard")) is None or migrate_module() is None


def test_unknown_plugin_is_named() -> None:
    with pytest.raises(ContractError, match="Plugin 'nowhere' is not installed"):
        declarations_of("nowhere")
    assert required_plugins("goodboard") == ["goodboard"]


# --- The class a plugin subclasses, run as a plugin's test suite would ---------------


def run_contract(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, plugin: str):
    monkeypatch.delenv(ENV_VAR, raising=False)  # the inner run must not wipe the shared database
    # Imported here first: pytester forgets the modules an in-process run imports, and a
    # model module imported twice would define its table twice.
    declarations_of(plugin)
    pytester.makepyfile(
        test_contract=f"""
        from pnyx.testing.contract import PluginContract

        class TestContract(PluginContract):
            plugin = "{plugin}"
        """
    )
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rfEs")


def test_contract_class_passes_a_good_plugin(pytester, monkeypatch) -> None:
    result = run_contract(pytester, monkeypatch, "goodboard")
    if migrate_module() is None:
        result.assert_outcomes(passed=7, skipped=1)
    else:
        result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(
        ["*pnyx contract: routes checked*", "goodboard: 3 GET route(s) checked (6 requests)*"]
    )


def test_contract_class_fails_a_broken_plugin(pytester, monkeypatch) -> None:
    result = run_contract(pytester, monkeypatch, "crashroute")
    # Crashes on its page (the route walk and the fuzzer both say so); has no tables, no
    # seed, so those two checks are skipped.
    result.assert_outcomes(passed=4, failed=2, skipped=2)
    result.stdout.fnmatch_lines(["*test_routes_answer*", "*RuntimeError: crashroute exploded*"])


def test_contract_class_reports_a_plugin_that_cannot_start(pytester, monkeypatch) -> None:
    result = run_contract(pytester, monkeypatch, "badnames")
    result.stdout.fnmatch_lines(["*FAILED*test_names_are_prefixed*"])
    result.stdout.fnmatch_lines(["*action (of component type 'badnames') 'post'*"])


def test_contract_class_lists_each_view_without_action(pytester, monkeypatch) -> None:
    result = run_contract(pytester, monkeypatch, "noaction")
    result.stdout.fnmatch_lines(["*FAILED*test_views_declare_actions*"])
    result.stdout.fnmatch_lines(["*view 'noaction.bare' (*) declares no action*"])
    result.stdout.fnmatch_lines(["*requires action 'noaction.ghost', which no plugin*"])
