"""Checkout throughput of the budgets plugin on PostgreSQL, two gunicorn workers.

Loads a published process with a budgets component (voting open), one budget
of 20 projects and N voters (default 400), into a fresh local PostgreSQL
database; starts ``gunicorn -w 2`` on 127.0.0.1 with that instance; then each
voter, from one of ``--threads`` client threads, adds three projects to their
ballot and checks it out (real HTTP: signed session cookie of a server-side
session, CSRF token, forms): one request per project (``--flow each``), or the
budget page's checkboxes, three projects in one request (``--flow checked``).
Prints p50/p99 latency of the additions and of the checkouts, the checkouts per
second, and checks the database afterwards: one cast ballot per voter, none
over the limit.

    .venv/bin/python benchmarks/budgets_checkout.py
    .venv/bin/python benchmarks/budgets_checkout.py --voters 200 --threads 2,8,32 --port 8765 \
        --flow each,checked

PostgreSQL: ``--database-url``, else ``PNYX_BENCH_POSTGRES_URL``, else
``postgresql+psycopg://postgres@127.0.0.1:5432/budgets_bench`` (created when
missing); it must be a throwaway local ``*bench*`` database: its schema is
dropped before each run. ``--threads`` takes a comma-separated list: one run
per value, each on a fresh database, one summary line each (ballots/s, p99).
``--port`` chooses gunicorn's port (default: a free one). ``--gunicorn-threads N``
serves with ``gthread`` workers of N threads (default 1: sync workers). Jobs (the
vote's follow and e-mail, the mail delivery) run inline in the web workers after each
response, unless ``--redis-url`` (or ``PNYX_BENCH_REDIS_URL``) is given: then they go to
a fresh queue on that Redis, one ``pnyx worker`` runs them, and the run waits until the
queue is drained (bounded) before checking that every voter got an e-mail and follows
the budget. Everything stays on localhost; every loop is bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from pnyx import create_app
from pnyx.accounts.sessions import start_session
from pnyx.db import get_session
from pnyx.migrate import upgrade
from pnyx.models import Component, Organization, OutgoingMail, Space, Step, User, utcnow
from pnyx.notifications.models import Follow
from pnyx_budgets.models import CAST, Ballot, BallotItem, Budget, Project

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_jobs
from budgets_checkout_server import free_port, start_gunicorn, stop

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/budgets_bench"
SECRET = "budgets-benchmark-" + secrets.token_hex(8)
PROJECTS, COST, LIMIT = 20, 10_000_00, 30_000_00  # 10 000 € each, 30 000 € a ballot
ROOT = Path(__file__).resolve().parents[1]


def fresh_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.host not in ("127.0.0.1", "localhost") or "bench" not in (parsed.database or ""):
        sys.exit(f"refusing to use {parsed.database} on {parsed.host}: a local *bench* database")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def config(url: str, instance: Path) -> dict[str, Any]:
    return {
        "PLUGINS": "budgets",
        "DATABASE_URL": url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": SECRET,
    }


def load(app: Any, voters: int) -> dict[str, Any]:
    """Migrate, then the process, the component (voting open), the budget and the voters."""
    with app.app_context():
        upgrade(app)
        session = get_session()
        session.add(Organization(name={"fr": "Bench", "en": "Bench"}))
        today = dt.date.today()
        space = Space(type="process", slug="bench", title={"fr": "Bench"}, published=True)
        space.steps.append(
            Step(title={"fr": "Vote"}, active=True, start_date=today, activated_at=utcnow())
        )
        component = Component(
            space=space,
            type="budgets",
            name={"fr": "Budget"},
            published=True,
            settings={"global": {}, "default_step": {"votes_enabled": True}, "steps": {}},
        )
        session.add_all([space, component])
        session.flush()
        budget = Budget(
            component_id=component.id, title={"fr": "Budget"}, amount=LIMIT * 10, max_total=LIMIT
        )
        session.add(budget)
        session.flush()
        session.execute(
            insert(Project),
            [
                {
                    "budget_id": budget.id,
                    "title": {"fr": f"Projet {n}"},
                    "cost": COST,
                    "position": n,
                }
                for n in range(PROJECTS)
            ],
        )
        session.execute(
            insert(User),
            [
                {"name": f"Voter {n}", "email": f"v{n}@bench.test", "confirmed_at": utcnow()}
                for n in range(voters)
            ],
        )
        session.commit()
        users = list(session.scalars(select(User.id).order_by(User.id)))
        projects = list(session.scalars(select(Project.id).order_by(Project.id)))
        # signed in as the sign-in form does: a server-side session record per voter
        tokens = [start_session(user_id) for user_id in users]
        session.commit()
        cookies = [cookie_for(app, u, t) for u, t in zip(users, tokens, strict=True)]
        return {
            "base": f"/spaces/bench/budgets/{component.id}/{budget.id}/ballot/",
            "budget_id": budget.id,
            "projects": projects,
            "cookies": cookies,
        }


def cookie_for(app: Any, user_id: int, session_token: str) -> tuple[str, str]:
    """A signed session cookie for ``user_id`` with its CSRF token: ``(cookie, token)``."""
    token = secrets.token_urlsafe(32)
    serializer = app.session_interface.get_signing_serializer(app)
    value = serializer.dumps(
        {
            "user_id": user_id,
            "session_version": 1,
            "session_token": session_token,
            "csrf_token": token,
        }
    )
    return f"{app.config.get('SESSION_COOKIE_NAME', 'session')}={value}", token


def instance_env(url: str, instance: Path, jobs: dict[str, str]) -> dict[str, str]:
    """The variables of the benchmark's instance (gunicorn and the job worker)."""
    return {
        "PNYX_PLUGINS": "budgets",
        "PNYX_DATABASE_URL": url,
        "PNYX_INSTANCE_PATH": str(instance),
        "PNYX_SECRET_KEY": SECRET,
        "PNYX_RATELIMIT_ENABLED": "false",
        **jobs,
    }


