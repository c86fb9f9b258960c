"""CPU per anonymous page, against a trivial one-row Flask + SQLAlchemy page (issue 13 item 4).

Builds a demo instance (SQLite in a temporary folder, every installed plugin, the demo data
of ``pnyx demo``), then requests each anonymous page ``--requests`` times through the WSGI
app (no network, no server: this is the application's own CPU) and prints the CPU time per
request (``time.process_time``: what the process spent, not what it waited), next to the same
measure for a trivial Flask app that reads one row with SQLAlchemy, and their ratio. CPU time
is what a loaded machine does not inflate much (wall time it does), so the ratio stays
meaningful on a shared machine.

Each page is measured twice, on two apps over the same data: "miss" renders it every time
(the app's page cache off, ``PAGE_CACHE_MB=0``: what a first view or a view after a write
costs), "hit" answers repeated anonymous views from the app's page cache (pnyx.page_cache,
``X-Pnyx-Cache: hit`` checked on every answer).

    .venv/bin/python benchmarks/page_cpu.py                     # every page, 200 requests each
    .venv/bin/python benchmarks/page_cpu.py --profile /spaces/demo   # cProfile of one page
    .venv/bin/python benchmarks/page_cpu.py --redis redis://127.0.0.1:6379/5  # hits ask Redis

Loops are bounded; nothing leaves the process.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import baseline_app as common_baseline
from common import cpu_per_call
from flask import Flask
from sqlalchemy import event, inspect, select, text

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.demo import seed_demo
from pnyx.migrate import upgrade
from pnyx.testing.client import PnyxClient

WARM_UP = 10


def instance_app(instance: Path, page_cache_mb: float, redis_url: str | None = None) -> Flask:
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite'}",
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "benchmark-only-secret-key-0123456789",
            "PLUGINS": os.environ.get("PNYX_PLUGINS", "*"),
            "PAGE_CACHE_MB": page_cache_mb,
            # The page cache's generation in Redis (--redis); jobs stay in the process.
            "REDIS_URL": redis_url,
            "JOBS": "inline",
        }
    )
    # The kit's client closes each response, as a server does: inline jobs then run.
    app.test_client_class = PnyxClient
    return app


def demo_app(instance: Path) -> Flask:
    """The demo instance, its page cache off: every request renders its page."""
    app = instance_app(instance, page_cache_mb=0)
    with app.app_context():
        upgrade(app)
        seed_demo(get_session())
    return app


def baseline_app(instance: Path) -> Flask:
    """The trivial page issue 13 compares with: one row read with SQLAlchemy, a template."""
    return common_baseline(f"sqlite:///{instance / 'baseline.sqlite'}")


def anonymous_pages(app: Flask) -> list[str]:
    """Home, the demo space, and every published component's first page."""
    from pnyx.models import Component, Space

    with app.app_context():
        session = get_session()
        space = session.scalar(select(Space).where(Space.published.is_(True)).order_by(Space.id))
        pages = ["/", "/spaces/" + space.slug] if space else ["/"]
        components = session.scalars(
            select(Component).where(Component.published.is_(True), Component.space_id == space.id)
        ).all()
        pages += [f"/spaces/{space.slug}/{c.type}/{c.id}/" for c in components]
        pages += one_proposal(session, space.slug)
        pages += one_row_page(session, space.slug, "meetings_meetings", "meetings/{id}")
        pages += one_row_page(session, space.slug, "budgets_budgets", "{id}/")
    return pages


def one_row_page(session: Any, slug: str, table: str, suffix: str) -> list[str]:
    """The page of a plugin's first published row (a meeting, a budget), when installed."""
    from pnyx.models import Component

    if not inspect(session.connection()).has_table(table):
        return []
    rows = session.execute(text(f"SELECT id, component_id FROM {table} ORDER BY id")).all()
    published = set(session.scalars(select(Component.id).where(Component.published.is_(True))))
    row = next((row for row in rows if row.component_id in published), None)
    if row is None:
        return []
    kind = table.split("_", 1)[0]
    return [f"/spaces/{slug}/{kind}/{row.component_id}/" + suffix.format(id=row.id)]


def one_proposal(session: Any, slug: str) -> list[str]:
    """A published proposal's page, when the proposals plugin is installed."""
    try:
        from pnyx_proposals.models import Proposal
    except ImportError:
        return []
    from pnyx.models import Component

    row = session.execute(
        select(Proposal.id, Proposal.component_id)
        .join(Component, Component.id == Proposal.component_id)
        .where(Proposal.published_at.is_not(None), Component.published.is_(True))
        .order_by(Proposal.id)
        .limit(1)
    ).first()
    return [f"/spaces/{slug}/proposals/{row.component_id}/{row.id}/"] if row else []


def cpu_per_request(get: Callable[[], Any], requests: int) -> tuple[float, float]:
    return cpu_per_call(get, requests, WARM_UP)


def statements_per_request(app: Flask, get: Callable[[], Any]) -> int:
    """How many SQL statements one request runs (``BEGIN`` included)."""
    statements: list[str] = []

    def count(*_args: Any) -> None:
        statements.append("")

    engine = get_database(app).engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        get()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def fetch(client: Any, path: str, cache: str | None = None) -> Callable[[], Any]:
    def get() -> Any:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert cache is None or response.headers.get("X-Pnyx-Cache") == cache, (path, cache)
        return response

    return get


def prime(client: Any, path: str, tries: int = 5) -> None:
    """View ``path`` until the page cache holds it (a first view may start a recount job
    whose write renews the cache's generation: the next view renders again)."""
    for _ in range(tries):
        if client.get(path).headers.get("X-Pnyx-Cache") == "hit":
            return
    raise AssertionError(f"{path} is never served from the page cache")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--profile", metavar="PATH", help="print a cProfile of this page")
    parser.add_argument("--lines", type=int, default=45, help="lines of the profile")
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--redis", metavar="URL", help="the page cache's generation in Redis")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        app = demo_app(instance)
        client = app.test_client()
        if args.profile:
            get = fetch(client, args.profile)
            for _ in range(WARM_UP):
                get()
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.requests):
                get()
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.lines)
            return
        cached = instance_app(instance, 32, args.redis).test_client()
        base_cpu, base_wall = cpu_per_request(
            fetch(baseline_app(instance).test_client(), "/"), args.requests
        )
        print(f"load average {os.getloadavg()[0]:.1f}; {args.requests} requests per page")
        print(
            f"{'page':<52} {'miss CPU ms':>11} {'wall ms':>8} {'× baseline':>10} {'statements':>10}"
            f" {'hit CPU ms':>10} {'wall ms':>8} {'× baseline':>10}"
        )
        baseline = "baseline (one row, Flask + SQLAlchemy)"
        print(f"{baseline:<52} {base_cpu:11.2f} {base_wall:8.2f} {1:10.1f} {2:10}")
        for path in anonymous_pages(app):
            get = fetch(client, path)
            cpu, wall = cpu_per_request(get, args.requests)
            statements = statements_per_request(app, get)
            prime(cached, path)
            hit_cpu, hit_wall = cpu_per_request(fetch(cached, path, "hit"), args.requests)
            print(
                f"{path:<52} {cpu:11.2f} {wall:8.2f} {cpu / base_cpu:10.1f} {statements:10}"
                f" {hit_cpu:10.2f} {hit_wall:8.2f} {hit_cpu / base_cpu:10.2f}"
            )


if __name__ == "__main__":
    main()
