"""CPU per ballot of the budgets checkout: the app's and PostgreSQL's, in one process.

The throughput benchmark (``budgets_checkout.py``) measures ballots per second, which on a
shared machine measures the load as much as the code. This one measures what bounds the
throughput on any machine: the CPU time one ballot costs the application process
(``time.process_time``) and the PostgreSQL backend serving it (``/proc/<pid>/stat`` of the
backends connected to the benchmark database), and the SQL statements it runs. The ceiling
on ``n`` idle cores is then about ``n / (app CPU + database CPU)`` ballots per second.

    .venv/bin/python benchmarks/budgets_checkout_cpu.py --ballots 200 --flow each,checked

Same database rules as ``budgets_checkout.py`` (``--database-url``, else
``PNYX_BENCH_POSTGRES_URL``, else a local ``budgets_bench``; a local ``*bench*`` database
whose schema is dropped). The requests go through Flask's test client, one after the other
(no HTTP server, no network): the HTTP server's own cost is not included.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, event, text

from pnyx.db import get_database

sys.path.insert(0, str(Path(__file__).resolve().parent))
import budgets_checkout as bench

TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends connected to ``url``'s database."""
    engine = create_engine(url)
    with engine.connect() as connection:
        pids = connection.scalars(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ).all()
    engine.dispose()
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # another machine, or the backend ended
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / TICKS


def measure(url: str, ballots: int, flow: str) -> str:
    bench.fresh_database(url)
    with tempfile.TemporaryDirectory() as folder:
        app = bench.create_app({**bench.config(url, Path(folder)), "RATELIMIT_ENABLED": False})
        setup = bench.load(app, ballots + 10)
        client = app.test_client(use_cookies=False)
        statements = [0]

        def count(*_args: object) -> None:
            statements[0] += 1

        def vote(index: int) -> None:
            cookie, token = setup["cookies"][index]
            chosen = [setup["projects"][(index + k) % bench.PROJECTS] for k in range(3)]
            groups = [chosen] if flow == "checked" else [[p] for p in chosen]
            paths = [("add", {"project_id": group}) for group in groups] + [("checkout", {})]
            for path, data in paths:
                response = client.post(
                    setup["base"] + path,
                    data={**data, "csrf_token": token},
                    headers={"Cookie": cookie},
                )
                if response.status_code != 303:
                    sys.exit(f"{path}: {response.status_code}")

        for index in range(10):  # warm-up: connections, caches, compiled statements
            vote(index)
        with app.app_context():
            engine = get_database(app).engine
        event.listen(engine, "before_cursor_execute", count)
        database_before = backend_cpu(url)
        wall, cpu = time.perf_counter(), time.process_time()
        for index in range(10, ballots + 10):
            vote(index)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        database = backend_cpu(url) - database_before
        event.remove(engine, "before_cursor_execute", count)
        engine.dispose()
    per = 1000 / ballots
    return (
        f"{flow:7} | {cpu * per:7.1f} ms | {database * per:7.1f} ms | "
        f"{statements[0] / ballots:10.1f} | {wall * per:7.1f} ms | "
        f"{2 / (cpu + database) * ballots:6.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="The database: --database-url, else PNYX_BENCH_POSTGRES_URL, else "
        f"{bench.POSTGRES_URL} (a local *bench* database: its schema is dropped).",
    )
    parser.add_argument("--ballots", type=int, default=200, help="ballots measured (<= 5000)")
    parser.add_argument("--flow", default="each,checked", help="each, checked, or both")
    parser.add_argument(
        "--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL", bench.POSTGRES_URL)
    )
    args = parser.parse_args()
    ballots = max(1, min(args.ballots, 5000))
    lines = [measure(args.database_url, ballots, flow) for flow in args.flow.split(",")]
    print("flow    | app CPU | DB CPU  | statements | wall    | ceiling on 2 idle cores")
    print("        | per ballot        | per ballot | per ballot | ballots/s")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
