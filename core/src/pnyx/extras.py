"""Optional dependencies: a missing one is a one-line start-up error naming the extra.

``pip install pnyx`` brings SQLite only. A PostgreSQL database needs the
``pnyx[postgresql]`` extra (the psycopg driver), a Redis server the
``pnyx[redis]`` extra (the redis client). Without them SQLAlchemy or the rate
limiter would fail later with a long traceback; :func:`check_extras` says it
at start-up, in the words of the fix.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from pnyx.errors import StartupError

#: The extra that brings each database backend's driver.
DATABASE_EXTRAS = {"postgresql": "postgresql"}


def missing_module(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return True
    return False


def check_database_driver(url: str) -> None:
    """Refuse, in one line, a database URL whose driver is not installed."""
    try:
        parsed = make_url(url)
        dialect = parsed.get_dialect()
        dialect.import_dbapi()
    except (ArgumentError, ValueError) as error:
        raise StartupError(f"PNYX_DATABASE_URL is not a database URL: {error}") from None
    except (ImportError, NoSuchModuleError) as error:
        backend = make_url(url).get_backend_name()
        extra = DATABASE_EXTRAS.get(backend)
        fix = f"pip install 'pnyx[{extra}]'" if extra else "install its driver"
        raise StartupError(
            f"PNYX_DATABASE_URL uses {backend}, but its driver is missing ({error}): {fix}."
        ) from None


def check_redis_client(url: str | None) -> None:
    if url and missing_module("redis"):
        raise StartupError(
            "PNYX_REDIS_URL is set, but the Redis client is not installed: "
            "pip install 'pnyx[redis]'."
        )


def check_extras(config: Mapping[str, Any]) -> None:
    """Every optional dependency the configuration needs is installed."""
    check_database_driver(config["DATABASE_URL"])
    check_redis_client(config.get("REDIS_URL"))
