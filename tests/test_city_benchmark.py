"""The city load client's parts (``benchmarks/city_*.py``), on a small scale.

The benchmark itself needs a loaded city and minutes; these check what its numbers rely on:
its signed-in cookies open a session, a write refused for want of one counts as an error,
the hung mail server never answers, the proxy serves a repeated public page from its cache
and never a private one, and the command refuses inconsistent options.
"""

from __future__ import annotations

import importlib
import shutil
import smtplib
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, ModuleType]]:
    """The benchmark modules, imported as the scripts import each other (``benchmarks/``)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        names = ("common", "city_client", "city_jobs", "city_proxy")
        yield {name: importlib.import_module(name) for name in names}
    finally:
        sys.path.remove(str(BENCHMARKS))
        # Top-level names such as ``common`` must not shadow anything imported later.
        for name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(str(BENCHMARKS)):
                del sys.modules[name]


class Pages(BaseHTTPRequestHandler):
    """``/public`` is cacheable as the app marks anonymous pages; ``/private`` is not;
    ``/write`` redirects to the sign-in page as a refused write does."""

    served: list[str] = []

    def do_GET(self) -> None:
        self.served.append(self.path)
        if self.path == "/write":
            self.send_response(302)
            self.send_header("Location", "/sign-in?next=/write")
        else:
            self.send_response(200)
            if self.path == "/public":
                self.send_header("Cache-Control", "public, max-age=60")
                self.send_header("Vary", "Accept-Language, Cookie")
                self.send_header("ETag", '"page-1"')
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[int]:
    Pages.served = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_to_sign_in_is_an_error_not_a_write(bench, upstream: int) -> None:
    client = bench["city_client"]
    error, _ = client.send(upstream, ("GET", "/write", None, 303), ("session=x", "token"))
    assert error == "GET write: 302 to sign-in"
    assert client.send(upstream, ("GET", "/private", None, 200), None) == (None, None)


def account_status(client: Any, cookie: str) -> int:
    name, value = cookie.split("=", 1)
    client.set_cookie(name, value)
    return client.get("/account").status_code


def test_the_signed_in_cookie_opens_a_server_side_session(
    bench, app, client, make_organization, make_user
) -> None:
    from pnyx.accounts.sessions import start_session
    from pnyx.db import get_session

    make_organization()
    user = make_user()
    user_id, version = user.id, user.session_version
    with app.app_context():
        token = start_session(user_id)
        get_session().commit()
    cookie_for = bench["common"].cookie_for
    assert account_status(client, cookie_for(app, user_id, token, version)[0]) == 200
    # Without its server-side record, the same signed cookie opens nothing.
    assert account_status(client, cookie_for(app, user_id, "no-such-session", version)[0]) == 302


def test_the_hung_mail_server_accepts_and_never_answers(bench) -> None:
    hung = bench["city_jobs"].HungSmtp()
    try:
        # Connected (not refused), then no greeting: smtplib gives up at its timeout.
        with pytest.raises(smtplib.SMTPServerDisconnected, match="timed out"):
            smtplib.SMTP("127.0.0.1", hung.port, timeout=0.5)
    finally:
        hung.stop()


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_proxy_serves_repeated_public_pages_and_never_private_ones(bench, upstream) -> None:
    client, proxy = bench["city_client"], bench["city_proxy"]
    nginx = proxy.Nginx(bench["common"].free_port(), upstream)
    try:
        statuses = [client.send(nginx.port, ("GET", p, None, 200), None) for p in ["/public"] * 3]
        private = [client.send(nginx.port, ("GET", "/private", None, 200), None) for _ in "ab"]
    finally:
        nginx.stop()
    assert statuses == [(None, "MISS"), (None, "HIT"), (None, "HIT")]
    assert private == [(None, "MISS"), (None, "MISS")]
    assert Pages.served == ["/public", "/private", "/private"]
    assert not nginx.folder.exists()


def test_the_report_gives_the_proxy_hit_ratio_and_each_process_cpu(bench) -> None:
    client = bench["city_client"]
    results = client.Results()
    for status in ("MISS", "HIT", "HIT", "REVALIDATED"):
        results.add(0.01, None, status)
    cpu = {"web": 0.04, "nginx": 0.002}
    via_proxy = client.Measured("anonymous mix via nginx", 4, results, 1.0, cpu)
    report = client.table([via_proxy], jobs=False, proxy=True)
    assert "| anonymous mix via nginx | 4 | 4 | 4.0 |" in report
    assert report.splitlines()[2].endswith("| 0 | 10.00 | 0.50 | 50% |")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--jobs", "redis"], "--jobs redis needs --redis-url"),
        (["--mixes", "anonymous,everything"], "unknown mixes: everything"),
    ],
)
def test_the_command_refuses_inconsistent_options(options: list[str], message: str) -> None:
    command = [sys.executable, str(BENCHMARKS / "city_load.py"), *options]
    environment = {"PATH": "/usr/bin:/bin"}  # no PNYX_BENCH_REDIS_URL from the caller
    found = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)
    assert found.returncode == 2
    assert message in found.stderr
