"""Interface catalogues (DESIGN.md §7, docs/translations.md): French is complete, compiled and
current in the core and in every plugin that ships one; the core's English and Corsican
catalogues exist and are compiled; Corsican covers the public pages' main strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from pnyx import create_app
from pnyx.testing.translations import (
    KEYWORDS,
    catalogue_problems,
    read_catalogue,
    translated_share,
)

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "core/src/pnyx"
#: What a resident meets first: layout, menus, language switcher, home, space, phases,
#: component shell, sign-in and sign-up, account basics, error pages and refusals.
PUBLIC_SOURCES = (
    "templates/pnyx/layout.html",
    "templates/pnyx/_user_menu.html",
    "templates/pnyx/_locale_switcher.html",
    "templates/pnyx/home.html",
    "templates/pnyx/space.html",
    "templates/pnyx/_phases.html",
    "templates/pnyx/component.html",
    "templates/pnyx/_decision.html",
    "templates/pnyx/error.html",
    "templates/pnyx/account/sign_in.html",
    "templates/pnyx/account/sign_up.html",
    "templates/pnyx/account/_fields.html",
    "templates/pnyx/account/check_mailbox.html",
    "templates/pnyx/account/forgot_password.html",
    "templates/pnyx/account/invalid_link.html",
    "templates/pnyx/account/resend.html",
    "web/errors.py",
    "accounts/sign_in.py",
    "accounts/sign_up.py",
    "accounts/forms.py",
    "accounts/password_policy.py",
    "templating.py",
)
#: Share of those strings Corsican must translate: all of them today; a little room for a
#: string added to a public page before a Corsican speaker translates it (French shows).
PUBLIC_CORSICAN_SHARE = 0.9
#: Share of all the core's strings translated in Corsican (about 31 % today).
OVERALL_CORSICAN_SHARE = 0.3


def packages_with_french() -> list[Path]:
    """The core, then every plugin and example that has a ``translations/fr`` folder."""
    found = [CORE, *sorted(ROOT.glob("plugins/*/src/pnyx_*")), *ROOT.glob("examples/*/src/pnyx_*")]
    return [package for package in found if (package / "translations/fr").is_dir()]


@pytest.mark.parametrize("package", packages_with_french(), ids=lambda package: package.name)
def test_french_is_complete_compiled_and_current(package: Path) -> None:
    assert catalogue_problems(package, "fr") == []


def test_every_package_is_checked() -> None:
    names = {package.name for package in packages_with_french()}
    assert {"pnyx", "pnyx_hello", "pnyx_meetings"} <= names


@pytest.mark.parametrize("locale", ["en", "co"])
def test_the_core_english_and_corsican_catalogues_are_compiled(locale: str) -> None:
    # Untranslated English entries fall back to the msgid, which is English.
    assert catalogue_problems(CORE, locale, complete=False) == []


def test_english_french_and_corsican_are_real_locales(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "DATABASE_URL": "sqlite://"})
    with app.app_context():
        locales = {str(locale) for locale in app.extensions["babel"].instance.list_translations()}
    assert {"fr", "en", "co"} <= locales


def public_msgids() -> set[str]:
    found: set[str] = set()
    for source in PUBLIC_SOURCES:
        method = "python" if source.endswith(".py") else "jinja2"
        for _line, message, _comments, _context in extract_from_file(
            method, str(CORE / source), keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_corsican_covers_the_public_pages() -> None:
    wanted = public_msgids()
    assert len(wanted) >= 80
    catalogue = read_catalogue(CORE, "co")
    missing = sorted(i for i in wanted if i not in catalogue or not catalogue[i].string)
    share = translated_share(CORE, "co", wanted)
    assert share >= PUBLIC_CORSICAN_SHARE, f"translate in co/messages.po: {missing}"
    assert translated_share(CORE, "co") >= OVERALL_CORSICAN_SHARE
