"""Test a city distribution as an integrator would run it (docs/distributions.md).

:func:`seeded_instance` builds a fresh instance of the distribution (a new SQLite file, or a
new schema of ``PNYX_TEST_DATABASE_URL``'s PostgreSQL database), runs ``pnyx db upgrade`` and
``pnyx seed --distribution NAME`` through the CLI runner, and gives the test the app::

    @pytest.fixture(scope="module")
    def touraine(database_url, tmp_path_factory):
        with seeded_instance("touraine", database_url, tmp_path_factory.mktemp("t")) as city:
            yield city

    def test_every_public_page_answers(touraine):
        touraine.check_public_pages()                      # anonymous
        touraine.check_public_pages(touraine.resident)     # signed in

:func:`contrast_problems` checks the theme's colours (WCAG 2.1 AA).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
from flask import Flask
from sqlalchemy import select

from pnyx.app import create_app
from pnyx.db import get_database, get_session
from pnyx.distributions import Distribution, get_distribution
from pnyx.models import User
from pnyx.testing.client import PnyxClient, PnyxCliRunner, sign_in
from pnyx.testing.crawl import Page, crawl
from pnyx.testing.database import fresh_database
from pnyx.testing.speed import entry_points_read_once

SECRET_KEY = "pnyx-test-secret-key-not-for-production"
#: Links the crawl does not follow: leaving (a signed-in crawl would end its own session).
NOT_FOLLOWED = ("/sign-out", "/static/", "/uploads/")


@attrs.define
class SeededInstance:
    """A migrated instance seeded with a distribution."""

    app: Flask
    distribution: Distribution
    #: What ``pnyx seed --distribution`` printed.
    seed_output: str

    @property
    def resident(self) -> str:
        """The e-mail address of the distribution's first resident account."""
        account = self.distribution.resident
        assert account is not None, f"{self.distribution.name} declares no resident account"
        return account.email

    def user_id(self, email: str) -> int:
        with self.app.app_context():
            found = get_session().scalar(select(User.id).where(User.email == email))
        assert found is not None, f"no account {email} in {self.distribution.name}"
        return found

    def client(self, email: str | None = None, locale: str | None = None) -> PnyxClient:
        """A test client, anonymous or signed in as ``email``; ``locale`` sets its cookie."""
        client: PnyxClient = self.app.test_client()  # type: ignore[assignment]
        if locale:
            client.set_cookie("pnyx_locale", locale)
        if email:
            sign_in(client, self.user_id(email))
        return client

    def crawl(
        self, email: str | None = None, *, limit: int = 400, per_endpoint: int = 3
    ) -> list[Page]:
        """The pages reachable from the home page, as anonymous or as ``email``."""
        return crawl(
            self.client(email), ["/"], limit=limit, per_endpoint=per_endpoint, skip=NOT_FOLLOWED
        )

    def check_public_pages(self, email: str | None = None, **options: Any) -> list[Page]:
        """Crawl, and fail on any page answering 4xx or 5xx (with where it was linked)."""
        pages = self.crawl(email, **options)
        assert any(page.status == 200 and page.is_html for page in pages)
        broken = broken_links(pages)
        who = email or "anonymous"
        assert not broken, f"{self.distribution.name}, as {who}: " + "; ".join(broken)
        return pages


def broken_links(pages: Iterable[Page]) -> list[str]:
    """``"<status> <path> (linked from <page>)"`` for every page answering 4xx or 5xx."""
    return [
        f"{page.status} {page.url} (linked from {page.found_on or 'start'})"
        for page in pages
        if page.status >= 400
    ]


@contextmanager
def seeded_instance(
    name: str,
    database_url: str,
    folder: Path,
    *,
    config: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Iterator[SeededInstance]:
    """A fresh instance of the kit's database kind, upgraded and seeded with ``name``.

    ``database_url`` is the kit's (the ``database_url`` fixture): SQLite, or PostgreSQL when
    ``PNYX_TEST_DATABASE_URL`` says so. ``today`` is not passed to the CLI (it seeds with the
    real date); give it only to check that a seed does not depend on the day.
    """
    distribution = get_distribution(name)
    with fresh_database(database_url, folder / "db") as url:
        settings = {
            "DISTRIBUTION": name,
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(folder / "instance"),
            "TESTING": True,
            "SECRET_KEY": SECRET_KEY,
            "JOBS": "inline",
            **(config or {}),
        }
        with entry_points_read_once():
            app = create_app(settings)
        app.test_client_class = PnyxClient
        app.test_cli_runner_class = PnyxCliRunner
        try:
            runner = app.test_cli_runner()
            upgraded = runner.invoke(args=["db", "upgrade"])
            assert upgraded.exit_code == 0, upgraded.output
            if today is None:
                seeded = runner.invoke(args=["seed", "--distribution", name])
                assert seeded.exit_code == 0, seeded.output
                output = seeded.output
            else:
                output = _seed_on(app, distribution, today)
            yield SeededInstance(app, distribution, output)
        finally:
            get_database(app).engine.dispose()


def _seed_on(app: Flask, distribution: Distribution, today: dt.date) -> str:
    from pnyx.distributions import seed_distribution

    with app.app_context():
        seed_distribution(get_session(), distribution, today)
    return f"Seeded distribution {distribution.name} on {today.isoformat()}."


# --- Colours -------------------------------------------------------------------------

#: The theme variables drawn as text on a background, each pair at 4.5:1 at least.
COLOUR_PAIRS = (
    ("--primary-text", "--primary"),
    ("--primary", "--bg"),
    ("--primary", "--surface"),
    ("--text", "--bg"),
    ("--text", "--surface"),
    ("--muted", "--bg"),
    ("--muted", "--surface"),
    ("--error", "--bg"),
    ("--success", "--bg"),
)
#: The core's defaults (``pnyx.css``), for the variables a theme leaves alone.
CORE_STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "pnyx.css"
VARIABLE = re.compile(r"(--[a-z-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b")


def _relative_luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rgb``/``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted(
        (_relative_luminance(foreground), _relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def root_variables(css: str) -> dict[str, str]:
    """The hex colour variables of the stylesheet's first ``:root`` rule."""
    match = re.search(r":root\s*\{(.*?)\}", css, re.S)
    return dict(VARIABLE.findall(match.group(1))) if match else {}


def contrast_problems(distribution: Distribution, minimum: float = 4.5) -> list[str]:
    """The colour pairs of the theme (over the core's defaults) below ``minimum``:1."""
    colours = root_variables(CORE_STYLESHEET.read_text())
    colours["--primary"] = distribution.organization.primary_color
    stylesheet = distribution.theme / "static" / "theme.css" if distribution.theme else None
    if stylesheet is not None and stylesheet.is_file():
        colours.update(root_variables(stylesheet.read_text()))
    problems = []
    for foreground, background in COLOUR_PAIRS:
        if foreground in colours and background in colours:
            ratio = contrast_ratio(colours[foreground], colours[background])
            if ratio < minimum:
                problems.append(
                    f"{foreground} {colours[foreground]} on {background} {colours[background]}: "
                    f"{ratio:.2f}:1 < {minimum}:1"
                )
    return problems


__all__ = [
    "SeededInstance",
    "broken_links",
    "contrast_problems",
    "contrast_ratio",
    "get_distribution",
    "seeded_instance",
]
