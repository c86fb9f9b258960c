"""Each installed city distribution (docs/distributions.md), seeded on a fresh instance and
served: a handful of its pages, anonymous and as its resident, in French and English, at
320 px and 1280 px, with no serious or critical axe-core violation, no sideways scrolling at
320 px and nothing refused by the Content-Security-Policy.

A handful only: every view is audited once on the demo (test_browser_accessibility.py); what a
distribution changes is its theme and its content, which show on its first pages.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from pnyx.distributions import installed_distributions
from pnyx.i18n import LOCALE_COOKIE
from pnyx.testing.crawl import endpoint_of
from pnyx.testing.distributions import SeededInstance, seeded_instance

pytestmark = pytest.mark.browser

LOCALES = ("fr", "en")
WIDTHS = (1280, 320)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
#: Pages audited per distribution and visitor (each costs two loads and four axe runs).
PAGES_PER_VISITOR = 5
START_AXE = """(tags) => {
    document.querySelectorAll("details").forEach((disclosure) => { disclosure.open = true; });
    window.pnyxAxe = axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    });
}"""


@pytest.fixture(scope="module", params=sorted(installed_distributions()))
def served(
    request: pytest.FixtureRequest, browser_ready: None
) -> Iterator[tuple[SeededInstance, str]]:
    """The distribution seeded on a fresh SQLite instance, served on 127.0.0.1."""
    folder = Path(tempfile.mkdtemp(prefix=f"pnyx-dist-{request.param}-"))
    limits = {"RATE_LIMIT_SIGN_IN": "1000/minute", "RATE_LIMIT_FORMS": "1000/minute"}
    url = f"sqlite:///{folder / 'kit.sqlite3'}"
    with seeded_instance(request.param, url, folder, config=limits) as instance:
        server = make_server("127.0.0.1", 0, instance.app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield instance, f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            thread.join(timeout=10)


def first_pages(instance: SeededInstance, email: str | None) -> list[str]:
    """The home page and the next pages of other views the visitor reaches from it."""
    pages = [p for p in instance.crawl(email, limit=60, per_endpoint=1) if p.status == 200]
    chosen, views = [], set()
    for page in pages:
        view = endpoint_of(instance.app, page.url)
        if page.is_html and view not in views and not page.url.startswith("/sign"):
            views.add(view)
            chosen.append(page.url)
    # The case's own pages first: its spaces and components, then the site's.
    chosen.sort(key=lambda path: (path != "/", not path.startswith("/spaces/")))
    return chosen[:PAGES_PER_VISITOR]


def open_tabs(
    browser: Any, axe_source: str, base: str, instance: SeededInstance, email: str | None
) -> dict[str, Any]:
    tabs = {}
    for locale in LOCALES:
        context = browser.new_context(
            base_url=base, viewport={"width": 1280, "height": 800}, locale=locale
        )
        context.add_cookies([{"name": LOCALE_COOKIE, "value": locale, "url": base}])
        context.add_init_script(script=axe_source)
        tab = context.new_page()
        if email is not None:
            account = next(a for a in instance.distribution.accounts if a.email == email)
            tab.goto("/sign-in")
            tab.fill("#email", account.email)
            tab.fill("#password", account.password)
            with tab.expect_navigation():
                tab.press("#password", "Enter")
            assert "/sign-in" not in tab.url, f"signing in as {email} failed"
        tabs[locale] = tab
    return tabs


def audit(tabs: dict[str, Any], path: str) -> list[str]:
    problems, console = [], []
    for tab in tabs.values():
        tab.on("console", lambda message: message.type == "error" and console.append(message.text))
    for locale, tab in tabs.items():
        response = tab.goto(path)
        if response is None or response.status >= 400:
            return [f"{path} [{locale}]: answered {response.status if response else None}"]
    for width in WIDTHS:
        for tab in tabs.values():
            tab.set_viewport_size({"width": width, "height": 800})
            tab.evaluate(START_AXE, AXE_TAGS)
        for locale, tab in tabs.items():
            for violation in tab.evaluate("() => window.pnyxAxe")["violations"]:
                if violation["impact"] in BLOCKING:
                    where = "; ".join(", ".join(n["target"]) for n in violation["nodes"][:3])
                    problems.append(
                        f"{path} [{locale}] at {width}px: {violation['id']} "
                        f"({violation['impact']}): {violation['help']} at {where}"
                    )
    for locale, tab in tabs.items():
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        if scroll_width > WIDTHS[-1]:
            problems.append(f"{path} [{locale}]: scrolls sideways at 320px ({scroll_width}px)")
    return problems + [f"{path}: browser console: {text}" for text in console]


@pytest.mark.parametrize("visitor", ["anonymous", "resident"])
def test_first_pages_are_accessible(served, visitor: str, browser: Any, axe_source: str) -> None:
    instance, base = served
    email = instance.resident if visitor == "resident" else None
    paths = first_pages(instance, email)
    assert "/" in paths and any(path.startswith("/spaces/") for path in paths)
    tabs = open_tabs(browser, axe_source, base, instance, email)
    try:
        problems = [problem for path in paths for problem in audit(tabs, path)]
    finally:
        for tab in tabs.values():
            tab.context.close()
    name = instance.distribution.name
    assert not problems, f"{name} as {visitor}, {len(paths)} pages:\n" + "\n".join(problems)
