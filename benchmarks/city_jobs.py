"""Jobs on Redis and a hung mail server, for ``city_load.py --jobs redis [--mail hung]``.

``--jobs redis`` gives gunicorn and one ``pnyx worker`` the same ``PNYX_REDIS_URL``: the
mail of a registration or a ballot is rendered in the request, delivered by the worker.
The Redis database must be a throwaway one of the run's own: it is emptied (``FLUSHDB``)
before and after, so no job of an earlier run reaches this worker, and none of this run
is left behind. ``--mail hung`` points the instance's SMTP at :class:`HungSmtp`, a local
server that accepts connections and never says a word: each delivery waits for the SMTP
timeout (15 s) in the worker, then is retried, and a page must not notice.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import children_of, cpu_seconds, free_port

QUEUE = "pnyx"  # PNYX_JOBS_QUEUE's default


def redis_environment(url: str) -> dict[str, str]:
    return {"PNYX_JOBS": "redis", "PNYX_REDIS_URL": url}


def flush(url: str) -> None:
    from redis import Redis

    with Redis.from_url(url) as connection:
        connection.flushdb()


def queued(url: str) -> int:
    """Jobs waiting in the queue (not the one the worker is running, nor retries)."""
    from redis import Redis
    from rq import Queue

    with Redis.from_url(url) as connection:
        return Queue(QUEUE, connection=connection).count


class Worker:
    """``pnyx worker`` (no fork: one process whose CPU is every job's)."""

    def __init__(self, environment: dict[str, str], url: str) -> None:
        pnyx = Path(sys.executable).parent / "pnyx"
        self.process = subprocess.Popen([str(pnyx), "worker"], env=environment)
        self._wait_until_listening(url)

    def _wait_until_listening(self, url: str, seconds: float = 60) -> None:
        """Until RQ registered it: its start-up (imports, the app) is not the jobs' CPU."""
        from redis import Redis
        from rq import Worker as RqWorker

        deadline = time.monotonic() + seconds
        with Redis.from_url(url) as connection:
            while not RqWorker.count(connection=connection):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    sys.exit("pnyx worker did not start")
                time.sleep(0.2)

    def cpu(self) -> float:
        return cpu_seconds([self.process.pid, *children_of(self.process.pid)])

    def wait_until_drained(self, url: str, seconds: float) -> int:
        """Wait (at most ``seconds``) for the queue to empty; the jobs still queued."""
        deadline = time.monotonic() + seconds
        while (left := queued(url)) and time.monotonic() < deadline:
            time.sleep(0.2)
        return left

    def stop(self) -> None:
        self.process.terminate()  # RQ's warm shutdown: the current job ends first
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class HungSmtp:
    """A TCP server on 127.0.0.1 that accepts every connection and never answers."""

    def __init__(self) -> None:
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port), backlog=128)
        self.held: list[socket.socket] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def environment(self) -> dict[str, str]:
        return {
            "PNYX_MAIL_SMTP_HOST": "127.0.0.1",
            "PNYX_MAIL_SMTP_PORT": str(self.port),
            "PNYX_MAIL_SMTP_SECURITY": "none",
        }

    def _accept(self) -> None:
        self.listener.settimeout(0.5)
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.held.append(connection)  # kept open, never read, never written

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()
        for connection in self.held:
            connection.close()