def post(port: int, path: str, cookie: tuple[str, str], data: dict[str, Any]) -> tuple[int, float]:
    body = urlencode({**data, "csrf_token": cookie[1]}, doseq=True)
    headers = {"Cookie": cookie[0], "Content-Type": "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body=body, headers=headers)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.perf_counter() - started


def vote(port: int, setup: dict[str, Any], index: int, results: dict[str, list], flow: str) -> None:
    """One voter: three projects, then the checkout.

    ``each``: one "Add to my ballot" request per project (4 requests a ballot);
    ``checked``: the three checkboxes in one request (2 requests a ballot).
    """
    cookie = setup["cookies"][index]
    chosen = [setup["projects"][(index + k) % PROJECTS] for k in range(3)]
    for group in [chosen] if flow == "checked" else [[p] for p in chosen]:
        status, took = post(port, setup["base"] + "add", cookie, {"project_id": group})
        results["add"].append((status, took))
    status, took = post(port, setup["base"] + "checkout", cookie, {})
    results["checkout"].append((status, took))


def summary(name: str, samples: list[tuple[int, float]]) -> str:
    times = sorted(took for _status, took in samples)
    failed = sum(status != 303 for status, _took in samples)
    return (
        f"{name}: {len(times)} requests, p50 {statistics.median(times) * 1000:.1f} ms, "
        f"p99 {p99(samples) * 1000:.1f} ms, not 303: {failed}"
    )


def check(url: str, budget_id: int, voters: int) -> str:
    engine = create_engine(url)
    with engine.connect() as connection:
        mails = connection.scalar(
            select(func.count()).select_from(OutgoingMail).where(OutgoingMail.status == "sent")
        )
        follows = connection.scalar(
            select(func.count()).select_from(Follow).where(Follow.reason == "voted")
        )
        cast = connection.scalar(
            select(func.count())
            .select_from(Ballot)
            .where(Ballot.budget_id == budget_id, Ballot.status == CAST)
        )
        over = connection.scalar(
            select(func.count()).select_from(
                select(BallotItem.ballot_id)
                .join(Project, Project.id == BallotItem.project_id)
                .group_by(BallotItem.ballot_id)
                .having(func.sum(Project.cost) > LIMIT)
                .subquery()
            )
        )
    engine.dispose()
    return (
        f"cast ballots: {cast} of {voters} voters; ballots over the limit: {over}; "
        f"confirmation e-mails sent: {mails}; voters following the budget: {follows}"
    )


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The database: --database-url, else the PNYX_BENCH_POSTGRES_URL environment "
        f"variable, else {POSTGRES_URL}. It must be a local database whose name contains "
        "'bench': its schema is dropped.",
    )
    parser.add_argument("--voters", type=int, default=400, help="voters per run (at most 5000)")
    parser.add_argument(
        "--threads", default="16", help="client threads, or a list such as 2,8,32 (one run each)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("PNYX_BENCH_POSTGRES_URL", POSTGRES_URL),
        help="SQLAlchemy URL of a throwaway local *bench* PostgreSQL database",
    )
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (0: a free one)")
    parser.add_argument(
        "--gunicorn-threads",
        type=int,
        default=1,
        help="threads per gunicorn worker: 1 (sync workers, the default) or more (gthread)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("PNYX_BENCH_REDIS_URL"),
        help="jobs on this Redis (a fresh queue) run by one `pnyx worker`; default: "
        "PNYX_BENCH_REDIS_URL, else none (jobs inline in the web workers, after the response)",
    )
    parser.add_argument(
        "--flow",
        default="each",
        help="each: one request per project added (4 a ballot); checked: the budget page's "
        "checkboxes, all three in one request (2 a ballot); or a list such as each,checked",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    voters = min(args.voters, 5000)  # bounded
    counts = [min(int(n), 64) for n in str(args.threads).split(",") if n.strip()]
    flows = [f for f in str(args.flow).split(",") if f in ("each", "checked")]
    server = Server(
        args.port or free_port(), max(1, min(args.gunicorn_threads, 64)), args.redis_url
    )
    lines = [
        run(args.database_url, voters, threads, server, flow)
        for flow in flows
        for threads in counts
    ]
    jobs = "Redis + pnyx worker" if args.redis_url else "inline"
    print(f"\ngunicorn -w 2 --threads {server.threads}; jobs: {jobs}")
    print("flow    | threads | ballots/s | requests/s | add p99 | checkout p99 | failed")
    for line in lines:
        print(line)


@dataclass(frozen=True)
class Server:
    """How the instance is served: gunicorn's port and threads, where jobs run."""

    port: int
    threads: int = 1
    redis_url: str | None = None


def run(url: str, voters: int, threads: int, server: Server, flow: str) -> str:
    """One run on a fresh database; prints the details, returns the summary line."""
    fresh_database(url)
    port = server.port
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        jobs = bench_jobs.job_env(server.redis_url)
        env = instance_env(url, instance, jobs)
        setup = load(create_app(config(url, instance)), voters)
        gunicorn = start_gunicorn(env, port, server.threads)
        worker = bench_jobs.start_worker(env, ROOT)
        results: dict[str, list] = {"add": [], "checkout": []}
        lock = threading.Lock()  # list.append is atomic; the lock documents the sharing
        try:
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=threads) as pool:
                list(pool.map(lambda i: vote(port, setup, i, results, flow), range(voters)))
            elapsed = time.perf_counter() - started
            requests = len(results["add"]) + len(results["checkout"])
            backlog = bench_jobs.drain(jobs)
        finally:
            stop(gunicorn)
            bench_jobs.stop_worker(worker, jobs)
        with lock:
            print(
                f"PostgreSQL, gunicorn -w 2 --threads {server.threads}, {threads} client "
                f"threads, {voters} voters, {flow}, jobs {jobs['PNYX_JOBS']}"
            )
            if worker is not None:
                print(f"jobs left in the queue at the last ballot: drained {backlog:.1f} s later")
            print(summary("add to ballot", results["add"]))
            print(summary("checkout", results["checkout"]))
            print(
                f"throughput: {voters / elapsed:.1f} ballots/s "
                f"({requests / elapsed:.1f} requests/s) in {elapsed:.1f} s"
            )
            print(check(url, setup["budget_id"], voters))
    failed = sum(status != 303 for status, _ in results["add"] + results["checkout"])
    return (
        f"{flow:7} | {threads:7d} | {voters / elapsed:9.1f} | {requests / elapsed:10.1f} | "
        f"{p99(results['add']) * 1000:5.1f} ms | {p99(results['checkout']) * 1000:6.1f} ms | "
        f"{failed}"
    )


def p99(samples: list[tuple[int, float]]) -> float:
    times = sorted(took for _status, took in samples)
    return times[min(len(times) - 1, int(len(times) * 0.99))]


if __name__ == "__main__":
    main()
