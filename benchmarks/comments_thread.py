"""A thread of 10 000 comments: its record's page, first and deep pages, three orders.

Usage::

    .venv/bin/python benchmarks/comments_thread.py --database sqlite --requests 100
    .venv/bin/python benchmarks/comments_thread.py --database postgresql --requests 100

Loads one proposal with ``--comments`` comments (a third top-level, the rest replies at depth
1 and 2, some votes, a few hidden or deleted) into a fresh database, then requests the
proposal's page ``--requests`` times per scenario through the WSGI app, after warm-up
requests. Prints p50 and p99 server time, the time spent in SQL and the query count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from common import empty_schema, measure_get, percentile
from flask import url_for
from sqlalchemy import insert, text

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.models import Component, Model, Organization, Space, Step, User
from pnyx.testing.client import PnyxClient
from pnyx_comments.models import Comment
from pnyx_proposals.models import Proposal

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/comments_bench"
PEOPLE, WARM_UP = 500, 5


def build_app(url: str, instance: Path) -> Any:
    config = {"PLUGINS": "proposals,comments", "DATABASE_URL": url, "SECRET_KEY": "benchmark"}
    app = create_app({**config, "INSTANCE_PATH": str(instance)})
    app.test_client_class = PnyxClient
    return app


wipe_postgres = empty_schema


def load(app: Any, count: int, rng: random.Random) -> dict[str, Any]:
    with app.app_context():
        session = get_session()
        session.add(Organization(name={"fr": "Bench", "en": "Bench"}))
        today = dt.date.today()
        space = Space(type="process", slug="bench", title={"fr": "Bench"}, published=True)
        space.steps.append(Step(title={"fr": "Débat"}, active=True, start_date=today))
        component = Component(
            space=space, type="proposals", name={"fr": "Propositions"}, published=True, settings={}
        )
        session.add_all([space, component])
        session.flush()
        session.execute(
            insert(User),
            [{"name": f"Person {n}", "email": f"p{n}@bench.test"} for n in range(PEOPLE)],
        )
        people = list(session.scalars(text("SELECT id FROM users ORDER BY id")))
        proposal = Proposal(
            component_id=component.id,
            title="Débattue",
            body="Un texte assez long.",
            summary="Un texte.",
            published_at=dt.datetime.now(dt.UTC),
        )
        session.add(proposal)
        session.flush()
        rows = _comments(count, proposal.id, component.id, people, rng)
        for start in range(0, len(rows), 2000):
            session.execute(insert(Comment), rows[start : start + 2000])
        session.commit()
        return {"proposal": proposal.id, "component": component.id, "viewer": people[0]}


def _comments(
    count: int, proposal_id: int, component_id: int, people: list[int], rng: random.Random
) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    roots = max(1, count // 3)
    rows: list[dict[str, Any]] = []
    for number in range(1, count + 1):
        base = {
            "id": number,
            "resource_type": "proposals_proposal",
            "resource_id": proposal_id,
            "component_id": component_id,
            "author_id": rng.choice(people),
            "body": f"Commentaire {number} : https://example.org/{number}",
            "created_at": now - dt.timedelta(minutes=count - number),
            "up_votes": rng.randint(0, 30),
            "down_votes": rng.randint(0, 10),
            "alignment": rng.choice((-1, 0, 1)),
            "official": False,
            "hidden_reason": "",
            "reports_count": 0,
            "hidden_at": now if number % 97 == 0 else None,
            "deleted_at": now if number % 89 == 0 else None,
        }
        if number <= roots:
            rows.append({**base, "parent_id": None, "root_id": number, "depth": 0})
        else:
            parent = rows[rng.randrange(len(rows))]
            if parent["depth"] >= 2:
                parent = rows[parent["parent_id"] - 1]
            rows.append(
                {
                    **base,
                    "parent_id": parent["id"],
                    "root_id": parent["root_id"],
                    "depth": parent["depth"] + 1,
                }
            )
    return rows


measure = measure_get


def run(name: str, url: str, count: int, requests: int) -> None:
    with tempfile.TemporaryDirectory() as instance:
        app = build_app(url, Path(instance))
        Model.metadata.create_all(get_database(app).engine)
        started = time.perf_counter()
        ids = load(app, count, random.Random(2026))
        if name == "PostgreSQL":
            engine = get_database(app).engine
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        print(f"\n{name}: {count} comments loaded in {time.perf_counter() - started:.1f} s")
        with app.test_request_context():
            page = url_for(
                "proposals.show",
                space_slug="bench",
                component_id=ids["component"],
                proposal_id=ids["proposal"],
            )
        scenarios = {
            "first page, newest": page,
            "first page, best": f"{page}?comments_order=best",
            "page 100, oldest": f"{page}?comments_order=oldest&comments_page=100",
        }
        print(f"load average before: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
        print(
            f"{'scenario':22} {'who':9} {'p50 ms':>8} {'p99 ms':>8} {'SQL p50':>8} {'queries':>8}"
        )
        for label, path in scenarios.items():
            for who, user in (("anonymous", None), ("signed in", ids["viewer"])):
                found = measure(app, path, requests, user)
                shown = "/".join(str(c) for c in sorted(found["queries"]))
                print(
                    f"{label:22} {who:9} {statistics.median(found['total']):8.1f} "
                    f"{percentile(found['total'], 0.99):8.1f} "
                    f"{statistics.median(found['sql']):8.1f} {shown:>8}"
                )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        get_database(app).engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="per scenario (max 1000)")
    options = parser.parse_args()
    requests = max(1, min(options.requests, 1000))
    if options.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            run("SQLite", f"sqlite:///{folder}/bench.sqlite3", options.comments, requests)
    if options.database in ("postgresql", "both"):
        url = os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL)
        if urlsplit(url.replace("+psycopg", "")).hostname not in ("127.0.0.1", "localhost"):
            sys.exit("the benchmark runs against a local database only")
        wipe_postgres(url)
        run("PostgreSQL", url, options.comments, requests)


if __name__ == "__main__":
    main()
