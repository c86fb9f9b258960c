"""The closed-loop HTTP client of ``city_load.py`` and its report table.

Each client thread sends its next request when the previous one answered, on a new
connection (as many browsers' first requests do), and records the time, whether the
status was the expected one, and the proxy's ``X-Cache-Status`` when there is one.
"""

from __future__ import annotations

import http.client
import itertools
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from city_mixes import Request, kind_of
from common import percentile

#: ``X-Cache-Status`` values that nginx answered from its cache, without the app.
SERVED_BY_PROXY = frozenset({"HIT", "STALE", "UPDATING"})


@dataclass
class Results:
    times: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    cache: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, took: float, error: str | None, cache_status: str | None) -> None:
        with self.lock:
            self.times.append(took)
            if error:
                self.errors[error] += 1
            if cache_status:
                self.cache[cache_status] += 1


@dataclass
class Target:
    """One row per level: where the requests go and whose CPU they cost."""

    name: str
    port: int
    pick: Callable[[], list[Request]]
    cpu: dict[str, Callable[[], float]]  # column -> CPU seconds used so far
    people: Any = None  # an iterator of signed-in ``(cookie, token)``
    settle: Callable[[], str] | None = None  # after the level, before the CPU is read


@dataclass
class Measured:
    name: str
    threads: int
    results: Results
    elapsed: float
    cpu: dict[str, float]  # column -> CPU seconds used during the level
    note: str = ""

    def cpu_ms(self, column: str) -> float | None:
        if column not in self.cpu:
            return None
        return self.cpu[column] * 1000 / max(len(self.results.times), 1)

    def hit_ratio(self) -> float | None:
        seen = sum(self.results.cache.values())
        if not seen:
            return None
        return sum(self.results.cache[s] for s in SERVED_BY_PROXY) / seen


def send(
    port: int, request: Request, cookie: tuple[str, str] | None
) -> tuple[str | None, str | None]:
    """One request on a new connection: ``(error or None, X-Cache-Status or None)``."""
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
        status, cache_status = response.status, response.getheader("X-Cache-Status")
        location = response.getheader("Location") or ""
    except OSError as error:
        return f"{method} {path.split('/')[1] or '/'}: {type(error).__name__}", None
    finally:
        connection.close()
    if "/sign-in" in location:  # the session was refused: the write did not happen
        return f"{method} {kind_of(path)}: {status} to sign-in", cache_status
    if status == expected or (expected == 303 and status in (302, 303)):
        return None, cache_status
    return f"{method} {kind_of(path)}: {status}", cache_status


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
                error, cache_status = send(port, request, cookie)
                results.add(time.perf_counter() - started, error, cache_status)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def row(found: Measured, columns: list[str], proxy: bool) -> str:
    times = [t * 1000 for t in found.results.times] or [0.0]
    count = len(found.results.times)
    cells = [
        found.name,
        str(found.threads),
        str(count),
        f"{count / found.elapsed:.1f}",
        f"{statistics.median(times):.1f}",
        f"{percentile(times, 0.95):.1f}",
        f"{percentile(times, 0.99):.1f}",
        str(sum(found.results.errors.values())),
    ]
    for column in columns:
        value = found.cpu_ms(column)
        cells.append("" if value is None else f"{value:.2f}")
    if proxy:
        ratio = found.hit_ratio()
        cells.append("" if ratio is None else f"{ratio:.0%}")
    return "| " + " | ".join(cells) + " |"


def ratios(level: list[Measured]) -> str | None:
    """Each mix's web CPU per request against the baseline's, at one concurrency."""
    base = next((m.cpu_ms("web") for m in level if m.name == "baseline"), None)
    if not base:
        return None
    mixes = [m for m in level if m.name != "baseline"]
    parts = [f"{m.name} {(m.cpu_ms('web') or 0) / base:.1f}×" for m in mixes]
    return f"web CPU against the baseline at {level[0].threads}: " + " · ".join(parts)


def table(found: list[Measured], *, jobs: bool, proxy: bool) -> str:
    columns = ["web", *(["jobs"] if jobs else []), *(["nginx"] if proxy else [])]
    titles = {"web": "CPU ms/req", "jobs": "job worker CPU ms/req", "nginx": "nginx CPU ms/req"}
    head = ["target", "threads", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"]
    head += [titles[c] for c in columns] + (["served by proxy"] if proxy else [])
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    lines += [row(m, columns, proxy) for m in found]
    for threads in dict.fromkeys(m.threads for m in found):
        if line := ratios([m for m in found if m.threads == threads]):
            lines.append(line)
    for m in found:
        if m.results.errors:
            lines.append(f"errors, {m.name} at {m.threads}: {dict(m.results.errors)}")
        if m.note:
            lines.append(f"{m.name} at {m.threads}: {m.note}")
        if m.results.cache:
            lines.append(f"X-Cache-Status, {m.name} at {m.threads}: {dict(m.results.cache)}")
    return "\n".join(lines)
