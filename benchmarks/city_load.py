"""A closed-loop load client against the city (issue 13 item 5), next to the trivial baseline.

Starts ``gunicorn -w 2`` on the city loaded by ``benchmarks/city.py`` (PostgreSQL), and the
trivial one-row Flask + SQLAlchemy app (``common.baseline_app``, same database) the same way;
then, at each concurrency (client threads, each sending its next request when the previous
one answered), runs for ``--seconds``:

* the baseline page;
* the **anonymous mix**: home, space pages, proposals lists (first pages, deep pages,
  filters), proposals, meetings lists and pages, budgets and their projects;
* the **signed-in mix**: each person (a resident who has not voted yet) views a proposal,
  supports it, registers for a coming meeting, adds a project to a ballot and casts it —
  five requests with a signed session cookie and CSRF token, as a browser sends them.

It prints requests, requests/s, p50/p95/p99 latency, errors (a status other than the one
expected, or no answer) and the CPU milliseconds the gunicorn workers used per request
(``/proc``), and the ratio of each mix's CPU per request to the baseline's.

    .venv/bin/python benchmarks/city.py                      # load once (minutes)
    .venv/bin/python benchmarks/city_load.py --concurrency 1,4,16 --seconds 20

Bounded: every level stops after ``--seconds`` or ``--max-requests``; nothing leaves
localhost. The client runs on the same machine and takes CPU from the workers.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import itertools
import json
import os
import random
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import city
from common import (
    children_of,
    cookie_for,
    cpu_seconds,
    free_port,
    percentile,
    start_gunicorn,
    stop,
)
from sqlalchemy import create_engine, text

from pnyx import create_app

Request = tuple[str, str, dict[str, Any] | None, int]  # method, path, form, expected status


@dataclass
class Results:
    times: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, took: float, error: str | None) -> None:
        with self.lock:
            self.times.append(took)
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1


def send(port: int, request: Request, cookie: tuple[str, str] | None) -> str | None:
    """One request on a new connection; ``None`` when it answered as expected."""
    method, path, form, expected = request
    headers = {"Accept-Language": "fr"}
    body = None
    if cookie:
        headers["Cookie"] = cookie[0]
    if form is not None:
        body = urlencode({**form, "csrf_token": cookie[1] if cookie else ""})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError as error:
        return f"{method} {path.split('/')[1] or '/'}: {type(error).__name__}"
    finally:
        connection.close()
    if status == expected or (expected == 303 and status in (302, 303)):
        return None
    return f"{method} {kind_of(path)}: {status}"


def kind_of(path: str) -> str:
    parts = [p for p in path.split("?")[0].split("/") if p]
    return "/".join(p if not p.isdigit() else "N" for p in parts[:6]) or "/"


def anonymous_requests(data: dict[str, Any], rng: random.Random) -> Callable[[], list[Request]]:
    spaces = data["spaces"]
    slug_of = {s["proposals"]: s["slug"] for s in spaces} | {
        s["meetings"]: s["slug"] for s in spaces
    }
    first = spaces[0]

    def pick() -> list[Request]:
        space = rng.choice(spaces)
        proposals = f"/spaces/{space['slug']}/proposals/{space['proposals']}/"
        meetings = f"/spaces/{space['slug']}/meetings/{space['meetings']}/"
        budgets = f"/spaces/{first['slug']}/budgets/{first['budgets']}/"
        component, proposal = rng.choice(data["proposals"])
        meeting_component, meeting = rng.choice(data["meetings"])
        budget = rng.choice(data["budgets"])
        choices = [
            (10, "/"),
            (10, f"/spaces/{space['slug']}"),
            (15, proposals),
            (5, f"{proposals}?sort=recent&page={rng.randint(2, 40)}"),
            (5, f"{proposals}?territory={rng.choice(data['communes'])}"),
            (15, f"/spaces/{slug_of[component]}/proposals/{component}/{proposal}/"),
            (10, meetings),
            (
                10,
                f"/spaces/{slug_of[meeting_component]}/meetings/{meeting_component}/meetings/{meeting}",
            ),
            (5, budgets),
            (5, f"{budgets}{budget['id']}/"),
            (5, f"{budgets}{budget['id']}/projects/{rng.choice(budget['projects'])}"),
        ]
        path = rng.choices([p for _, p in choices], weights=[w for w, _ in choices])[0]
        return [("GET", path, None, 200)]

    return pick


def signed_in_requests(data: dict[str, Any], rng: random.Random) -> Callable[[], list[Request]]:
    spaces = data["spaces"]
    slug_of = {s["proposals"]: s["slug"] for s in spaces} | {
        s["meetings"]: s["slug"] for s in spaces
    }
    first = spaces[0]
    budget = data["budgets"][-1]  # the smallest: its voters are the first people only
    ballot = f"/spaces/{first['slug']}/budgets/{first['budgets']}/{budget['id']}/ballot/"

    def pick() -> list[Request]:
        component, proposal = rng.choice(data["proposals"])
        proposal_page = f"/spaces/{slug_of[component]}/proposals/{component}/{proposal}/"
        meeting_component, meeting = rng.choice(data["coming_meetings"])
        meeting_base = f"/spaces/{slug_of[meeting_component]}/meetings/{meeting_component}/"
        return [
            ("GET", proposal_page, None, 200),
            ("POST", f"{proposal_page}support", {}, 303),
            ("POST", f"{meeting_base}meetings/{meeting}/register", {}, 303),
            ("POST", ballot + "add", {"project_id": rng.choice(budget["projects"])}, 303),
            ("POST", ballot + "checkout", {}, 303),
        ]

    return pick


def run_level(
    port: int,
    threads: int,
    seconds: float,
    max_requests: int,
    pick: Callable[[], list[Request]],
    cookies: Any = None,
) -> Results:
    """``threads`` closed loops for ``seconds`` (or until ``max_requests``)."""
    results = Results()
    deadline = time.perf_counter() + seconds
    counter = itertools.count()

    def loop() -> None:
        while time.perf_counter() < deadline and next(counter) < max_requests:
            try:
                cookie = next(cookies) if cookies is not None else None
            except StopIteration:  # every signed-in person has had their turn
                return
            for request in pick():
                started = time.perf_counter()
                error = send(port, request, cookie)
                results.add(time.perf_counter() - started, error)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def measured(server: Any, run: Callable[[], Results]) -> tuple[Results, float, float]:
    """``(results, elapsed seconds, workers' CPU seconds)``."""
    workers = children_of(server.pid)
    cpu_before, started = cpu_seconds(workers), time.perf_counter()
    results = run()
    return results, time.perf_counter() - started, cpu_seconds(workers) - cpu_before


def measure_level(
    server: Any, port: int, pick: Any, people: Any = None, *, threads: int, args: Any
) -> tuple[Results, float, float]:
    return measured(
        server,
        lambda: run_level(port, threads, args.seconds, args.max_requests, pick, people),
    )


def line(name: str, threads: int, found: tuple[Results, float, float]) -> tuple[str, float]:
    results, elapsed, cpu = found
    times = [t * 1000 for t in results.times] or [0.0]
    count = len(results.times)
    cpu_ms = cpu * 1000 / max(count, 1)
    text_line = (
        f"| {name} | {threads} | {count} | {count / elapsed:.1f} | "
        f"{statistics.median(times):.1f} | {percentile(times, 0.95):.1f} | "
        f"{percentile(times, 0.99):.1f} | {sum(results.errors.values())} | {cpu_ms:.2f} |"
    )
    return text_line, cpu_ms


def signed_in_cookies(url: str, instance: Path, data: dict[str, Any]) -> Any:
    """Signed session cookies of people who have not voted, supported or registered yet."""
    engine = create_engine(url)
    with engine.connect() as connection:
        people = list(
            connection.execute(
                text(
                    "SELECT id FROM users WHERE id NOT IN "
                    "(SELECT voter_id FROM budgets_ballots WHERE voter_id IS NOT NULL) "
                    "ORDER BY id DESC LIMIT 5000"
                )
            ).scalars()
        )
    engine.dispose()
    app = create_app(city.config(url, instance))
    lock = threading.Lock()
    source = iter(people)

    class Cookies:
        def __next__(self) -> tuple[str, str]:
            with lock:
                person = next(source)  # StopIteration ends the level: bounded by the pool
            return cookie_for(app, person)

    return Cookies()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("PNYX_BENCH_POSTGRES_URL", city.POSTGRES_URL)
    )
    parser.add_argument("--instance", default="/tmp/pnyx-city")
    parser.add_argument("--concurrency", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=20.0, help="per level and mix")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per level and mix")
    args = parser.parse_args()
    instance = Path(args.instance)
    data = json.loads((instance / "city.json").read_text())
    levels = [min(int(n), 64) for n in args.concurrency.split(",") if n.strip()]
    rng = random.Random(7)
    pnyx_port, baseline_port = free_port(), free_port()
    environment = city.environment(args.database_url, instance)
    here = Path(__file__).resolve().parent
    servers: list[Any] = []
    rows: list[str] = []
    try:  # started inside: an interrupted run stops what it started
        pnyx = start_gunicorn("pnyx:create_app()", pnyx_port, environment)
        servers.append(pnyx)
        baseline = start_gunicorn(
            "common:baseline_wsgi()",
            baseline_port,
            {"BENCH_BASELINE_URL": args.database_url},
            chdir=here,
        )
        servers.append(baseline)
        cookies = signed_in_cookies(args.database_url, instance, data)
        # Warm both up (templates compiled, connections opened) before measuring.
        run_level(pnyx_port, 2, 3, 200, anonymous_requests(data, rng))
        run_level(baseline_port, 2, 1, 100, lambda: [("GET", "/", None, 200)])
        for threads in levels:
            level = functools.partial(measure_level, threads=threads, args=args)
            base = level(baseline, baseline_port, lambda: [("GET", "/", None, 200)])
            anonymous = level(pnyx, pnyx_port, anonymous_requests(data, rng))
            signed = level(pnyx, pnyx_port, signed_in_requests(data, rng), cookies)
            base_line, base_cpu = line("baseline", threads, base)
            anonymous_line, anonymous_cpu = line("anonymous mix", threads, anonymous)
            signed_line, signed_cpu = line("signed-in mix", threads, signed)
            rows += [base_line, anonymous_line, signed_line]
            rows.append(
                f"| CPU ratio | {threads} | anonymous {anonymous_cpu / base_cpu:.1f}× · "
                f"signed-in {signed_cpu / base_cpu:.1f}× | | | | | | |"
            )
            for found in (anonymous, signed):
                if found[0].errors:
                    print("errors:", found[0].errors)
    finally:
        for server in servers:
            stop(server)
    print(f"load average {os.getloadavg()}; {os.cpu_count()} CPUs; {args.seconds} s per level")
    print(
        "| target | threads | requests | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/req |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
