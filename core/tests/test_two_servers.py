"""Several app servers, one city (issue 12, item 5): two gunicorn servers on loopback ports,
started with the shipped ``pnyx.gunicorn_conf``, share one database and one Redis, and behave
as one site: a session opened on one is valid on the other, and the sign-in rate limit counts
the failures made on both.

The database is the kit's kind (PostgreSQL with ``PNYX_TEST_DATABASE_URL``, else a SQLite
file both servers open); Redis is db 2 at 127.0.0.1:6379 (skipped without a server, except on
CI where that is a failure).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pnyx import create_app
from pnyx.administrators import create_or_promote_admin
from pnyx.db import get_database, get_session
from pnyx.migrate import upgrade
from pnyx.testing.database import fresh_database, on_ci

REDIS_URL = os.environ.get("PNYX_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
PASSWORD = "Correct-horse-battery-9"
EMAIL = "camille@city.example"
#: Low, so that the test makes few requests: 4 failures a minute, whichever server sees them.
SIGN_IN_LIMIT = "4/minute"
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def redis_or_skip() -> None:
    redis = pytest.importorskip("redis")
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.flushdb()  # this test's own db: rate-limit counters start from zero
    except redis.RedisError as error:
        if on_ci():
            pytest.fail(f"Redis is unreachable at {REDIS_URL} on CI: {error}")
        pytest.skip(f"no Redis server at {REDIS_URL}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{base} exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{base} did not become healthy")


@pytest.fixture
def instance(tmp_path: Path, database_url: str) -> Iterator[dict[str, str]]:
    """A migrated instance with one account, in a fresh database of the kit's kind."""
    redis_or_skip()
    with fresh_database(database_url, tmp_path / "db") as url:
        config = {
            "INSTANCE_PATH": str(tmp_path / "instance"),  # one secret key for both servers
            "DATABASE_URL": url,
            "REDIS_URL": REDIS_URL,
            "PLUGINS": "",
            "RATE_LIMIT_SIGN_IN": SIGN_IN_LIMIT,
        }
        app = create_app(config)
        upgrade(app)
        with app.app_context():
            create_or_promote_admin(get_session(), EMAIL, name="Camille", password=PASSWORD)
            get_session().commit()
        get_database(app).engine.dispose()
        yield config


@pytest.fixture
def servers(instance: dict[str, str]) -> Iterator[list[str]]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PNYX_")}
    env.update({f"PNYX_{key}": value for key, value in instance.items()})
    env["PNYX_WORKERS"] = "1"
    processes, bases = [], []
    try:
        for _ in range(2):
            port = free_port()
            process = subprocess.Popen(
                [GUNICORN, "-c", "python:pnyx.gunicorn_conf", "pnyx:create_app()"],
                env={**env, "PNYX_BIND": f"127.0.0.1:{port}", "PNYX_ACCESS_LOG": "/dev/null"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
        for base, process in zip(bases, processes, strict=True):
            wait_until_healthy(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Browser:
    """One person's cookies, whichever server answers (cookies ignore the port)."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url, headers={"Accept-Language": "en"}))

    def sign_in(self, base: str, password: str) -> int:
        _status, page = self.get(f"{base}/sign-in")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token, "the sign-in form has no CSRF token"
        form = {"csrf_token": token.group(1), "email": EMAIL, "password": password}
        request = urllib.request.Request(
            f"{base}/sign-in",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Accept-Language": "en", "Origin": base, "Referer": f"{base}/sign-in"},
        )
        return self._open(request)[0]

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_a_session_opened_on_one_server_is_valid_on_the_other(servers: list[str]) -> None:
    first, second = servers
    browser = Browser()
    assert browser.sign_in(first, PASSWORD) == 302
    status, page = browser.get(f"{second}/account")
    assert status == 200
    assert EMAIL in page
    # And the admin area, which also checks the account's roles in the shared database.
    assert browser.get(f"{second}/admin/")[0] == 200


def test_the_sign_in_rate_limit_counts_failures_on_both_servers(servers: list[str]) -> None:
    first, second = servers
    browser = Browser()
    answers = [browser.sign_in(base, "a wrong guess") for base in (first, second) * 2]
    assert answers == [400] * 4  # four failures: the limit, two on each server
    # Each server saw only two: with counters per process the fifth would be a 400 again.
    assert browser.sign_in(first, "a wrong guess") == 429
    assert browser.sign_in(second, "a wrong guess") == 429
