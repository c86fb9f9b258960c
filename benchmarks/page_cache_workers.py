"""The app's page cache across real processes: two gunicorn workers serve anonymous views from
their own memory, a third process writes, and every view after the write, whichever worker
answers it, shows the write (docs/caching.md). A check with counts, not a timing.

    .venv/bin/python benchmarks/page_cache_workers.py                      # SQLite
    .venv/bin/python benchmarks/page_cache_workers.py \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/pagecache_bench
    .venv/bin/python benchmarks/page_cache_workers.py --redis redis://127.0.0.1:6379/5

Loops are bounded; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

from common import free_port, recreate_database, start_gunicorn, stop
from sqlalchemy import select

from pnyx import create_app
from pnyx.db import get_session
from pnyx.migrate import upgrade
from pnyx.models import Space
from pnyx.testing.factories import create_organization, create_space

PATH = "/spaces/budget"


def prepare(config: dict[str, object]) -> None:
    app = create_app(config)
    with app.app_context():
        upgrade(app)
        session = get_session()
        create_organization(session)
        create_space(session, slug="budget", title={"fr": "Budget", "en": "Version 0"})
        session.commit()


def rename(config: dict[str, object], title: str) -> None:
    """A write from another process than the workers (a CLI command, a job, a third server)."""
    app = create_app(config)
    with app.app_context():
        session = get_session()
        space = session.scalar(select(Space).where(Space.slug == "budget"))
        space.title = {"fr": "Budget", "en": title}
        session.commit()


def view(port: int) -> tuple[str, str]:
    """One anonymous view on a new connection (gunicorn hands it to either worker)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{PATH}", headers={"Accept-Language": "en", "Connection": "close"}
    )
    with urllib.request.urlopen(request, timeout=90) as response:
        return response.headers.get("X-Pnyx-Cache", ""), response.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL *bench* database (default: SQLite)")
    parser.add_argument("--redis", help="the generation in Redis instead of the instance folder")
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--views", type=int, default=20, help="views after each write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or f"sqlite:///{Path(folder) / 'pnyx.sqlite3'}"
        if args.database:
            recreate_database(database)
        config: dict[str, object] = {
            "DATABASE_URL": database,
            "INSTANCE_PATH": folder,
            "SECRET_KEY": "benchmark-only-secret-key-0123456789",
            "PLUGINS": "",
            "REDIS_URL": args.redis,
            "JOBS": "inline",
        }
        prepare(config)
        env = {f"PNYX_{key}": str(value) for key, value in config.items() if value is not None}
        port = free_port()
        server = start_gunicorn("pnyx:create_app()", port, env, workers=2)
        outcomes: Counter[str] = Counter()
        stale = 0
        try:
            for version in range(args.writes + 1):
                if version:
                    rename(config, f"Version {version}")
                for _ in range(args.views):
                    cache, page = view(port)
                    outcomes[cache] += 1
                    stale += f"Version {version}<" not in page and f"Version {version} " not in page
        finally:
            stop(server)
        print(f"{args.writes} writes from another process, {args.views} views after each")
        print(f"views: {dict(outcomes)}; stale views: {stale}")
        if stale:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
