"""The proposals list at 10 000 proposals: server time and SQL queries per page.

Loads N proposals (default 10 000) spread over 60 communes and 8 themes, with
supports and answers, into a fresh database (schema created from the models),
then requests the list page in several filtered and paged variants through
the WSGI app (no network: this is server time) and prints p50/p99, the time
spent waiting for the database (p50), and the number of SQL statements each
request ran. The load average is printed too: on a shared machine, other
processes slow the Python part of a request down, not its query count.

    .venv/bin/python benchmarks/proposals_list.py                 # SQLite and PostgreSQL
    .venv/bin/python benchmarks/proposals_list.py --database sqlite --requests 50

PostgreSQL: ``PNYX_BENCH_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/proposals_bench``); the database
must be a throwaway one on this machine: every table in it is dropped.
Loops are bounded (``--requests`` per scenario); nothing leaves localhost.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from common import empty_schema, measure_get, percentile
from flask import url_for
from sqlalchemy import insert, text

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.models import Component, Model, Organization, Space, Step, TaxonomyTerm, User
from pnyx.testing.client import PnyxClient
from pnyx_proposals.models import Proposal, Support, proposal_themes

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/proposals_bench"
COMMUNES, THEMES, PEOPLE, WORDS = 60, 8, 3000, ("vélo", "jardin", "école", "parc", "bus")
STATES = ["not_answered"] * 6 + ["evaluating", "accepted", "rejected"]
WARM_UP = 5


def build_app(url: str, instance: Path) -> Any:
    app = create_app(
        {
            "PLUGINS": "proposals",
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "benchmark",
            "PAGE_SIZE": 20,
        }
    )
    app.test_client_class = PnyxClient
    return app


wipe_postgres = empty_schema


def load(app: Any, count: int, rng: random.Random) -> dict[str, Any]:
    """The organization, a process, the component, terms, people and ``count`` proposals."""
    with app.app_context():
        session = get_session()
        session.add(Organization(name={"fr": "Bench", "en": "Bench"}))
        today = dt.date.today()
        space = Space(type="process", slug="bench", title={"fr": "Bench"}, published=True)
        space.steps.append(
            Step(
                title={"fr": "Propositions"},
                active=True,
                start_date=today - dt.timedelta(days=10),
                end_date=today + dt.timedelta(days=20),
            )
        )
        session.add(space)
        component = Component(
            space=space, type="proposals", name={"fr": "Propositions"}, published=True, settings={}
        )
        session.add(component)
        department = TaxonomyTerm(kind="territory", code="37", name={"fr": "Indre-et-Loire"})
        session.add(department)
        session.flush()
        communes = [
            TaxonomyTerm(
                kind="territory",
                code=f"37{n:03}",
                name={"fr": f"Commune {n}"},
                parent_id=department.id,
            )
            for n in range(COMMUNES)
        ]
        themes = [
            TaxonomyTerm(kind="theme", code=f"theme{n}", name={"fr": f"Thème {n}"}, position=n)
            for n in range(THEMES)
        ]
        session.add_all([*communes, *themes])
        session.flush()
        session.execute(
            insert(User),
            [{"name": f"Person {n}", "email": f"p{n}@bench.test"} for n in range(PEOPLE)],
        )
        people = list(session.scalars(text("SELECT id FROM users ORDER BY id")))
        _proposals(session, component.id, count, communes, themes, people, rng)
        session.commit()
        return {
            "component": component.id,
            "department": department.id,
            "commune": communes[3].id,
            "theme": themes[2].id,
            "viewer": people[0],
        }


def _proposals(
    session: Any,
    component_id: int,
    count: int,
    communes: list[Any],
    themes: list[Any],
    people: list[int],
    rng: random.Random,
) -> None:
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(3))
        state = rng.choice(STATES)
        rows.append(
            {
                "component_id": component_id,
                "author_id": rng.choice(people),
                "title": f"Proposition {n} : {words}",
                "body": f"Un texte pour {words}. " * 8,
                "summary": f"Un texte pour {words}.",
                "territory_id": rng.choice(communes).id,
                "state": state,
                "answer_state": None if state == "not_answered" else state,
                "created_at": now - dt.timedelta(minutes=n),
                "updated_at": now,
                "published_at": now - dt.timedelta(minutes=n),
                "withdrawn_at": now if rng.random() < 0.03 else None,
                "hidden_at": now if rng.random() < 0.01 else None,
                "supports_count": rng.randint(0, 300),
                "answer_text": {},
            }
        )
    session.execute(insert(Proposal), rows)
    ids = list(session.scalars(text("SELECT id FROM proposals_proposals ORDER BY id")))
    links = {(i, rng.choice(themes).id) for i in ids for _ in range(rng.randint(1, 3))}
    session.execute(insert(proposal_themes), [{"proposal_id": p, "term_id": t} for p, t in links])
    supports = {(rng.choice(ids), person) for person in people for _ in range(10)}
    session.execute(
        insert(Support),
        [
            {
                "proposal_id": p,
                "component_id": component_id,
                "user_id": u,
                "counted": True,
                "created_at": now,
            }
            for p, u in supports
        ],
    )


def scenarios(base: str, ids: dict[str, Any]) -> dict[str, str]:
    return {
        "list, random order, page 1": base,
        "list, random order, page 50": f"{base}?seed=4242&page=50",
        "newest, page 200": f"{base}?sort=recent&page=200",
        "département (all communes) + theme + most supported, page 5": (
            f"{base}?territory={ids['department']}&theme={ids['theme']}&sort=most_supported&page=5"
        ),
        "commune + state accepted": f"{base}?territory={ids['commune']}&state=accepted",
        "text search + theme": f"{base}?q=jardin+parc&theme={ids['theme']}&sort=recent",
        "proposal page": f"{base}{{proposal}}/",
    }


measure = measure_get


def run(name: str, url: str, count: int, requests: int, prepare: Callable[[], None]) -> None:
    prepare()
    with tempfile.TemporaryDirectory() as instance:
        app = build_app(url, Path(instance))
        # The schema from the models (as the test kit does): the benchmark measures pages,
        # and must not depend on every core migration being written yet.
        Model.metadata.create_all(get_database(app).engine)
        started = time.perf_counter()
        ids = load(app, count, random.Random(2026))
        if name == "PostgreSQL":  # what autovacuum does soon after a bulk load
            engine = get_database(app).engine
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        print(f"\n{name}: {count} proposals loaded in {time.perf_counter() - started:.1f} s")
        with app.test_request_context():  # wherever the core mounts the component
            base = url_for("proposals.index", space_slug="bench", component_id=ids["component"])
        print(f"load average before: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
        print(
            f"{'scenario':62} {'who':9} {'p50 ms':>8} {'p99 ms':>8} {'SQL p50':>8} {'queries':>8}"
        )
        for label, path in scenarios(base, ids).items():
            path = path.replace("{proposal}", str(count // 2))
            for who, user in (("anonymous", None), ("signed in", ids["viewer"])):
                found = measure(app, path, requests, user)
                shown = "/".join(str(c) for c in sorted(found["queries"]))
                print(
                    f"{label:62} {who:9} {statistics.median(found['total']):8.1f} "
                    f"{percentile(found['total'], 0.99):8.1f} "
                    f"{statistics.median(found['sql']):8.1f} {shown:>8}"
                )
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
        url = os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL)
        if urlsplit(url.replace("+psycopg", "")).hostname not in ("127.0.0.1", "localhost"):
            sys.exit("the benchmark runs against a local database only")
        run("PostgreSQL", url, options.proposals, requests, lambda: wipe_postgres(url))


if __name__ == "__main__":
    main()
