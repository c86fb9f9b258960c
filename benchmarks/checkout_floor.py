"""The ceiling of ballots/s on this machine: a ballot's two requests with nothing but the stack.

    .venv/bin/python benchmarks/checkout_floor.py [--ballots 2000] [--threads 2,8,32] \\
        [--gunicorn-threads 4] [--database-url URL] [--port N]

Serves ``checkout_floor_app.py`` (Flask, SQLAlchemy Core, psycopg, no Pnyx) with the same
``gunicorn -w 2`` as ``budgets_checkout.py`` and sends the same two POSTs a checked ballot
sends (the chosen projects, then the checkout), from the same client, on fresh tables of a
local ``*bench*`` PostgreSQL database (``--database-url``, else ``PNYX_BENCH_POSTGRES_URL``,
else ``postgresql+psycopg://postgres@127.0.0.1:5432/floor_bench``). Each request still reads
a server-side session, checks a CSRF token and commits a transaction, so this is what a
ballot costs before any application logic: the throughput Pnyx's checkout can approach, not
exceed, on this machine. Prints ballots/s and p99 per client thread count.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from budgets_checkout import fresh_database, p99, post
from budgets_checkout_server import free_port, start_gunicorn, stop

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/floor_bench"
SCHEMA = """
CREATE TABLE floor_voters (id integer PRIMARY KEY, cast_at timestamptz);
CREATE TABLE floor_sessions (token text PRIMARY KEY, voter integer NOT NULL
    REFERENCES floor_voters, csrf text NOT NULL);
CREATE TABLE floor_lines (id serial PRIMARY KEY, voter integer NOT NULL REFERENCES floor_voters,
    project integer NOT NULL);
"""


def load(url: str, ballots: int) -> list[tuple[str, str]]:
    """Fresh tables, one voter and session per ballot; their (cookie, csrf token)."""
    fresh_database(url)
    engine = create_engine(url)
    sessions = [(secrets.token_urlsafe(24), secrets.token_urlsafe(24)) for _ in range(ballots)]
    with engine.begin() as connection:
        for statement in filter(str.strip, SCHEMA.split(";")):
            connection.execute(text(statement))
        voters = [{"id": i} for i in range(ballots)]
        connection.execute(text("INSERT INTO floor_voters (id) VALUES (:id)"), voters)
        rows = [{"t": t, "v": i, "c": c} for i, (t, c) in enumerate(sessions)]
        connection.execute(text("INSERT INTO floor_sessions VALUES (:t, :v, :c)"), rows)
    engine.dispose()
    return [(f"session={token}", csrf) for token, csrf in sessions]


def run(url: str, ballots: int, threads: int, gunicorn_threads: int, port: int) -> str:
    cookies = load(url, ballots)
    env = {"FLOOR_DATABASE_URL": url}
    server = start_gunicorn(env, port, gunicorn_threads, app="benchmarks.checkout_floor_app:app")
    results: dict[str, list] = {"add": [], "checkout": []}

    def ballot(index: int) -> None:
        projects = [(index + k) % 20 for k in range(3)]
        results["add"].append(post(port, "/add", cookies[index], {"project_id": projects}))
        results["checkout"].append(post(port, "/checkout", cookies[index], {}))

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(ballot, range(ballots)))
        elapsed = time.perf_counter() - started
    finally:
        stop(server)
    failed = sum(status != 303 for status, _ in results["add"] + results["checkout"])
    return (
        f"{threads:7d} | {ballots / elapsed:9.1f} | {2 * ballots / elapsed:10.1f} | "
        f"{p99(results['add']) * 1000:6.1f} ms | {p99(results['checkout']) * 1000:6.1f} ms | "
        f"{failed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--threads", default="2,8,32", help="client threads, one run each")
    parser.add_argument("--gunicorn-threads", type=int, default=4)
    parser.add_argument("--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL"))
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: free)")
    args = parser.parse_args()
    url, port = args.database_url or DEFAULT_URL, args.port or free_port()
    lines = [
        run(url, args.ballots, int(n), args.gunicorn_threads, port) for n in args.threads.split(",")
    ]
    print(f"gunicorn -w 2 --threads {args.gunicorn_threads}, {args.ballots} ballots a run")
    print("threads | ballots/s | requests/s | add p99   | checkout p99 | failed")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
