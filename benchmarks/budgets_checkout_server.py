"""The gunicorn the checkout benchmarks measure: started on a free port, warmed up, stopped
(``budgets_checkout.py``; the app's variables come from its ``instance_env``)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(
    env: dict[str, str], port: int, threads: int = 1, app: str = "pnyx:create_app()"
) -> subprocess.Popen:
    """``gunicorn -w 2 app``: sync workers, or ``gthread`` ones with ``threads`` threads each."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        sys.exit("gunicorn is missing: pip install -e 'plugins/budgets[dev]'")
    command = [
        str(gunicorn),
        "-w",
        "2",
        *(["--threads", str(threads)] if threads > 1 else []),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app,
    ]
    server = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT)
    deadline = time.monotonic() + 60  # bounded: workers import the app after the fork
    while time.monotonic() < deadline:
        if warm(port):
            return server
        time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn (its graceful stop can take long on a loaded machine: then kill it)."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def warm(port: int) -> bool:
    """Whether both workers answer: a few GETs of the home page, not timed.

    The socket accepts as soon as the master binds it, while the workers may still be
    importing the application: without this the first requests would time that.
    """
    try:
        for _ in range(8):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", "/")
                if connection.getresponse().status != 200:
                    return False
            finally:
                connection.close()
    except OSError:
        return False
    return True
