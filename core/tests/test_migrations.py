"""Migrations: one Alembic history per plugin, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import importlib
import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.pool import NullPool

from pnyx import create_app, migrate
from pnyx.cli.db import db
from pnyx.db import get_database
from pnyx.models import Model

POSTGRESQL_URL = os.environ.get("PNYX_TEST_DATABASE_URL")
PLUGIN_FOLDER = Path(__file__).parent / "migration_plugin"
PLUGIN = "migdemo"
#: The core's scripts, oldest first, and its newest revision (``pnyx_0002``...): the tests
#: follow the history instead of naming its last migration.
CORE_SCRIPTS = sorted(
    p.name for p in (Path(migrate.__file__).parent / "migrations" / "versions").glob("pnyx_*.py")
)
CORE_HEAD = "_".join(CORE_SCRIPTS[-1].split("_")[:2])
CORE_BEFORE_HEAD = "_".join(CORE_SCRIPTS[-2].split("_")[:2]) if len(CORE_SCRIPTS) > 1 else None


# --- Databases and apps --------------------------------------------------------


@pytest.fixture(params=["sqlite", *(["postgresql"] if POSTGRESQL_URL else [])])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of empty databases: SQLite files, and PostgreSQL schemas when configured."""
    numbers = itertools.count()
    schemas: list[str] = []
    on_postgresql = request.param == "postgresql"
    admin = sa.create_engine(POSTGRESQL_URL, poolclass=NullPool) if on_postgresql else None

    def new() -> str:
        if admin is None:
            return f"sqlite:///{tmp_path / f'db{next(numbers)}.sqlite3'}"
        schema = f"test_migrations_{uuid.uuid4().hex[:12]}"
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    yield new
    if admin is not None:
        with admin.begin() as connection:
            for schema in schemas:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def make_app(new_database: Callable[[], str], tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """``make_app(plugins="")``: an app on a new empty database, its engine closed afterwards."""
    apps: list[Flask] = []

    def make(plugins: str = "") -> Flask:
        app = create_app(
            {"DATABASE_URL": new_database(), "INSTANCE_PATH": str(tmp_path), "PLUGINS": plugins}
        )
        app.cli.add_command(db)
        apps.append(app)
        return app

    yield make
    for app in apps:
        get_database(app).engine.dispose()


@pytest.fixture
def demo_plugin(
    fake_plugins: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Path]:
    """Install the in-test plugin ``migdemo`` (one table, one migration).

    ``demo_plugin(copy_to=folder, with_scripts=False)`` moves the plugin's package
    folder to a copy in ``folder``, so a test may write migrations into it.
    """

    def install(copy_to: Path | None = None, with_scripts: bool = True) -> Path:
        fake_plugins(folder="migration_plugin", **{PLUGIN: "pnyx_migdemo.plugin"})
        package = importlib.import_module("pnyx_migdemo")
        source = folder = PLUGIN_FOLDER / "pnyx_migdemo"
        if copy_to is not None:
            folder = copy_to / "pnyx_migdemo"
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
            if not with_scripts:
                for script in (folder / "migrations" / "versions").glob("*.py"):
                    script.unlink()
        # The plugin's folder (templates, migrations) is found from its package's file.
        monkeypatch.setattr(package, "__file__", str(folder / "__init__.py"))
        return folder

    return install


@pytest.fixture
def core_scripts_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the core's history at a copy of its scripts, for tests that call ``revision``:
    should the models ever differ from the scripts, nothing is written into the sources."""
    copy = tmp_path / "core_migrations"
    shutil.copytree(
        migrate.SCRIPT_LOCATION, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", copy)
    return copy


# --- Describing a schema ---------------------------------------------------------


def core_tables() -> list[str]:
    """The core's tables, found independently of pnyx.migrate's ownership rules."""
    return sorted(
        mapper.local_table.name
        for mapper in Model.registry.mappers
        if mapper.class_.__module__.split(".")[0] == "pnyx" and mapper.inherits is None
    )


def _where(index: dict[str, Any]) -> str | None:
    options = index.get("dialect_options", {})
    where = options.get("sqlite_where", options.get("postgresql_where"))
    return None if where is None else str(where).strip("()")


def describe(engine: sa.Engine, tables: list[str]) -> dict[str, dict[str, Any]]:
    """What the database says about ``tables``: columns, keys, indexes, unique constraints."""
    inspector = sa.inspect(engine)
    return {
        table: {
            "columns": [
                (column["name"], column["type"].compile(engine.dialect), column["nullable"])
                for column in inspector.get_columns(table)
            ],
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    fk["options"].get("ondelete"),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (index["name"], tuple(index["column_names"]), bool(index["unique"]), _where(index))
                for index in inspector.get_indexes(table)
            ),
            "unique constraints": sorted(
                (unique["name"], tuple(unique["column_names"]))
                for unique in inspector.get_unique_constraints(table)
            ),
        }
        for table in tables
    }


def table_names(app: Flask) -> set[str]:
    return set(sa.inspect(get_database(app).engine).get_table_names())


# --- The core's history ---------------------------------------------------------


def test_upgrade_builds_exactly_the_models_schema(make_app: Callable[..., Flask]) -> None:
    migrated, expected = make_app(), make_app()
    migrate.upgrade(migrated)
    tables = core_tables()
    Model.metadata.create_all(
        get_database(expected).engine, tables=[Model.metadata.tables[t] for t in tables]
    )

    assert migrate.schema_drift(migrated) == []
    assert table_names(migrated) == {*tables, "pnyx_alembic_version"}
    engine = get_database(migrated).engine
    assert describe(engine, tables) == describe(get_database(expected).engine, tables)
    assert migrate.current(migrated) == {"pnyx": CORE_HEAD} == migrate.heads(migrated)


def test_one_active_step_per_space_survives_the_migration(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    migrate.upgrade(app)
    indexes = {i["name"]: i for i in sa.inspect(get_database(app).engine).get_indexes("steps")}
    partial = indexes["uq_steps_one_active_per_space"]
    assert partial["unique"] and _where(partial) == "active"

    insert = sa.text(
        "INSERT INTO steps (space_id, position, title, description, active) "
        "VALUES (1, :position, '{}', '{}', :active)"
    )
    with get_database(app).engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO spaces (id, type, slug, title, description, published, private, "
                "position, created_at) VALUES (1, 'process', 's', '{}', '{}', false, false, 0, "
                "CURRENT_TIMESTAMP)"
            )
        )
        for position in range(3):
            connection.execute(insert, {"position": position, "active": position == 0})
    with pytest.raises(sa.exc.IntegrityError), get_database(app).engine.begin() as connection:
        connection.execute(insert, {"position": 9, "active": True})


def test_downgrade_to_base_leaves_nothing_and_upgrade_works_again(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    migrate.upgrade(app)
    migrate.downgrade(app, "pnyx")
    assert table_names(app) == set()
    assert migrate.current(app) == {"pnyx": None}

    migrate.upgrade(app)
    assert migrate.schema_drift(app) == []


def test_schema_drift_reports_what_the_migrations_missed(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    migrate.upgrade(app)
    with get_database(app).engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE spaces ADD COLUMN forgotten INTEGER"))
        connection.execute(sa.text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))

    drift = migrate.schema_drift(app)
    assert {(diff[0], diff[-1].name) for diff in drift if isinstance(diff, tuple)} == {
        ("remove_column", "forgotten"),
        ("remove_table", "stray"),
    }


def test_unknown_names_are_reported_with_the_known_ones(
    make_app: Callable[..., Flask], core_scripts_copy: Path
) -> None:
    app = make_app()
    with pytest.raises(migrate.MigrationError, match=r"Unknown plugin 'nope'.*pnyx"):
        migrate.upgrade(app, "nope")
    with pytest.raises(migrate.MigrationError, match="needs a plugin name"):
        migrate.upgrade(app, revision="pnyx_0001")
    migrate.upgrade(app)
    with pytest.raises(migrate.MigrationError, match="No changes in the models of 'pnyx'"):
        migrate.revision(app, "pnyx", "nothing")
    assert sorted(p.name for p in (core_scripts_copy / "versions").glob("*.py")) == CORE_SCRIPTS


# --- A plugin's history ----------------------------------------------------------


def test_plugin_history_runs_after_the_core_with_its_own_version_table(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path]
) -> None:
    demo_plugin()
    app = make_app(PLUGIN)
    assert [(h.name, h.version_table) for h in migrate.histories(app)] == [
        ("pnyx", "pnyx_alembic_version"),
        (PLUGIN, "migdemo_alembic_version"),
    ]
    created: list[str] = []
    sa.event.listen(
        get_database(app).engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_: created.extend(
            statement.split()[2:3] if statement.lstrip().startswith("CREATE TABLE") else []
        ),
    )

    migrate.upgrade(app)

    assert created.index("spaces") < created.index("migdemo_notes")
    assert table_names(app) >= {"migdemo_notes", "pnyx_alembic_version", "migdemo_alembic_version"}
    assert migrate.current(app) == {"pnyx": CORE_HEAD, PLUGIN: "migdemo_0001"}
    assert migrate.schema_drift(app) == [] == migrate.schema_drift(app, PLUGIN)
    for revision in ("base", f"-{len(CORE_SCRIPTS)}"):  # both remove the core's tables
        with pytest.raises(migrate.MigrationError, match="Downgrade migdemo to base first"):
            migrate.downgrade(app, "pnyx", revision)

    migrate.downgrade_all(app)
    assert table_names(app) == set()


def test_core_history_ignores_tables_of_other_packages(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], core_scripts_copy: Path
) -> None:
    demo_plugin()
    importlib.import_module("pnyx_migdemo.models")  # in the metadata, but not enabled
    app = make_app()
    migrate.upgrade(app)
    assert "migdemo_notes" not in table_names(app)
    assert migrate.schema_drift(app) == []
    with pytest.raises(migrate.MigrationError, match="No changes"):
        migrate.revision(app, "pnyx", "nothing")


def test_revision_autogenerates_only_the_plugin_tables(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    package = demo_plugin(copy_to=tmp_path / "src", with_scripts=False)
    app = make_app(PLUGIN)
    assert [h.name for h in migrate.histories(app)] == ["pnyx"]  # no scripts yet: skipped
    migrate.upgrade(app)

    path = Path(migrate.revision(app, PLUGIN, "Add notes"))

    assert path == package / "migrations" / "versions" / "migdemo_0001_add_notes.py"
    script = path.read_text()
    assert 'op.create_table(\n        "migdemo_notes"' in script
    assert script.count("op.create_table(") == 1 and "alembic_version" not in script
    assert "sa.DateTime(timezone=True)" in script and "pnyx" not in script
    assert "sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), " in script
    assert 'revision = "migdemo_0001"\ndown_revision = None' in script
    compile(script, str(path), "exec")

    migrate.upgrade(app)
    assert migrate.current(app) == {"pnyx": CORE_HEAD, PLUGIN: "migdemo_0001"}
    assert migrate.schema_drift(app, PLUGIN) == [] == migrate.schema_drift(app)
    with pytest.raises(migrate.MigrationError, match="No changes"):
        migrate.revision(app, PLUGIN, "again")
    empty = Path(migrate.revision(app, PLUGIN, "Fill notes", autogenerate=False))
    assert empty.name == "migdemo_0002_fill_notes.py"
    assert 'down_revision = "migdemo_0001"' in empty.read_text()


def test_revision_needs_an_up_to_date_database(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    package = demo_plugin(copy_to=tmp_path / "src")
    app = make_app(PLUGIN)
    with pytest.raises(migrate.MigrationError, match="not up to date"):
        migrate.revision(app, PLUGIN, "too early")
    assert len(list((package / "migrations" / "versions").glob("*.py"))) == 1


def test_a_plugin_alone_needs_the_core_up_to_date(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path]
) -> None:
    demo_plugin()
    app = make_app(PLUGIN)
    with pytest.raises(migrate.MigrationError, match="Upgrade pnyx before 'migdemo'"):
        migrate.upgrade(app, PLUGIN)
    migrate.upgrade(app, "pnyx")
    migrate.upgrade(app, PLUGIN)
    assert migrate.current(app) == {"pnyx": CORE_HEAD, PLUGIN: "migdemo_0001"}


REBUILD_SPACES = """
import sqlalchemy as sa
from alembic import op

revision = "migdemo_0002"
down_revision = "migdemo_0001"


def upgrade():
    {upgrade}


def downgrade():
    pass
"""


def _write_second_migration(package: Path, upgrade: str) -> None:
    script = REBUILD_SPACES.replace("{upgrade}", upgrade)
    (package / "migrations" / "versions" / "migdemo_0002_test.py").write_text(script)


def _space_with_a_step_and_a_note(app: Flask) -> None:
    with get_database(app).engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO spaces (id, type, slug, title, description, published, private, "
                "position, created_at) VALUES (1, 'process', 's', '{}', '{}', 0, 0, 0, "
                "CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO steps (space_id, position, title, description, active) "
                "VALUES (1, 0, '{}', '{}', 1)"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO migdemo_notes (space_id, slug, body, created_at) "
                "VALUES (1, 'n', '{}', CURRENT_TIMESTAMP)"
            )
        )


def _count(app: Flask, table: str) -> int:
    with get_database(app).engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


@pytest.mark.parametrize("new_database", ["sqlite"], indirect=True)
def test_sqlite_table_copies_keep_the_rows_that_point_to_the_table(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    package = demo_plugin(copy_to=tmp_path / "src")
    app = make_app(PLUGIN)
    migrate.upgrade(app)
    _space_with_a_step_and_a_note(app)
    # SQLite only: batch mode copies ``spaces``, drops it and renames the copy: with foreign keys
    # on, dropping it would cascade to the step and the note.
    _write_second_migration(
        package,
        """with op.batch_alter_table("spaces", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("extra", sa.Integer(), nullable=True))""",
    )
    migrate.upgrade(app)
    assert _count(app, "steps") == 1 == _count(app, "migdemo_notes")
    with get_database(app).engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


@pytest.mark.parametrize("new_database", ["sqlite"], indirect=True)
def test_sqlite_migration_that_orphans_rows_is_rolled_back(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    package = demo_plugin(copy_to=tmp_path / "src")
    app = make_app(PLUGIN)
    migrate.upgrade(app)
    _space_with_a_step_and_a_note(app)
    # SQLite only (PostgreSQL checks foreign keys itself): they are off while migrating.
    _write_second_migration(package, 'op.execute("DELETE FROM spaces")')

    with pytest.raises(migrate.MigrationError, match="migdemo_notes, steps pointing to missing"):
        migrate.upgrade(app)
    assert _count(app, "spaces") == 1
    assert migrate.current(app)[PLUGIN] == "migdemo_0001"


# --- pnyx db ---------------------------------------------------------------------


def test_db_commands(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    runner = app.test_cli_runner()

    result = runner.invoke(args=["db", "current"])
    assert f"pnyx: nothing applied (behind: head is {CORE_HEAD}" in result.output
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and f"pnyx: nothing -> {CORE_HEAD}" in result.output
    assert f"pnyx: {CORE_HEAD} (up to date)" in runner.invoke(args=["db", "current"]).output
    assert "Nothing to do" in runner.invoke(args=["db", "upgrade"]).output

    result = runner.invoke(args=["db", "downgrade", "--plugin", "pnyx"], input="n\n")
    assert result.exit_code == 1 and "spaces" in table_names(app)
    result = runner.invoke(args=["db", "downgrade", "--plugin", "pnyx", "--revision", "base"])
    assert result.exit_code == 1 and "spaces" in table_names(app)  # no answer: aborted
    result = runner.invoke(args=["db", "downgrade", "--plugin", "pnyx", "--yes"])  # one step
    assert result.exit_code == 0
    assert f"pnyx: {CORE_HEAD} -> {CORE_BEFORE_HEAD or 'nothing'}" in result.output
    base = ["db", "downgrade", "--plugin", "pnyx", "--revision", "base", "--yes"]
    assert runner.invoke(args=base).exit_code == 0
    assert table_names(app) == set()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["upgrade", "--plugin", "nope"], "Unknown plugin 'nope': the migration histories are"),
        (["downgrade", "--plugin", "nope", "--yes"], "Unknown plugin 'nope'"),
        (["downgrade", "--plugin", "pnyx", "--yes"], "Relative revision -1 didn't produce"),
        (["revision", "--plugin", "pnyx", "-m", "x"], "not up to date"),
        (["upgrade", "--revision", "pnyx_0001"], "needs a plugin name"),
        (["upgrade", "--plugin", "pnyx", "--revision", "nope"], "Can't locate revision"),
    ],
)
def test_db_mistakes_print_one_line(
    make_app: Callable[..., Flask], core_scripts_copy: Path, args: list[str], message: str
) -> None:
    result = make_app().test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a ClickException, not a traceback
    assert message in result.output and "Traceback" not in result.output


def test_db_revision_writes_a_plugin_script(
    make_app: Callable[..., Flask], demo_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    package = demo_plugin(copy_to=tmp_path / "src")
    app = make_app(PLUGIN)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "revision", "--plugin", PLUGIN, "-m", "Seed", "--empty"])
    assert result.exit_code == 0, result.output
    assert "migdemo_0002_seed.py: review it" in result.output
    assert (package / "migrations" / "versions" / "migdemo_0002_seed.py").exists()


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'folder' / 'db.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path), "PLUGINS": ""})
    app.cli.add_command(db)
    result = app.test_cli_runner().invoke(args=["db", "current"])
    assert result.exit_code == 1
    assert "Database error: unable to open database file" in result.output


# --- Tables made outside the migrations ----------------------------------------


def test_upgrade_over_tables_made_by_create_all_explains_what_happened(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app()
    tables = core_tables()
    Model.metadata.create_all(
        get_database(app).engine, tables=[Model.metadata.tables[t] for t in tables]
    )
    with pytest.raises(migrate.MigrationError, match="no migration history records"):
        migrate.upgrade(app)
