"""Browser tests: Debian's Chromium driven by Playwright, with axe-core (DESIGN.md §6, §10).

A session-scoped live server runs the demo (every installed plugin enabled, migrated with
``pnyx.migrate.upgrade``, seeded with ``pnyx.demo.seed_demo``) in a thread on 127.0.0.1. The
pages to visit are found by crawling it with the test client, as an admin, one page per view.

What the tests need and pip cannot install comes from ``scripts/install-browser-deps``:
Chromium at ``/usr/bin/chromium`` (``PNYX_CHROMIUM`` to change it) and axe-core's
``axe.min.js`` in ``.cache/axe`` (``PNYX_AXE_JS``). When either is missing the tests are
skipped with that advice, except on CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from pnyx import create_app
from pnyx.db import get_database, get_session
from pnyx.demo import DEMO_ACCOUNTS, DemoAccount, seed_demo
from pnyx.i18n import LOCALE_COOKIE
from pnyx.migrate import histories, schema_drift, upgrade
from pnyx.models import Model, User
from pnyx.testing.client import PnyxClient
from pnyx.testing.crawl import Page, crawl, endpoint_of

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PNYX_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(os.environ.get("PNYX_AXE_JS", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN, RESIDENT = DEMO_ACCOUNTS[0], DEMO_ACCOUNTS[1]
#: Pages visited at most: the crawl keeps one page per view function.
PAGE_LIMIT = 200


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: runs in Chromium with Playwright (scripts/install-browser-deps)"
    )


def missing_dependency() -> str | None:
    """What the browser tests lack, with how to install it; ``None`` when all is there."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -r requirements-dev.txt"
    if not CHROMIUM.is_file():
        return f"Chromium is missing at {CHROMIUM}: run scripts/install-browser-deps (as root)"
    if not AXE_JS.is_file():
        return f"axe-core is missing at {AXE_JS}: run scripts/install-browser-deps"
    return None


@pytest.fixture(scope="session")
def browser_ready() -> None:
    reason = missing_dependency()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Browser tests cannot run on CI: {reason}.", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}.")


# --- The live server ---------------------------------------------------------


def build_database(app: Flask) -> None:
    """Migrate the demo database; rebuild it from the models if migrations lag behind them.

    While a model change waits for its migration (the lead regenerates them), the drift
    would make pages fail for a reason that is not theirs: warn, and test the models.
    """
    upgrade(app)
    drifted = [h.name for h in histories(app) if schema_drift(app, h.name)]
    if drifted:
        warnings.warn(
            f"migrations of {', '.join(drifted)} lag behind the models: the browser tests "
            "use a schema made from the models instead",
            stacklevel=1,
        )
        engine = get_database(app).engine
        Model.metadata.drop_all(engine)
        Model.metadata.create_all(engine)


@attrs.frozen
class LiveServer:
    """The demo served on 127.0.0.1, and the app behind it (for its test client)."""

    url: str
    app: Flask

    def user(self, email: str) -> User:
        with self.app.app_context():
            user = get_session().scalar(select(User).where(User.email == email))
            assert user is not None, email
            get_session().expunge(user)
            return user


@pytest.fixture(scope="session")
def live_server(browser_ready: None) -> Iterator[LiveServer]:
    folder = Path(tempfile.mkdtemp(prefix="pnyx-browser-"))
    app = create_app(
        {
            "PLUGINS": "*",
            "INSTANCE_PATH": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
            "SECRET_KEY": "pnyx-browser-tests",
            # Many sign-ins in a few seconds: the limits are not what these tests look at.
            "RATE_LIMIT_SIGN_IN": "1000/minute",
            "RATE_LIMIT_FORMS": "1000/minute",
        }
    )
    build_database(app)
    with app.app_context():
        seed_demo(get_session())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        get_database(app).engine.dispose()


@attrs.frozen
class SitePages:
    """The pages to visit, found anonymously and as an admin, one per view."""

    anonymous: list[Page]
    admin: list[Page]


def visitable(pages: list[Page]) -> list[Page]:
    return [page for page in pages if page.status == 200 and page.is_html]


@pytest.fixture(scope="session")
def site_pages(live_server: LiveServer) -> SitePages:
    """Every view an admin reaches from the home page and the dashboard, once; anonymously,
    the home page and the views an admin does not see (sign-in, sign-up...)."""
    app = live_server.app
    client = PnyxClient(app, use_cookies=True)
    anonymous = visitable(crawl(client, ["/", "/sign-in"], limit=PAGE_LIMIT))
    client.sign_in(live_server.user(ADMIN.email))
    admin = visitable(crawl(client, ["/", "/admin/"], limit=PAGE_LIMIT))
    seen_by_admin = {endpoint_of(app, page.url) for page in admin}
    only_anonymous = [
        page
        for page in anonymous
        if page.url == "/" or endpoint_of(app, page.url) not in seen_by_admin
    ]
    return SitePages(only_anonymous, admin)


def sign_in_with_the_form(page: Any, base_url: str, email: str, password: str) -> None:
    """Sign in as a person does: the form, then Enter in the password field."""
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.press("#password", "Enter")
    assert "/sign-in" not in page.url, f"signing in as {email} failed"


# --- Playwright --------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(browser_ready: None) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source(browser_ready: None) -> str:
    return AXE_JS.read_text()


@pytest.fixture(scope="session")
def sign_in_as(live_server: LiveServer) -> Callable[[Any, DemoAccount], None]:
    """``sign_in_as(page, ADMIN)``: sign a browser page in through the sign-in form."""

    def sign_in(page: Any, account: DemoAccount) -> None:
        sign_in_with_the_form(page, live_server.url, account.email, account.password)

    return sign_in


@pytest.fixture
def new_context(
    browser: Any, live_server: LiveServer, axe_source: str
) -> Iterator[Callable[..., Any]]:
    """``new_context(locale="fr", javascript=True, axe=False)``: a fresh browser profile on
    the live server, in that language (the switcher's cookie), with axe-core in every page
    when ``axe`` is true."""
    contexts = []

    def make(locale: str = "fr", javascript: bool = True, axe: bool = False) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": 1280, "height": 800},
            locale=locale,
        )
        context.add_cookies([{"name": LOCALE_COOKIE, "value": locale, "url": live_server.url}])
        # Injected by the browser itself, so the Content-Security-Policy stays as strict
        # as in production (it would refuse a <script> added to the page).
        if axe:
            context.add_init_script(script=axe_source)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
