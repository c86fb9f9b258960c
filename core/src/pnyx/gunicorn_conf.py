"""The gunicorn configuration shipped with Pnyx (docs/deployment.md)::

    gunicorn -c python:pnyx.gunicorn_conf 'pnyx:create_app()'

Every value can be changed by an environment variable, so one file serves a
small city on one core and a large one on sixteen. Pnyx's processes are
stateless (sessions signed in cookies, rate limits and jobs in Redis, data in
PostgreSQL), so any number of them can run behind one reverse proxy.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


#: Where to listen; the reverse proxy forwards to it.
bind = os.environ.get("PNYX_BIND", "127.0.0.1:8000")
#: gunicorn's advice for synchronous workers: two per core, plus one.
workers = _int("PNYX_WORKERS", multiprocessing.cpu_count() * 2 + 1)
#: Threads per worker: gunicorn's ``gthread`` worker, whose threads overlap their database
#: round trips and keep answering while an inline job runs after a response (1: the ``sync``
#: worker). The app is thread-safe: a request's state lives in its own context
#: (core/tests/test_threaded_requests.py). Measured in docs/performance.md ("Budgets: checkout
#: throughput"): 4 threads served 1.5 to 3 times the ballots per second of sync workers.
threads = max(1, _int("PNYX_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
#: A request that takes longer is stuck: the worker is restarted (large exports stream).
timeout = _int("PNYX_TIMEOUT", 60)
graceful_timeout = _int("PNYX_GRACEFUL_TIMEOUT", 30)
keepalive = 5
#: Recycle workers now and then, so that a slow leak never grows (jitter: not all at once).
max_requests = _int("PNYX_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
#: Build the app once in the master: plugins load and configuration errors show before forking.
preload_app = True
#: The proxy's address(es) whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("PNYX_FORWARDED_ALLOW_IPS", "127.0.0.1")
#: Access log on standard output: method, path without the query string (it may hold
#: search terms), status, size, duration; no user agent, no referrer.
accesslog = os.environ.get("PNYX_ACCESS_LOG", "-")
access_log_format = "%(t)s %(m)s %(U)s %(s)s %(B)s %(M)sms"
errorlog = "-"
loglevel = os.environ.get("PNYX_LOG_LEVEL", "info")


def post_fork(server: Any, worker: Any) -> None:
    """Each worker opens its own database connections (none shared across the fork)."""
    from pnyx.db import get_database

    wsgi = getattr(getattr(worker, "app", None), "callable", None)
    if "pnyx.db" in getattr(wsgi, "extensions", {}):
        get_database(wsgi).engine.dispose(close=False)
