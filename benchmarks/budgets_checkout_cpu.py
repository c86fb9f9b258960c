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
(no HTTP server, no network): the HTTP server's own cost is not included. Each response
is closed, so the jobs it left run then, in this process, as a server runs them after
sending it (the vote's follow and e-mail, the mail delivery); with ``--redis-url`` they go
to a fresh queue on that Redis instead and one ``pnyx worker`` runs them: its CPU is
measured too (the queue drained), and counted in the ceiling.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, event, text

from pnyx.db import get_database

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_jobs
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


def measure(
    url: str, ballots: int, flow: str, redis_url: str | None, profile: Path | None = None
) -> str:
    bench.fresh_database(url)
    jobs = bench_jobs.job_env(redis_url)
    with tempfile.TemporaryDirectory() as folder:
        config = {**bench.config(url, Path(folder)), **bench_jobs.job_config(jobs)}
        app = bench.create_app({**config, "RATELIMIT_ENABLED": False})
        setup = bench.load(app, ballots + 10)
        worker = bench_jobs.start_worker(bench.instance_env(url, Path(folder), jobs), bench.ROOT)
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
                response.close()  # as a server does once it is sent: inline jobs run
                if response.status_code != 303:
                    sys.exit(f"{path}: {response.status_code}")

        try:
            for index in range(10):  # warm-up: connections, caches, compiled statements
                vote(index)
            bench_jobs.drain(jobs)
            with app.app_context():
                engine = get_database(app).engine
            event.listen(engine, "before_cursor_execute", count)
            database_before = backend_cpu(url)
            worker_before = bench_jobs.process_cpu(worker.pid) if worker else 0.0
            profiler = cProfile.Profile(time.process_time) if profile else None  # CPU, not waits
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            for index in range(10, ballots + 10):
                vote(index)
            if profiler:
                profiler.disable()
                profiler.dump_stats(f"{profile}.{flow}")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            bench_jobs.drain(jobs)
            jobs_cpu = bench_jobs.process_cpu(worker.pid) - worker_before if worker else 0.0
            database = backend_cpu(url) - database_before
            event.remove(engine, "before_cursor_execute", count)
            engine.dispose()
        finally:
            bench_jobs.stop_worker(worker, jobs)
    per = 1000 / ballots
    return (
        f"{flow:7} | {jobs['PNYX_JOBS']:6} | {cpu * per:7.1f} ms | {jobs_cpu * per:6.1f} ms | "
        f"{database * per:7.1f} ms | {statements[0] / ballots:10.1f} | {wall * per:7.1f} ms | "
        f"{2 / (cpu + jobs_cpu + database) * ballots:6.1f}"
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
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("PNYX_BENCH_REDIS_URL"),
        help="jobs on this Redis, run by one `pnyx worker` (default: PNYX_BENCH_REDIS_URL, "
        "else inline in this process)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="write cProfile statistics (CPU time, not waits) of the measured ballots to "
        "PROFILE.<flow> (python -m pstats reads them); profiling inflates the CPU printed",
    )
    args = parser.parse_args()
    ballots = max(1, min(args.ballots, 5000))
    lines = [
        measure(args.database_url, ballots, flow, args.redis_url, args.profile)
        for flow in args.flow.split(",")
    ]
    print(
        "flow    | jobs   | app CPU | worker CPU | DB CPU  | statements | wall    | ceiling on "
        "2 idle cores"
    )
    print(
        "        |        | per ballot (the web process, the job worker, PostgreSQL) | "
        "app's, per ballot | per ballot | ballots/s"
    )
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
