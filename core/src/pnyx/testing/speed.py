"""Test-only speed-ups applied to every app the ``app`` fixture builds.

A test suite builds hundreds of apps. The installed plugins' entry points are
read once per run instead of twice per app (reading them is half the cost of
``create_app``), templates are compiled once per run instead of once per app,
and SQLite skips ``fsync`` (a test database need not survive a power cut).
None of them changes what the code under test does.
"""

from __future__ import annotations

import importlib.metadata as metadata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from sqlalchemy import event

from pnyx import plugin_system
from pnyx.db import get_database

_READ_ENTRY_POINTS = plugin_system.installed_entry_points
_entry_points: dict[str, metadata.EntryPoint] = {}


def _compiler_options(environment: Environment) -> tuple[Any, ...]:
    """What changes compiled code besides the source: a plugin may add extensions."""
    autoescape = getattr(environment.autoescape, "__func__", environment.autoescape)
    syntax = (
        environment.block_start_string,
        environment.variable_start_string,
        environment.comment_start_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.keep_trailing_newline,
        environment.newline_sequence,
        environment.optimized,
    )
    return (*syntax, tuple(sorted(environment.extensions)), autoescape, environment.finalize)


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every app of the run.

    Jinja checks each source's checksum; the key also holds the environment's
    compiler options, so apps configured differently never share code.
    """

    def __init__(self) -> None:
        self.compiled: dict[tuple[Any, ...], bytes] = {}

    def _key(self, bucket: Bucket) -> tuple[Any, ...]:
        return (bucket.key, *_compiler_options(bucket.environment))

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self.compiled.get(self._key(bucket))
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[self._key(bucket)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


TEMPLATE_CACHE = MemoryBytecodeCache()


def _no_fsync(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


def speed_up(app: Flask) -> None:
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    database = get_database(app)
    if database.is_sqlite:
        event.listen(database.engine, "connect", _no_fsync)


@contextmanager
def entry_points_read_once() -> Iterator[None]:
    """While building an app, serve the entry points read at the first build.

    A test that replaced ``installed_entry_points`` (in-test plugins) keeps its own.
    """
    current = plugin_system.installed_entry_points
    if current is not _READ_ENTRY_POINTS:
        yield
        return
    if not _entry_points:
        _entry_points.update(_READ_ENTRY_POINTS())
    plugin_system.installed_entry_points = lambda: dict(_entry_points)  # type: ignore[assignment]
    try:
        yield
    finally:
        plugin_system.installed_entry_points = current  # type: ignore[assignment]
