"""A closed-loop load client against the city (issue 13 item 5), next to the trivial baseline.

Starts ``gunicorn -w 2`` on the city loaded by ``benchmarks/city.py`` (PostgreSQL), and the
trivial one-row Flask + SQLAlchemy app (``common.baseline_app``, same database) the same way;
then, at each concurrency (client threads, each sending its next request when the previous
one answered), runs for ``--seconds`` each mix of ``--mixes`` (``city_mixes.py``): the
baseline page, the anonymous mix, the signed-in mix (views, supports, meeting
registrations, ballots cast: the last two send mail).

Options for the issue's goals:

* ``--jobs redis --redis-url URL``: jobs go to Redis and one ``pnyx worker`` runs them
  (mail leaves the web workers); its CPU is reported apart (``city_jobs.py``);
* ``--mail hung``: the instance's SMTP server accepts and never answers; with ``--jobs
  redis``, compare the signed-in mix's p50/p99 with a run without it (inline, each mail holds
  a web worker for the SMTP timeout after its response: the contrast);
* ``--proxy nginx``: a caching nginx in front (``city_proxy.py``); the anonymous mix runs
  once more through it, with the proxy's hit ratio and its own CPU;
* ``--env KEY=VALUE`` (repeatable; the caller's environment passes through too): settings
  for gunicorn and the worker, e.g. ``PNYX_PAGE_CACHE_MB=0``.

It prints requests, requests/s, p50/p95/p99 latency, errors (a status other than the one
expected, or no answer), the CPU milliseconds per request of the gunicorn workers (and of
the job worker, and of nginx) from ``/proc``, and each mix's web CPU against the baseline's.

    .venv/bin/python benchmarks/city.py                      # load once (minutes)
    .venv/bin/python benchmarks/city_load.py --concurrency 1,4,16 --seconds 20

Bounded: every level stops after ``--seconds`` or ``--max-requests``; nothing leaves
localhost. The client runs on the same machine and takes CPU from the workers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import city
from city_client import Measured, Target, run_level, table
from city_jobs import HungSmtp, Worker, flush, redis_environment
from city_mixes import (
    anonymous_requests,
    signed_in_cookies,
    signed_in_requests,
    supportable_proposals,
    write_counts,
)
from city_proxy import Nginx
from common import baseline_app, children_of, cpu_seconds, free_port, start_gunicorn, stop

MIXES = ("baseline", "anonymous", "signed-in")
HERE = Path(__file__).resolve().parent


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL", city.POSTGRES_URL)
    )
    parser.add_argument("--instance", default="/tmp/pnyx-city")
    parser.add_argument("--concurrency", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=20.0, help="per level and mix")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per level and mix")
    parser.add_argument("--mixes", default=",".join(MIXES), help="some of " + ",".join(MIXES))
    parser.add_argument("--jobs", choices=("inline", "redis"), default="inline")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("PNYX_BENCH_REDIS_URL"),
        help="a Redis database of the run's own: emptied (FLUSHDB) before and after",
    )
    parser.add_argument("--mail", choices=("outbox", "hung"), default="outbox")
    parser.add_argument("--proxy", choices=("none", "nginx"), default="none")
    parser.add_argument("--drain-seconds", type=float, default=60.0, help="jobs' catch-up")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    args.mixes = [m.strip() for m in args.mixes.split(",") if m.strip()]
    if unknown := set(args.mixes) - set(MIXES):
        parser.error(f"unknown mixes: {', '.join(sorted(unknown))}")
    if args.jobs == "redis" and not args.redis_url:
        parser.error("--jobs redis needs --redis-url (or PNYX_BENCH_REDIS_URL)")
    if any("=" not in pair for pair in args.env):
        parser.error("--env takes KEY=VALUE")
    return args


def settings(args: argparse.Namespace) -> dict[str, str]:
    """What this run adds to the city's gunicorn environment (the report prints it):
    ``PNYX_*`` variables of the caller's environment, then ``--env``, then the jobs."""
    chosen = {
        key: value
        for key, value in os.environ.items()
        if key.startswith("PNYX_") and not key.startswith("PNYX_BENCH_")
    }
    chosen |= dict(pair.split("=", 1) for pair in args.env)
    if args.jobs == "redis":
        chosen |= redis_environment(args.redis_url)
    else:
        chosen["PNYX_JOBS"] = "inline"
    return chosen


def gunicorn_cpu(server: Any) -> Callable[[], float]:
    return lambda: cpu_seconds(children_of(server.pid))


