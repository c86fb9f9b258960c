"""The read-only API's list endpoint at 10 000 proposals: server time and SQL queries.

Loads the same city as ``benchmarks/proposals_list.py`` (N proposals over 60 communes
and 8 themes, supports, answers) into a fresh database, then GETs
``/api/v1/proposals`` in several variants (first page, 100 per page, a deep cursor,
filters) through the WSGI app (server time, no network) and prints p50/p99, SQL time
p50 and the number of SQL statements. Also times the statistics pages and one build of
the organization's open-data bundle. The load average is printed: the machine is shared.

    .venv/bin/python benchmarks/api_list.py                      # SQLite and PostgreSQL
    .venv/bin/python benchmarks/api_list.py --database sqlite --requests 50

PostgreSQL: ``PNYX_BENCH_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/proposals_bench``), a throwaway local
database: every table in it is dropped.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

import proposals_list as city

from pnyx import create_app
from pnyx.db import get_database
from pnyx.models import Model
from pnyx.testing.client import PnyxClient


def build_app(url: str, instance: Path) -> Any:
    app = create_app(
        {
            "PLUGINS": "proposals",
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "benchmark",
            "API_RATE_LIMIT": "1000000/minute",
        }
    )
    app.test_client_class = PnyxClient
    return app


def scenarios(ids: dict[str, Any], count: int) -> dict[str, str]:
    return {
        "API list, page 1 (50)": "/api/v1/proposals",
        "API list, 100 per page": "/api/v1/proposals?limit=100",
        "API list, deep cursor (after 90 %)": f"/api/v1/proposals?cursor={count * 9 // 10}",
        "API list, département (all communes) + theme": (
            f"/api/v1/proposals?territory={ids['department']}&theme={ids['theme']}"
        ),
        "API list, state accepted, 100 per page": "/api/v1/proposals?state=accepted&limit=100",
        "API one proposal": f"/api/v1/proposals/{count // 2}",
        "statistics, organization": "/statistics",
        "statistics, space": "/spaces/bench/statistics",
    }


def time_bundle(app: Any) -> float:
    from pnyx.db import get_session
    from pnyx.open_data.bundle import build_bundle

    with app.test_request_context():
        started = time.perf_counter()
        size = len(build_bundle(get_session(), None))
        elapsed = time.perf_counter() - started
    print(f"organization bundle: {elapsed:.1f} s, {size / 1e6:.1f} MB")
    return elapsed


def run(name: str, url: str, count: int, requests: int, prepare: Any) -> None:
    prepare()
    with tempfile.TemporaryDirectory() as instance:
        app = build_app(url, Path(instance))
        Model.metadata.create_all(get_database(app).engine)
        started = time.perf_counter()
        ids = city.load(app, count, random.Random(2026))
        if name == "PostgreSQL":
            engine = get_database(app).engine
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        print(f"\n{name}: {count} proposals loaded in {time.perf_counter() - started:.1f} s")
        print(f"load average before: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
        print(f"{'scenario':48} {'p50 ms':>8} {'p99 ms':>8} {'SQL p50':>8} {'queries':>8}")
        for label, path in scenarios(ids, count).items():
            found = city.measure(app, path, requests, None)
            shown = "/".join(str(c) for c in sorted(found["queries"]))
            print(
                f"{label:48} {statistics.median(found['total']):8.1f} "
                f"{city.percentile(found['total'], 0.99):8.1f} "
                f"{statistics.median(found['sql']):8.1f} {shown:>8}"
            )
        time_bundle(app)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        get_database(app).engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="per scenario (max 1000)")
    options = parser.parse_args()
    requests = max(1, min(options.requests, 1000))
    if options.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            run("SQLite", url, options.proposals, requests, lambda: None)
    if options.database in ("postgresql", "both"):
        url = os.environ.get("PNYX_BENCH_POSTGRES_URL", city.POSTGRES_URL)
        if urlsplit(url.replace("+psycopg", "")).hostname not in ("127.0.0.1", "localhost"):
            sys.exit("the benchmark runs against a local database only")
        run("PostgreSQL", url, options.proposals, requests, lambda: city.wipe_postgres(url))


if __name__ == "__main__":
    main()
