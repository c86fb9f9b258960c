"""Background jobs for the checkout benchmarks: a ``pnyx worker`` on a Redis queue of its own.

Without ``--redis-url`` the jobs (the vote's follow and e-mail, the mail delivery) run
inline in the web process after each response, as on the embedded default. With it, the
web processes push them to a fresh queue on that Redis and one ``pnyx worker`` runs them;
the benchmark waits until the queue is drained (bounded) and reports the worker's CPU.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TICKS = os.sysconf("SC_CLK_TCK")
DRAIN_SECONDS = 300


def job_env(redis_url: str | None) -> dict[str, str]:
    """The environment that sends an instance's jobs to a fresh queue (empty: inline)."""
    if not redis_url:
        return {"PNYX_JOBS": "inline"}
    queue = "bench-" + secrets.token_hex(4)
    return {"PNYX_JOBS": "redis", "PNYX_JOBS_REDIS_URL": redis_url, "PNYX_JOBS_QUEUE": queue}


def job_config(env: dict[str, str]) -> dict[str, Any]:
    """The same as app configuration keys (for an app built in this process)."""
    return {key.removeprefix("PNYX_"): value for key, value in env.items()}


def start_worker(env: dict[str, str], root: Path) -> subprocess.Popen | None:
    """One ``pnyx worker`` with ``env`` (the instance's variables), or ``None`` when inline."""
    if env.get("PNYX_JOBS") != "redis":
        return None
    pnyx = Path(sys.executable).parent / "pnyx"
    return subprocess.Popen([str(pnyx), "worker"], env={**os.environ, **env}, cwd=root)


def drain(env: dict[str, str]) -> float:
    """Wait until the queue is empty and no job runs (at most ``DRAIN_SECONDS``); seconds."""
    if env.get("PNYX_JOBS") != "redis":
        return 0.0
    from redis import Redis
    from rq import Queue
    from rq.registry import StartedJobRegistry

    connection = Redis.from_url(env["PNYX_JOBS_REDIS_URL"])
    queue = Queue(env["PNYX_JOBS_QUEUE"], connection=connection)
    started = StartedJobRegistry(queue=queue)
    begun = time.perf_counter()
    while time.perf_counter() - begun < DRAIN_SECONDS:
        if queue.count == 0 and started.count == 0:
            break
        time.sleep(0.05)
    return time.perf_counter() - begun


def stop_worker(worker: subprocess.Popen | None, env: dict[str, str]) -> None:
    if worker is None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)
    from redis import Redis
    from rq import Queue

    Queue(env["PNYX_JOBS_QUEUE"], connection=Redis.from_url(env["PNYX_JOBS_REDIS_URL"])).delete(
        delete_jobs=True
    )


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS
