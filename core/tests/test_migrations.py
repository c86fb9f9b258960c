"""Migrations: one Alembic history per plugin, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from pnyx import migrate
from pnyx.db import get_database
from pnyx.models import Model

PLUGIN = "migdemo"
#: The core's scripts, oldest first, and its newest revision (``pnyx_0002``...): the tests
#: follow the history instead of naming its last migration.
CORE_SCRIPTS = sorted(
    p.name for p in (Path(migrate.__file__).parent / "migrations" / "versions").glob("pnyx_*.py")
)
CORE_HEAD = "_".join(CORE_SCRIPTS[-1].split("_")[:2])


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
