"""Testing pooled database connections before use, but only those that sat idle.

SQLAlchemy's ``pool_pre_ping`` sends a ``SELECT 1`` each time a connection leaves the
pool: once per transaction, about eight round trips of a budgets ballot's seventy
(docs/performance.md, "Budgets: checkout throughput"). A connection that was back in the
pool for a moment is as alive as it was then; one idle for a while may have been closed
by a database restart or a firewall. So only connections idle for more than
``IDLE_SECONDS`` are pinged, SQLAlchemy's own way (``dialect.do_ping``), and a dead one
is replaced (``DisconnectionError``: the pool opens a fresh connection). A restart in the
last few seconds can still fail one request per process: its error invalidates the whole
pool, and the next request reconnects.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

#: A connection back in the pool for less than this is used without a ping.
IDLE_SECONDS = 5.0
RETURNED_AT = "pnyx_returned_at"


def ping_idle_connections(engine: Engine) -> None:
    """Ping a connection before use when it sat in the pool longer than ``IDLE_SECONDS``."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _note_return(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(RETURNED_AT)
        if returned is None or time.monotonic() - returned < IDLE_SECONDS:
            return  # new (just connected) or used a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise DisconnectionError("the pooled connection is closed") from error
            raise