class Run:
    """Everything one run starts, stopped by ``close()`` whatever happened."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.started: list[Any] = []
        self.instance = Path(args.instance)
        self.data = json.loads((self.instance / "city.json").read_text())
        self.environment = city.environment(args.database_url, self.instance) | settings(args)
        self.worker: Worker | None = None
        self.nginx: Nginx | None = None

    def start(self) -> None:
        args = self.args
        if args.mail == "hung":
            hung = self._keep(HungSmtp())
            self.environment |= hung.environment()
        if args.jobs == "redis":
            flush(args.redis_url)
            self.worker = self._keep(Worker({**os.environ, **self.environment}, args.redis_url))
        self.port = free_port()
        self.pnyx = self._keep(start_gunicorn("pnyx:create_app()", self.port, self.environment))
        if args.proxy == "nginx":
            self.nginx = self._keep(Nginx(free_port(), self.port))
        if "baseline" in args.mixes:
            baseline_app(args.database_url)  # its table, once: two workers would race for it
            self.baseline_port = free_port()
            environment = {"BENCH_BASELINE_URL": args.database_url}
            baseline = start_gunicorn(
                "common:baseline_wsgi()", self.baseline_port, environment, chdir=HERE
            )
            self.baseline = self._keep(baseline)

    def _keep(self, thing: Any) -> Any:
        self.started.append(thing)
        return thing

    def close(self) -> None:
        for thing in reversed(self.started):
            stop(thing) if isinstance(thing, subprocess.Popen) else thing.stop()
        if self.args.jobs == "redis":
            flush(self.args.redis_url)

    def targets(self, rng: random.Random) -> list[Target]:
        web = {"web": gunicorn_cpu(self.pnyx)}
        if self.worker:
            web["jobs"] = self.worker.cpu
        found = []
        if "baseline" in self.args.mixes:
            baseline = [("GET", "/", None, 200)]
            cpu = {"web": gunicorn_cpu(self.baseline)}
            found.append(Target("baseline", self.baseline_port, lambda: baseline, cpu))
        if "anonymous" in self.args.mixes:
            anonymous = anonymous_requests(self.data, rng)
            found.append(Target("anonymous mix", self.port, anonymous, web))
            if self.nginx:
                cpu = web | {"nginx": lambda: cpu_seconds(self.nginx.pids())}
                found.append(Target("anonymous mix via nginx", self.nginx.port, anonymous, cpu))
        if "signed-in" in self.args.mixes:
            cookies = signed_in_cookies(self.args.database_url, self.instance, self.data)
            supportable = supportable_proposals(self.args.database_url, self.data)
            signed = signed_in_requests(self.data, rng, supportable)
            found.append(Target("signed-in mix", self.port, signed, web, cookies, self._drain))
        return found

    def _drain(self) -> str:
        """After a mix that sends mail: let the worker catch up, so its CPU is counted."""
        if not self.worker:
            return ""
        seconds = 0.0 if self.args.mail == "hung" else self.args.drain_seconds
        left = self.worker.wait_until_drained(self.args.redis_url, seconds)
        return f"{left} jobs still queued" if left else ""


def measure(target: Target, threads: int, args: argparse.Namespace) -> Measured:
    before = {name: read() for name, read in target.cpu.items()}
    started = time.perf_counter()
    people = target.people
    results = run_level(target.port, threads, args.seconds, args.max_requests, target.pick, people)
    elapsed = time.perf_counter() - started
    note = target.settle() if target.settle else ""
    cpu = {name: read() - before[name] for name, read in target.cpu.items()}
    return Measured(target.name, threads, results, elapsed, cpu, note)


def main() -> None:
    args = parse_arguments()
    levels = [min(int(n), 64) for n in args.concurrency.split(",") if n.strip()]
    load_before = os.getloadavg()
    run = Run(args)
    found: list[Measured] = []
    written_before = write_counts(args.database_url)
    try:  # started inside: an interrupted run stops what it started
        run.start()
        rng = random.Random(7)
        # Warm up (templates compiled, connections opened) before measuring; not the proxy.
        run_level(run.port, 2, 3, 200, anonymous_requests(run.data, rng))
        targets = run.targets(rng)
        for threads in levels:
            found += [measure(target, threads, args) for target in targets]
    finally:
        run.close()
    written = write_counts(args.database_url)
    shown = " ".join(f"{key}={value}" for key, value in sorted(settings(args).items()))
    print(
        f"load average {load_before} before, {os.getloadavg()} after; {os.cpu_count()} CPUs; "
        f"{args.seconds} s per level; proxy {args.proxy}; mail {args.mail}; {shown}"
    )
    print(table(found, jobs=args.jobs == "redis", proxy=args.proxy != "none"))
    # The signed-in mix's writes, counted in the database: a refused write shows here.
    print("written: " + ", ".join(f"+{written[k] - written_before[k]} {k}" for k in written))


if __name__ == "__main__":
    main()
