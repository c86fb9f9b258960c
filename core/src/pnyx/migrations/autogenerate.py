"""What autogenerate compares, and how it writes scripts.

Every model shares one ``MetaData``; each history compares only the tables it
owns (:func:`table_owners`), writes column types that work standalone on both
databases (:func:`render_item`), and keeps index changes out of batch blocks
(:func:`tidy_script`). :mod:`pnyx.migrate` and ``env.py`` both use
:func:`migration_options`, so ``schema_drift`` sees what ``revision`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from alembic.operations import ops
from sqlalchemy import TypeDecorator
from sqlalchemy.sql import sqltypes
from sqlalchemy.types import TypeEngine

from pnyx.models import Model
from pnyx.plugin_system import PluginInfo

if TYPE_CHECKING:
    from pnyx.migrate import History

CORE = "pnyx"
VERSION_TABLE_SUFFIX = "_alembic_version"
_DIALECTS = "sqlalchemy.dialects."
_NESTED_TYPE = re.compile(r"(?<![\w.])([A-Z]\w*)\(")


def is_version_table(table_name: str) -> bool:
    return table_name.endswith(VERSION_TABLE_SUFFIX) or table_name.startswith("alembic_version")


def table_owners(
    plugins: Mapping[str, PluginInfo], installed: Iterable[str]
) -> Callable[[str], str | None]:
    """A function: table name -> the history that owns it, or ``None`` (nobody here).

    A mapped table belongs to the package of its model class: ``pnyx`` for the
    core, a plugin's package for that plugin. A model from any other package (a
    plugin that is not enabled, a test module) belongs to nobody, so the core
    never proposes to create or drop it. A table no model maps (a plain
    ``Table``, or one left in the database) goes to the enabled or ``installed``
    plugin whose name prefixes it, else to the core. Version tables belong to
    nobody.
    """
    by_package = {info.package_name: info.name for info in plugins.values()}
    by_package[CORE] = CORE
    mapped: dict[str, str | None] = {}
    for mapper in Model.registry.mappers:
        table = mapper.local_table
        inherited = mapper.inherits is not None and mapper.inherits.local_table is table
        if not inherited and hasattr(table, "name"):
            mapped[table.name] = by_package.get(mapper.class_.__module__.split(".")[0])
    # Longest first: a plugin named ``budgets_youth`` wins over ``budgets``.
    prefixes = sorted({*plugins, *installed}, key=len, reverse=True)

    def owner(table_name: str) -> str | None:
        if is_version_table(table_name):
            return None
        if table_name in mapped:
            return mapped[table_name]
        for name in prefixes:
            if table_name.startswith(f"{name}_"):
                return name if name in plugins else None
        return CORE

    return owner


def is_search_index(name: str | None) -> bool:
    """Indexes named ``ix_<table>_search`` serve text search (docs/decisions.md)."""
    return bool(name) and name.startswith("ix_") and name.endswith("_search")  # type: ignore[union-attr]


def migration_options(
    history: History, plugins: Mapping[str, PluginInfo], installed: Iterable[str]
) -> dict[str, Any]:
    """The ``MigrationContext`` options for ``history``: version table, filters, rendering."""
    owner = table_owners(plugins, installed)

    def include_name(name: str | None, type_: str, parent_names: Mapping[str, Any]) -> bool:
        # Called before reflection: other histories' tables are not even read.
        if type_ == "table":
            return name is not None and owner(name) == history.name
        return True

    def include_object(
        obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
    ) -> bool:
        if type_ == "index" and reflected and compare_to is None and is_search_index(name):
            # PostgreSQL-only trigram indexes on folded text (pnyx.search), created by
            # migrations; SQLite has none, so models do not declare them.
            return False
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table is None or owner(table) == history.name

    return {
        "target_metadata": Model.metadata,
        "version_table": history.version_table,
        "include_name": include_name,
        "include_object": include_object,
        "compare_type": True,
        # Always batch, whatever database the script is generated on: the same
        # scripts run on SQLite (which copies a table to alter it) and on
        # PostgreSQL (where batch operations are plain ALTER statements).
        "render_as_batch": True,
        "render_item": render_item,
    }


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Render column types so that a script works standalone on either database.

    A custom type (``UTCDateTime``) is written as the SQLAlchemy type it stores
    (``sa.DateTime(timezone=True)``): a script is a snapshot that imports nothing
    from Pnyx, so it keeps working when the Python-side type changes. Dialect
    types and variants (``JSONType``) are written the same whichever database
    the script was generated on.
    """
    if type_ != "type":
        return False
    if isinstance(obj, TypeDecorator):
        obj = obj.impl_instance
    elif not (getattr(obj, "_variant_mapping", None) or type(obj).__module__.startswith(_DIALECTS)):
        return False
    return _render_type(obj, autogen_context)


def _render_type(type_: TypeEngine[Any], autogen_context: Any) -> str | Literal[False]:
    prefix = autogen_context.opts["sqlalchemy_module_prefix"]
    module = type(type_).__module__
    if module.startswith(_DIALECTS):
        dialect = module.split(".")[2]
        autogen_context.imports.add(f"from sqlalchemy.dialects import {dialect}")
        head = f"{dialect}."
    elif module.startswith("sqlalchemy."):
        head = prefix
    else:
        return False  # a third-party type: Alembic's own rendering, to review by hand
    name, args = repr(type_).split("(", 1)
    # Types nested in the arguments (``JSONB(astext_type=Text())``) need the prefix too.
    args = _NESTED_TYPE.sub(
        lambda m: f"{prefix}{m[1]}(" if hasattr(sqltypes, m[1]) else m[0], f"({args}"
    )
    rendered = f"{head}{name}{args}"
    variants = getattr(type_, "_variant_mapping", None) or {}
    for dialect_name, variant in sorted(variants.items()):
        rendered_variant = _render_type(variant, autogen_context)
        if rendered_variant is False:
            return False
        rendered += f".with_variant({rendered_variant}, {dialect_name!r})"
    return rendered


def tidy_script(script: ops.MigrationScript) -> None:
    """Write index changes as plain ``op.create_index``, outside batch blocks.

    An index needs no table copy on SQLite: a batch block around it is noise.
    """
    for container in (script.upgrade_ops, script.downgrade_ops):
        if container is None:
            continue
        flat: list[ops.MigrateOperation] = []
        for operation in container.ops:
            if isinstance(operation, ops.ModifyTableOps) and all(
                isinstance(inner, ops.CreateIndexOp | ops.DropIndexOp) for inner in operation.ops
            ):
                flat.extend(operation.ops)
            else:
                flat.append(operation)
        container.ops = flat
