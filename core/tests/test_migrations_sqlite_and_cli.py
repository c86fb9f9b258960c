"""Migrations: SQLite's table copies, the ``pnyx db`` commands, tables made outside the
migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from pnyx import create_app, migrate
from pnyx.cli.db import db
from pnyx.db import get_database
from pnyx.models import Model

PLUGIN = "migdemo"
#: The core's scripts, oldest first, and its newest revision (``pnyx_0002``...): the tests
#: follow the history instead of naming its last migration.
CORE_SCRIPTS = sorted(
    p.name for p in (Path(migrate.__file__).parent / "migrations" / "versions").glob("pnyx_*.py")
)
CORE_HEAD = "_".join(CORE_SCRIPTS[-1].split("_")[:2])
CORE_BEFORE_HEAD = "_".join(CORE_SCRIPTS[-2].split("_")[:2]) if len(CORE_SCRIPTS) > 1 else None


def core_tables() -> list[str]:
    """The core's tables, found independently of pnyx.migrate's ownership rules."""
    return sorted(
        mapper.local_table.name
        for mapper in Model.registry.mappers
        if mapper.class_.__module__.split(".")[0] == "pnyx" and mapper.inherits is None
    )


def table_names(app: Flask) -> set[str]:
    return set(sa.inspect(get_database(app).engine).get_table_names())


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
